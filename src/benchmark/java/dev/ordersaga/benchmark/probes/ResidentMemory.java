package dev.ordersaga.benchmark.probes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Resident memory of all processes of the stack: this JVM (engine, broker, application, participants,
 * load generator) and its descendants (the Elasticsearch node: its launcher and its server JVM), from
 * {@code /proc/PID/status}. A sampler thread takes it once a {@code period} for the whole run, together
 * with how many saga orders were through by then, for the peak and the flatness figure.
 */
public final class ResidentMemory implements AutoCloseable {

    /**
     * One sample.
     *
     * @param elapsedMillis since the sampler started
     * @param phase what the benchmark was doing
     * @param sagaOrders saga orders through in the run so far
     * @param jvmMb this JVM's VmRSS
     * @param childrenMb the descendants' VmRSS, summed
     */
    public record Sample(long elapsedMillis, String phase, long sagaOrders, long jvmMb, long childrenMb) {
        public long totalMb() {
            return jvmMb + childrenMb;
        }
    }

    private final List<Sample> samples = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;
    private volatile String phase = "start-up";

    public ResidentMemory(long periodMillis, LongSupplier sagaOrders) {
        long started = System.nanoTime();
        sampler = Thread.ofPlatform().daemon().name("benchmark-rss-sampler").start(() -> {
            while (running.get()) {
                var sample = new Sample((System.nanoTime() - started) / 1_000_000, phase, sagaOrders.getAsLong(), kb(Path.of("/proc/self/status"),
                        "VmRSS:") / 1024, childrenKb("VmRSS:") / 1024);
                synchronized (samples) {
                    samples.add(sample);
                }
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    public void phase(String name) {
        phase = name;
    }

    public List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** The largest total of all processes among the samples (-1 without samples). */
    public long peakMb() {
        return samples().stream().mapToLong(Sample::totalMb).max().orElse(-1);
    }

    /** The sample with the largest total (null without samples). */
    public Sample peak() {
        return samples().stream().max(java.util.Comparator.comparingLong(Sample::totalMb)).orElse(null);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        sampler.interrupt();
        sampler.join(2000);
    }

    /**
     * Growth of the resident memory of all processes over the last {@code window} saga orders of the
     * samples, in percent: the mean of the samples taken while the first {@code edge} of those orders were
     * going through against the mean of those of the last {@code edge} orders (a mean over several samples,
     * so that one sample taken just before a collection does not decide it). NaN when the samples do not
     * reach back {@code window} orders.
     */
    public static double growthPercent(List<Sample> samples, long window, long edge) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        long end = samples.getLast().sagaOrders();
        long from = end - window;
        if (from < 0 || samples.getFirst().sagaOrders() > from) {
            return Double.NaN;
        }
        double before = meanTotal(samples, from, from + edge);
        double after = meanTotal(samples, end - edge, end);
        return Double.isNaN(before) || Double.isNaN(after) ? Double.NaN : 100.0 * (after - before) / before;
    }

    private static double meanTotal(List<Sample> samples, long fromOrders, long toOrders) {
        return samples.stream().filter(s -> s.sagaOrders() >= fromOrders && s.sagaOrders() <= toOrders).mapToLong(Sample::totalMb)
                .average().orElse(Double.NaN);
    }

    /** VmRSS of this JVM now, in MB. */
    public static long jvmMb() {
        return kb(Path.of("/proc/self/status"), "VmRSS:") / 1024;
    }

    /** VmRSS of this JVM and its descendants now, in MB. */
    public static long allProcessesMb() {
        return (kb(Path.of("/proc/self/status"), "VmRSS:") + childrenKb("VmRSS:")) / 1024;
    }

    /** VmHWM (peak resident set) of this JVM and of its live descendants, summed, in MB: an upper bound of the peak of the sum. */
    public static long summedHighWaterMarksMb() {
        return (kb(Path.of("/proc/self/status"), "VmHWM:") + childrenKb("VmHWM:")) / 1024;
    }

    /** The live descendants: pid, command name and VmRSS in MB, for the report. */
    public static List<String> children() {
        return ProcessHandle.current().descendants().map(p -> {
            Path status = Path.of("/proc", Long.toString(p.pid()), "status");
            String name = p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
            return "pid " + p.pid() + " (" + name + "): " + kb(status, "VmRSS:") / 1024 + " MB resident, peak " + kb(status, "VmHWM:") / 1024
                    + " MB";
        }).toList();
    }

    private static long childrenKb(String key) {
        return ProcessHandle.current().descendants().mapToLong(p -> Math.max(0, kb(Path.of("/proc", Long.toString(p.pid()), "status"), key)))
                .sum();
    }

    /** A {@code kB} line of a /proc status file; -1 when there is none (gone meanwhile, not Linux). */
    private static long kb(Path status, String key) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone meanwhile, or not Linux
        }
        return -1;
    }
}
