package dev.ordersaga.tracking;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a line of an order's history is; written in lower case ({@code command}, ...) in documents and answers. */
public enum HistoryKind {
    /** A command the bridge sent to a participant. */
    COMMAND,
    /** A participant's answer to a command. */
    EVENT,
    /** A business state the order reached. */
    STATE,
    /** Another message on the order state topic, e.g. the bridge's {@code StepIncident}: history only, no state change. */
    NOTICE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A command or an event: a message exchanged with a participant for one step. */
    public boolean isExchange() {
        return this == COMMAND || this == EVENT;
    }
}
