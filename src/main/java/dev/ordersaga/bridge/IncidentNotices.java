package dev.ordersaga.bridge;

import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopePublisher;
import dev.ordersaga.observability.SagaMetrics;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * When the bridge uses up a step's last retry, the engine raises an incident (visible in Operate) and the
 * order stops there until a person resolves it. This publishes a {@value #TYPE} notice on the order
 * state topic so the order's own state says so as well.
 */
@ConditionalOnSaga
@Component
public record IncidentNotices(EnvelopePublisher publisher, SagaStepCatalog catalog, SagaMetrics metrics) {

    public static final String TYPE = "StepIncident";
    private static final Logger log = LoggerFactory.getLogger(IncidentNotices.class);

    /** The notice's payload; {@code compensation}: the failed command is a compensation. */
    public record Notice(String commandType, String message, boolean compensation) {}

    /**
     * @param commandType the command that failed, if known (a participant echoes it in a header); whether it
     *     is a compensation decides whether the order is now {@code CompensationFailed}
     */
    public void raised(String orderId, String commandId, String commandType, String message) {
        metrics.incidentRaised(commandType);
        log.error("Order {}: incident at command {}{}: {}. Resolve it in Operate (update retries) to resume the order.",
                orderId, commandId, commandType == null ? "" : " (" + commandType + ")", message);
        var payload = new Notice(commandType, message, commandType != null && catalog.isCompensation(commandType));
        var notice = Envelope.create(TYPE, orderId, commandId, CommandSender.SOURCE, publisher.payload(payload));
        publisher.publishOrderState(notice, Map.of()).whenComplete((ok, error) -> {
            if (error != null) {
                log.error("Could not publish the incident notice of order {} (the incident itself stands in the engine)", orderId, error);
            }
        });
    }
}
