/**
 * Small helpers every engine-facing part shares: the status code of an engine command's failure ({@link
 * dev.ordersaga.engine.EngineErrors}), the command id of a step's job ({@link dev.ordersaga.engine.CommandIds}), and
 * the headers that place a message on the diagram of the process version its job runs on ({@link
 * dev.ordersaga.engine.ElementHeaders}). Depends on the engine client and {@code messaging} only.
 */
package dev.ordersaga.engine;
