package dev.ordersaga.benchmark.report;

import dev.ordersaga.benchmark.BenchmarkSettings;
import dev.ordersaga.benchmark.driver.OpenLoop;
import dev.ordersaga.benchmark.probes.Machine;
import dev.ordersaga.benchmark.probes.ProjectionSummary;
import dev.ordersaga.benchmark.probes.ResidentMemory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The BENCH line and the Markdown report. */
public final class Report {

    private Report() {}

    /** The one-line summary, exactly in the form the issues ask for (issue 6's fields, then issue 10's). */
    public static String benchLine(Optional<ConfigResult> saga, Optional<ConfigResult> engineOnly, Optional<ConfigResult> chain, long rssMb,
            List<OpenLoop.Result> open, Memory memory) {
        double sagaRate = saga.map(ConfigResult::ordersPerSecond).orElse(Double.NaN);
        double engineRate = engineOnly.map(ConfigResult::ordersPerSecond).orElse(Double.NaN);
        double sagaCpu = saga.map(ConfigResult::stackCpuMillisPerOrder).orElse(Double.NaN);
        double partsCpu = engineOnly.map(ConfigResult::stackCpuMillisPerOrder).orElse(Double.NaN)
                + chain.map(ConfigResult::stackCpuMillisPerOrder).orElse(Double.NaN);
        Optional<BlockResult> half = open.stream().filter(r -> r.percentOfCapacity() == 50).map(OpenLoop.Result::block).findFirst();
        return String.format(Locale.ROOT,
                "BENCH orders_per_s=%.1f saga_p50_ms=%.1f saga_p99_ms=%.1f engine_only_orders_per_s=%.1f kafka_chain_orders_per_s=%.1f "
                        + "kafka_chain_p50_ms=%.1f bridge_efficiency=%.2f cpu_ms_per_order=%.2f rss_mb=%d "
                        + "saga_cpu_ms_per_order=%.2f parts_cpu_ms_per_order=%.2f cost_ratio=%.2f open_p50_ms_at_50pct=%.1f "
                        + "open_p99_ms_at_50pct=%.1f rss_peak_mb=%d rss_growth_last5k_pct=%.1f",
                sagaRate,
                saga.map(r -> r.percentileMillis(50)).orElse(Double.NaN),
                saga.map(r -> r.percentileMillis(99)).orElse(Double.NaN),
                engineRate,
                chain.map(ConfigResult::ordersPerSecond).orElse(Double.NaN),
                chain.map(r -> r.percentileMillis(50)).orElse(Double.NaN),
                sagaRate / engineRate,
                saga.map(ConfigResult::cpuMillisPerOrder).orElse(Double.NaN),
                rssMb,
                sagaCpu,
                partsCpu,
                sagaCpu / partsCpu,
                half.map(b -> b.percentileMillis(50)).orElse(Double.NaN),
                half.map(b -> b.percentileMillis(99)).orElse(Double.NaN),
                memory.peakMb(),
                memory.growthPercent());
    }

    /**
     * How the warm-up went.
     *
     * @param cpuMillisPerOrder CPU per order of all processes, block by block, by configuration
     * @param seconds how long it took
     * @param capReached whether it stopped at the cap rather than because every configuration was stable
     */
    public record Warmup(Map<String, List<Double>> cpuMillisPerOrder, long seconds, boolean capReached) {}

    /**
     * The long block of the saga, for resident memory.
     *
     * @param block the block (closed loop, measured from its first order)
     * @param orders saga orders through during it
     * @param runOrders saga orders through in the whole run at its end
     * @param cutShort why it ended before the run had its orders (the time budget, a full heap), null if it did not
     */
    public record LongBlock(BlockResult block, long orders, long runOrders, String cutShort) {}

    /**
     * Resident memory of all processes over the run.
     *
     * @param samples every sample, in order
     * @param summedHighWaterMarksMb VmHWM of this JVM and of its live descendants at the end, summed
     * @param children the descendants at the end, one line each
     * @param growthPercent growth over the last {@code rssWindowOrders} saga orders ({@link ResidentMemory#growthPercent})
     */
    public record Memory(List<ResidentMemory.Sample> samples, long summedHighWaterMarksMb, List<String> children, double growthPercent) {

