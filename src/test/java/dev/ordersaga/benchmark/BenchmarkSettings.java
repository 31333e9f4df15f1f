package dev.ordersaga.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What one benchmark run does, from system properties (the {@code benchmark} Maven profile passes them
 * on; see {@code docs/performance.md}).
 *
 * @param concurrency orders in flight in every configuration (closed loop)
 * @param warmup warm-up time of each configuration, in two passes over all of them (not reported)
 * @param block length of each measured block
 * @param settle start of each block that is not measured (the pipeline fills)
 * @param rounds how many times each configuration is measured; the order rotates every round
 * @param drainTimeout how long a block waits for its last orders before it counts them as lost
 * @param configs the configurations to run (all three for the BENCH line; fewer for profiling)
 * @param jfr whether to record the measured blocks with JFR (profile settings) and summarise them
 * @param stopListeners what-if experiments only: ids of the application's Kafka listener containers to
 *     stop after start-up (e.g. {@code order-tracker}); the report says so, and such a run does not
 *     measure the application as it is
 * @param output where the report, chart, histograms and recording go
 */
record BenchmarkSettings(
        int concurrency,
        Duration warmup,
        Duration block,
        Duration settle,
        int rounds,
        Duration drainTimeout,
        List<String> configs,
        boolean jfr,
        List<String> stopListeners,
        Path output) {

    static final String KAFKA_CHAIN = "kafka-chain";
    static final String ENGINE_ONLY = "engine-only";
    static final String SAGA = "saga";
    static final List<String> ALL = List.of(KAFKA_CHAIN, ENGINE_ONLY, SAGA);

    static BenchmarkSettings fromSystemProperties() {
        var configs = Arrays.stream(System.getProperty("benchmark.configs", String.join(",", ALL)).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String config : configs) {
            if (!ALL.contains(config)) {
                throw new IllegalArgumentException("benchmark.configs: unknown configuration " + config + " (known: " + ALL + ")");
            }
        }
        var settings = new BenchmarkSettings(
                Integer.getInteger("benchmark.concurrency", 32),
                seconds("benchmark.warmupSeconds", 40),
                seconds("benchmark.blockSeconds", 15),
                seconds("benchmark.settleSeconds", 2),
                Integer.getInteger("benchmark.rounds", 3),
                seconds("benchmark.drainSeconds", 60),
                ALL.stream().filter(configs::contains).toList(),
                Boolean.parseBoolean(System.getProperty("benchmark.jfr", "false")),
                Arrays.stream(System.getProperty("benchmark.stopListeners", "").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
                Path.of(System.getProperty("benchmark.output", "target/benchmark")));
        if (settings.concurrency < 1 || settings.rounds < 1 || settings.block.compareTo(settings.settle) <= 0) {
            throw new IllegalArgumentException("Invalid benchmark settings: " + settings);
        }
        return settings;
    }

    /** The measured part of a block. */
    Duration measured() {
        return block.minus(settle);
    }

    private static Duration seconds(String property, int defaultSeconds) {
        return Duration.ofMillis(Math.round(Double.parseDouble(System.getProperty(property, Integer.toString(defaultSeconds))) * 1000));
    }
}
