package dev.ordersaga.tracking;

import java.time.Instant;
import java.util.Comparator;

/**
 * One line of an order's history.
 *
 * @param id the message id (the entry's identity: the same message twice is one entry)
 * @param kind a command, an event, a state or a notice (e.g. {@code StepIncident})
 * @param type e.g. {@code ReserveInventory}, {@code InventoryReserved}, {@code PaymentProcessed}
 * @param step a command's or event's step as its message names it ({@code Reserve inventory}: the step name the bridge
 *     sends, else the element id; a reply without either takes its command's step), or {@code order} for states and notices
 * @param commandId the command it is or answers, if any
 * @param source who wrote it
 * @param time when it was written
 * @param detail the participant's reason on failures, or a notice's message, if any
 * @param elementId the BPMN element it belongs to: the service task that sent the command (an event: of its command), or
 *     that declared the state (task header {@code orderState}, the step right after the state's milestone); null for
 *     messages written without it (a notice, or a participant that does not echo the headers)
 * @param bpmnProcessId the process of that element, e.g. {@code order-process}
 * @param processDefinitionKey the deployed process definition (version) the order runs on
 * @param processVersion that definition's version
 * @param stepName the step's name as the message says it (the BPMN element's name, or its id), for commands and events that
 *     carry it
 * @param outcome for an event, what it means for its step as the BPMN declares it
 */
public record HistoryEntry(String id, HistoryKind kind, String type, String step, String commandId, String source, Instant time, String detail,
        String elementId, String bpmnProcessId, Long processDefinitionKey, Integer processVersion, String stepName, EventOutcome outcome) {

    /** The order of a history: by time, then by message id. */
    public static final Comparator<HistoryEntry> TIME_ORDER = Comparator.comparing(HistoryEntry::time).thenComparing(HistoryEntry::id);

    /** An entry that names no BPMN element. */
    public HistoryEntry(String id, HistoryKind kind, String type, String step, String commandId, String source, Instant time, String detail) {
        this(id, kind, type, step, commandId, source, time, detail, null, null, null, null, null, null);
    }
}
