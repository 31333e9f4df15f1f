package dev.ordersaga.benchmark.probes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU goes, from a JFR recording: execution samples by thread group, by component (the library
 * of the first non-JDK frame from the top of the stack: self time, and inclusive: any frame of it on the
 * stack), the hottest methods, the largest allocation sites, GC pauses and CPU load. Used by the benchmark
 * for {@code -Dbenchmark.jfr=true}; also runnable on any recording:
 * {@code java -cp target/benchmark-classes dev.ordersaga.benchmark.probes.JfrSummary target/benchmark/benchmark.jfr}.
 */
public final class JfrSummary {

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** Component by package prefix, first match wins. */
    private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("dev.ordersaga.benchmark.", "benchmark driver");
        COMPONENTS.put("dev.ordersaga.", "application (dev.ordersaga)");
        COMPONENTS.put("ch.qos.logback.", "logging");
        COMPONENTS.put("org.slf4j.", "logging");
        COMPONENTS.put("org.apache.logging.", "logging");
        COMPONENTS.put("com.fasterxml.jackson.", "JSON (Jackson)");
        COMPONENTS.put("org.apache.kafka.clients.", "Kafka client");
        COMPONENTS.put("org.apache.kafka.common.", "Kafka common (client and broker)");
        COMPONENTS.put("org.springframework.kafka.", "Spring Kafka");
        COMPONENTS.put("kafka.", "Kafka broker");
        COMPONENTS.put("org.apache.kafka.", "Kafka broker");
        COMPONENTS.put("io.camunda.zeebe.gateway.", "engine gateway protocol");
        COMPONENTS.put("io.camunda.zeebe.process.test.", "in-memory engine (test engine: log, db, gateway)");
        COMPONENTS.put("io.camunda.zeebe.msgpack.", "engine (msgpack)");
        COMPONENTS.put("io.camunda.zeebe.feel.", "engine (FEEL)");
        COMPONENTS.put("org.camunda.feel.", "engine (FEEL)");
        COMPONENTS.put("io.camunda.zeebe.", "engine (Zeebe)");
        COMPONENTS.put("org.agrona.", "engine (Zeebe)");
        COMPONENTS.put("io.camunda.client.", "Camunda client");
        COMPONENTS.put("io.camunda.spring.", "Camunda client");
        COMPONENTS.put("io.grpc.", "gRPC / Netty / protobuf");
        COMPONENTS.put("io.netty.", "gRPC / Netty / protobuf");
        COMPONENTS.put("com.google.protobuf.", "gRPC / Netty / protobuf");
        COMPONENTS.put("io.micrometer.", "metrics (Micrometer)");
        COMPONENTS.put("org.springframework.", "Spring");
        COMPONENTS.put("org.apache.tomcat.", "Tomcat");
        COMPONENTS.put("org.apache.coyote.", "Tomcat");
    }

    private JfrSummary() {}

    public static void main(String[] args) throws IOException {
        System.out.println(summarize(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 20));
    }

    /** A Markdown section. */
    public static String summarize(Path recording, int top) throws IOException {
        var byThread = new HashMap<String, Long>();
        var selfByComponent = new HashMap<String, Long>();
        var inclusiveByComponent = new HashMap<String, Long>();
        var hotMethods = new HashMap<String, Long>();
        var allocationSites = new HashMap<String, Long>();
        var threadCpu = new HashMap<String, double[]>(); // group -> {sum of loads, samples}
        long samples = 0;
        long allocated = 0;
        double gcPauseMillis = 0;
        long gcs = 0;
        double jvmCpu = 0;
        double machineCpu = 0;
        long cpuEvents = 0;
        try (var file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        samples++;
                        byThread.merge(group(event.getThread("sampledThread")), 1L, Long::sum);
                        RecordedStackTrace stack = event.getStackTrace();
                        if (stack == null || stack.getFrames().isEmpty()) {
                            continue;
                        }
                        List<RecordedFrame> frames = stack.getFrames();
                        hotMethods.merge(method(frames.getFirst()), 1L, Long::sum);
                        selfByComponent.merge(selfComponent(frames), 1L, Long::sum);
                        Set<String> seen = new HashSet<>();
                        for (RecordedFrame frame : frames) {
                            String component = component(frame);
                            if (component != null && seen.add(component)) {
                                inclusiveByComponent.merge(component, 1L, Long::sum);
                            }
                        }
                    }
                    case "jdk.ObjectAllocationSample" -> {
                        long weight = event.getLong("weight");
                        allocated += weight;
                        RecordedStackTrace stack = event.getStackTrace();
                        if (stack != null && !stack.getFrames().isEmpty()) {
                            allocationSites.merge(firstNonJdk(stack.getFrames()), weight, Long::sum);
                        }
                    }
                    case "jdk.GarbageCollection" -> {
                        gcs++;
                        gcPauseMillis += event.getDuration("sumOfPauses").toNanos() / 1e6;
                    }
                    case "jdk.CPULoad" -> {
                        cpuEvents++;
                        jvmCpu += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                        machineCpu += event.getFloat("machineTotal");
                    }
                    case "jdk.ThreadCPULoad" -> {
                        double[] acc = threadCpu.computeIfAbsent(group(event.getThread("eventThread")), k -> new double[2]);
                        acc[0] += event.getFloat("user") + event.getFloat("system");
                        acc[1]++;
                    }
                    default -> { }
                }
            }
        }
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d execution samples (Java code on CPU; GC and JIT threads are not sampled)", samples));
        if (cpuEvents > 0) {
            out.append(String.format(Locale.ROOT, "; CPU load of the JVM %.0f %% of the machine, machine total %.0f %%",
                    100 * jvmCpu / cpuEvents, 100 * machineCpu / cpuEvents));
        }
        out.append(String.format(Locale.ROOT, "; %d GCs, %.0f ms of pauses; %.1f GB allocated (sampled estimate).%n%n",
                gcs, gcPauseMillis, allocated / 1e9));
        table(out, "Samples by thread group", "thread group", byThread, samples, top);
        table(out, "Samples by component, self (the library of the first non-JDK frame from the top)", "component", selfByComponent, samples, top);
        table(out, "Samples by component, inclusive (any frame of it on the stack)", "component", inclusiveByComponent, samples, top);
        table(out, "Hottest methods (top frame)", "method", hotMethods, samples, top);
        table(out, "Allocation sites (first non-JDK frame), share of sampled bytes", "site", allocationSites, allocated, top);
        if (!threadCpu.isEmpty()) {
            var average = new HashMap<String, Long>();
            threadCpu.forEach((group, acc) -> average.put(group, Math.round(1000 * acc[0] / acc[1])));
            out.append("CPU load by thread group (jdk.ThreadCPULoad, average, in thousandths of the machine):\n\n| thread group | load ‰ |\n| --- | ---: |\n");
            average.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                    .forEach(e -> out.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n"));
            out.append('\n');
        }
        return out.toString();
    }

    private static void table(StringBuilder out, String title, String column, Map<String, Long> counts, long total, int top) {
        out.append(title).append(":\n\n| ").append(column).append(" | share |\n| --- | ---: |\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> out.append("| `").append(e.getKey().replace("|", "\\|")).append("` | ")
                        .append(String.format(Locale.ROOT, "%.1f %%", total == 0 ? 0.0 : 100.0 * e.getValue() / total)).append(" |\n"));
        out.append('\n');
    }

    /** A thread name with its numbers replaced, so that the threads of one pool form one group. */
    public static String group(RecordedThread thread) {
        if (thread == null) {
            return "(unknown)";
        }
        String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        if (name == null || name.isEmpty()) {
            return thread.isVirtual() ? "(virtual)" : "(unnamed)";
        }
        return DIGITS.matcher(name).replaceAll("#");
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String component(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        for (var entry : COMPONENTS.entrySet()) {
            if (type.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String selfComponent(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String component = component(frame);
            if (component != null) {
                return component;
            }
            if (!isJdk(frame)) {
                return "other: " + packageOf(frame);
            }
        }
        return "JDK only";
    }

    private static String firstNonJdk(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            if (!isJdk(frame)) {
                return method(frame);
            }
        }
        return method(frames.getFirst());
    }

    private static boolean isJdk(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        // scala.*: the Scala runtime, used by the Kafka broker and by FEEL alike; attributed to its caller.
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("javax.")
                || type.startsWith("com.sun.") || type.startsWith("scala.");
    }

    private static String packageOf(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }
}
