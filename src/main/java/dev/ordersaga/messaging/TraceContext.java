package dev.ordersaga.messaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C {@code traceparent} values. One order is one trace: the trace id is derived from the order id, so
 * every command and event of an order lands in the same trace without any shared state.
 */
public final class TraceContext {

    private static final HexFormat HEX = HexFormat.of();

    private TraceContext() {}

    /** A traceparent for a new span in the order's trace. */
    public static String forOrder(String orderId) {
        return "00-" + traceId(orderId) + "-" + newSpanId() + "-01";
    }

    /** A child span of the given traceparent (same trace, new span); a new trace for the order if it is absent or malformed. */
    public static String childOf(String traceparent, String orderId) {
        if (traceparent != null && traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")) {
            return traceparent.substring(0, 36) + newSpanId() + traceparent.substring(52);
        }
        return forOrder(orderId);
    }

    /** The trace id of an order: the first 16 bytes of the SHA-256 of its id, in hex. */
    public static String traceId(String orderId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(orderId.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    private static String newSpanId() {
        long span;
        do {
            span = ThreadLocalRandom.current().nextLong();
        } while (span == 0);
        return HEX.toHexDigits(span);
    }
}
