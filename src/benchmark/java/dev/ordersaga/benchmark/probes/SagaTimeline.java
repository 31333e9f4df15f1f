package dev.ordersaga.benchmark.probes;

import dev.ordersaga.benchmark.systems.TopicReader;
import dev.ordersaga.messaging.KafkaMessaging;
import dev.ordersaga.messaging.MessageHeaders;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a saga order's time goes, hop by hop, from the timestamps of its own messages: the record
 * timestamps (set by each producer when it sends) of the states, commands and events of every order
 * placed in a measured saga block, read back from the topics after the run.
 */
public final class SagaTimeline {

    /** The happy path as the topics see it: which message follows which. */
    private static final List<String> PATH = List.of("placed", "OrderCreated", "ReserveInventory", "InventoryReserved", "InventoryChecked",
            "ChargePayment", "PaymentCharged", "PaymentProcessed", "ScheduleShipment", "ShipmentScheduled", "OrderShipped");

    private SagaTimeline() {}

    /**
     * @param placedAt wall-clock milliseconds at which each measured order was placed, by order id
     * @return a Markdown table: p50/p99/mean of each hop and what the hop consists of
     */
    public static String summarize(String bootstrapServers, List<String> topics, Map<String, Long> placedAt) {
        if (placedAt.isEmpty()) {
            return "";
        }
        Map<String, Map<String, Long>> times = new HashMap<>();
        placedAt.forEach((order, at) -> times.computeIfAbsent(order, o -> new HashMap<>()).put("placed", at));
        try (var consumer = TopicReader.assignedTo(bootstrapServers, topics, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"))) {
            var partitions = consumer.assignment();
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, Long> order = times.get(record.key());
                    String type = KafkaMessaging.header(record, MessageHeaders.MESSAGE_TYPE);
                    if (order != null && type != null) {
                        order.putIfAbsent(type, record.timestamp());
                    }
                }
            }
        }
        var hops = new LinkedHashMap<String, Histogram>();
        for (int i = 1; i < PATH.size(); i++) {
            hops.put(PATH.get(i - 1) + " → " + PATH.get(i), new Histogram(600_000, 3));
        }
        var total = new Histogram(600_000, 3);
        int complete = 0;
        for (Map<String, Long> order : times.values()) {
            if (!PATH.stream().allMatch(order::containsKey)) {
                continue;
            }
            complete++;
            for (int i = 1; i < PATH.size(); i++) {
                hops.get(PATH.get(i - 1) + " → " + PATH.get(i)).recordValue(Math.max(0, order.get(PATH.get(i)) - order.get(PATH.get(i - 1))));
            }
            total.recordValue(Math.max(0, order.get("OrderShipped") - order.get("placed")));
        }
        var md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Hop by hop, from the record timestamps of %d saga orders of the measured blocks "
                + "(ms; a state's or command's timestamp is when its worker sent it, an event's when the participant sent it):%n%n", complete));
        md.append("| hop | what happens | p50 | p99 | mean |\n| --- | --- | ---: | ---: | ---: |\n");
        for (var hop : hops.entrySet()) {
            Histogram h = hop.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.1f |%n", hop.getKey(), explain(hop.getKey()),
                    h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMean()));
        }
        md.append(String.format(Locale.ROOT, "| **placed → OrderShipped** | | %d | %d | %.1f |%n%n", total.getValueAtPercentile(50),
                total.getValueAtPercentile(99), total.getMean()));
        return md.toString();
    }

    private static String explain(String hop) {
        String to = hop.substring(hop.indexOf('→') + 2);
        String from = hop.substring(0, hop.indexOf(' '));
        if (from.equals("placed")) {
            return "start message published, instance started, state job pushed to the state worker";
        }
        if (to.endsWith("Reserved") || to.endsWith("Charged") || to.endsWith("Scheduled")) {
            return "participant: consume the command, apply it, send the reply (waits for the broker's ack)";
        }
        if (to.equals("InventoryChecked") || to.equals("PaymentProcessed") || to.equals("OrderShipped")) {
            return "bridge consumes the event, completes the job; engine; state job pushed to the state worker";
        }
        return "state sent and acknowledged, state job completed; engine; step job pushed to the bridge";
    }
}
