package dev.ordersaga.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Elasticsearch, run as a child process of this JVM from the distribution that the
 * build unpacks into {@code target/elasticsearch/} (Elastic's {@code integ-test-zip}, which brings no JDK:
 * it runs on the JDK of this JVM). Its config, data and logs live in a throw-away directory, and it
 * listens on free ports of 127.0.0.1 without security.
 *
 * <p>Elasticsearch refuses to run as root; as root it runs in a user namespace ({@code unshare
 * --map-user=1000 --map-group=1000}), where it is user 1000 and owns the files this JVM creates.
 *
 * <p>It is launched through a small shell guard that stops it when its standard input closes: when
 * this JVM stops it (or exits in any way, even killed), the guard sends Elasticsearch SIGTERM and waits
 * for it. The guard ignores SIGINT, so that a Ctrl-C in the terminal leaves the shutdown to this JVM's
 * shutdown hook rather than orphaning the node.
 *
 * <p>{@link #stop()} and {@link #start()} let a test take the node away and bring it back on the same
 * port with the same data; {@link #destroy()} stops it and deletes its directory.
 */
public final class EmbeddedElasticsearch {

    /** Where the build unpacks the distribution (maven-dependency-plugin, phase generate-test-resources). */
    static final Path DISTRIBUTIONS = Path.of("target", "elasticsearch");
    static final String DIRECTORY_PREFIX = "order-saga-elasticsearch-";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(EmbeddedElasticsearch.class);

    /**
     * Keeps Elasticsearch (the remaining arguments) running until this shell's standard input closes or
     * it receives SIGTERM, then stops it with SIGTERM and waits for it.
     */
    private static final String GUARD = """
            trap '' INT
            "$@" </dev/null &
            node=$!
            trap 'kill -TERM "$node" 2>/dev/null' TERM
            read -r _ || true
            kill -TERM "$node" 2>/dev/null
            wait "$node"
            """;

    private static volatile EmbeddedElasticsearch current;

    private final Path home;
    private final Path directory;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private OutputStream guardInput;
    private long launchedAt;

    private EmbeddedElasticsearch(Path home, Path directory, int httpPort) {
        this.home = home;
        this.directory = directory;
        this.httpPort = httpPort;
    }

    /** The node the embedded default started in this JVM, if it started one. */
    public static Optional<EmbeddedElasticsearch> current() {
        return Optional.ofNullable(current);
    }

    /**
     * Prepares a node on the given ports in a new throw-away directory and launches it (without waiting for it), e.g. for a
     * harness that stops and starts it while applications use it.
     */
    public static EmbeddedElasticsearch launch(int httpPort, int transportPort) {
        deleteStaleDirectories();
        Path home = distribution();
        Path directory;
        try {
            directory = Files.createTempDirectory(DIRECTORY_PREFIX);
            Files.writeString(directory.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
            copyDirectory(home.resolve("config"), directory.resolve("config"));
            Files.createDirectories(directory.resolve("data"));
            Files.createDirectories(directory.resolve("logs"));
            Files.writeString(directory.resolve("config").resolve("elasticsearch.yml"), """
                    # Written by order-saga's embedded default: a throw-away single node for development and tests.
                    cluster.name: order-saga-embedded
                    node.name: embedded
                    discovery.type: single-node
                    network.host: 127.0.0.1
                    http.port: %d
                    transport.port: %d
                    xpack.security.enabled: false
                    cluster.routing.allocation.disk.threshold_enabled: false
                    path.data: %s
                    path.logs: %s
                    """.formatted(httpPort, transportPort, directory.resolve("data"), directory.resolve("logs")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded Elasticsearch directory", e);
        }
        var node = new EmbeddedElasticsearch(home, directory, httpPort);
        node.launchProcess();
        current = node;
        return node;
    }

    /** The HTTP address, e.g. {@code http://127.0.0.1:41873}. */
    public String address() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The throw-away directory with the node's config, data, logs and console output. */
    public Path directory() {
        return directory;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the node again after {@link #stop()}: same port, same data. Returns once it is ready. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        launchProcess();
        long millis = awaitReady();
        log.info("Embedded Elasticsearch restarted at {} (ready in {} ms)", address(), millis);
    }

    /** Stops the node and waits until it is gone; its data stays for {@link #start()}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        try {
            guardInput.close();
        } catch (IOException e) {
            // the guard is gone already; its children are killed below
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                // Logging may already be shut down when the JVM exits.
                System.err.println("Embedded Elasticsearch did not stop within " + STOP_TIMEOUT.toSeconds() + " s; killing it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.add(process.toHandle());
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            handle.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> handle).join();
        }
        process = null;
    }

    /** Stops the node and deletes its directory. */
    public synchronized void destroy() {
        stop();
        deleteRecursively(directory);
        if (current == this) {
            current = null;
        }
    }

    /**
     * Waits until the cluster is at least yellow ({@code GET /} does not exist in this build).
     *
     * @return milliseconds since the process was launched
     * @throws IllegalStateException if the process exits or is not ready in time, with its last output
     */
    public synchronized long awaitReady() {
        var request = HttpRequest.newBuilder(URI.create(address() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Embedded Elasticsearch exited with code " + process.exitValue() + " before it was ready:\n"
                        + consoleTail());
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return (System.nanoTime() - launchedAt) / 1_000_000;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the embedded Elasticsearch", e);
            }
            sleep(150);
        }
        throw new IllegalStateException("Embedded Elasticsearch was not ready within " + READY_TIMEOUT.toSeconds() + " s:\n" + consoleTail());
    }

    private void launchProcess() {
        var command = new ArrayList<String>();
        if (isRoot()) {
            // Elasticsearch refuses root: run it as user 1000 of a new user namespace (no real user needed).
            command.addAll(List.of("unshare", "--map-user=1000", "--map-group=1000"));
        }
        command.addAll(List.of("/bin/bash", "-c", GUARD, "elasticsearch-guard", home.resolve("bin").resolve("elasticsearch").toString()));
        var builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("console.log").toFile()));
        builder.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("ES_PATH_CONF", directory.resolve("config").toString());
        // A small heap, and only the C1 compiler: on a busy 2-core machine that halves the start (measured 45 s -> 24 s
        // under load; a few seconds when idle), at a cost in peak speed that a development node does not notice.
        builder.environment().put("ES_JAVA_OPTS", "-Xms256m -Xmx256m -XX:TieredStopAtLevel=1");
        builder.environment().put("CLI_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        launchedAt = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch " + command, e);
        }
        guardInput = process.getOutputStream();
    }

    private String consoleTail() {
        try (Stream<String> lines = Files.lines(directory.resolve("console.log"), StandardCharsets.UTF_8)) {
            List<String> all = lines.toList();
            String tail = String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
            if (isRoot() && tail.contains("unshare")) {
                tail += "\n(Running as root needs user namespaces for unshare --map-user; where they are not allowed,"
                        + " run as another user or set spring.elasticsearch.uris to an Elasticsearch you run.)";
            }
            return tail;
        } catch (IOException | UncheckedIOException e) {
            return "(no console output: " + e.getMessage() + ")";
        }
    }

    private static Path distribution() {
        Path base = DISTRIBUTIONS.toAbsolutePath();
        try (Stream<Path> children = Files.list(base)) {
            return children.filter(p -> Files.isExecutable(p.resolve("bin").resolve("elasticsearch")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("No Elasticsearch distribution in " + base));
        } catch (IOException e) {
            throw new IllegalStateException("No Elasticsearch distribution in " + base + ": run './mvnw test-compile' (it unpacks"
                    + " the server there) or set spring.elasticsearch.uris to an Elasticsearch you run", e);
        }
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Directories left by JVMs that died without their shutdown hook (kill -9). */
    private static void deleteStaleDirectories() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, DIRECTORY_PREFIX + "*")) {
            for (Path dir : dirs) {
                Path owner = dir.resolve("owner.pid");
                try {
                    long pid = Long.parseLong(Files.readString(owner).strip());
                    if (ProcessHandle.of(pid).isEmpty()) {
                        deleteRecursively(dir);
                    }
                } catch (IOException | NumberFormatException e) {
                    // not ours or being created: leave it
                }
            }
        } catch (IOException e) {
            log.debug("Cannot look for stale embedded Elasticsearch directories in {}", tmp, e);
        }
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.debug("Cannot delete {}", p, e);
                }
            });
        } catch (IOException e) {
            System.err.println("Cannot delete " + dir + ": " + e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
