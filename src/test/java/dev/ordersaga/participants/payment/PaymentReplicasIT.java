package dev.ordersaga.participants.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.OrderSagaApplication;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.participants.support.Commands;
import dev.ordersaga.participants.support.store.LedgerEntry;
import dev.ordersaga.participants.support.store.ParticipantStore;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Two replicas of the payment participant in one consumer group, on the same broker and database: this application's,
 * and a second, participants-only application started in the middle of a load of charges (its listener joins the group,
 * so partitions move between the replicas while commands are in flight) and stopped before the end (they move back).
 * Every command is sent twice, as a redelivery would. Whatever replica handles which copy, each order is charged once
 * (its ledger, read back from the database), and both copies of a command are answered with the identical reply.
 */
@OrderSagaIntegrationTest
class PaymentReplicasIT {

    private static final int ORDERS = 400;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    ParticipantStore store;

    @Autowired
    Environment environment;

    @Test
    void noOrderIsChargedTwiceWhilePartitionsMoveBetweenReplicas() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
        var commands = new ArrayList<Envelope>();
        for (int i = 0; i < ORDERS; i++) {
            commands.add(Commands.command("ChargePayment", run + "-order-" + i, run + "-cmd-" + i,
                    "{\"customerId\": \"" + run + "-c-" + (i % 20) + "\", \"amount\": \"10.00\", \"currency\": \"EUR\"}"));
        }
        try (var replies = new TopicProbe(bootstrap, codec, "payment-events")) {
            ConfigurableApplicationContext second = null;
            try {
                for (int i = 0; i < ORDERS; i++) {
                    send(commands.get(i));
                    if (i == ORDERS / 4) {
                        second = secondReplica();
                    }
                    if (i == ORDERS / 2) {
                        // Again, the first half: redeliveries, while the group has two members.
                        commands.subList(0, ORDERS / 2).forEach(this::send);
                    }
                }
                commands.subList(ORDERS / 2, ORDERS).forEach(this::send);
            } finally {
                if (second != null) {
                    second.close();
                }
            }

            await().atMost(Duration.ofMinutes(2)).until(() -> ours(replies, run).size() >= 2 * ORDERS);
            Map<String, List<String>> valuesByCommand = ours(replies, run).stream().collect(Collectors.groupingBy(
                    record -> new String(record.headers().lastHeader(MessageHeaders.COMMAND_ID).value(), StandardCharsets.UTF_8),
                    Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
            assertThat(valuesByCommand).hasSize(ORDERS);
            valuesByCommand.forEach((commandId, values) -> assertThat(values).as("replies to %s", commandId).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(value -> assertThat(value).isEqualTo(values.getFirst())));
        }
        for (Envelope command : commands) {
            List<LedgerEntry> ledger = store.ledger("payment", command.orderId());
            assertThat(ledger).as("ledger of %s", command.orderId()).singleElement()
                    .satisfies(entry -> assertThat(entry.entry()).isEqualTo("charged"))
                    .satisfies(entry -> assertThat(entry.amount()).isEqualByComparingTo("10.00"));
        }
    }

    private void send(Envelope command) {
        var record = new ProducerRecord<String, String>("payment-commands", command.orderId(), codec.write(command));
        record.headers().add(MessageHeaders.COMMAND_ID, command.commandId().getBytes(StandardCharsets.UTF_8));
        kafka.send(record).join();
    }

    private static List<ConsumerRecord<String, String>> ours(TopicProbe replies, String run) {
        return replies.records(record -> record.key() != null && record.key().startsWith(run + "-"));
    }

    /** A participants-only application with the payment participant alone, on this test's broker and database. */
    private ConfigurableApplicationContext secondReplica() {
        return new SpringApplicationBuilder(OrderSagaApplication.class).run(
                "--server.port=0", "--order-saga.saga.enabled=false", "--camunda.client.enabled=false",
                "--order-saga.participants.inventory.enabled=false", "--order-saga.participants.shipment.enabled=false",
                "--order-saga.participants.notification.enabled=false",
                "--spring.kafka.bootstrap-servers=" + environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                "--spring.datasource.url=" + environment.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getRequiredProperty("spring.datasource.username"));
    }
}
