package dev.ordersaga.participants.payment;

import dev.ordersaga.participants.payment.api.PaymentCommand;
import dev.ordersaga.participants.support.CommandListener;
import dev.ordersaga.participants.support.CommandReplier;
import dev.ordersaga.participants.support.Participant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** Consumes the payment's command topic; see {@link CommandListener}. */
public class PaymentListener extends CommandListener {

    public static final String ID = "payment-participant";

    public PaymentListener(Participant<PaymentCommand> participant, CommandReplier replier) {
        super(participant, replier);
    }

    @KafkaListener(id = ID, groupId = ID, topics = "#{__listener.commandTopic()}", concurrency = "#{__listener.concurrency()}",
            properties = CONSUMER_PROPERTIES)
    public void onCommand(ConsumerRecord<String, String> record) {
        answer(record);
    }
}
