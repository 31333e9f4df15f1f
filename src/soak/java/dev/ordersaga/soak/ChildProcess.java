package dev.ordersaga.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A process the soak started (the infrastructure, the participants, an application instance): its console goes to a log
 * file, and the soak kills it ({@code kill -9}), stops it ({@code SIGTERM}) or waits for its HTTP readiness. Each start
 * of the same name appends to the same log.
 */
final class ChildProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final int httpPort;

    private ChildProcess(String name, Process process, Path log, int httpPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /**
     * @param httpPort the port its readiness is asked on, or 0 for none
     * @param keepInputOpen whether its standard input stays a pipe to this process (the infrastructure launcher stops when
     *     it closes, that is when this JVM ends in any way)
     */
    static ChildProcess start(String name, List<String> command, Path log, int httpPort, boolean keepInputOpen) {
        try {
            Files.createDirectories(log.getParent());
            var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (!keepInputOpen) {
                builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            return new ChildProcess(name, builder.start(), log, httpPort);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Its scheduling priority ({@code nice}, from {@code /proc}), or "unknown" where that cannot be read. */
    String niceness() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // The fields after the command name (in parentheses, which may hold spaces): nice is the 19th field of the line.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return fields[16];
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e + ")";
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String url(String path) {
        return "http://localhost:" + httpPort + path;
    }

    /** Waits until {@code /actuator/health/readiness} answers 200: it serves every endpoint. */
    void awaitReady(Duration atMost) throws InterruptedException {
        await("ready", this::isReady, atMost);
    }

    /** Waits until {@code /actuator/health/liveness} answers 200: it started (and runs the saga, Elasticsearch or not). */
    void awaitLive(Duration atMost) throws InterruptedException {
        await("live", this::isLive, atMost);
    }

    boolean isReady() {
        return answers("/actuator/health/readiness");
    }

    boolean isLive() {
        return process.isAlive() && answers("/actuator/health/liveness");
    }

    private void await(String what, BooleanSupplier condition, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was " + what + "; see "
                        + log.toAbsolutePath());
            }
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " was not " + what + " within " + atMost + "; see " + log.toAbsolutePath());
    }

    private boolean answers(String path) {
        try {
            var request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(3)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until it ends; fails unless it ends within {@code atMost} with exit code 0 (else it is killed). */
    void awaitSuccess(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not end within " + atMost + "; see " + log.toAbsolutePath());
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
        }
    }

    /** {@code kill -9}, and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (" + pid() + ") survived kill -9");
        }
    }

    /** {@code SIGTERM}; returns how long it took to exit. */
    Duration terminate(Duration atMost) throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " (" + pid() + ") still runs " + atMost + " after SIGTERM; see " + log.toAbsolutePath());
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Stops it for good: SIGTERM, then SIGKILL if it still runs after 30 s. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                terminate(Duration.ofSeconds(30));
            }
        } catch (IllegalStateException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
