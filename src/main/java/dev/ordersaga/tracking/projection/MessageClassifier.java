package dev.ordersaga.tracking.projection;

import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.bridge.Outcome;
import dev.ordersaga.bridge.SagaStepCatalog;
import dev.ordersaga.bridge.StepHeader;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.KafkaMessaging;
import dev.ordersaga.messaging.MalformedMessageException;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.messaging.MessagingProperties;
import dev.ordersaga.order.OrderState;
import dev.ordersaga.tracking.EventOutcome;
import dev.ordersaga.tracking.HistoryKind;
import java.util.LinkedHashSet;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a record of one of the saga's topics as a {@link ProjectedMessage}: a state change or a notice on the order state
 * topic, a command or an event elsewhere; an event with what it means for its step, and any message with the BPMN
 * element its headers name.
 *
 * @param codec reads the envelope
 * @param catalog the steps known at start-up: their topics, and the meaning of events that do not echo their step
 * @param messaging names the order state topic
 */
@ConditionalOnSaga
@Component
public record MessageClassifier(EnvelopeCodec codec, SagaStepCatalog catalog, MessagingProperties messaging) {

    private static final Logger log = LoggerFactory.getLogger(MessageClassifier.class);

    /** Every topic the saga writes to. */
    public String[] topics() {
        var topics = new LinkedHashSet<String>();
        topics.add(messaging.orderStateTopic());
        topics.addAll(catalog.commandTopics());
        topics.addAll(catalog.eventTopics());
        return topics.toArray(String[]::new);
    }

    /** Whether a record that is not an envelope is the projection's to park (the order state topic has no other reader). */
    boolean parksMalformed(ConsumerRecord<String, String> record) {
        return record.topic().equals(messaging.orderStateTopic());
    }

    /**
     * @throws MalformedMessageException if the record is not an envelope
     */
    ProjectedMessage classify(ConsumerRecord<String, String> record) {
        Envelope message = codec.read(record.value());
        String topic = record.topic();
        ProjectedMessage projected;
        if (topic.equals(messaging.orderStateTopic())) {
            OrderState state = OrderState.parse(message.type());
            // Not a state (e.g. the bridge's StepIncident notice): part of the history, changes no state.
            projected = state == null ? ProjectedMessage.notice(message, topic) : ProjectedMessage.state(message, state, topic);
        } else if (isCommand(record, topic)) {
            projected = ProjectedMessage.exchange(message, HistoryKind.COMMAND, topic);
        } else {
            projected = ProjectedMessage.exchange(message, HistoryKind.EVENT, topic).withOutcome(outcome(classify(record, message)));
        }
        return projected.withElement(element(record));
    }

    /** A command names its own type as the command type; a reply echoes its command's type beside its own. */
    private boolean isCommand(ConsumerRecord<String, String> record, String topic) {
        String commandType = KafkaMessaging.header(record, MessageHeaders.COMMAND_TYPE);
        if (commandType == null) {
            return catalog.commandTopics().contains(topic);
        }
        return commandType.equals(KafkaMessaging.header(record, MessageHeaders.MESSAGE_TYPE));
    }

    /**
     * What an event means for its step, by the model version its command was sent from (the step the reply echoes, see
     * {@link StepHeader}); by the models known at start-up for a reply that does not echo it.
     */
    private Outcome classify(ConsumerRecord<String, String> record, Envelope message) {
        try {
            return StepHeader.read(record, codec.mapper()).map(step -> step.classify(message.type())).orElseGet(() -> catalog.classify(message.type()));
        } catch (MalformedMessageException e) {
            log.warn("Classifying {}-{}@{} by the models known at start-up: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return catalog.classify(message.type());
        }
    }

    /** The BPMN element named in the record's headers, or null when it names none (or not readably). */
    static ProjectedMessage.BpmnElement element(ConsumerRecord<String, String> record) {
        String elementId = KafkaMessaging.header(record, MessageHeaders.ELEMENT_ID);
        if (elementId == null) {
            return null;
        }
        return new ProjectedMessage.BpmnElement(elementId, KafkaMessaging.header(record, MessageHeaders.PROCESS_ID),
                number(KafkaMessaging.header(record, MessageHeaders.PROCESS_DEFINITION_KEY), Long::valueOf),
                number(KafkaMessaging.header(record, MessageHeaders.PROCESS_VERSION), Integer::valueOf),
                KafkaMessaging.header(record, MessageHeaders.STEP_NAME));
    }

    private static <T> T number(String text, Function<String, T> parse) {
        try {
            return text == null ? null : parse.apply(text);
        } catch (NumberFormatException e) {
            log.warn("Ignoring the malformed number '{}' in a BPMN element header", text);
            return null;
        }
    }

    private static EventOutcome outcome(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Success success -> EventOutcome.SUCCESS;
            case Outcome.BusinessFailure failure -> EventOutcome.FAILURE;
            case Outcome.TechnicalFailure technical -> EventOutcome.TECHNICAL;
        };
    }
}
