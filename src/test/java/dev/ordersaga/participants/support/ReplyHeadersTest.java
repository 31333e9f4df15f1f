package dev.ordersaga.participants.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.KafkaMessaging;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.messaging.TraceContext;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ReplyHeadersTest {

    private final Envelope command = Commands.command("ReserveInventory", "order-1", "cmd-7", "{}");
    private final Envelope reply = command.reply("InventoryReserved", "inventory", null);

    @Test
    void echoesOrderSagaHeadersReplacesTheTypeAndContinuesTheTrace() {
        String traceparent = TraceContext.forOrder("order-1");
        var headers = new RecordHeaders()
                .add(MessageHeaders.COMMAND_ID, bytes("cmd-7"))
                .add(MessageHeaders.MESSAGE_TYPE, bytes("ReserveInventory"))
                .add(MessageHeaders.JOB_RETRIES, bytes("4"))
                .add("order-saga-custom", bytes("kept"))
                .add("x-other", bytes("dropped"))
                .add(MessageHeaders.TRACEPARENT, bytes(traceparent));
        var out = new RecordHeaders();

        ReplyHeaders.echo(headers, out, reply);

        assertThat(KafkaMessaging.header(out, MessageHeaders.COMMAND_ID)).isEqualTo("cmd-7");
        assertThat(KafkaMessaging.header(out, MessageHeaders.JOB_RETRIES)).isEqualTo("4");
        assertThat(KafkaMessaging.header(out, "order-saga-custom")).isEqualTo("kept");
        assertThat(out.lastHeader("x-other")).isNull();
        assertThat(out.headers(MessageHeaders.MESSAGE_TYPE)).hasSize(1);
        assertThat(KafkaMessaging.header(out, MessageHeaders.MESSAGE_TYPE)).isEqualTo("InventoryReserved");
        assertThat(out.headers(MessageHeaders.TRACEPARENT)).hasSize(1);
        String child = KafkaMessaging.header(out, MessageHeaders.TRACEPARENT);
        assertThat(child).isNotEqualTo(traceparent);
        assertThat(child.substring(0, 36)).isEqualTo(traceparent.substring(0, 36));
    }

    @Test
    void withoutCommandHeadersStillNamesTheCommandAndTheOrdersTrace() {
        var out = new RecordHeaders();

        ReplyHeaders.echo(new RecordHeaders(), out, reply);

        assertThat(KafkaMessaging.header(out, MessageHeaders.COMMAND_ID)).isEqualTo("cmd-7");
        assertThat(KafkaMessaging.header(out, MessageHeaders.MESSAGE_TYPE)).isEqualTo("InventoryReserved");
        assertThat(KafkaMessaging.header(out, MessageHeaders.TRACEPARENT))
                .startsWith(TraceContext.forOrder("order-1").substring(0, 36));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
