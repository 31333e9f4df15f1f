package dev.ordersaga.observability;

import dev.ordersaga.messaging.TraceContext;
import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts the spans of an order's trace. The root is opened when {@code POST /orders} places the order, with the
 * trace id derived from the order id; its context travels with the process instance (variable {@value
 * #TRACEPARENT_VARIABLE}, because Zeebe carries no trace context between jobs) and with every Kafka message
 * ({@code traceparent} header). Each step's command, each participant's handling, each outcome and each
 * compensation is a span, child of the span that caused it:
 *
 * <pre>
 * order place (POST /orders)                       root, linked to the HTTP request's own span
 * ├── saga-step ReserveInventory                   bridge: the step's command (and the state the step declares)
 * │   └── [kafka send] └── inventory ReserveInventory      participant
 * │                       └── [kafka send] └── outcome InventoryReserved   bridge: the job settled
 * └── compensation ReleaseInventory ...            a compensation's command, same shape
 * </pre>
 *
 * With tracing switched off ({@code management.tracing.enabled=false}) spans are not created, and the log context
 * and headers still carry the order's derived trace id.
 */
@Component
public class SagaTracing {

    /** The process variable that carries the root span's W3C {@code traceparent}. */
    public static final String TRACEPARENT_VARIABLE = "traceparent";

    private static final Logger log = LoggerFactory.getLogger(SagaTracing.class);

    private final Tracer tracer;
    private final boolean enabled;
    private volatile boolean warnedAboutIds;

    public SagaTracing(Tracer tracer) {
        this.tracer = tracer;
        this.enabled = tracer != Tracer.NOOP;
    }

    /** The trace id of an order: derived from its id, the same on every instance. */
    public static String traceId(String orderId) {
        return TraceContext.traceId(orderId);
    }

    /** The root span of a new order's trace, linked to the current span (the HTTP request's) if there is one. */
    public SagaSpan startOrder(String orderId) {
        if (!enabled) {
            return new SagaSpan(tracer, null, orderId);
        }
        String traceId = traceId(orderId);
        Span.Builder builder = tracer.spanBuilder().setNoParent().name("order place").kind(Span.Kind.SERVER).tag("order.id", orderId);
        Span current = tracer.currentSpan();
        if (current != null) {
            builder.addLink(new Link(current.context()));
        }
        Span span = OrderTraceIds.withTraceId(traceId, builder::start);
        if (!traceId.equals(span.context().traceId()) && !warnedAboutIds) {
            warnedAboutIds = true;
            log.warn("The tracer ignored the order's derived trace id (another OpenTelemetry SDK configuration?); "
                    + "trace ids in GET /orders/{{id}} will not match the traces");
        }
        return new SagaSpan(tracer, span, orderId);
    }

    /** The span of a step sending its command (a compensation's too), child of the order's root span. */
    public SagaSpan startStep(String traceparent, String orderId, String commandType, boolean compensation) {
        return start(traceparent, orderId, (compensation ? "compensation " : "saga-step ") + commandType, Span.Kind.PRODUCER)
                .tag("saga.step", commandType)
                .tag("saga.compensation", Boolean.toString(compensation));
    }

    /** The span of a participant handling a command, child of the command's {@code traceparent}. */
    public SagaSpan startParticipant(String traceparent, String orderId, String participant, String commandType) {
        return start(traceparent, orderId, participant + " " + commandType, Span.Kind.CONSUMER)
                .tag("saga.participant", participant)
                .tag("saga.step", commandType);
    }

    /** The span of the bridge settling a step's job with an outcome event, child of the event's {@code traceparent}. */
    public SagaSpan startOutcome(String traceparent, String orderId, String eventType, String commandType) {
        return start(traceparent, orderId, "outcome " + eventType, Span.Kind.CONSUMER)
                .tag("saga.event", eventType)
                .tag("saga.step", commandType);
    }

    private SagaSpan start(String traceparent, String orderId, String name, Span.Kind kind) {
        if (!enabled) {
            return new SagaSpan(tracer, null, orderId);
        }
        Span.Builder builder = tracer.spanBuilder().name(name).kind(kind).tag("order.id", orderId);
        Span span;
        if (isTraceparent(traceparent)) {
            builder.setParent(tracer.traceContextBuilder()
                    .traceId(traceparent.substring(3, 35))
                    .spanId(traceparent.substring(36, 52))
                    .sampled(traceparent.endsWith("1"))
                    .build());
            span = builder.start();
        } else {
            // No usable context (a message from before tracing, or from elsewhere): still the order's trace.
            builder.setNoParent();
            span = OrderTraceIds.withTraceId(traceId(orderId), builder::start);
        }
        return new SagaSpan(tracer, span, orderId);
    }

    /** A W3C traceparent of version 00: {@code 00-<32 hex>-<16 hex>-<2 hex>}. */
    static boolean isTraceparent(String value) {
        if (value == null || value.length() != 55 || value.charAt(0) != '0' || value.charAt(1) != '0'
                || value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return false;
        }
        for (int i = 3; i < 55; i++) {
            char c = value.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!hex && i != 35 && i != 52) {
                return false;
            }
        }
        return true;
    }
}
