/**
 * What the benchmark measures besides latency: CPU by process and by thread group, resident memory of all
 * processes, the heap after collections, a JFR summary, the projection's cost in Elasticsearch, the machine, and
 * where a saga order's time goes hop by hop.
 */
package dev.ordersaga.benchmark.probes;
