package dev.ordersaga.participants.inventory;

import dev.ordersaga.participants.inventory.api.InventoryCommand;
import dev.ordersaga.participants.support.CommandListener;
import dev.ordersaga.participants.support.CommandReplier;
import dev.ordersaga.participants.support.Participant;
import dev.ordersaga.participants.support.ParticipantsKafkaConfiguration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** Consumes the inventory's command topic; see {@link CommandListener}. */
public class InventoryListener extends CommandListener {

    public static final String ID = "inventory-participant";

    public InventoryListener(Participant<InventoryCommand> participant, CommandReplier replier) {
        super(participant, replier);
    }

    @KafkaListener(id = ID, groupId = ID, topics = "#{__listener.commandTopic()}", concurrency = "#{__listener.concurrency()}",
            properties = CONSUMER_PROPERTIES, containerFactory = ParticipantsKafkaConfiguration.FACTORY)
    public void onCommands(List<ConsumerRecord<String, String>> records) {
        answer(records);
    }
}
