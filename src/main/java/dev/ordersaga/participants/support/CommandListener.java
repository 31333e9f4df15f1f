package dev.ordersaga.participants.support;

import java.util.List;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Base of each participant's {@code @KafkaListener} bean: the annotated batch method (in the subclass, with
 * the participant's fixed listener id and group id, on {@link ParticipantsKafkaConfiguration#FACTORY}) calls
 * {@link #answer}. Its {@code topics} and {@code
 * concurrency} attributes read {@code #{__listener.commandTopic()}} and {@code
 * #{__listener.concurrency()}}, i.e. the participant's settings. Listener beans are created by the
 * participant's conditional configuration only, so a disabled participant has no listener.
 */
public abstract class CommandListener {

    /**
     * Consumer properties of every participant listener: at most this many commands per batch. An injected
     * delay (at most {@link Faults#MAX_DELAY}) holds a batch once, so it stays under {@code max.poll.interval.ms}.
     */
    public static final String CONSUMER_PROPERTIES = "max.poll.records=200";

    private final Participant<?> participant;
    private final CommandReplier replier;

    protected CommandListener(Participant<?> participant, CommandReplier replier) {
        this.participant = participant;
        this.replier = replier;
    }

    public String commandTopic() {
        return participant.settings().commandTopic();
    }

    public String concurrency() {
        return Integer.toString(participant.settings().concurrency());
    }

    protected final void answer(List<ConsumerRecord<String, String>> records) {
        replier.answer(records, participant);
    }
}
