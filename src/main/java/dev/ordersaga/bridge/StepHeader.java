package dev.ordersaga.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersaga.messaging.KafkaMessaging;
import dev.ordersaga.messaging.MalformedMessageException;
import dev.ordersaga.messaging.MessageHeaders;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The step a command belongs to travels with it ({@value MessageHeaders#STEP}), read from the task headers of the job
 * that sent it, that is from the model version the order runs on, whoever deployed it (this application, Camunda
 * Modeler, a CI pipeline). A participant echoes it on its reply, so the outcome is classified by those rules on
 * whichever bridge instance receives it.
 */
public final class StepHeader {

    private StepHeader() {}

    static void put(Map<String, String> headers, SagaStep step, ObjectMapper mapper) {
        try {
            headers.put(MessageHeaders.STEP, mapper.writeValueAsString(step));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the step header of " + step.elementId(), e);
        }
        headers.put(MessageHeaders.STEP_NAME, step.name());
    }

    /**
     * The step an event answers, if its participant echoed the header.
     *
     * @throws MalformedMessageException if the header is there but is not a step
     */
    public static Optional<SagaStep> read(ConsumerRecord<String, String> record, ObjectMapper mapper) {
        String json = KafkaMessaging.header(record, MessageHeaders.STEP);
        if (json == null) {
            return Optional.empty();
        }
        try {
            SagaStep step = mapper.readValue(json, SagaStep.class);
            if (step.elementId() == null || step.commandType() == null) {
                throw new MalformedMessageException("The " + MessageHeaders.STEP + " header names no element or command: " + json, null);
            }
            return Optional.of(step);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("The " + MessageHeaders.STEP + " header is not a step: " + json, e);
        }
    }
}