        long peakMb() {
            return samples.stream().mapToLong(ResidentMemory.Sample::totalMb).max().orElse(-1);
        }

        Optional<ResidentMemory.Sample> peak() {
            return samples.stream().max(java.util.Comparator.comparingLong(ResidentMemory.Sample::totalMb));
        }

        long peakJvmMb() {
            return samples.stream().mapToLong(ResidentMemory.Sample::jvmMb).max().orElse(-1);
        }

        long peakChildrenMb() {
            return samples.stream().mapToLong(ResidentMemory.Sample::childrenMb).max().orElse(-1);
        }
    }

    public record Context(BenchmarkSettings settings, String startedAt, String commit, String uptimeBefore, String uptimeAfter,
            String freeBefore, long startupMillis, long ordersPlaced, String sagaTimeline, String jfrSummary, Warmup warmup,
            List<OpenLoop.Result> open, LongBlock longBlock, Memory memory, String stoppedEarly, ProjectionSummary projection) {}

    /** The samples of resident memory as CSV. */
    public static String rssCsv(Memory memory) {
        var csv = new StringBuilder("elapsed_s,phase,saga_orders,jvm_mb,elasticsearch_mb,total_mb\n");
        memory.samples().forEach(s -> csv.append(String.format(Locale.ROOT, "%.1f,%s,%d,%d,%d,%d%n", s.elapsedMillis() / 1000.0,
                s.phase(), s.sagaOrders(), s.jvmMb(), s.childrenMb(), s.totalMb())));
        return csv.toString();
    }

