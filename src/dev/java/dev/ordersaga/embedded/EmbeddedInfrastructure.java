package dev.ordersaga.embedded;

import dev.ordersaga.enginepatches.EnginePatches;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The embedded components of this JVM, started at most once and stopped when the JVM exits (also on
 * Ctrl-C). Each is started only when its endpoint is not configured.
 */
final class EmbeddedInfrastructure {

    static final int ZEEBE_PORT = 26500;
    static final int KAFKA_PORT = 9092;

    private static final List<Runnable> stops = new ArrayList<>();
    private static String zeebeAddress;
    private static String kafkaAddress;
    private static EmbeddedElasticsearch elasticsearch;
    private static String elasticsearchAddress;
    private static EmbeddedPostgres postgres;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedInfrastructure::stopAll, "embedded-infrastructure-stop"));
    }

    private EmbeddedInfrastructure() {}

    /** The gRPC address of the embedded engine, started on first use. */
    static synchronized String zeebe(boolean conventionalPorts, Log log) {
        if (zeebeAddress == null) {
            long started = System.nanoTime();
            // The engine runs with classes of order-saga's own (src/engine-patches/): refuse to start without them.
            EnginePatches.verify();
            int port = port(ZEEBE_PORT, conventionalPorts);
            engine = EngineFactory.create(port);
            engine.start();
            stops.add(engine::stop);
            // Lets the engine's log release what it has processed (stopped before the engine: stops run last first).
            stops.add(EnginePatches.followRecordStream(engine));
            zeebeAddress = "http://localhost:" + port;
            log.info("Embedded Zeebe engine (in memory, gRPC only) runs at " + zeebeAddress + " (started in " + millisSince(started) + " ms)");
        }
        return zeebeAddress;
    }

    /** The JDBC URL of the embedded PostgreSQL server of the reference participants, started on first use. */
    static synchronized String postgres(Log log) {
        if (postgres == null) {
            long started = System.nanoTime();
            postgres = EmbeddedPostgres.start(freePort());
            stops.add(postgres::stop);
            log.info("Embedded PostgreSQL (real server, " + EmbeddedPostgres.binaries() + ", data in " + postgres.directory() + ") runs at "
                    + postgres.jdbcUrl() + " (started in " + millisSince(started) + " ms)");
        }
        return postgres.jdbcUrl();
    }

    /** The bootstrap address of the embedded KRaft broker, started on first use. */
    static synchronized String kafka(boolean conventionalPorts, Log log) {
        if (kafkaAddress == null) {
            long started = System.nanoTime();
            int port = port(KAFKA_PORT, conventionalPorts);
            var broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.brokerProperty("listeners", "EXTERNAL://localhost:" + port + ",CONTROLLER://localhost:" + freePort());
            broker.brokerProperty("auto.create.topics.enable", "true");
            broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
            broker.afterPropertiesSet();
            stops.add(broker::destroy);
            kafkaAddress = broker.getBrokersAsString();
            log.info("Embedded Kafka broker (KRaft, single node) runs at " + kafkaAddress + " (started in " + millisSince(started) + " ms)");
        }
        return kafkaAddress;
    }

    /**
     * Launches the Elasticsearch node if it is not running yet, without waiting for it: it starts while the
     * engine and the broker start. {@link #elasticsearch()} waits for it.
     */
    static synchronized void launchElasticsearch() {
        if (elasticsearch == null) {
            elasticsearch = EmbeddedElasticsearch.launch(freePort(), freePort());
            stops.add(elasticsearch::destroy);
        }
    }

    /** The HTTP address of the embedded single-node Elasticsearch, started on first use; waits until it is ready. */
    static synchronized String elasticsearch(Log log) {
        if (elasticsearchAddress == null) {
            launchElasticsearch();
            long millis = elasticsearch.awaitReady();
            elasticsearchAddress = elasticsearch.address();
            log.info("Embedded Elasticsearch (real single node, data in " + elasticsearch.directory() + ") runs at " + elasticsearchAddress
                    + " (started in " + millis + " ms)");
        }
        return elasticsearchAddress;
    }

    private static synchronized void stopAll() {
        for (int i = stops.size() - 1; i >= 0; i--) {
            try {
                stops.get(i).run();
            } catch (RuntimeException e) {
                // Logging may already be shut down when the JVM exits.
                e.printStackTrace(System.err);
            }
        }
        stops.clear();
    }

    /** The conventional port when asked for and free (a busy port would make the broker hang), else a free one. */
    private static int port(int conventional, boolean conventionalPorts) {
        if (conventionalPorts && isFree(conventional)) {
            return conventional;
        }
        return freePort();
    }

    private static boolean isFree(int port) {
        try (var socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }

    /** The embedded engine, if this JVM started one (for tests that read its records, e.g. incidents). */
    static synchronized ZeebeTestEngine engine() {
        return engine;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static ZeebeTestEngine engine;
}
