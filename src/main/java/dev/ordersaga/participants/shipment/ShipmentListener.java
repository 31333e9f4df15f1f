package dev.ordersaga.participants.shipment;

import dev.ordersaga.participants.shipment.api.ShipmentCommand;
import dev.ordersaga.participants.support.CommandListener;
import dev.ordersaga.participants.support.CommandReplier;
import dev.ordersaga.participants.support.Participant;
import dev.ordersaga.participants.support.ParticipantsKafkaConfiguration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** Consumes the shipment's command topic; see {@link CommandListener}. */
public class ShipmentListener extends CommandListener {

    public static final String ID = "shipment-participant";

    public ShipmentListener(Participant<ShipmentCommand> participant, CommandReplier replier) {
        super(participant, replier);
    }

    @KafkaListener(id = ID, groupId = ID, topics = "#{__listener.commandTopic()}", concurrency = "#{__listener.concurrency()}",
            properties = CONSUMER_PROPERTIES, containerFactory = ParticipantsKafkaConfiguration.FACTORY)
    public void onCommands(List<ConsumerRecord<String, String>> records) {
        answer(records);
    }
}
