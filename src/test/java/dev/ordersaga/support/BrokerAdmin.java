package dev.ordersaga.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What a test asks the broker's admin API: where topics end, who in a consumer group holds which partitions. */
public final class BrokerAdmin implements AutoCloseable {

    private final Admin admin;

    public BrokerAdmin(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The end offset of each partition of the topic: every record ever written to it, per partition. */
    public Map<TopicPartition, Long> endOffsets(String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .collect(Collectors.toMap(info -> new TopicPartition(topic, info.partition()), info -> OffsetSpec.latest()));
        return admin.listOffsets(partitions).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, end -> end.getValue().offset()));
    }

    /** How many records were ever written to the topic. */
    public long records(String topic) throws ExecutionException, InterruptedException {
        return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Moves a consumer group with no member running to the end of the topic: it will consume only what comes next. */
    public void skipToEnd(String group, String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> ends = endOffsets(topic).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, end -> new OffsetAndMetadata(end.getValue())));
        admin.alterConsumerGroupOffsets(group, ends).all().get();
    }

    /** The consumer group as the coordinator describes it now: its state and each member's partitions. */
    public ConsumerGroupDescription group(String group) throws ExecutionException, InterruptedException {
        return admin.describeConsumerGroups(List.of(group)).all().get().get(group);
    }

    @Override
    public void close() {
        admin.close();
    }
}
