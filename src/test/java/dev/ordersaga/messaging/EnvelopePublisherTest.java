package dev.ordersaga.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ordersaga.participants.support.Commands;
import dev.ordersaga.support.UnitTestSettings;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

class EnvelopePublisherTest {

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, String> kafka = mock(KafkaTemplate.class);
    private final EnvelopePublisher publisher = new EnvelopePublisher(kafka, Commands.CODEC, UnitTestSettings.MESSAGING);

    @Test
    void theRecordIsKeyedByTheOrderAndCarriesItsTypeAndTheGivenHeaders() {
        var envelope = Envelope.create("OrderCreated", "order-7", null, "test", null);
        var headers = new LinkedHashMap<String, String>();
        headers.put(MessageHeaders.TRACEPARENT, "00-abc-def-01");
        headers.put(MessageHeaders.COMMAND_ID, null);

        ProducerRecord<String, String> record = publisher.record("order-state", envelope, headers);

        assertThat(record.topic()).isEqualTo("order-state");
        assertThat(record.key()).isEqualTo("order-7");
        assertThat(Commands.CODEC.read(record.value()).type()).isEqualTo("OrderCreated");
        assertThat(header(record, MessageHeaders.MESSAGE_TYPE)).isEqualTo("OrderCreated");
        assertThat(header(record, MessageHeaders.TRACEPARENT)).isEqualTo("00-abc-def-01");
        assertThat(record.headers().lastHeader(MessageHeaders.COMMAND_ID)).as("a null value is left out").isNull();
    }

    @Test
    void aSendThatThrowsAtOnceIsAFailedFuture() {
        when(kafka.send(any(ProducerRecord.class))).thenThrow(new KafkaException("no metadata"));

        var sent = publisher.publish("order-state", Envelope.create("OrderCreated", "order-7", null, "test", null), Map.of());

        assertThat(sent).isCompletedExceptionally();
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
