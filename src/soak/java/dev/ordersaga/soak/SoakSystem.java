package dev.ordersaga.soak;

import dev.ordersaga.embedded.EmbeddedElasticsearch;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system under soak, each part a process of its own: the embedded engine, broker and PostgreSQL server started by
 * {@code dev.ordersaga.embedded.InfrastructureLauncher}; an Elasticsearch node, a child of this JVM so that the soak can stop
 * it and start it again (same port, same data); the reference participants, and the application instances, each started
 * as a user starts the jar for fast restarts ({@link FastStart}: extracted, with a cache of its classes; the endpoints as
 * arguments). An instance or the participants started again keep their port.
 */
final class SoakSystem implements AutoCloseable {

    static final String PARTICIPANTS = "participants";
    private static final Logger log = LoggerFactory.getLogger(SoakSystem.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m");
    private static final int INFRASTRUCTURE_NICENESS = -10;

    private final SoakSettings settings;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ChildProcess> running = new LinkedHashMap<>();
    private ChildProcess infrastructure;
    private EmbeddedElasticsearch elasticsearch;
    private Properties endpoints;
    private FastStart fastStart;

    SoakSystem(SoakSettings settings) {
        this.settings = settings;
    }

    /** Starts everything and waits until every part is ready. */
    void start() throws Exception {
        Path endpointsFile = settings.directory().resolve("endpoints.properties").toAbsolutePath();
        Files.deleteIfExists(endpointsFile);
        elasticsearch = EmbeddedElasticsearch.launch(freePort(), freePort());
        // The infrastructure stands in for a cluster with cores of its own: it runs at a higher scheduling priority, or the
        // engine's one stream-processing thread waits for a core behind the instances' and participants' threads (measured:
        // 7.3 s of every 10 s while they started, and the engine's answers then passed the instances' 10-s deadline).
        infrastructure = ChildProcess.start("infrastructure", List.of("nice", "-n", Integer.toString(INFRASTRUCTURE_NICENESS), FastStart.java(),
                "-Xmx1g", "-XX:+UseSerialGC", "-cp", settings.classPath(), "dev.ordersaga.embedded.InfrastructureLauncher",
                "--endpoints=" + endpointsFile), logOf("infrastructure"), 0, true);
        endpoints = awaitEndpoints(endpointsFile);
        long esMillis = elasticsearch.awaitReady();
        log.info("Infrastructure ready: {} (nice {}); Elasticsearch at {} (ready after {} ms)", endpoints, infrastructure.niceness(),
                elasticsearch.address(), esMillis);
        // The training start runs both sides (every feature's classes in the cache) against the real endpoints.
        var training = new ArrayList<>(participantArguments());
        training.addAll(List.of("--server.port=" + freePort(), "--spring.kafka.bootstrap-servers=" + bootstrapServers()));
        training.addAll(sagaArguments("training"));
        fastStart = FastStart.prepare(settings.jar(), settings.directory().resolve("jar"), JVM_OPTIONS, training);
        startParticipants();
        for (int i = 1; i <= settings.instances(); i++) {
            startInstance(instanceName(i));
        }
        for (ChildProcess process : running.values()) {
            process.awaitReady(START_TIMEOUT);
        }
    }

    static String instanceName(int number) {
        return "app-" + number;
    }

    List<String> instanceNames() {
        var names = new ArrayList<String>();
        for (int i = 1; i <= settings.instances(); i++) {
            names.add(instanceName(i));
        }
        return names;
    }

    String bootstrapServers() {
        return endpoints.getProperty("spring.kafka.bootstrap-servers");
    }

    String jdbcUrl() {
        return endpoints.getProperty("spring.datasource.url");
    }

    String jdbcUser() {
        return endpoints.getProperty("spring.datasource.username");
    }

    EmbeddedElasticsearch elasticsearch() {
        return elasticsearch;
    }

    /** The process of that name, as started last. */
    ChildProcess process(String name) {
        return running.get(name);
    }

    /** The base URL of an instance (or the participants), e.g. {@code http://localhost:41234}. */
    String url(String name) {
        return "http://localhost:" + ports.get(name);
    }

    /** Starts the reference participants alone: no saga side, no engine client; their admin endpoint on (faults). */
    ChildProcess startParticipants() {
        var arguments = new ArrayList<>(List.of("--order-saga.saga.enabled=false", "--camunda.client.enabled=false"));
        arguments.addAll(participantArguments());
        return launch(PARTICIPANTS, arguments);
    }

    /** Starts (again) the application instance of that name: the saga side only, the participants off. */
    ChildProcess startInstance(String name) {
        var arguments = new ArrayList<>(List.of("--order-saga.participants.enabled=false"));
        arguments.addAll(sagaArguments(name));
        return launch(name, arguments);
    }

    private List<String> participantArguments() {
        return List.of("--order-saga.participants.admin.enabled=true", "--spring.datasource.url=" + jdbcUrl(), "--spring.datasource.username=" + jdbcUser());
    }

    private List<String> sagaArguments(String name) {
        return List.of("--camunda.client.grpc-address=" + endpoints.getProperty("camunda.client.grpc-address"),
                "--camunda.client.prefer-rest-over-grpc=false", "--spring.elasticsearch.uris=" + elasticsearch.address(),
                "--spring.kafka.consumer.client-id=" + name);
    }

    private ChildProcess launch(String name, List<String> arguments) {
        int port = ports.computeIfAbsent(name, n -> freePort());
        var command = new ArrayList<>(List.of("--server.port=" + port, "--spring.kafka.bootstrap-servers=" + bootstrapServers()));
        command.addAll(arguments);
        var process = ChildProcess.start(name, fastStart.command(JVM_OPTIONS, command), logOf(name), port, false);
        running.put(name, process);
        log.info("Started {} (pid {}) on port {}", name, process.pid(), port);
        return process;
    }

    private Path logOf(String name) {
        return settings.directory().resolve("logs").resolve(name + ".log");
    }

    private Properties awaitEndpoints(Path file) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(file)) {
            if (!infrastructure.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The infrastructure did not start; see " + infrastructure.log().toAbsolutePath());
            }
            Thread.sleep(200);
        }
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    /** Stops every process it started: the instances and the participants, then Elasticsearch and the infrastructure. */
    @Override
    public void close() {
        running.values().forEach(ChildProcess::close);
        if (elasticsearch != null) {
            elasticsearch.destroy();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }
}
