package dev.ordersaga.benchmark.probes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The machine the figures were taken on: what {@code nproc}, {@code free -h}, /proc/cpuinfo and {@code uptime} say. */
public final class Machine {

    private Machine() {}

    public static int nproc() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    /** {@code free -h}, verbatim. */
    public static String freeH() {
        return run("free", "-h");
    }

    /** {@code uptime}, verbatim (load averages: how busy the shared machine was). */
    public static String uptime() {
        String uptime = run("uptime");
        return uptime.isBlank() ? "loadavg " + ProcessMetrics.loadAverage() : uptime.strip();
    }

    public static String jvm() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, " + gcName();
    }

    public static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")";
    }

    private static String gcName() {
        var names = new StringBuilder();
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            names.append(names.isEmpty() ? "" : ", ").append(gc.getName());
        }
        return names.toString();
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(5, TimeUnit.SECONDS);
            return out.stripTrailing();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
