package dev.ordersaga.participants.payment;

import dev.ordersaga.participants.payment.api.PaymentCommand;
import dev.ordersaga.participants.support.CommandListener;
import dev.ordersaga.participants.support.CommandReplier;
import dev.ordersaga.participants.support.Participant;
import dev.ordersaga.participants.support.ParticipantsKafkaConfiguration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** Consumes the payment's command topic; see {@link CommandListener}. */
public class PaymentListener extends CommandListener {

    public static final String ID = "payment-participant";

    public PaymentListener(Participant<PaymentCommand> participant, CommandReplier replier) {
        super(participant, replier);
    }

    @KafkaListener(id = ID, groupId = ID, topics = "#{__listener.commandTopic()}", concurrency = "#{__listener.concurrency()}",
            properties = CONSUMER_PROPERTIES, containerFactory = ParticipantsKafkaConfiguration.FACTORY)
    public void onCommands(List<ConsumerRecord<String, String>> records) {
        answer(records);
    }
}
