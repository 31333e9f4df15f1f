package dev.ordersaga.tracking.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import dev.ordersaga.bridge.SagaStepCatalog;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.messaging.MessagingProperties;
import dev.ordersaga.participants.support.Commands;
import dev.ordersaga.support.UnitTestSettings;
import dev.ordersaga.tracking.HistoryKind;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * How the projection reports a batch Elasticsearch did not take: failed at its first record, so that the
 * listener container seeks every partition of the batch back and polls it again after the back-off,
 * instead of retrying it in memory (which commits the batch's offsets when it succeeds, even for
 * partitions a rebalance gave to another consumer meanwhile). Elasticsearch here is a port nobody
 * listens on.
 */
class OrderProjectorTest {

    private final SagaStepCatalog catalog = UnitTestSettings.catalog();
    private final MessagingProperties messaging = UnitTestSettings.MESSAGING;
    private final MessageClassifier classifier = new MessageClassifier(Commands.CODEC, catalog, messaging);
    private final TrackingProperties tracking = new TrackingProperties("order-saga-projection", 1, Duration.ofMillis(10), Duration.ofMillis(10), 1,
            Duration.ofMillis(500), 1 << 20, 5000, 100);
    private static final ProjectionPace NO_PAUSE = new ProjectionPace(Duration.ZERO);

    @Test
    void aBatchElasticsearchDidNotTakeIsReportedFailedAtItsFirstRecord() throws Exception {
        int port = UnitTestSettings.portNobodyListensOn();
        try (RestClient rest = RestClient.builder(new HttpHost("127.0.0.1", port, "http")).build()) {
            var client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper(Commands.CODEC.mapper())));
            var indices = new OrderIndices(client);
            var projector = new OrderProjector(new OrderWriter(client, indices, tracking), classifier, NO_PAUSE,
                    UnitTestSettings.projectionMetrics(), UnitTestSettings.deadLetters(UnitTestSettings.producer()));
            var records = List.of(
                    record(3, 41, Envelope.create("OrderCreated", "order-1", null, "order-saga", null)),
                    record(3, 42, Envelope.create("InventoryChecked", "order-1", null, "order-saga", null)),
                    record(4, 7, Envelope.create("OrderCreated", "order-2", null, "order-saga", null)));

