package dev.ordersaga.messaging;

import java.util.Arrays;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/** Creates topics at run time with the configured partitions and replication (those of a step deployed later). */
@Component
public class Topics {

    private final KafkaAdmin admin;
    private final MessagingProperties properties;

    public Topics(KafkaAdmin admin, MessagingProperties properties) {
        this.admin = admin;
        this.properties = properties;
    }

    /**
     * Creates the topics that do not exist yet.
     *
     * @throws org.apache.kafka.common.KafkaException if one cannot be created (e.g. an invalid name)
     */
    public void create(String... names) {
        admin.createOrModifyTopics(Arrays.stream(names).map(name -> KafkaMessaging.topic(properties, name)).toArray(NewTopic[]::new));
    }
}
