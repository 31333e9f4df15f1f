package dev.ordersaga.participants.support;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.KafkaMessaging;
import dev.ordersaga.messaging.MalformedMessageException;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.observability.SagaSpan;
import dev.ordersaga.observability.SagaTracing;
import dev.ordersaga.participants.support.store.OutboxRelay;
import dev.ordersaga.participants.support.store.ParticipantStore.Handled;
import dev.ordersaga.participants.support.store.StoredReply;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.KafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.util.ReflectionUtils;

/**
 * One listener container per participant, registered as a {@code @KafkaListener} would be (the registry finds it by its
 * listener id, also its consumer group), and the answering of its batches. Each reply is recorded as it is sent and
 * published after its commit through the {@link OutboxRelay}, without waiting for one send before the next; a batch
 * returns only once Kafka acknowledged every reply, so that the offsets committed afterwards follow safe replies. A failed
 * record is reported by its index once the replies before it are acknowledged: the error handler commits those, then
 * retries it or parks it on the dead-letter topic.
 */
public record ParticipantListeners(List<Participant> participants, OutboxRelay relay, SagaTracing tracing, KafkaListenerContainerFactory<?> factory,
        KafkaListenerEndpointRegistry registry) implements KafkaListenerConfigurer {

    /** An injected delay holds a batch once: at most this many commands keep it under {@code max.poll.interval.ms}. */
    public static final int MAX_POLL_RECORDS = 200;

    private static final Logger log = LoggerFactory.getLogger(ParticipantListeners.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;
    private static final Method ON_COMMANDS = ReflectionUtils.findMethod(Listener.class, "onCommands", List.class);

    public ParticipantListeners {
        participants = List.copyOf(participants);
    }

    public Optional<Participant> find(String name) {
        return participants.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Its listener container; null before the registry started it. */
    public MessageListenerContainer container(Participant participant) {
        return registry.getListenerContainer(participant.listenerId());
    }

    @Override
    public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
        var handlerMethods = new DefaultMessageHandlerMethodFactory();
        handlerMethods.afterPropertiesSet();
        var consumerProperties = new Properties();
        consumerProperties.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(MAX_POLL_RECORDS));
        for (Participant participant : participants) {
            var endpoint = new MethodKafkaListenerEndpoint<String, String>();
            endpoint.setId(participant.listenerId());
            endpoint.setGroupId(participant.listenerId());
            endpoint.setTopics(participant.settings().commandTopic());
            endpoint.setConcurrency(participant.settings().concurrency());
            endpoint.setConsumerProperties(consumerProperties);
            endpoint.setBatchListener(true);
            endpoint.setBean(new Listener(participant, this));
            endpoint.setMethod(ON_COMMANDS);
            endpoint.setMessageHandlerMethodFactory(handlerMethods);
            registrar.registerEndpoint(endpoint, factory);
        }
    }

    /** The batch method a participant's container calls. */
    public record Listener(Participant participant, ParticipantListeners listeners) {

        public void onCommands(List<ConsumerRecord<String, String>> records) {
            listeners.answer(records, participant);
        }
    }

    /** @throws BatchListenerFailedException naming the first record that was not answered */
    public void answer(List<ConsumerRecord<String, String>> records, Participant participant) {
        var commands = new ArrayList<Envelope>(records.size());
        RuntimeException unreadable = null;
        for (ConsumerRecord<String, String> record : records) {
            try {
                commands.add(participant.codec().read(record.value()));
            } catch (MalformedMessageException e) {
                unreadable = e;
                break;
            }
        }
        try {
            participant.hold(commands);
        } catch (IllegalStateException e) {
            throw new BatchListenerFailedException("Interrupted while holding a batch of " + commands.size() + " commands", e, 0);
        }
        var sends = new ArrayList<CompletableFuture<?>>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            try {
                sends.add(reply(records.get(i), commands.get(i), participant));
            } catch (RuntimeException e) {
                awaitAcknowledged(sends, records);
                throw new BatchListenerFailedException(participant.name() + " could not answer " + describe(records.get(i)), e, i);
            }
        }
        awaitAcknowledged(sends, records);
        if (unreadable != null) {
            throw new BatchListenerFailedException("Not a command: " + describe(records.get(commands.size())), unreadable, commands.size());
        }
    }

    private CompletableFuture<?> reply(ConsumerRecord<String, String> record, Envelope command, Participant participant) {
        if (record.key() != null && !record.key().equals(command.orderId())) {
            log.warn("{} {} on {} has key {} but order id {}; answering with key {}", command.type(), command.commandId(), describe(record),
                    record.key(), command.orderId(), command.orderId());
        }
        // Current while the participant handles the command and sends the reply: child of the command's span.
        SagaSpan span = tracing.startParticipant(KafkaMessaging.header(record, MessageHeaders.TRACEPARENT), command.orderId(), participant.name(),
                command.type());
        try (SagaSpan.Scope scope = span.open()) {
            String topic = participant.settings().eventTopic();
            Handled handled = participant.answer(command, reply -> new StoredReply(topic, reply.orderId(), participant.codec().write(reply),
                    replyHeaders(record.headers(), reply, span.traceparent())));
            return participant.send(handled.reply(), handled.applied(), reply -> relay.send(reply, handled.outboxId()), copy -> relay.send(copy, null))
                    .thenAccept(sent -> SagaSpan.withOrder(command.orderId(),
                            () -> log.debug("Order {}: sent the reply to {} {} to {}", command.orderId(), command.type(), command.commandId(), topic)))
                    .whenComplete((ignored, error) -> span.end(error));
        } catch (RuntimeException e) {
            span.end(e);
            throw e;
        }
    }

    /**
     * The command's {@code order-saga-*} headers (its command id and the job's retries, which the bridge needs), the reply's
     * own message type and its {@code traceparent}.
     */
    static Map<String, String> replyHeaders(Headers command, Envelope reply, String traceparent) {
        var headers = new LinkedHashMap<String, String>();
        for (Header header : command) {
            if (header.key().startsWith(MessageHeaders.ECHO_PREFIX) && !header.key().equals(MessageHeaders.MESSAGE_TYPE)) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        if (!headers.containsKey(MessageHeaders.COMMAND_ID) && reply.commandId() != null) {
            headers.put(MessageHeaders.COMMAND_ID, reply.commandId());
        }
        headers.put(MessageHeaders.MESSAGE_TYPE, reply.type());
        headers.put(MessageHeaders.TRACEPARENT, traceparent);
        return headers;
    }

    private static void awaitAcknowledged(List<CompletableFuture<?>> sends, List<ConsumerRecord<String, String>> records) {
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BatchListenerFailedException("Interrupted while sending the reply to " + describe(records.get(i)), e, i);
            } catch (ExecutionException | TimeoutException e) {
                throw new BatchListenerFailedException("Kafka did not acknowledge the reply to " + describe(records.get(i)), e, i);
            }
        }
    }

    private static String describe(ConsumerRecord<String, String> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
