package dev.ordersaga.support;

import dev.ordersaga.bridge.SagaStepCatalog;
import dev.ordersaga.observability.ProjectionMetrics;
import dev.ordersaga.observability.SagaMetrics;
import dev.ordersaga.observability.SagaTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import dev.ordersaga.bridge.BridgeProperties;
import dev.ordersaga.messaging.DeadLetters;
import dev.ordersaga.messaging.MessagingProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

/** What unit tests that build the saga's components by hand share: their settings, and a port to fail against. */
public final class UnitTestSettings {

    /** The bridge's settings. */
    public static final BridgeProperties BRIDGE = new BridgeProperties("order-saga-bridge", 1, Duration.ofSeconds(1), Duration.ofMinutes(1));
    public static final MessagingProperties MESSAGING = new MessagingProperties(6, (short) 1, "order-saga-dlt", "order-state",
            Duration.ofMillis(250));

    /** Tracing switched off, as in a test without observability. */
    public static final SagaTracing TRACING = new SagaTracing(Tracer.NOOP);

    private UnitTestSettings() {}

    /** The step catalog read from the BPMN in {@code processes/}, the models' one source. */
    public static SagaStepCatalog catalog() {
        return SagaStepCatalog.at("file:processes/*.bpmn");
    }

    /** The saga's metrics in a registry of their own, for the steps of the BPMN in {@code processes/}. */
    public static SagaMetrics metrics() {
        return new SagaMetrics(new SimpleMeterRegistry(), catalog().steps());
    }

    /** The projection's metrics in a registry of their own. */
    public static ProjectionMetrics projectionMetrics() {
        return new ProjectionMetrics(new SimpleMeterRegistry());
    }

    /**
     * A producer that acknowledges every send at once and keeps what was sent ({@link MockProducer#history()}); it stays open
     * when the template closes it after a send.
     */
    public static MockProducer<String, String> producer() {
        return new MockProducer<>(true, null, new StringSerializer(), new StringSerializer()) {
            @Override
            public void close(java.time.Duration timeout) {
                // Kept open for the next send.
            }
        };
    }

    /** Dead letters parked into {@code producer}. */
    public static DeadLetters deadLetters(MockProducer<String, String> producer) {
        return new DeadLetters(new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)), MESSAGING);
    }

    /** A port of 127.0.0.1 nobody listens on (it was free a moment ago), for a client whose server is down. */
    public static int portNobodyListensOn() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }
}
