package dev.ordersaga.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The BENCH line and the Markdown report. */
final class Report {

    private Report() {}

    /** The one-line summary, exactly in the form the issue asks for. */
    static String benchLine(Optional<ConfigResult> saga, Optional<ConfigResult> engineOnly, Optional<ConfigResult> chain, long rssMb) {
        double sagaRate = saga.map(ConfigResult::ordersPerSecond).orElse(Double.NaN);
        double engineRate = engineOnly.map(ConfigResult::ordersPerSecond).orElse(Double.NaN);
        return String.format(Locale.ROOT,
                "BENCH orders_per_s=%.1f saga_p50_ms=%.1f saga_p99_ms=%.1f engine_only_orders_per_s=%.1f kafka_chain_orders_per_s=%.1f "
                        + "kafka_chain_p50_ms=%.1f bridge_efficiency=%.2f cpu_ms_per_order=%.2f rss_mb=%d",
                sagaRate,
                saga.map(r -> r.percentileMillis(50)).orElse(Double.NaN),
                saga.map(r -> r.percentileMillis(99)).orElse(Double.NaN),
                engineRate,
                chain.map(ConfigResult::ordersPerSecond).orElse(Double.NaN),
                chain.map(r -> r.percentileMillis(50)).orElse(Double.NaN),
                sagaRate / engineRate,
                saga.map(ConfigResult::cpuMillisPerOrder).orElse(Double.NaN),
                rssMb);
    }

    record Context(BenchmarkSettings settings, String startedAt, String commit, String uptimeBefore, String uptimeAfter,
            String freeBefore, long startupMillis, long peakRssMb, long ordersPlaced, String sagaTimeline, String jfrSummary) {}

    static String markdown(Context context, List<ConfigResult> results, String benchLine) {
        var settings = context.settings();
        var md = new StringBuilder();
        md.append("# order-saga benchmark\n\n");
        md.append("Run ").append(context.startedAt()).append(context.commit().isBlank() ? "" : ", commit `" + context.commit() + "`")
                .append(". Command: `./mvnw -Pbenchmark verify`.\n\n");
        md.append("```\n").append(benchLine).append("\n```\n\n");
        if (!settings.stopListeners().isEmpty()) {
            md.append("**What-if run: listener container(s) ").append(settings.stopListeners())
                    .append(" stopped after start-up. These figures are not the application's.**\n\n");
        }
        md.append("![latency and throughput](benchmark.png)\n\n");

        md.append("## Results\n\n");
        md.append(String.format(Locale.ROOT, "Closed loop, **%d orders in flight** in every configuration; %d round(s) of one %d s block per "
                        + "configuration (the first %d s of each block not measured), in rotating order, after a %d s warm-up of each (two passes). "
                        + "Latency is from when an order was due (its slot became free) to when it was through.%n%n",
                settings.concurrency(), settings.rounds(), settings.block().toSeconds(), settings.settle().toSeconds(),
                settings.warmup().toSeconds()));
        md.append("| configuration | orders/s | range of blocks | p50 ms | p99 ms | p99.9 ms | max ms | CPU ms/order | errors | orders measured |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (ConfigResult r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f–%.0f | %.1f | %.1f | %.1f | %.1f | %.2f | %d | %d |%n", r.config(),
                    r.ordersPerSecond(), r.minOrdersPerSecond(), r.maxOrdersPerSecond(), r.percentileMillis(50), r.percentileMillis(99),
                    r.percentileMillis(99.9), r.maxMillis(), r.cpuMillisPerOrder(), r.errors(), r.latency().getTotalCount()));
        }
        md.append(String.format(Locale.ROOT, "%nResident memory of the whole stack (one JVM: engine, broker, application, participants, "
                + "load generator): peak %d MB (VmHWM); the BENCH line gives the largest VmRSS at the end of a measured block.%n%n", context.peakRssMb()));

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
                - **CPU ms/order** = process CPU time (OperatingSystemMXBean) over the measured window / orders completed in it. \
                Everything runs in this one JVM, so it is the whole stack's CPU, on a %d-CPU machine.

                The in-memory engine is a test engine: it keeps every record of every process instance in memory, so the \
                heap and RSS grow with the number of orders placed (%d in this run, warm-up included); the run is sized for that.

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
        md.append("""
                ```bash
                ./mvnw -Pbenchmark verify
                # knobs (system properties, defaults shown):
                ./mvnw -Pbenchmark verify -Dbenchmark.concurrency=%d -Dbenchmark.rounds=%d -Dbenchmark.blockSeconds=%d \\
                    -Dbenchmark.warmupSeconds=%d -Dbenchmark.configs=kafka-chain,engine-only,saga -Dbenchmark.jfr=false
                ```

                Output: `target/benchmark/report.md` (this file), `benchmark.png`, one HdrHistogram percentile distribution per \
                configuration (`*.hgrm`), the application's log (`application.log`) and, with `-Dbenchmark.jfr=true`, the \
                recording of the measured blocks (`benchmark.jfr`) with its summary below.

                """.formatted(settings.concurrency(), settings.rounds(), settings.block().toSeconds(), settings.warmup().toSeconds()));

        if (context.jfrSummary() != null) {
            md.append("## Profile (JFR, measured blocks)\n\n").append(context.jfrSummary()).append('\n');
        }
        return md.toString();
    }
}
