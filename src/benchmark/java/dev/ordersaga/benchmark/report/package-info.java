/**
 * The benchmark's results (a block, a configuration), its Markdown report and its chart (XChart, headless).
 */
package dev.ordersaga.benchmark.report;
