package dev.ordersaga.observability;

import dev.ordersaga.messaging.TraceContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * One span of an order's trace (or, with tracing off, just the order's trace id). {@link #open()} makes it the
 * current span of this thread, so that log lines carry its trace id and the order id (MDC keys {@code traceId},
 * {@code spanId}, {@value #ORDER_ID}) and Kafka sends become its children; {@link #end} ends it, on any thread.
 */
public final class SagaSpan {

    /** The MDC key of the order id. */
    public static final String ORDER_ID = "orderId";
    static final String TRACE_ID = "traceId";

    private final Tracer tracer;
    private final Span span;
    private final String orderId;
    private volatile boolean ended;

    SagaSpan(Tracer tracer, Span span, String orderId) {
        this.tracer = tracer;
        this.span = span;
        this.orderId = orderId;
    }

    /** The W3C {@code traceparent} of this span, for a Kafka header or the process variable. */
    public String traceparent() {
        if (span == null) {
            return TraceContext.forOrder(orderId);
        }
        var context = span.context();
        return "00-" + context.traceId() + "-" + context.spanId() + (Boolean.TRUE.equals(context.sampled()) ? "-01" : "-00");
    }

    /** This span's trace id (with tracing off: the one derived from the order id). */
    public String traceId() {
        return span == null ? TraceContext.traceId(orderId) : span.context().traceId();
    }

    /** Makes this span current on this thread (and the order id part of the log context) until the scope is closed. */
    public Scope open() {
        String previousOrder = MDC.get(ORDER_ID);
        MDC.put(ORDER_ID, orderId);
        if (span == null) {
            String previousTrace = MDC.get(TRACE_ID);
            MDC.put(TRACE_ID, traceId());
            return () -> {
                restore(TRACE_ID, previousTrace);
                restore(ORDER_ID, previousOrder);
            };
        }
        Tracer.SpanInScope inScope = tracer.withSpan(span);
        return () -> {
            inScope.close();
            restore(ORDER_ID, previousOrder);
        };
    }

    /** Runs {@code work} with this span current. */
    public <T> T inScope(Supplier<T> work) {
        try (Scope scope = open()) {
            return work.get();
        }
    }

    /**
     * Runs {@code work} with the order id in the log context, for a callback on a thread that is not the span's (a Kafka
     * producer's acknowledgement: the send's observation restores the trace id there, not the order id).
     */
    public static void withOrder(String orderId, Runnable work) {
        String previous = MDC.get(ORDER_ID);
        MDC.put(ORDER_ID, orderId);
        try {
            work.run();
        } finally {
            restore(ORDER_ID, previous);
        }
    }

    /**
     * Runs {@code work} with the order's id and its trace id (derived from the order id) in the log context, where no
     * span of the order is current, e.g. answering a repeated request about an existing order.
     */
    public static void aboutOrder(String orderId, Runnable work) {
        // A span-less SagaSpan puts exactly these two in the log context when opened, as it does with tracing off.
        try (Scope scope = new SagaSpan(null, null, orderId).open()) {
            work.run();
        }
    }

    /** Ends the span, once (a second call does nothing); an error marks it failed. */
    public void end(Throwable error) {
        if (span == null || ended) {
            return;
        }
        ended = true;
        if (error != null) {
            span.error(error);
        }
        span.end();
    }

    /** Tags the span (never a metric: any value is fine here). */
    public SagaSpan tag(String key, String value) {
        if (span != null && value != null) {
            span.tag(key, value);
        }
        return this;
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }

    /** A span made current; closing it restores what was current before. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
