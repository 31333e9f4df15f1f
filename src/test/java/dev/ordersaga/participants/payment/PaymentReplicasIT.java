package dev.ordersaga.participants.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.participants.support.CommandHandler;
import dev.ordersaga.participants.support.Handler;
import dev.ordersaga.participants.support.Commands;
import dev.ordersaga.participants.support.Faults;
import dev.ordersaga.participants.support.Participant;
import dev.ordersaga.participants.support.ParticipantListeners;
import dev.ordersaga.participants.support.store.LedgerEntry;
import dev.ordersaga.participants.support.store.ParticipantStore;
import dev.ordersaga.support.BrokerAdmin;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.ParticipantProcess;
import dev.ordersaga.support.TopicProbe;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ConsumerGroupState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Two replicas of the payment participant in one consumer group, on the same broker and database, under a steady load
 * of charges, each sent twice as a redelivery would: this application's, slowed by an injected delay so that commands
 * are always waiting for it, and a second one in a process of its own ({@link ParticipantProcess}) that joins the group
 * while commands are in flight (partitions move to it) and is killed ({@code kill -9}) while commands are in flight (its
 * partitions, with what it had not committed, move back). The test checks with the group coordinator that each
 * rebalance really happened and counts the commands not answered at that moment. Afterwards each order is charged
 * exactly once: one {@code charged} entry in its ledger and each customer's credit taken once per order, read back from
 * the database; every copy of a command is answered with the same reply.
 */
@OrderSagaIntegrationTest
class PaymentReplicasIT {

    private static final String PAYMENT = "payment";
    private static final String GROUP = Participant.listenerId(PAYMENT);
    private static final String TOPIC = "payment-commands";
    private static final int CUSTOMERS = 20;
    private static final Duration REBALANCE = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(PaymentReplicasIT.class);

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    ParticipantStore store;

    @Autowired
    Payments payments;

    @Autowired
    ParticipantListeners listeners;

    @Autowired
    ApplicationContext context;

    @Autowired
    Environment environment;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<Envelope> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger ticks = new AtomicInteger();
    private ParticipantProcess second;

    @AfterEach
    void cleanUp() {
        listeners.find(PAYMENT).orElseThrow().injectFaults(Faults.NONE);
        if (second != null) {
            second.close();
        }
    }