            assertThatThrownBy(() -> projector.onBatch(records, new MockConsumer<>(OffsetResetStrategy.EARLIEST)))
                    .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> assertThat(failed.getIndex()).isZero())
                    .hasRootCauseInstanceOf(ConnectException.class);
        }
    }

    @Test
    void aMalformedOrderStateRecordIsParkedOnceItsBatchIsWrittenAndOneOfAnotherTopicIsLeftToItsConsumer() throws Exception {
        int port = UnitTestSettings.portNobodyListensOn();
        try (RestClient rest = RestClient.builder(new HttpHost("127.0.0.1", port, "http")).build()) {
            var client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper(Commands.CODEC.mapper())));
            var indices = new OrderIndices(client);
            var parked = UnitTestSettings.producer();
            var projector = new OrderProjector(new OrderWriter(client, indices, tracking), classifier, NO_PAUSE,
                    UnitTestSettings.projectionMetrics(), UnitTestSettings.deadLetters(parked));
            var notAState = new ConsumerRecord<>(messaging.orderStateTopic(), 2, 17L, "order-1", "{ not json");
            var notAnEvent = new ConsumerRecord<>("inventory-events", 1, 5L, "order-1", "neither");

            // Elasticsearch did not take the batch: it comes again, and nothing is parked yet.
            var withAnOrder = List.of(notAState, record(3, 41, Envelope.create("OrderCreated", "order-1", null, "order-saga", null)));
            assertThatThrownBy(() -> projector.onBatch(withAnOrder, new MockConsumer<>(OffsetResetStrategy.EARLIEST)))
                    .isInstanceOf(BatchListenerFailedException.class);
            assertThat(parked.history()).isEmpty();

            // A batch that was written (here: nothing to write) parks the order state record; the event topic's consumer parks its own.
            projector.onBatch(List.of(notAState, notAnEvent), new MockConsumer<>(OffsetResetStrategy.EARLIEST));
            assertThat(parked.history()).singleElement().satisfies(dead -> {
                assertThat(dead.topic()).isEqualTo(messaging.deadLetterTopic());
                assertThat(dead.key()).isEqualTo("order-1");
                assertThat(dead.value()).isEqualTo("{ not json");
                assertThat(header(dead.headers(), KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(messaging.orderStateTopic());
                assertThat(header(dead.headers(), KafkaHeaders.DLT_ORIGINAL_PARTITION)).isEqualTo("2");
                assertThat(header(dead.headers(), KafkaHeaders.DLT_ORIGINAL_OFFSET)).isEqualTo("17");
            });
        }
    }

    private static String header(org.apache.kafka.common.header.Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void everyHistoryEntryNamesTheBpmnElementItsRecordsHeadersName() {
        var command = Envelope.create("ReserveInventory", "order-1", "cmd-1", "order-saga-bridge", null);
        var named = new ConsumerRecord<>("inventory-commands", 0, 1, "order-1", Commands.CODEC.write(command));
        named.headers().add(MessageHeaders.ELEMENT_ID, bytes("Task_ReserveInventory")).add(MessageHeaders.PROCESS_ID, bytes("order-process"))
                .add(MessageHeaders.PROCESS_DEFINITION_KEY, bytes("2251799813685249")).add(MessageHeaders.PROCESS_VERSION, bytes("3"));
        var entry = ProjectedMessage.exchange(command, HistoryKind.COMMAND, "inventory-commands").withElement(MessageClassifier.element(named))
                .history();
        assertThat(entry.elementId()).isEqualTo("Task_ReserveInventory");
        assertThat(entry.bpmnProcessId()).isEqualTo("order-process");
        assertThat(entry.processDefinitionKey()).isEqualTo(2251799813685249L);
        assertThat(entry.processVersion()).isEqualTo(3);
        assertThat(entry.step()).as("no step name sent: the element id").isEqualTo("Task_ReserveInventory");

        var unnamed = new ConsumerRecord<>("inventory-commands", 0, 2, "order-1", Commands.CODEC.write(command));
        assertThat(MessageClassifier.element(unnamed)).isNull();
        unnamed.headers().add(MessageHeaders.ELEMENT_ID, bytes("Task_ReserveInventory")).add(MessageHeaders.PROCESS_VERSION, bytes("three"));
        assertThat(MessageClassifier.element(unnamed)).isEqualTo(new ProjectedMessage.BpmnElement("Task_ReserveInventory", null, null, null, null));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theListenerPausesAfterABatchWhenCaughtUpAndNotWhileRecordsAreWaiting() throws Exception {
        int port = UnitTestSettings.portNobodyListensOn();
        try (RestClient rest = RestClient.builder(new HttpHost("127.0.0.1", port, "http")).build()) {
            var client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper(Commands.CODEC.mapper())));
            var indices = new OrderIndices(client);
            var pace = new ProjectionPace(Duration.ofMillis(300));
            var projector = new OrderProjector(new OrderWriter(client, indices, tracking), classifier, pace,
                    UnitTestSettings.projectionMetrics(), UnitTestSettings.deadLetters(UnitTestSettings.producer()));
            // Not an envelope: nothing to write, so the batch needs no Elasticsearch; only the pace is left.
            var unreadable = List.of(new ConsumerRecord<>(messaging.orderStateTopic(), 0, 7L, "order-1", "not json"));
            var partition = new TopicPartition(messaging.orderStateTopic(), 0);
            var consumer = new MockConsumer<String, String>(OffsetResetStrategy.EARLIEST);
            consumer.assign(List.of(partition));
            consumer.updateEndOffsets(Map.of(partition, 8L));

            consumer.seek(partition, 5);
            long behind = System.nanoTime();
            projector.onBatch(unreadable, consumer);
            assertThat(Duration.ofNanos(System.nanoTime() - behind)).as("three records waiting: no pause").isLessThan(Duration.ofMillis(300));

            consumer.seek(partition, 8);
            long caughtUp = System.nanoTime();
            projector.onBatch(unreadable, consumer);
            assertThat(Duration.ofNanos(System.nanoTime() - caughtUp)).as("nothing waiting: paused").isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    private ConsumerRecord<String, String> record(int partition, long offset, Envelope message) {
        return new ConsumerRecord<>(messaging.orderStateTopic(), partition, offset, message.orderId(), Commands.CODEC.write(message));
    }
}
