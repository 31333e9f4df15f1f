package dev.ordersaga.benchmark;

import dev.ordersaga.benchmark.driver.WarmupRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What one benchmark run does, from system properties. This class is the one place of the knobs and
 * their defaults ({@link #KNOBS}): {@link BenchmarkLauncher} passes on whatever {@code -Dbenchmark.NAME} the Maven
 * command line sets (unset or empty means the default here), the report lists them with the values of the run,
 * and {@code docs/performance.md} lists them (a test checks that the docs' table is exactly this list).
 *
 * @param concurrency orders in flight in every closed-loop block
 * @param block length of each measured closed-loop block
 * @param settle start of each block (closed or open loop) that is not measured (the pipeline fills)
 * @param rounds how many times each configuration is measured in a closed loop; the order rotates every round
 * @param drainTimeout how long a block waits for its last orders before it counts them as lost
 * @param warmupBlock length of a warm-up block (closed loop, not reported)
 * @param warmup when a configuration is warm
 * @param warmupMax the longest the warm-up may take in all; if it is reached the run goes on, and says so
 * @param openRatePercents the open-loop arrival rates of the saga, in percent of its closed-loop capacity in the same run
 * @param openBlock length of each open-loop block
 * @param rssOrders saga orders the run puts through before it ends: the long block runs until there are as many
 * @param rssWindowOrders the last saga orders of the run whose growth of resident memory is reported
 * @param rssSampleMillis how often resident memory is sampled
 * @param runBudget the longest this JVM may run: the long block ends when it is reached, and the run says so
 * @param configs the configurations to run (all three for the BENCH line; fewer for profiling)
 * @param jfr whether to record the measured blocks with JFR (profile settings) and summarise them
 * @param stopListeners what-if experiments only: ids of the application's Kafka listener containers to
 *     stop after start-up (e.g. {@code order-tracker}); the report says so, and such a run does not
 *     measure the application as it is
 * @param output where the report, chart, histograms and recording go
 */
public record BenchmarkSettings(
        int concurrency,
        Duration block,
        Duration settle,
        int rounds,
        Duration drainTimeout,
        Duration warmupBlock,
        WarmupRule warmup,
        Duration warmupMax,
        List<Integer> openRatePercents,
        Duration openBlock,
        long rssOrders,
        long rssWindowOrders,
        long rssSampleMillis,
        Duration runBudget,
        List<String> configs,
        boolean jfr,
        List<String> stopListeners,
        Path output) {

    public static final String KAFKA_CHAIN = "kafka-chain";
    public static final String ENGINE_ONLY = "engine-only";
    public static final String SAGA = "saga";
    public static final List<String> ALL = List.of(KAFKA_CHAIN, ENGINE_ONLY, SAGA);

    /**
     * A knob: the system property {@code benchmark.NAME} (also a Maven property of the same name).
     *
     * @param name the property name without {@code benchmark.}
     * @param defaultValue its default ({@code jvmArgs}: applied by {@link BenchmarkLauncher}, as a JVM cannot set its own options)
     * @param meaning what it does, for the docs and the report
     */
    public record Knob(String name, String defaultValue, String meaning) {}

    /** Every knob, in the order of the docs. */
    public static final List<Knob> KNOBS = List.of(
            new Knob("concurrency", "32", "orders in flight in every closed-loop block"),
            new Knob("rounds", "3", "measured closed-loop blocks per configuration; the order of the configurations rotates every round"),
            new Knob("blockSeconds", "12", "length of a closed-loop block"),
            new Knob("settleSeconds", "2", "start of every block (closed or open loop) that is not measured"),
            new Knob("drainSeconds", "60", "how long a block waits for its last orders before it counts them as lost"),
            new Knob("warmupBlockSeconds", "8", "length of a warm-up block (closed loop)"),
            new Knob("warmupBlocks", "3", "a configuration is warm when its last this many warm-up blocks agree on CPU per order ..."),
            new Knob("warmupTolerance", "0.10", "... within this fraction (largest at most 1.10 times the smallest)"),
            new Knob("warmupMaxSeconds", "150", "cap of the whole warm-up; the run goes on after it, and the log and report say so"),
            new Knob("openRatePercents", "25,50,75", "open-loop arrival rates of the saga, in % of its closed-loop capacity in the same run"),
            new Knob("openSeconds", "40", "length of each open-loop block"),
            new Knob("rssOrders", "20000", "saga orders the run puts through: the long block (closed loop, saga) runs until there are as many"),
            new Knob("rssWindowOrders", "5000", "the last saga orders over which the growth of resident memory is reported"),
            new Knob("rssSampleMillis", "1000", "how often the resident memory of all processes is sampled"),
            new Knob("maxMinutes", "18.5", "the benchmark JVM's time budget: the long block ends when it is used up, and the run says so"),
            new Knob("configs", String.join(",", ALL), "fewer for profiling one of them (open-loop and long blocks need `saga`)"),
            new Knob("jfr", "false", "record the measured closed-loop blocks with JFR and summarise the profile in the report"),
            new Knob("stopListeners", "", "what-if runs only: stop these listener containers (e.g. `order-projection`); the report flags such a run"),
            new Knob("output", "target/benchmark", "where the report, chart and histograms go"),
            new Knob("jvmArgs", "-Xms256m -Xmx512m -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError",
                    "the benchmark JVM's options: a heap sized for the embedded stack, not so large that resident memory measures the heap"));

    public static BenchmarkSettings fromSystemProperties() {
        return from(name -> System.getProperty("benchmark." + name));
    }

    /** The settings from these knob values (null or empty: the default). */
    public static BenchmarkSettings from(Function<String, String> properties) {
        var values = new java.util.HashMap<String, String>();
        for (Knob knob : KNOBS) {
            String value = properties.apply(knob.name());
            values.put(knob.name(), value == null || value.isBlank() ? knob.defaultValue() : value.strip());
        }
        return from(values);
    }

    private static BenchmarkSettings from(Map<String, String> v) {
        var configs = list(v.get("configs"));
        for (String config : configs) {
            if (!ALL.contains(config)) {
                throw new IllegalArgumentException("benchmark.configs: unknown configuration " + config + " (known: " + ALL + ")");
            }
        }
        var settings = new BenchmarkSettings(
                Integer.parseInt(v.get("concurrency")),
                seconds(v.get("blockSeconds")),
                seconds(v.get("settleSeconds")),
                Integer.parseInt(v.get("rounds")),
                seconds(v.get("drainSeconds")),
                seconds(v.get("warmupBlockSeconds")),
                new WarmupRule(Integer.parseInt(v.get("warmupBlocks")), Double.parseDouble(v.get("warmupTolerance"))),
                seconds(v.get("warmupMaxSeconds")),
                list(v.get("openRatePercents")).stream().map(Integer::valueOf).sorted().toList(),
                seconds(v.get("openSeconds")),
                Long.parseLong(v.get("rssOrders")),
                Long.parseLong(v.get("rssWindowOrders")),
                Long.parseLong(v.get("rssSampleMillis")),
                Duration.ofMillis(Math.round(Double.parseDouble(v.get("maxMinutes")) * 60_000)),
                ALL.stream().filter(configs::contains).toList(),
                Boolean.parseBoolean(v.get("jfr")),
                list(v.get("stopListeners")),
                Path.of(v.get("output")));
        if (settings.concurrency < 1 || settings.rounds < 1 || settings.block.compareTo(settings.settle) <= 0
                || settings.warmupBlock.compareTo(settings.settle) <= 0 || settings.openBlock.compareTo(settings.settle) <= 0
                || settings.openRatePercents.stream().anyMatch(p -> p <= 0) || settings.rssSampleMillis < 10) {
            throw new IllegalArgumentException("Invalid benchmark settings: " + settings);
        }
        return settings;
    }

    /** The measured part of a closed-loop block. */
    public Duration measured() {
        return block.minus(settle);
    }

    /** The settings as the knobs' values, for the report. */
    public Map<String, String> knobValues() {
        var values = new java.util.LinkedHashMap<String, String>();
        values.put("concurrency", Integer.toString(concurrency));
        values.put("rounds", Integer.toString(rounds));
        values.put("blockSeconds", seconds(block));
        values.put("settleSeconds", seconds(settle));
        values.put("drainSeconds", seconds(drainTimeout));
        values.put("warmupBlockSeconds", seconds(warmupBlock));
        values.put("warmupBlocks", Integer.toString(warmup.blocks()));
        values.put("warmupTolerance", Double.toString(warmup.tolerance()));
        values.put("warmupMaxSeconds", seconds(warmupMax));
        values.put("openRatePercents", String.join(",", openRatePercents.stream().map(String::valueOf).toList()));
        values.put("openSeconds", seconds(openBlock));
        values.put("rssOrders", Long.toString(rssOrders));
        values.put("rssWindowOrders", Long.toString(rssWindowOrders));
        values.put("rssSampleMillis", Long.toString(rssSampleMillis));
        values.put("maxMinutes", Double.toString(runBudget.toMillis() / 60_000.0));
        values.put("configs", String.join(",", configs));
        values.put("jfr", Boolean.toString(jfr));
        values.put("stopListeners", String.join(",", stopListeners));
        values.put("output", output.toString());
        values.put("jvmArgs", String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X")).toList()));
        return values;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? Long.toString(duration.toSeconds()) : Double.toString(duration.toMillis() / 1000.0);
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