    @Test
    void noOrderIsChargedTwiceWhilePartitionsMoveBetweenReplicasWithCommandsInFlight() throws Exception {
        listeners.find(PAYMENT).orElseThrow().injectFaults(new Faults(Duration.ofMillis(200), 0, 0));
        String bootstrap = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        try (var replies = new TopicProbe(bootstrap, codec, "payment-events"); var broker = new BrokerAdmin(bootstrap)) {
            // A new charge every 20 ms, and again the one of 10 ticks before.
            load.scheduleAtFixedRate(this::tick, 0, 20, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofMinutes(1)).until(() -> sent.size() >= 100);

            second = ParticipantProcess.start(PAYMENT, participantNames(), environment);
            ConsumerGroupDescription joined = await().atMost(REBALANCE).pollInterval(Duration.ofMillis(50))
                    .until(() -> broker.group(GROUP), group -> stable(group) && group.members().size() == 2 && everyMemberHoldsPartitions(group));
            int inFlightAtJoin = unanswered(replies).size();
            log.info("Second replica joined: {} sent, {} not answered, partitions {}", sent.size(), inFlightAtJoin, assignment(joined));
            assertThat(inFlightAtJoin).as("commands in flight when the second replica got its partitions %s", assignment(joined)).isPositive();

            int atJoin = sent.size();
            await().atMost(Duration.ofMinutes(1)).until(() -> sent.size() >= atJoin + 150);
            ConsumerGroupDescription beforeKill = broker.group(GROUP);
            assertThat(beforeKill.members()).as("both replicas hold partitions before the kill: %s", assignment(beforeKill)).hasSize(2)
                    .allSatisfy(member -> assertThat(member.assignment().topicPartitions()).isNotEmpty());
            second.kill();
            int inFlightAtKill = unanswered(replies).size();
            log.info("Second replica killed: {} sent, {} not answered, partitions before {}", sent.size(), inFlightAtKill, assignment(beforeKill));
            assertThat(inFlightAtKill).as("commands in flight when the second replica was killed").isPositive();
            int partitions = broker.endOffsets(TOPIC).size();
            await().atMost(REBALANCE).pollInterval(Duration.ofMillis(50)).until(() -> broker.group(GROUP), group -> stable(group)
                    && group.members().size() == 1 && group.members().iterator().next().assignment().topicPartitions().size() == partitions);

            int afterKill = sent.size();
            await().atMost(Duration.ofMinutes(1)).until(() -> sent.size() >= afterKill + 100);
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            listeners.find(PAYMENT).orElseThrow().injectFaults(Faults.NONE);

            await().atMost(Duration.ofMinutes(2)).until(() -> unanswered(replies).isEmpty());
            Map<String, List<String>> valuesByCommand = ours(replies).stream().collect(Collectors.groupingBy(PaymentReplicasIT::commandId,
                    Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
            valuesByCommand.forEach((commandId, values) -> assertThat(values).as("replies to %s", commandId)
                    .allSatisfy(value -> assertThat(value).isEqualTo(values.getFirst())));
        } finally {
            load.shutdownNow();
        }

        Set<String> orders = sent.stream().map(Envelope::orderId).collect(Collectors.toSet());
        log.info("{} orders charged through both rebalances", orders.size());
        for (String orderId : orders) {
            List<LedgerEntry> ledger = store.ledger(PAYMENT, orderId);
            assertThat(ledger).as("ledger of %s", orderId).singleElement()
                    .satisfies(entry -> assertThat(entry.entry()).isEqualTo("charged"))
                    .satisfies(entry -> assertThat(entry.amount()).isEqualByComparingTo("10.00"));
        }
        Map<String, Long> ordersByCustomer = orders.stream().collect(Collectors.groupingBy(this::customer, Collectors.counting()));
        ordersByCustomer.forEach((customer, count) -> assertThat(payments.creditLeft(customer)).as("credit left of %s", customer)
                .isEqualByComparingTo(Payments.CREDIT_LIMIT.subtract(BigDecimal.TEN.multiply(BigDecimal.valueOf(count)))));
    }

    /** One tick of the load: a new charge, and the charge of ten ticks before once more. */
    private void tick() {
        int i = ticks.getAndIncrement();
        Envelope command = Commands.command("ChargePayment", run + "-order-" + i, run + "-cmd-" + i,
                "{\"customerId\": \"" + run + "-c-" + (i % CUSTOMERS) + "\", \"amount\": \"10.00\", \"currency\": \"EUR\"}");
        send(command);
        sent.add(command);
        if (i >= 10) {
            send(sent.get(i - 10));
        }
    }

    private void send(Envelope command) {
        var record = new ProducerRecord<String, String>(TOPIC, command.orderId(), codec.write(command));
        record.headers().add(MessageHeaders.COMMAND_ID, command.commandId().getBytes(StandardCharsets.UTF_8));
        kafka.send(record).join();
    }

    private String customer(String orderId) {
        int i = Integer.parseInt(orderId.substring(orderId.lastIndexOf('-') + 1));
        return run + "-c-" + (i % CUSTOMERS);
    }

    /** The commands sent so far that have no reply yet. */
    private Set<String> unanswered(TopicProbe replies) {
        Set<String> answered = ours(replies).stream().map(PaymentReplicasIT::commandId).collect(Collectors.toSet());
        return sent.stream().map(Envelope::commandId).filter(commandId -> !answered.contains(commandId)).collect(Collectors.toSet());
    }

    private List<ConsumerRecord<String, String>> ours(TopicProbe replies) {
        return replies.records(record -> record.key() != null && record.key().startsWith(run + "-"));
    }

    private static String commandId(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader(MessageHeaders.COMMAND_ID).value(), StandardCharsets.UTF_8);
    }

    private static boolean stable(ConsumerGroupDescription group) {
        return group.state() == ConsumerGroupState.STABLE;
    }

    private static boolean everyMemberHoldsPartitions(ConsumerGroupDescription group) {
        return group.members().stream().allMatch(member -> !member.assignment().topicPartitions().isEmpty());
    }

    private static String assignment(ConsumerGroupDescription group) {
        return group.members().stream().map(MemberDescription::assignment).map(Object::toString).collect(Collectors.joining(", "));
    }

    /** Every reference participant's name, those switched off here included. */
    private List<String> participantNames() {
        return context.getBeansWithAnnotation(CommandHandler.class).values().stream().map(handler -> Handler.of(handler).name()).toList();
    }
}
