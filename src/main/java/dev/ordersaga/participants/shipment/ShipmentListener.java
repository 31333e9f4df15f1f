package dev.ordersaga.participants.shipment;

import dev.ordersaga.participants.shipment.api.ShipmentCommand;
import dev.ordersaga.participants.support.CommandListener;
import dev.ordersaga.participants.support.CommandReplier;
import dev.ordersaga.participants.support.Participant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** Consumes the shipment's command topic; see {@link CommandListener}. */
public class ShipmentListener extends CommandListener {

    public static final String ID = "shipment-participant";

    public ShipmentListener(Participant<ShipmentCommand> participant, CommandReplier replier) {
        super(participant, replier);
    }

    @KafkaListener(id = ID, groupId = ID, topics = "#{__listener.commandTopic()}", concurrency = "#{__listener.concurrency()}",
            properties = CONSUMER_PROPERTIES)
    public void onCommand(ConsumerRecord<String, String> record) {
        answer(record);
    }
}
