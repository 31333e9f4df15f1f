package dev.ordersaga.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Reads and writes {@link Envelope}s as JSON, and converts payloads to and from typed records, checking their Bean Validation
 * constraints.
 */
@Component
public record EnvelopeCodec(ObjectMapper mapper, Validator validator) {

    public String write(Envelope envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + envelope.type() + " for order " + envelope.orderId(), e);
        }
    }

    /**
     * Parses a message.
     *
     * @throws MalformedMessageException if it is not JSON, misses a required field, or has a schema
     *     version this code does not know
     */
    public Envelope read(String json) {
        Envelope envelope;
        try {
            envelope = mapper.readValue(json, Envelope.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new MalformedMessageException("Not a valid envelope: " + e.getMessage(), e);
        }
        if (envelope.schemaVersion() != Envelope.SCHEMA_VERSION) {
            throw new MalformedMessageException("Unsupported envelope schemaVersion " + envelope.schemaVersion()
                    + " (this reader knows " + Envelope.SCHEMA_VERSION + ")", null);
        }
        return envelope;
    }

    public JsonNode toPayload(Object value) {
        return mapper.valueToTree(value);
    }

    /**
     * Converts a payload to a typed record.
     *
     * @throws MalformedMessageException if the payload does not fit the type or breaks its constraints
     */
    public <T> T fromPayload(JsonNode payload, Class<T> type) {
        T value;
        try {
            value = mapper.treeToValue(payload, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedMessageException("Payload is not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        Set<ConstraintViolation<T>> violations = value == null ? Set.of() : validator.validate(value);
        if (!violations.isEmpty()) {
            throw new MalformedMessageException("Payload is not a valid " + type.getSimpleName() + ": " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining("; ")), null);
        }
        return value;
    }
}
