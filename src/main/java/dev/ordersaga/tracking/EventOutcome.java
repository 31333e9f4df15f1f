package dev.ordersaga.tracking;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an event means for its step, as the BPMN declares it; written in lower case ({@code success}, ...). */
public enum EventOutcome {
    /** One of the step's success events. */
    SUCCESS,
    /** One of its business failures, thrown as a BPMN error. */
    FAILURE,
    /** Anything else: the step is retried. */
    TECHNICAL;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the event settled its step (a technical failure leaves it to its retries). */
    public boolean settles() {
        return this != TECHNICAL;
    }
}
