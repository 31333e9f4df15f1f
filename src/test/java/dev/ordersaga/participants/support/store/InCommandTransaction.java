package dev.ordersaga.participants.support.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a participant's domain call as the pipeline does, in its command's transaction ({@link ParticipantStore#handle}),
 * for the domain ITs: a command id handled before gets its recorded outcome back, read from the inbox. Its replies are
 * queued for a topic of its own ({@value #TOPIC_SUFFIX} after the participant's name), which no reader of the saga consumes:
 * the outbox relay of this or a later test class sends them there, not as malformed events to the participant's event topic.
 */
public record InCommandTransaction(ParticipantStore store, ObjectMapper json, String participant) {

    static final String TOPIC_SUFFIX = "-domain-test-replies";

    /** Under a new command id. */
    public <E> E handle(String orderId, String commandType, Supplier<E> work) {
        return handle(orderId, commandType, UUID.randomUUID().toString(), work);
    }

    public <E> E handle(String orderId, String commandType, String commandId, Supplier<E> work) {
        var outcome = new AtomicReference<E>();
        var handled = store.handle(participant, commandId, orderId, commandType, () -> {
            outcome.set(work.get());
            return new StoredReply(participant + TOPIC_SUFFIX, orderId, write(outcome.get()), Map.of("type", outcome.get().getClass().getName()));
        });
        return handled.applied() ? outcome.get() : read(handled.reply());
    }

    private String write(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + event, e);
        }
    }

    @SuppressWarnings("unchecked")
    private <E> E read(StoredReply reply) {
        try {
            return (E) json.readValue(reply.value(), Class.forName(reply.headers().get("type")));
        } catch (JsonProcessingException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot read the recorded reply " + reply, e);
        }
    }
}
