/**
 * The three systems under test, each an {@link dev.ordersaga.benchmark.driver.OrderSystem}: the saga (the
 * application end to end), the engine alone (the same BPMN with instant workers) and the Kafka chain (the
 * participants' four exchanges, with {@link dev.ordersaga.benchmark.systems.ChainParticipants} registered through
 * the participants' own registration on topics of their own).
 */
package dev.ordersaga.benchmark.systems;
