package dev.ordersaga.enginepatches;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The classes of src/engine-patches/java that take the place of {@code zeebe-process-test-engine}'s own, and
 * the checks that they do (see src/engine-patches/README.md for why each exists).
 */
public final class EnginePatches {

    /** The engine version the replacements were written against, and checked with; see the README to upgrade. */
    public static final String ENGINE_VERSION = "8.8.21";

    /** The replaced classes (package-private in the engine, hence by name). */
    static final List<String> REPLACEMENTS = List.of(
            "io.camunda.zeebe.process.test.engine.InMemoryLogStorage",
            "io.camunda.zeebe.process.test.engine.RecordStreamSourceImpl",
            "io.camunda.zeebe.process.test.engine.db.InMemoryDbTransaction",
            "io.camunda.zeebe.process.test.engine.db.InMemoryDbColumnFamily",
            "io.camunda.zeebe.process.test.engine.GrpcToLogStreamGateway");

    /** How often the record stream is read, which lets the log release what the engine has processed. */
    static final long FOLLOW_MILLIS = 200;

    private static final String ENGINE_POM = "/META-INF/maven/io.camunda/zeebe-process-test-engine/pom.properties";
    private static final Log log = LogFactory.getLog(EnginePatches.class);

    private EnginePatches() {}

    /**
     * Fails if the engine on the classpath is not the version the replacements were written for, or if one of
     * them is not the class loaded (the engine's own came first on the classpath).
     */
    public static void verify() {
        List<String> problems = problems(ENGINE_VERSION, REPLACEMENTS);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The in-memory engine's replaced classes (src/engine-patches/) do not fit the engine on the classpath: "
                    + String.join("; ", problems) + ". See src/engine-patches/README.md");
        }
    }

    static List<String> problems(String expectedVersion, List<String> replacements) {
        List<String> problems = new ArrayList<>();
        String loaded = loadedEngineVersion();
        if (!expectedVersion.equals(loaded)) {
            problems.add("zeebe-process-test-engine " + loaded + " is loaded, the replacements were written for " + expectedVersion
                    + ": compare each with the new version's class of the same name, then change EnginePatches.ENGINE_VERSION");
        }
        URL ours = location(EnginePatches.class);
        for (String name : replacements) {
            URL loadedFrom = location(load(name));
            if (!Objects.equals(ours, loadedFrom)) {
                problems.add(name + " is loaded from " + loadedFrom + ", not from " + ours + " (order-saga's replacement)");
            }
        }
        return problems;
    }

    /** The version of the {@code zeebe-process-test-engine} jar that holds {@link EngineFactory}. */
    static String loadedEngineVersion() {
        try (InputStream pom = EngineFactory.class.getResourceAsStream(ENGINE_POM)) {
            if (pom == null) {
                return "(unknown: no " + ENGINE_POM + ")";
            }
            var properties = new Properties();
            properties.load(pom);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + ENGINE_POM, e);
        }
    }

    /**
     * Reads the engine's record stream every {@value #FOLLOW_MILLIS} ms until the answered stop runs: its reader
     * otherwise stays where it is and holds the whole log (see {@code InMemoryLogStorage}). Call it once the
     * engine is started, so that the stream processor's reader is open before anything is released.
     */
    public static Runnable followRecordStream(ZeebeTestEngine engine) {
        ScheduledExecutorService follower = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "zeebe-record-stream-follower");
            thread.setDaemon(true);
            return thread;
        });
        follower.scheduleWithFixedDelay(() -> {
            try {
                engine.getRecordStreamSource().getRecords();
            } catch (RuntimeException e) {
                // Logged, and tried again: a follower that stopped would let the log grow again.
                log.error("Reading the in-memory engine's record stream failed", e);
            }
        }, 0, FOLLOW_MILLIS, TimeUnit.MILLISECONDS);
        return follower::shutdownNow;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, EnginePatches.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is not on the classpath", e);
        }
    }

    private static URL location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }
}
