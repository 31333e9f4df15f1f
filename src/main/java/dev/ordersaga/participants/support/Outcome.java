package dev.ordersaga.participants.support;

import java.util.Objects;

/**
 * A business outcome of a command: its success event or its business failure event. Outcomes are
 * recorded per command id; technical failures are not outcomes (see {@link CommandFailed}).
 *
 * @param type the event type, e.g. {@code InventoryReserved}
 * @param payload the event's payload record, written as the envelope's payload
 */
public record Outcome(String type, Object payload) {

    public Outcome {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }
}
