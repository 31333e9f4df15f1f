package dev.ordersaga.benchmark;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Starts {@link OrderSagaBenchmark} in a JVM of its own, run by the {@code benchmark} Maven profile inside Maven's JVM:
 * every {@code benchmark.NAME} system property (the {@code -Dbenchmark.NAME=value} options of the Maven command line)
 * is passed on as it is, so no knob is listed outside {@link BenchmarkSettings#KNOBS}; {@code benchmark.jvmArgs} (the
 * one knob the benchmark JVM cannot read for itself) becomes that JVM's options, by default the knob's default.
 */
public final class BenchmarkLauncher {

    private static final String PREFIX = "benchmark.";
    private static final String JVM_ARGS = "jvmArgs";

    private BenchmarkLauncher() {}

    /** @param args the {@code java} executable, the benchmark's class path, the working directory */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            throw new IllegalArgumentException("Expected: java executable, class path, working directory; got " + Arrays.toString(args));
        }
        Process benchmark = new ProcessBuilder(command(args[0], args[1], System.getProperties()))
                .directory(new File(args[2]))
                .inheritIO()
                .start();
        int exit = benchmark.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("The benchmark JVM exited with " + exit);
        }
    }

    /** The benchmark JVM's command line, with the {@code benchmark.*} properties of {@code properties}. */
    static List<String> command(String java, String classPath, Properties properties) {
        var command = new ArrayList<String>();
        command.add(java);
        String jvmArgs = properties.getProperty(PREFIX + JVM_ARGS, "");
        command.addAll(List.of((jvmArgs.isBlank() ? defaultOf(JVM_ARGS) : jvmArgs).strip().split("\\s+")));
        properties.stringPropertyNames().stream()
                .filter(name -> name.startsWith(PREFIX) && !name.equals(PREFIX + JVM_ARGS))
                .sorted()
                .forEach(name -> command.add("-D" + name + "=" + properties.getProperty(name)));
        command.addAll(List.of("-classpath", classPath, OrderSagaBenchmark.class.getName()));
        return command;
    }

    private static String defaultOf(String knob) {
        return BenchmarkSettings.KNOBS.stream().filter(k -> k.name().equals(knob)).findFirst().map(BenchmarkSettings.Knob::defaultValue)
                .orElseThrow(() -> new IllegalStateException("No knob " + knob + " in " + Map.of("knobs", BenchmarkSettings.KNOBS)));
    }
}