    public static String markdown(Context context, List<ConfigResult> results, String benchLine) {
        var settings = context.settings();
        var md = new StringBuilder();
        md.append("# order-saga benchmark\n\n");
        md.append("Run ").append(context.startedAt()).append(context.commit().isBlank() ? "" : ", commit `" + context.commit() + "`")
                .append(". Command: `./mvnw -Pbenchmark verify`.\n\n");
        md.append("```\n").append(benchLine).append("\n```\n\n");
        if (context.stoppedEarly() != null) {
            md.append("**Stopped early: ").append(context.stoppedEarly()).append(". The figures below are those of the blocks it ran.**\n\n");
        }
        if (!settings.stopListeners().isEmpty()) {
            md.append("**What-if run: listener container(s) ").append(settings.stopListeners())
                    .append(" stopped after start-up. These figures are not the application's.**\n\n");
        }
        md.append("![latency and throughput](benchmark.png)\n\n");

        md.append("## Results\n\n");
        md.append(String.format(Locale.ROOT, "Closed loop, **%d orders in flight** in every configuration; %d round(s) of one %d s block per "
                        + "configuration (the first %d s of each block not measured), in rotating order, after the warm-up below and the long block "
                        + "of the saga (see Resident memory), so that the compiler is done with the saga's code. "
                        + "Latency is from when an order was due (its slot became free) to when it was through.%n%n",
                settings.concurrency(), settings.rounds(), settings.block().toSeconds(), settings.settle().toSeconds()));
        md.append("| configuration | orders/s | range of blocks | p50 ms | p99 ms | p99.9 ms | max ms | CPU ms/order (this JVM) | errors "
                + "| orders measured |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (ConfigResult r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f–%.0f | %.1f | %.1f | %.1f | %.1f | %.2f | %d | %d |%n", r.config(),
                    r.ordersPerSecond(), r.minOrdersPerSecond(), r.maxOrdersPerSecond(), r.percentileMillis(50), r.percentileMillis(99),
                    r.percentileMillis(99.9), r.maxMillis(), r.cpuMillisPerOrder(), r.errors(), r.latency().getTotalCount()));
        }
        cpuPerProcess(md, results);
        if (context.projection() != null) {
            md.append(context.projection().markdown());
        }
        openLoop(md, context);
        memory(md, context);
        warmup(md, context);

        md.append("### Every block\n\n");
        md.append("| round | configuration | orders/s | p50 ms | p99 ms | p99.9 ms | CPU ms/order | GCs | GC pause ms "
                + "| machine busy | this JVM | Elasticsearch node | steal | RSS MB | errors |\n");
        md.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        results.stream().flatMap(r -> r.blocks().stream())
                .sorted(java.util.Comparator.comparingInt(BlockResult::round))
                .forEach(b -> md.append(String.format(Locale.ROOT,
                        "| %d | %s | %.1f | %.1f | %.1f | %.1f | %.2f | %d | %d | %.0f %% | %.0f %% | %.0f %% | %.0f %% | %d | %d |%n",
                        b.round(), b.config(), b.ordersPerSecond(), b.percentileMillis(50), b.percentileMillis(99), b.percentileMillis(99.9),
                        b.cpuMillisPerOrder(), b.metrics().gcCount(), b.metrics().gcPauseMillis(), b.metrics().machineBusyPercent(),
                        b.metrics().processPercentOfMachine(), b.metrics().childPercentOfMachine(), b.metrics().machineStealPercent(),
                        b.rssMb(), b.errors())));
        md.append("\n\"machine busy\" is all CPUs of the machine (/proc/stat, all but idle and I/O wait), \"this JVM\" the benchmark's "
                + "own share, \"Elasticsearch node\" its child processes' (/proc/PID/stat), \"steal\" the time the hypervisor gave to "
                + "other machines; what remains of \"machine busy\" is other processes and the kernel.\n\n");

        md.append("### Where the CPU goes\n\n");
        md.append("CPU milliseconds per order by thread group (ThreadMXBean, exact CPU time of each thread over the measured "
                + "windows, divided by the orders completed in them; numbers in thread names replaced by #):\n\n");
        for (ConfigResult r : results) {
            md.append("**").append(r.config()).append("** (").append(String.format(Locale.ROOT, "%.2f", r.cpuMillisPerOrder()))
                    .append(" ms/order in all):\n\n| thread group | CPU ms/order | share |\n| --- | ---: | ---: |\n");
            double total = r.cpuMillisPerOrder();
            r.cpuMillisPerOrderByThreadGroup().entrySet().stream().limit(15).forEach(e -> md.append(String.format(Locale.ROOT,
                    "| `%s` | %.2f | %.0f %% |%n", e.getKey().replace("|", "\\|"), e.getValue(), 100 * e.getValue() / total)));
            md.append(String.format(Locale.ROOT, "%nOutside this JVM, its child processes (the Elasticsearch node): %.2f CPU ms/order.%n%n",
                    r.childCpuMillisPerOrder()));
        }

        if (context.sagaTimeline() != null && !context.sagaTimeline().isBlank()) {
            md.append("### Where a saga order's time goes\n\n").append(context.sagaTimeline());
        }

        md.append("## The configurations\n\n");
        for (ConfigResult r : results) {
            md.append("- **").append(r.config()).append("**: ").append(r.description()).append(".\n");
        }
        md.append("""
                - **bridge_efficiency** = saga throughput / engine-only throughput at the same concurrency: the share of the \
                engine's capacity the saga keeps once every step is a Kafka round trip through a participant.
                - **CPU ms/order** = CPU time over the measured window / orders completed in it: this JVM's process CPU \
                (OperatingSystemMXBean; engine, broker, application, participants, load generator) and the Elasticsearch \
                node's (its processes' user and system time in /proc), on a %d-CPU machine. \
                **saga_cpu_ms_per_order** is the saga's for all processes, **parts_cpu_ms_per_order** engine-only's plus \
                kafka-chain's (all processes each), **cost_ratio** the first over the second.
                - Orders placed in this run, all configurations and the warm-up included: %d.

                """.formatted(Machine.nproc(), context.ordersPlaced()));

        md.append("## Machine\n\n");
        md.append("- CPUs (`nproc`): ").append(Machine.nproc()).append('\n');
        md.append("- CPU model (/proc/cpuinfo): ").append(Machine.cpuModel()).append('\n');
        md.append("- JVM: ").append(Machine.jvm()).append('\n');
        md.append("- OS: ").append(Machine.os()).append('\n');
        md.append("- application start-up with the embedded engine and broker: ").append(context.startupMillis()).append(" ms\n");
        md.append("- `uptime` before: `").append(context.uptimeBefore()).append("`\n");
        md.append("- `uptime` after: `").append(context.uptimeAfter()).append("`\n\n");
        md.append("`free -h` before:\n\n```\n").append(context.freeBefore()).append("\n```\n\n");

        md.append("## Reproduce\n\n");
        md.append("`./mvnw -Pbenchmark verify`, with any of these knobs as `-Dbenchmark.NAME=value` (defaults in "
                + "`BenchmarkSettings`):\n\n| knob | this run | default | meaning |\n| --- | --- | --- | --- |\n");
        var values = settings.knobValues();
        for (BenchmarkSettings.Knob knob : BenchmarkSettings.KNOBS) {
            md.append("| `").append(knob.name()).append("` | `").append(values.getOrDefault(knob.name(), "")).append("` | `")
                    .append(knob.defaultValue()).append("` | ").append(knob.meaning()).append(" |\n");
        }
        md.append("""

                Output: `target/benchmark/report.md` (this file), `benchmark.png`, one HdrHistogram percentile distribution per \
                configuration and open-loop rate (`*.hgrm`), the resident-memory samples (`rss.csv`), the application's log \
                (`application.log`) and, with `-Dbenchmark.jfr=true`, the recording of the measured blocks (`benchmark.jfr`) \
                with its summary below.

                """);

        if (context.jfrSummary() != null) {
            md.append("## Profile (JFR, measured blocks)\n\n").append(context.jfrSummary()).append('\n');
        }
        return md.toString();
    }

    private static void cpuPerProcess(StringBuilder md, List<ConfigResult> results) {
        md.append("\n### CPU per order, by process\n\n| configuration | this JVM | Elasticsearch node | all processes |\n"
                + "| --- | ---: | ---: | ---: |\n");
        for (ConfigResult r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", r.config(), r.cpuMillisPerOrder(), r.childCpuMillisPerOrder(),
                    r.stackCpuMillisPerOrder()));
        }
        double saga = stack(results, BenchmarkSettings.SAGA);
        double parts = stack(results, BenchmarkSettings.ENGINE_ONLY) + stack(results, BenchmarkSettings.KAFKA_CHAIN);
        md.append(String.format(Locale.ROOT, "%nA saga order costs %.2f ms of CPU in all processes, its parts (engine-only + kafka-chain) "
                + "%.2f ms: **cost ratio %.2f**.%n%n", saga, parts, saga / parts));
    }

    private static double stack(List<ConfigResult> results, String config) {
        return results.stream().filter(r -> r.config().equals(config)).mapToDouble(ConfigResult::stackCpuMillisPerOrder).findFirst()
                .orElse(Double.NaN);
    }

    private static void openLoop(StringBuilder md, Context context) {
        if (context.open().isEmpty()) {
            return;
        }
        md.append("### Open loop: the saga at fixed arrival rates\n\n");
        md.append(String.format(Locale.ROOT, "Order *i* of a block is due at *t0 + i / rate*, whether the orders before it are through or "
                + "not (no slots, no waiting), and its latency is taken from that intended time (no coordinated omission). Rates in %% "
                + "of the saga's closed-loop capacity measured above; %d s per rate, the first %d s not measured.%n%n",
                context.settings().openBlock().toSeconds(), context.settings().settle().toSeconds()));
        md.append("| rate | orders/s asked | orders/s done | p50 ms | p99 ms | p99.9 ms | max ms | CPU ms/order: this JVM + Elasticsearch = all "
                + "| machine busy | errors | orders measured | scheduler late at most, ms |\n");
        md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (OpenLoop.Result r : context.open()) {
            BlockResult b = r.block();
            md.append(String.format(Locale.ROOT, "| %.0f %% | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f + %.2f = %.2f | %.0f %% | %d | %d | %.1f |%n",
                    r.percentOfCapacity(), r.ratePerSecond(), b.ordersPerSecond(), b.percentileMillis(50), b.percentileMillis(99),
                    b.percentileMillis(99.9), b.latency().getTotalCount() == 0 ? Double.NaN : b.latency().getMaxValue() / 1000.0,
                    b.cpuMillisPerOrder(), b.childCpuMillisPerOrder(), b.stackCpuMillisPerOrder(), b.metrics().machineBusyPercent(),
                    b.errors(), b.latency().getTotalCount(), r.maxSchedulerLagMillis()));
        }
        md.append('\n');
    }

    private static void memory(StringBuilder md, Context context) {
        Memory memory = context.memory();
        md.append("### Resident memory of all processes\n\n");
        md.append(String.format(Locale.ROOT, "Sampled every %d ms for the whole run (start-up included): VmRSS of this JVM plus that of its "
                + "descendants (the Elasticsearch node: its launcher and its server JVM).%n%n", context.settings().rssSampleMillis()));
        md.append(String.format(Locale.ROOT, "- **peak of all processes: %d MB**", memory.peakMb()));
        memory.peak().ifPresent(p -> md.append(String.format(Locale.ROOT, " (%d MB this JVM + %d MB Elasticsearch, at %.0f s, %s, after %d "
                + "saga orders)", p.jvmMb(), p.childrenMb(), p.elapsedMillis() / 1000.0, p.phase(), p.sagaOrders())));
        md.append(String.format(Locale.ROOT, "%n- peaks on their own: this JVM %d MB, Elasticsearch %d MB; the processes' own high-water "
                + "marks (VmHWM) at the end, summed: %d MB%n", memory.peakJvmMb(), memory.peakChildrenMb(), memory.summedHighWaterMarksMb()));
        md.append(String.format(Locale.ROOT, "- **growth over the last %d saga orders of the long block: %.1f %%** (mean of the samples while the "
                + "first tenth of them went through against the mean while the last tenth did)%n", context.settings().rssWindowOrders(),
                memory.growthPercent()));
        LongBlock longBlock = context.longBlock();
        if (longBlock != null) {
            BlockResult b = longBlock.block();
            md.append(String.format(Locale.ROOT, "- long block, right after the warm-up: the saga alone, closed loop (%d in flight), "
                    + "%d orders in %.0f s (%.1f orders/s, CPU %.2f + %.2f = %.2f ms/order, p50 %.1f ms, p99 %.1f ms); "
                    + "the run put %d saga orders through in all%s%n",
                    context.settings().concurrency(), longBlock.orders(), b.metrics().seconds(), b.ordersPerSecond(), b.cpuMillisPerOrder(),
                    b.childCpuMillisPerOrder(), b.stackCpuMillisPerOrder(), b.percentileMillis(50), b.percentileMillis(99),
                    longBlock.runOrders(), longBlock.cutShort() == null ? "" : " (**cut short before " + context.settings().rssOrders()
                            + ": " + longBlock.cutShort() + "**)"));
        }
        md.append("- this JVM: ").append(Machine.jvm()).append('\n');
        memory.children().forEach(c -> md.append("- at the end, ").append(c).append('\n'));
        md.append('\n');
        var byPhase = new java.util.LinkedHashMap<String, long[]>();
        memory.samples().forEach(s -> byPhase.merge(s.phase(), new long[] {s.totalMb(), s.totalMb(), s.sagaOrders()},
                (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1]), Math.max(a[2], b[2])}));
        md.append("| phase | RSS of all processes, MB (min–max) | saga orders through by its end |\n| --- | ---: | ---: |\n");
        byPhase.forEach((phase, v) -> md.append(String.format(Locale.ROOT, "| %s | %d–%d | %d |%n", phase, v[0], v[1], v[2])));
        md.append('\n');
    }

    private static void warmup(StringBuilder md, Context context) {
        Warmup warmup = context.warmup();
        var rule = context.settings().warmup();
        md.append("### Warm-up\n\n");
        md.append(String.format(Locale.ROOT, "Closed-loop blocks of %d s, each configuration in turn until the CPU per order (all processes) "
                + "of its last %d blocks was within %.0f %% (largest / smallest), at most %d s: %s after %d s.%n%n",
                context.settings().warmupBlock().toSeconds(), rule.blocks(), 100 * rule.tolerance(), context.settings().warmupMax().toSeconds(),
                warmup.capReached() ? "**the cap was reached, not every configuration was stable**" : "every configuration stable",
                warmup.seconds()));
        md.append("| configuration | CPU ms/order of each warm-up block | spread of the last blocks |\n| --- | --- | ---: |\n");
        warmup.cpuMillisPerOrder().forEach((config, values) -> md.append(String.format(Locale.ROOT, "| %s | %s | %.0f %% |%n", config,
                String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList()), 100 * rule.spread(values))));
        md.append('\n');
    }
}
