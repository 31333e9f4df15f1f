/**
 * The load of the benchmark: closed loops at a fixed concurrency and open loops at a fixed arrival rate
 * ({@link dev.ordersaga.benchmark.driver.ArrivalSchedule}), the orders they place, the book of each block that
 * matches completions to orders, and when a configuration is warm ({@link dev.ordersaga.benchmark.driver.WarmupRule}).
 * What they drive is an {@link dev.ordersaga.benchmark.driver.OrderSystem}.
 */
package dev.ordersaga.benchmark.driver;
