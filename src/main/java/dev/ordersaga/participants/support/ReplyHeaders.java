package dev.ordersaga.participants.support;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.KafkaMessaging;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.messaging.TraceContext;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers of a reply: every {@code order-saga-*} header of the command (its command id and the
 * job's retries, which the bridge needs), the reply's own message type instead of the command's, and a
 * {@code traceparent} that is a child span of the command's.
 */
public final class ReplyHeaders {

    private ReplyHeaders() {}

    /** Writes the reply's headers, derived from the command's, into {@code reply}. */
    public static void echo(Headers command, Headers reply, Envelope replyEnvelope) {
        echo(command, reply, replyEnvelope, TraceContext.childOf(KafkaMessaging.header(command, MessageHeaders.TRACEPARENT), replyEnvelope.orderId()));
    }

    /** Writes the reply's headers, derived from the command's, into {@code reply}, with the given {@code traceparent}. */
    public static void echo(Headers command, Headers reply, Envelope replyEnvelope, String traceparent) {
        for (Header header : command) {
            if (header.key().startsWith(MessageHeaders.ECHO_PREFIX) && !header.key().equals(MessageHeaders.MESSAGE_TYPE)) {
                reply.add(header.key(), header.value());
            }
        }
        if (reply.lastHeader(MessageHeaders.COMMAND_ID) == null && replyEnvelope.commandId() != null) {
            reply.add(MessageHeaders.COMMAND_ID, bytes(replyEnvelope.commandId()));
        }
        reply.add(MessageHeaders.MESSAGE_TYPE, bytes(replyEnvelope.type()));
        reply.add(MessageHeaders.TRACEPARENT, bytes(traceparent));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
