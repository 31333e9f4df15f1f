package dev.ordersaga.observability;

import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.function.Supplier;

/**
 * The OpenTelemetry SDK's id generator, with one addition: a span started as a root inside {@link #withTraceId}
 * gets the trace id given there instead of a random one. That is how an order's root span gets the trace id
 * derived from its order id ({@link dev.ordersaga.messaging.TraceContext#traceId}), so that anyone who knows
 * the order id knows its trace id. Every other span and trace id is random, as usual.
 */
final class OrderTraceIds implements IdGenerator {

    private static final ThreadLocal<String> NEXT_TRACE_ID = new ThreadLocal<>();
    private static final IdGenerator RANDOM = IdGenerator.random();

    /** Runs {@code start} with {@code traceId} as the trace id of a root span started in it. */
    static <T> T withTraceId(String traceId, Supplier<T> start) {
        String previous = NEXT_TRACE_ID.get();
        NEXT_TRACE_ID.set(traceId);
        try {
            return start.get();
        } finally {
            if (previous == null) {
                NEXT_TRACE_ID.remove();
            } else {
                NEXT_TRACE_ID.set(previous);
            }
        }
    }

    @Override
    public String generateSpanId() {
        return RANDOM.generateSpanId();
    }

    @Override
    public String generateTraceId() {
        String traceId = NEXT_TRACE_ID.get();
        return traceId != null ? traceId : RANDOM.generateTraceId();
    }
}
