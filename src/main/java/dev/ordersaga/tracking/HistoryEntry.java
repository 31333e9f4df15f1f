package dev.ordersaga.tracking;

import java.time.Instant;

/**
 * One line of an order's history.
 *
 * @param id the message id (the entry's identity: the same message twice is one entry)
 * @param kind {@code command}, {@code event}, {@code state} or {@code notice} (e.g. {@code StepIncident})
 * @param type e.g. {@code ReserveInventory}, {@code InventoryReserved}, {@code PaymentProcessed}
 * @param step the participant the message went to or came from ({@code inventory}), or {@code order}
 * @param commandId the command it is or answers, if any
 * @param source who wrote it
 * @param time when it was written
 * @param detail the participant's reason on failures, or a notice's message, if any
 */
public record HistoryEntry(String id, String kind, String type, String step, String commandId, String source, Instant time, String detail) {}
