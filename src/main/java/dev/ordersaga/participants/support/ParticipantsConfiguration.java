package dev.ordersaga.participants.support;

import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MessagingProperties;
import dev.ordersaga.participants.support.store.CommandInbox;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * The one registration of every reference participant: each {@link CommandHandler} bean becomes a {@link Participant}
 * with its {@link ParticipantSettings}, unless {@code order-saga.participants.<name>.enabled=false}, and gets a listener
 * container ({@link ParticipantListeners}). A new participant is its domain class, its handler and its {@code api}
 * contract: no listener, properties or configuration class of its own.
 *
 * <p>The listener containers take a batch of commands per poll; the listener returns once every reply of the batch was
 * acknowledged ({@link CommandReplier}), and the offsets of what it returned from are committed every {@code
 * order-saga.messaging.commit-interval} ({@link MessagingProperties#commitInterval()}). Failures go to the application's
 * common error handler: the records before the failed one are committed, the failed one is retried with back-off or, if
 * it can never be processed, parked on the dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnParticipants
public class ParticipantsConfiguration {

    /** The bean name of the participants' listener container factory. */
    public static final String FACTORY = "participantListenerFactory";

    private static final Logger log = LoggerFactory.getLogger(ParticipantsConfiguration.class);

    @Bean(FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> participantListenerFactory(ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumerFactory, MessagingProperties messaging) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumerFactory);
        factory.setBatchListener(true);
        messaging.commitPeriodically(factory.getContainerProperties());
        return factory;
    }

    @Bean
    ParticipantListeners participantListeners(ObjectProvider<CommandHandler<?, ?>> handlers, Environment environment,
            CommandInbox inbox, EnvelopeCodec codec, CommandReplier replier,
            @Qualifier(FACTORY) ConcurrentKafkaListenerContainerFactory<Object, Object> participantListenerFactory) {
        Binder binder = Binder.get(environment);
        List<Participant<?>> participants = handlers.orderedStream()
                .<Participant<?>>map(handler -> participant(handler, ParticipantSettings.bind(binder, handler.name()), codec, inbox))
                .filter(participant -> participant.settings().enabled())
                .toList();
        log.debug("Reference participants here: {}", participants);
        return new ParticipantListeners(participants, replier, participantListenerFactory);
    }

    private static <C> Participant<C> participant(CommandHandler<C, ?> handler, ParticipantSettings settings, EnvelopeCodec codec,
            CommandInbox inbox) {
        return new Participant<>(handler, Participant.listenerId(handler.name()), settings, codec, inbox);
    }
}
