package dev.ordersaga.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

    private final EnvelopeCodec codec = new EnvelopeCodec(new ObjectMapper().registerModule(new JavaTimeModule()),
            Validation.buildDefaultValidatorFactory().getValidator());

    @Test
    void writesAndReadsTheVersionedEnvelope() {
        var command = Envelope.create("ReserveInventory", "order-1", "cmd-7", "order-saga-bridge", codec.toPayload(Map.of("items", 1)));
        String json = codec.write(command);
        assertThat(json).contains("\"schemaVersion\":1", "\"type\":\"ReserveInventory\"", "\"orderId\":\"order-1\"", "\"commandId\":\"cmd-7\"");
        assertThat(codec.read(json)).isEqualTo(command);
    }

    @Test
    void aReplyKeepsOrderAndCommandIdAndHasAStableId() {
        var command = Envelope.create("ChargePayment", "order-1", "cmd-8", "order-saga-bridge", null);
        var reply = command.reply("PaymentCharged", "payment", null);
        assertThat(reply.orderId()).isEqualTo("order-1");
        assertThat(reply.commandId()).isEqualTo("cmd-8");
        assertThat(reply.id()).isEqualTo(command.reply("PaymentCharged", "payment", null).id()).isNotEqualTo(command.id());
        assertThat(reply.id()).isNotEqualTo(command.reply("PaymentKO", "payment", null).id());
    }

    @Test
    void refusesWhatIsNotAnEnvelopeOfAKnownVersion() {
        assertThatThrownBy(() -> codec.read("{ nope")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> codec.read("{\"schemaVersion\":1,\"id\":\"x\",\"orderId\":\"o\",\"time\":\"2026-01-01T00:00:00Z\"}"))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> codec.read("{\"schemaVersion\":2,\"id\":\"x\",\"type\":\"T\",\"orderId\":\"o\",\"time\":\"2026-01-01T00:00:00Z\"}"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("schemaVersion 2");
    }

    /** A payload record with a constraint, as a participant's contract declares them. */
    record Line(@NotBlank String sku, @Positive int quantity) {}

    @Test
    void aPayloadThatBreaksItsRecordsConstraintsIsMalformedAndSaysWhy() throws Exception {
        JsonNode good = new ObjectMapper().readTree("{\"sku\": \"book-0001\", \"quantity\": 2}");
        assertThat(codec.fromPayload(good, Line.class)).isEqualTo(new Line("book-0001", 2));

        JsonNode bad = new ObjectMapper().readTree("{\"sku\": \" \", \"quantity\": 0}");
        assertThatThrownBy(() -> codec.fromPayload(bad, Line.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("Line")
                .hasMessageContaining("quantity")
                .hasMessageContaining("sku");
    }

    @Test
    void oneOrderIsOneTrace() {
        String first = TraceContext.forOrder("order-1");
        assertThat(first).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(TraceContext.forOrder("order-1").substring(0, 36)).isEqualTo(first.substring(0, 36));
        assertThat(TraceContext.forOrder("order-2").substring(0, 36)).isNotEqualTo(first.substring(0, 36));
        String child = TraceContext.childOf(first, "order-1");
        assertThat(child.substring(0, 36)).isEqualTo(first.substring(0, 36));
        assertThat(child).isNotEqualTo(first);
        assertThat(TraceContext.childOf("garbage", "order-1").substring(0, 36)).isEqualTo(first.substring(0, 36));
    }
}
