package dev.ordersaga.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the reference participants: Debian's binaries ({@code /usr/lib/postgresql/<version>/bin},
 * package {@code postgresql}), a cluster made by {@code initdb} in a throw-away directory, listening on 127.0.0.1 at a
 * free port, and deleted when it stops. PostgreSQL refuses to run as root: as root it runs as user 1000 of a new user
 * namespace ({@code unshare --map-user}), as Elasticsearch does. A guard process stops the server (fast shutdown) when
 * this JVM goes away, even when it is killed. Tuned for a throw-away development database: no fsync.
 */
final class EmbeddedPostgres {

    static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");
    static final String USER = "ordersaga";
    static final String DATABASE = "postgres";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final String GUARD = """
            trap '' INT
            "$@" </dev/null &
            server=$!
            trap 'kill -INT "$server" 2>/dev/null' TERM
            read -r _ || true
            kill -INT "$server" 2>/dev/null
            wait "$server"
            """;

    private final Path binaries;
    private final Path directory;
    private final int port;
    private Process process;
    private OutputStream guardInput;

    private EmbeddedPostgres(Path binaries, Path directory, int port) {
        this.binaries = binaries;
        this.directory = directory;
        this.port = port;
    }

    /** Creates a cluster and starts its server; returns once it accepts connections. */
    static EmbeddedPostgres start(int port) {
        Path binaries = binaries();
        try {
            Path directory = Files.createTempDirectory("order-saga-postgres-");
            var postgres = new EmbeddedPostgres(binaries, directory, port);
            postgres.initdb();
            postgres.launch();
            postgres.awaitReady();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the embedded PostgreSQL", e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    Path directory() {
        return directory;
    }

    void stop() {
        if (process == null) {
            return;
        }
        try {
            guardInput.close();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            process = null;
            EmbeddedElasticsearch.deleteRecursively(directory);
        }
    }

    private void initdb() {
        var command = asUnprivileged(binaries.resolve("initdb").toString(), "-D", directory.resolve("data").toString(), "-U", USER,
                "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
        run(command, directory.resolve("initdb.log"));
    }

    private void launch() {
        var command = new ArrayList<String>(asUnprivileged("/bin/bash", "-c", GUARD, "postgres-guard", binaries.resolve("postgres").toString(),
                "-D", directory.resolve("data").toString(), "-p", Integer.toString(port), "-k", directory.toString(),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=200"));
        var builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("server.log").toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch " + command, e);
        }
        guardInput = process.getOutputStream();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        var credentials = new Properties();
        credentials.setProperty("user", USER);
        credentials.setProperty("connectTimeout", "2");
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The embedded PostgreSQL stopped while starting:\n" + tail(directory.resolve("server.log")));
            }
            try (var connection = DriverManager.getConnection(jdbcUrl(), credentials)) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the embedded PostgreSQL", e);
            }
        }
        throw new IllegalStateException("The embedded PostgreSQL was not ready within " + READY_TIMEOUT.toSeconds() + " s ("
                + (last == null ? "" : last.getMessage()) + "):\n" + tail(directory.resolve("server.log")));
    }

    private static void run(List<String> command, Path log) {
        try {
            Process initdb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (initdb.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    /** The command as user 1000 of a new user namespace when this JVM runs as root (PostgreSQL refuses root). */
    private static List<String> asUnprivileged(String... command) {
        var result = new ArrayList<String>();
        if (EmbeddedElasticsearch.isRoot()) {
            result.addAll(List.of("unshare", "--map-user=1000", "--map-group=1000"));
        }
        result.addAll(List.of(command));
        return result;
    }

    /** The newest installed PostgreSQL server, e.g. {@code /usr/lib/postgresql/15/bin}. */
    static Path binaries() {
        try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("postgres")) && Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(EmbeddedPostgres::notInstalled);
        } catch (IOException e) {
            throw notInstalled();
        }
    }

    private static IllegalStateException notInstalled() {
        return new IllegalStateException("No PostgreSQL server in " + INSTALLATIONS + ": install Debian's (apt-get install postgresql;"
                + " .ci/run does) or set spring.datasource.url to a PostgreSQL you run");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
