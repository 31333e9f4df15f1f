package dev.ordersaga.participants.notification;

import dev.ordersaga.participants.notification.api.NotifyCustomer;
import dev.ordersaga.participants.support.CommandListener;
import dev.ordersaga.participants.support.CommandReplier;
import dev.ordersaga.participants.support.Participant;
import dev.ordersaga.participants.support.ParticipantsKafkaConfiguration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** Consumes the notification's command topic; see {@link CommandListener}. */
public class NotificationListener extends CommandListener {

    public static final String ID = "notification-participant";

    public NotificationListener(Participant<NotifyCustomer> participant, CommandReplier replier) {
        super(participant, replier);
    }

    @KafkaListener(id = ID, groupId = ID, topics = "#{__listener.commandTopic()}", concurrency = "#{__listener.concurrency()}",
            properties = CONSUMER_PROPERTIES, containerFactory = ParticipantsKafkaConfiguration.FACTORY)
    public void onCommands(List<ConsumerRecord<String, String>> records) {
        answer(records);
    }
}
