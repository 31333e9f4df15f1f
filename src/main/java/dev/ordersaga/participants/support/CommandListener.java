package dev.ordersaga.participants.support;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Base of each participant's {@code @KafkaListener} bean: the annotated method (in the subclass, with the
 * participant's fixed listener id and group id) calls {@link #answer}. Its {@code topics} and {@code
 * concurrency} attributes read {@code #{__listener.commandTopic()}} and {@code
 * #{__listener.concurrency()}}, i.e. the participant's settings. Listener beans are created by the
 * participant's conditional configuration only, so a disabled participant has no listener.
 */
public abstract class CommandListener {

    /**
     * Consumer properties of every participant listener: one record per poll, so that a command held by
     * an injected delay (at most {@link Faults#MAX_DELAY}) never exceeds {@code max.poll.interval.ms}.
     */
    public static final String CONSUMER_PROPERTIES = "max.poll.records=1";

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

    protected final void answer(ConsumerRecord<String, String> record) {
        replier.answer(record, participant);
    }
}
