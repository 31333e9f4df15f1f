package dev.ordersaga.participants.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.participants.support.store.CommandInbox;
import dev.ordersaga.participants.support.store.ParticipantStore;
import dev.ordersaga.participants.support.store.StoredReply;
import jakarta.validation.Validation;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** Test helpers: a codec configured like the application's, and commands as the bridge sends them. */
public final class Commands {

    /** Like Spring Boot's mapper with this application's {@code spring.jackson} settings. */
    public static final EnvelopeCodec CODEC = new EnvelopeCodec(JsonMapper.builder()
            .findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build(), Validation.buildDefaultValidatorFactory().getValidator());

    /** A store on a data source that cannot connect: for handlers whose commands are read, never applied. */
    public static final ParticipantStore NO_DATABASE = new ParticipantStore(JdbcClient.create(new SimpleDriverDataSource()), null, null);

    private Commands() {}

    /** The participant of a {@link CommandHandler} with the default settings and this application's listener id. */
    public static Participant participantOf(Object handler, CommandInbox inbox) {
        Handler data = Handler.of(handler);
        return new Participant(data, Participant.listenerId(data.name()), ParticipantSettings.defaults(data.name()), CODEC, inbox);
    }

    /**
     * The command's payload as its record, as the participant reads it before anything else.
     *
     * @throws dev.ordersaga.messaging.MalformedMessageException if it is not a command of this participant or its payload does not fit
     */
    public static Object decode(Participant participant, Envelope command) {
        return participant.codec().fromPayload(command.payload(), participant.type(command).type());
    }

    /** A command as the bridge sends it: its id is its command id. */
    public static Envelope command(String type, String orderId, String commandId, String payloadJson) {
        return new Envelope(Envelope.SCHEMA_VERSION, commandId, type, orderId, commandId, "order-saga-bridge", Instant.now(),
                json(payloadJson));
    }

    public static JsonNode json(String json) {
        try {
            return CODEC.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The participant's reply to the command, as it would be sent, read back as an envelope. */
    public static Envelope process(Participant participant, Envelope command) {
        EnvelopeCodec codec = participant.codec();
        return codec.read(participant.answer(command, reply -> new StoredReply(participant.settings().eventTopic(), reply.orderId(),
                codec.write(reply), Map.of())).reply().value());
    }
}
