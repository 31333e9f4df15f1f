package dev.ordersaga.participants.support;

import dev.ordersaga.participants.support.store.LedgerEntry;
import dev.ordersaga.participants.support.store.ParticipantStore;
import dev.ordersaga.problem.ProblemType;
import dev.ordersaga.problem.Problems;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The participants' admin endpoint: their listeners, injected faults and ledgers. Errors are {@code application/problem+json}. */
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
    private final ParticipantStore store;

    public ParticipantsController(ParticipantListeners participants, ParticipantStore store) {
        this.participants = participants;
        this.store = store;
    }

    /** {@code faults.delay} is written as an ISO-8601 duration. */
    public record Status(String name, boolean running, String listenerId, String commandTopic, String eventTopic, Faults faults,
            long recordedOutcomes) {}

    @GetMapping
    public List<Status> list() {
        return participants.participants().stream().map(this::status).toList();
    }

    @GetMapping("/{name}")
    public Status get(@PathVariable String name) {
        return status(participant(name));
    }

    /** A stopped participant consumes nothing, its commands wait in Kafka; started again, it catches up. */
    @PostMapping("/{name}/{action:stop|start}")
    public Status stopOrStart(@PathVariable String name, @PathVariable String action) {
        Participant participant = participant(name);
        MessageListenerContainer container = participants.container(participant);
        if (container == null) {
            throw new IllegalStateException("Participant " + name + " has no listener container " + participant.listenerId());
        }
        if (action.equals("stop") && container.isRunning()) {
            container.stop();
            log.warn("Participant {} stopped: its commands wait on {}", name, participant.settings().commandTopic());
        } else if (action.equals("start") && !container.isRunning()) {
            container.start();
            log.info("Participant {} started", name);
        }
        return status(participant);
    }

    /** An omitted field is no such fault. */
    @PutMapping(path = "/{name}/faults", consumes = "application/json")
    public Status injectFaults(@PathVariable String name, @RequestBody Faults faults) {
        Participant participant = participant(name);
        participant.injectFaults(faults);
        return status(participant);
    }

    @DeleteMapping("/{name}/faults")
    public Status clearFaults(@PathVariable String name) {
        Participant participant = participant(name);
        participant.injectFaults(Faults.NONE);
        return status(participant);
    }

    /** With {@code orderId}: what it did for that order, oldest first; without: its latest entries, newest first. */
    @GetMapping("/{name}/ledger")
    public List<LedgerEntry> ledger(@PathVariable String name, @RequestParam(required = false) String orderId,
            @RequestParam(defaultValue = "" + DEFAULT_LEDGER_LIMIT) int limit) {
        String participant = participant(name).name();
        return orderId != null ? store.ledger(participant, orderId) : store.recentLedger(participant, Math.clamp(limit, 1, MAX_LEDGER_LIMIT));
    }

    @ExceptionHandler(Faults.InvalidFaultsException.class)
    ResponseEntity<ProblemDetail> invalidFaults(Faults.InvalidFaultsException e) {
        return Problems.respond(Problems.problem(ProblemType.INVALID_FAULTS, e.getMessage()));
    }

    /** Also a body whose values {@link Faults} refuses. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return Problems.respond(Problems.problem(ProblemType.INVALID_FAULTS, "The body is not valid faults JSON ({\"delay\": \"PT5S\", "
                + "\"technicalFailureRate\": 0.2, \"businessFailureRate\": 0.0}): " + Problems.firstLine(e.getMostSpecificCause().getMessage())));
    }

    private Participant participant(String name) {
        return participants.find(name).orElseThrow(() -> {
            List<String> known = participants.participants().stream().map(Participant::name).toList();
            ProblemDetail problem = Problems.problem(ProblemType.UNKNOWN_PARTICIPANT,
                    "No participant named '" + name + "' runs in this application (running: " + String.join(", ", known) + ")");
            problem.setProperty("participants", known);
            return new ErrorResponseException(HttpStatusCode.valueOf(problem.getStatus()), problem, null);
        });
    }

    private Status status(Participant participant) {
        MessageListenerContainer container = participants.container(participant);
        return new Status(participant.name(), container != null && container.isRunning(), participant.listenerId(),
                participant.settings().commandTopic(), participant.settings().eventTopic(), participant.faults(), store.handledCount(participant.name()));
    }
}
