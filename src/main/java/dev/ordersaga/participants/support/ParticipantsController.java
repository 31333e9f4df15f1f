package dev.ordersaga.participants.support;

import dev.ordersaga.participants.support.store.LedgerEntry;
import dev.ordersaga.participants.support.store.ParticipantStore;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin endpoint of the reference participants, only when they are enabled and
 * {@code order-saga.participants.admin.enabled=true} (off by default; with JWT authentication on it needs
 * the {@code participants:admin} scope, see {@code dev.ordersaga.security}):
 *
 * <ul>
 *   <li>{@code GET /participants}: each participant, whether its listener runs, its topics and faults;
 *   <li>{@code POST /participants/{name}/stop}: stops its listener container; it consumes nothing and
 *       its commands wait in Kafka;
 *   <li>{@code POST /participants/{name}/start}: starts it again; it catches up from its committed offsets;
 *   <li>{@code PUT /participants/{name}/faults} with {@code {"delay": "PT5S", "technicalFailureRate": 0.2,
 *       "businessFailureRate": 0.0}}: replaces its injected faults (omitted fields mean no such fault);
 *   <li>{@code DELETE /participants/{name}/faults}: clears them;
 *   <li>{@code GET /participants/{name}/ledger?orderId=…}: what it did for that order, oldest first (reserved/released
 *       per SKU with the units, charged/refunded with the amount, scheduled/cancelled, notified), read from its
 *       database; without {@code orderId} its most recent entries, newest first, at most {@code limit} (default
 *       {@value #DEFAULT_LEDGER_LIMIT}, at most {@value #MAX_LEDGER_LIMIT}).
 * </ul>
 *
 * An unknown name is a 404, invalid faults a 400, both {@code application/problem+json}.
 */
@RestController
@RequestMapping(path = "/participants", produces = "application/json")
@ConditionalOnParticipants
// Off unless asked for: stopping participants and injecting faults is for demos and tests.
@ConditionalOnBooleanProperty("order-saga.participants.admin.enabled")
public class ParticipantsController {

    private static final Logger log = LoggerFactory.getLogger(ParticipantsController.class);

    static final int DEFAULT_LEDGER_LIMIT = 100;
    static final int MAX_LEDGER_LIMIT = 1000;

    private final ParticipantListeners participants;
    private final KafkaListenerEndpointRegistry listeners;
    private final ParticipantStore store;

    public ParticipantsController(ParticipantListeners participants, KafkaListenerEndpointRegistry listeners, ParticipantStore store) {
        this.participants = participants;
        this.listeners = listeners;
        this.store = store;
    }

    /** A participant as the endpoint shows it. */
    public record Status(String name, boolean running, String listenerId, String commandTopic, String eventTopic,
            FaultsView faults, long recordedOutcomes) {}

    /** Injected faults, with the delay as an ISO-8601 duration. */
    public record FaultsView(String delay, double technicalFailureRate, double businessFailureRate) {

        static FaultsView of(Faults faults) {
            return new FaultsView(faults.delay().toString(), faults.technicalFailureRate(), faults.businessFailureRate());
        }
    }

    /**
     * The body of {@code PUT /participants/{name}/faults}; every field is optional.
     *
     * @param delay ISO-8601 duration, e.g. {@code PT5S}
     * @param technicalFailureRate 0..1
     * @param businessFailureRate 0..1 (0 for notification)
     */
    public record FaultsRequest(String delay, Double technicalFailureRate, Double businessFailureRate) {

        Faults toFaults() {
            Duration parsed;
            try {
                parsed = delay == null ? Duration.ZERO : Duration.parse(delay);
            } catch (DateTimeParseException e) {
                throw new Faults.InvalidFaultsException("delay must be an ISO-8601 duration such as PT5S, is '" + delay + "'");
            }
            return new Faults(parsed,
                    technicalFailureRate == null ? 0.0 : technicalFailureRate,
                    businessFailureRate == null ? 0.0 : businessFailureRate);
        }
    }

    @GetMapping
    public List<Status> list() {
        return participants.participants().stream().map(this::status).toList();
    }

    @GetMapping("/{name}")
    public Status get(@PathVariable String name) {
        return status(participant(name));
    }

    @PostMapping("/{name}/stop")
    public Status stop(@PathVariable String name) {
        Participant<?> participant = participant(name);
        MessageListenerContainer container = container(participant);
        if (container.isRunning()) {
            container.stop();
            log.warn("Participant {} stopped: its commands wait on {}", name, participant.settings().commandTopic());
        }
        return status(participant);
    }

    @PostMapping("/{name}/start")
    public Status start(@PathVariable String name) {
        Participant<?> participant = participant(name);
        MessageListenerContainer container = container(participant);
        if (!container.isRunning()) {
            container.start();
            log.info("Participant {} started", name);
        }
        return status(participant);
    }

    @PutMapping(path = "/{name}/faults", consumes = "application/json")
    public Status injectFaults(@PathVariable String name, @RequestBody FaultsRequest request) {
        Participant<?> participant = participant(name);
        participant.injectFaults(request.toFaults());
        return status(participant);
    }

    @DeleteMapping("/{name}/faults")
    public Status clearFaults(@PathVariable String name) {
        Participant<?> participant = participant(name);
        participant.injectFaults(Faults.NONE);
        return status(participant);
    }

    @GetMapping("/{name}/ledger")
    public List<LedgerEntry> ledger(@PathVariable String name, @RequestParam(required = false) String orderId,
            @RequestParam(defaultValue = "" + DEFAULT_LEDGER_LIMIT) int limit) {
        Participant<?> participant = participant(name);
        if (orderId != null) {
            return store.ledger(participant.name(), orderId);
        }
        return store.recentLedger(participant.name(), Math.clamp(limit, 1, MAX_LEDGER_LIMIT));
    }

    private Participant<?> participant(String name) {
        return participants.find(name)
                .orElseThrow(() -> new UnknownParticipantException(name, participants.participants().stream().map(Participant::name).toList()));
    }

    private MessageListenerContainer container(Participant<?> participant) {
        MessageListenerContainer container = listeners.getListenerContainer(participant.listenerId());
        if (container == null) {
            throw new IllegalStateException("Participant " + participant.name() + " has no listener container " + participant.listenerId());
        }
        return container;
    }

    private Status status(Participant<?> participant) {
        MessageListenerContainer container = listeners.getListenerContainer(participant.listenerId());
        boolean running = container != null && container.isRunning();
        return new Status(participant.name(), running, participant.listenerId(), participant.settings().commandTopic(),
                participant.settings().eventTopic(), FaultsView.of(participant.faults()), participant.recordedOutcomes());
    }

    /** No participant of that name runs in this application. */
    static class UnknownParticipantException extends RuntimeException {

        final List<String> known;

        UnknownParticipantException(String name, List<String> known) {
            super("No participant named '" + name + "' runs in this application (running: " + String.join(", ", known) + ")");
            this.known = known;
        }
    }
}
