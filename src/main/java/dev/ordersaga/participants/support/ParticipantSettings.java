package dev.ordersaga.participants.support;

/**
 * The settings every participant has, bound from {@code order-saga.participants.<name>} by the
 * participant's own {@code @ConfigurationProperties} record.
 */
public interface ParticipantSettings {

    /** Whether this participant runs (only when {@link ParticipantsProperties#enabled()} too). */
    boolean enabled();

    /** Listener threads; commands of one order always land on one thread (partitioned by order id). */
    int concurrency();

    /** The topic it consumes commands from. */
    String commandTopic();

    /** The topic it publishes its replies to. */
    String eventTopic();

    /** Checks the values common to all participants. */
    static void validate(String name, int concurrency, String commandTopic, String eventTopic) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("order-saga.participants." + name + ".concurrency must be at least 1, is " + concurrency);
        }
        if (commandTopic == null || commandTopic.isBlank() || eventTopic == null || eventTopic.isBlank()) {
            throw new IllegalArgumentException("order-saga.participants." + name + " needs a command-topic and an event-topic");
        }
    }
}
