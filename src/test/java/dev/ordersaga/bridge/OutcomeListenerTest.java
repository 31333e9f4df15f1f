package dev.ordersaga.bridge;

import dev.ordersaga.engine.CommandIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ordersaga.messaging.DeadLetters;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.MessagingProperties;
import dev.ordersaga.participants.support.Commands;
import dev.ordersaga.support.UnitTestSettings;
import io.camunda.client.CamundaClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * How the bridge reports a batch of outcomes the engine did not take: failed at its first record, so that
 * the listener container seeks every partition of the batch back and polls it again after the back-off
 * (nothing of it committed), instead of retrying it in memory. The engine here is a port nobody listens on;
 * the shared embedded engine of the integration tests cannot be stopped.
 */
class OutcomeListenerTest {

    private final BridgeProperties bridge = UnitTestSettings.BRIDGE;
    private final SagaStepCatalog catalog = UnitTestSettings.catalog();
    private final MessagingProperties messaging = UnitTestSettings.MESSAGING;

    @Test
    void aBatchTheEngineDidNotTakeIsReportedFailedAtItsFirstRecord() throws Exception {
        int port = UnitTestSettings.portNobodyListensOn();
        var kafka = new KafkaTemplate<String, String>(new DefaultKafkaProducerFactory<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)));
        try (CamundaClient camunda = CamundaClient.newClientBuilder()
                .grpcAddress(URI.create("http://127.0.0.1:" + port))
                .restAddress(URI.create("http://127.0.0.1:" + port))
                .preferRestOverGrpc(false)
                .defaultRequestTimeout(Duration.ofSeconds(5))
                .build()) {
            var listener = new OutcomeListener(camunda, Commands.CODEC, new DeadLetters(kafka, messaging), bridge, UnitTestSettings.TRACING,
                    UnitTestSettings.metrics(), catalog);
            var payload = JsonNodeFactory.instance.objectNode().put("reservationId", "r-1");
            var records = List.of(
                    record(3, 41, Envelope.create("InventoryReserved", "order-1", CommandIds.forJob("order-1", 2251799813685248L, 2251799813685249L),
                            "inventory", payload)),
                    record(4, 7, Envelope.create("InventoryReserved", "order-2", CommandIds.forJob("order-2", 2251799813685250L, 2251799813685251L),
                            "inventory", payload)));

            assertThatThrownBy(() -> listener.onEvents(records))
                    .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> assertThat(failed.getIndex()).isZero())
                    .hasMessageContaining("retrying");
        } finally {
            kafka.destroy();
        }
    }

    private static ConsumerRecord<String, String> record(int partition, long offset, Envelope event) {
        return new ConsumerRecord<>("inventory-events", partition, offset, event.orderId(), Commands.CODEC.write(event));
    }
}
