package dev.ordersaga.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;

/**
 * A second application instance in a JVM of its own, started as a user starts the application (its main class, the
 * application's class path without the tests, {@link ApplicationJvm}), pointed at the engine, broker and Elasticsearch node of the test's own
 * application (the embedded ones, as external endpoints), so that a test can kill it ({@code kill -9}), stop it
 * ({@code SIGTERM}) or freeze it while it holds orders. Its console goes to {@code target/instances/<name>.log}.
 */
public final class AppInstance implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private AppInstance(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts an instance with the test application's endpoints and the given properties (command-line arguments, which win
     * over every other source).
     */
    public static AppInstance start(String name, Environment environment, Map<String, String> properties) throws IOException {
        int port = freePort();
        var arguments = new LinkedHashMap<String, String>();
        arguments.put("camunda.client.grpc-address", environment.getRequiredProperty("camunda.client.grpc-address"));
        arguments.put("camunda.client.prefer-rest-over-grpc", "false");
        arguments.put("spring.kafka.bootstrap-servers", environment.getRequiredProperty("spring.kafka.bootstrap-servers"));
        arguments.put("spring.elasticsearch.uris", environment.getRequiredProperty("spring.elasticsearch.uris"));
        arguments.put("order-saga.embedded.enabled", "false");
        arguments.put("server.port", Integer.toString(port));
        arguments.put("spring.kafka.consumer.client-id", name);
        arguments.putAll(properties);
        var command = ApplicationJvm.command();
        arguments.forEach((key, value) -> command.add("--" + key + "=" + value));
        Path log = Path.of("target", "instances", name + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new AppInstance(name, process, port, log);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Waits until the instance's readiness probe answers UP. */
    public void awaitReady(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(UncheckedIOException.class).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Instance " + name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            return get("/actuator/health/readiness").statusCode() == 200;
        });
    }

    /** A GET on the instance. */
    public HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum of a counter's series in the instance's Prometheus scrape whose labels contain every given {@code label="value"}. */
    public double counter(String metric, String... labels) {
        double sum = 0;
        var line = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$");
        for (String text : get("/actuator/prometheus").body().split("\n")) {
            var match = line.matcher(text);
            if (match.matches() && Arrays.stream(labels).allMatch(label -> match.group(1).contains(label))) {
                sum += Double.parseDouble(match.group(2));
            }
        }
        return sum;
    }

    /** {@code kill -9}: the JVM ends at once, without its shutdown hooks. */
    public void kill() {
        process.destroyForcibly();
    }

    /** {@code SIGTERM}: a graceful stop (the JVM's shutdown hooks close the application context). */
    public void terminate() {
        process.destroy();
    }

    /** {@code SIGSTOP}: the process stops where it is (its sockets stay open), as a hung process does. */
    public void freeze() throws IOException, InterruptedException {
        Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).inheritIO().start();
        if (stop.waitFor() != 0) {
            throw new IllegalStateException("kill -STOP " + process.pid() + " failed");
        }
    }

    /** Waits for the process to end and returns its exit code. */
    public int awaitExit(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Instance " + name + " still runs after " + atMost);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Its console output so far. */
    public List<String> log() throws IOException {
        return Files.readAllLines(log);
    }

    public Path logFile() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }
}
