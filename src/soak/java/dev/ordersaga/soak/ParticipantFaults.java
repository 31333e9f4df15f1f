package dev.ordersaga.soak;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The faults the reference participants inject all along a soak, through their admin endpoint ({@code PUT
 * /participants/{name}/faults}; injected again whenever their process starts again): a share of the commands answered
 * {@code CommandFailed} (a technical failure, which the saga retries).
 */
final class ParticipantFaults {

    static final double TECHNICAL_FAILURE_RATE = 0.03;

    private final Supplier<String> participantsUrl;

    ParticipantFaults(Supplier<String> participantsUrl) {
        this.participantsUrl = participantsUrl;
    }

    void apply() {
        for (String participant : TopicRecorder.PARTICIPANTS) {
            FaultSchedule.put(participantsUrl.get() + "/participants/" + participant + "/faults", json());
        }
    }

    String json() {
        return String.format(Locale.ROOT, "{\"technicalFailureRate\":%.3f}", TECHNICAL_FAILURE_RATE);
    }

    String describe() {
        return "every participant: " + json();
    }
}
