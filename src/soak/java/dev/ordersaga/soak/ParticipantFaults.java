package dev.ordersaga.soak;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The faults the reference participants inject all along a soak, through their admin endpoint ({@code PUT
 * /participants/{name}/faults}; injected again whenever their process starts again): a share of the commands answered
 * {@code CommandFailed} (a technical failure, which the saga retries), and replies sent twice, sent late, and old replies
 * (of any order) sent again.
 */
final class ParticipantFaults {

    static final double TECHNICAL_FAILURE_RATE = 0.03;
    static final double DUPLICATE_REPLY_RATE = 0.05;
    static final double LATE_REPLY_RATE = 0.03;
    static final String LATE_REPLY_DELAY = "PT2S";
    static final double REPLAY_REPLY_RATE = 0.03;

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
        return String.format(Locale.ROOT, "{\"technicalFailureRate\":%.3f,\"duplicateReplyRate\":%.3f,\"lateReplyRate\":%.3f,"
                + "\"lateReplyDelay\":\"%s\",\"replayReplyRate\":%.3f}", TECHNICAL_FAILURE_RATE, DUPLICATE_REPLY_RATE, LATE_REPLY_RATE,
                LATE_REPLY_DELAY, REPLAY_REPLY_RATE);
    }

    String describe() {
        return "every participant: " + json();
    }
}
