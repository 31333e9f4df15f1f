package dev.ordersaga.participants.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.messaging.TraceContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ReplyHeadersTest {

    private final Envelope command = Commands.command("ReserveInventory", "order-1", "cmd-7", "{}");
    private final Envelope reply = command.reply("InventoryReserved", "inventory", null);
    private final String childSpan = TraceContext.childOf(TraceContext.forOrder("order-1"), "order-1");

    @Test
    void echoesOrderSagaHeadersReplacesTheTypeAndCarriesTheReplysSpan() {
        var headers = new RecordHeaders()
                .add(MessageHeaders.COMMAND_ID, bytes("cmd-7"))
                .add(MessageHeaders.MESSAGE_TYPE, bytes("ReserveInventory"))
                .add(MessageHeaders.JOB_RETRIES, bytes("4"))
                .add("order-saga-custom", bytes("kept"))
                .add("x-other", bytes("dropped"))
                .add(MessageHeaders.TRACEPARENT, bytes(TraceContext.forOrder("order-1")));

        Map<String, String> out = ParticipantListeners.replyHeaders(headers, reply, childSpan);

        assertThat(out).containsEntry(MessageHeaders.COMMAND_ID, "cmd-7")
                .containsEntry(MessageHeaders.JOB_RETRIES, "4")
                .containsEntry("order-saga-custom", "kept")
                .doesNotContainKey("x-other")
                .containsEntry(MessageHeaders.MESSAGE_TYPE, "InventoryReserved")
                .containsEntry(MessageHeaders.TRACEPARENT, childSpan);
        assertThat(List.copyOf(out.keySet())).as("in the command's order, then the reply's own").endsWith(MessageHeaders.MESSAGE_TYPE,
                MessageHeaders.TRACEPARENT);
    }

    @Test
    void withoutCommandHeadersStillNamesTheCommand() {
        Map<String, String> out = ParticipantListeners.replyHeaders(new RecordHeaders(), reply, childSpan);

        assertThat(out).containsEntry(MessageHeaders.COMMAND_ID, "cmd-7")
                .containsEntry(MessageHeaders.MESSAGE_TYPE, "InventoryReserved")
                .containsEntry(MessageHeaders.TRACEPARENT, childSpan);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
