package dev.ordersaga.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

/** The documents already in the index stay readable, and are written back as they were. */
class OrderDocumentJsonTest {

    /** As the application configures Jackson (application.yaml), which the Elasticsearch client uses. */
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();

    /** A document as the projection wrote it before the order's data, the history kinds and the incident were typed. */
    private static final String WRITTEN = """
            {"orderId":"o-1","state":"CompensationFailed","stateChangedAt":"2026-11-23T10:00:05Z","stateMessageId":"s-3",
             "customerId":"c-42","email":"ann@example.com","items":[{"sku":"book-0001","quantity":2,"unitPrice":12.5}],"total":25.0,
             "currency":"EUR","shippingAddress":{"name":"Ann","street":"Main St 1","city":"Berlin","postalCode":"10115","country":"DE"},
             "failureReason":{"step":"Ship","elementId":"Task_ScheduleShipment","event":"ShipmentKO","message":"not served"},
             "incident":{"commandId":"c-9","message":"refund failed","since":"2026-11-23T10:00:05Z","compensation":true,
              "commandType":"RefundPayment"},
             "processInstanceKey":2251799813685317,"createdAt":"2026-11-23T10:00:00Z","updatedAt":"2026-11-23T10:00:05.123456789Z",
             "steps":[{"step":"Refund payment","kind":"command","type":"RefundPayment","messageId":"c-9","time":"2026-11-23T10:00:04Z"}],
             "history":[{"id":"c-9","kind":"command","type":"RefundPayment","step":"Refund payment","commandId":"c-9","source":"bridge",
              "time":"2026-11-23T10:00:04Z","elementId":"Task_RefundPayment","stepName":"Refund payment"},
              {"id":"e-9","kind":"event","type":"CommandFailed","step":"Refund payment","commandId":"c-9","source":"payment",
              "time":"2026-11-23T10:00:04.500Z","detail":"down","outcome":"technical"}],
             "elements":{"active":["Task_RefundPayment"],"completed":[],"failed":["Task_ScheduleShipment"]}}
            """;

    @Test
    void aWrittenDocumentReadsTypedAndWritesBackTheSameJson() throws Exception {
        OrderDocument read = JSON.readValue(WRITTEN, OrderDocument.class);

        assertThat(read.orderId()).isEqualTo("o-1");
        assertThat(read.variables().items().getFirst().sku()).isEqualTo("book-0001");
        assertThat(read.incident().compensation()).isTrue();
        assertThat(read.steps().getFirst().kind()).isEqualTo(HistoryKind.COMMAND);
        assertThat(read.history().get(1).outcome()).isEqualTo(EventOutcome.TECHNICAL);
        assertThat(JSON.readTree(JSON.writeValueAsString(read))).isEqualTo(JSON.readTree(WRITTEN));
    }
}
