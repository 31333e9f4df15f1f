package dev.ordersaga.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the jar as docs/deployment.md tells a user to for fast restarts: extracted ({@code java -Djarmode=tools -jar
 * order-saga.jar extract}) and with a cache of the classes a start loads, written by one training start that stops once its
 * application context is refreshed ({@code -Dspring.context.exit=onRefresh}): an AOT cache on JDK 25 and later
 * ({@code -XX:AOTCacheOutput}: classes loaded and linked, method profiles), a CDS archive before
 * ({@code -XX:ArchiveClassesAtExit}). A restart then takes a fraction of the CPU of a plain {@code java -jar}, which
 * matters on a machine whose cores the rest of the system is busy with.
 *
 * @param jar the extracted jar
 * @param cache the AOT cache or CDS archive its training wrote
 * @param aotCache whether {@code cache} is an AOT cache (JDK 25 and later) rather than a CDS archive
 */
record FastStart(Path jar, Path cache, boolean aotCache) {

    private static final Logger log = LoggerFactory.getLogger(FastStart.class);
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(4);

    /**
     * Extracts the jar into {@code directory} and trains the cache with one start of it.
     *
     * @param jvmOptions the options every start has (the cache is written for them)
     * @param arguments the application's arguments of the training start: every feature on, so that its classes are in the cache
     */
    static FastStart prepare(Path jar, Path directory, List<String> jvmOptions, List<String> arguments) throws IOException, InterruptedException {
        Path extracted = directory.resolve("extracted");
        run("extract", List.of(java(), "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract", "--force", "--destination",
                extracted.toAbsolutePath().toString()), directory.resolve("extract.log"));
        boolean aotCache = Runtime.version().feature() >= 25;
        var fast = new FastStart(extracted.resolve(jar.getFileName()).toAbsolutePath(),
                directory.resolve(aotCache ? "order-saga.aot" : "order-saga.jsa").toAbsolutePath(), aotCache);
        Files.deleteIfExists(fast.cache);
        var training = new ArrayList<>(List.of(java()));
        training.addAll(jvmOptions);
        training.add((aotCache ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + fast.cache);
        training.addAll(List.of("-Dspring.context.exit=onRefresh", "-jar", fast.jar.toString()));
        training.addAll(arguments);
        long start = System.nanoTime();
        run("training", training, directory.resolve("training.log"));
        if (!Files.exists(fast.cache)) {
            throw new IllegalStateException("The training start wrote no cache " + fast.cache + "; see " + directory.resolve("training.log"));
        }
        log.info("Trained the {} {} in {} ms", aotCache ? "AOT cache" : "CDS archive", fast.cache, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return fast;
    }

    /** The command that starts the jar with these JVM options and application arguments. */
    List<String> command(List<String> jvmOptions, List<String> arguments) {
        var command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.add((aotCache ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(arguments);
        return command;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void run(String name, List<String> command, Path output) throws IOException, InterruptedException {
        Files.deleteIfExists(output);
        ChildProcess.start(name, command, output, 0, false).awaitSuccess(TRAINING_TIMEOUT);
    }
}
