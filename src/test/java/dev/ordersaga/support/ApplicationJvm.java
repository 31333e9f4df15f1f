package dev.ordersaga.support;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of an application JVM a test starts ({@link AppInstance}, {@link ParticipantProcess}): the application's
 * main class, a small heap, and the test JVM's class path without the directory of the tests (and of src/dev, compiled
 * with them), so that its component scan sees the production classes only, as a deployed instance's does, and no embedded
 * infrastructure is started.
 */
final class ApplicationJvm {

    private ApplicationJvm() {}

    /**
     * {@code java ... dev.ordersaga.OrderSagaApplication}, to which the application's arguments are added.
     *
     * @param alsoOnClassPath directories put after the application's class path
     */
    static List<String> command(Path... alsoOnClassPath) {
        String classPath = classPathWithoutTests();
        for (Path directory : alsoOnClassPath) {
            classPath += File.pathSeparator + directory.toAbsolutePath();
        }
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", classPath, "dev.ordersaga.OrderSagaApplication"));
    }

    private static String classPathWithoutTests() {
        Path tests;
        try {
            tests = Path.of(ApplicationJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Where are the tests?", e);
        }
        List<String> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !Path.of(entry).toAbsolutePath().equals(tests.toAbsolutePath()))
                .toList();
        if (entries.stream().noneMatch(entry -> entry.endsWith("classes"))) {
            throw new IllegalStateException("No application classes on the test's class path " + entries);
        }
        return String.join(File.pathSeparator, entries);
    }
}
