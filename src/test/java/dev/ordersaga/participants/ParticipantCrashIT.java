package dev.ordersaga.participants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.observability.SagaTracing;
import dev.ordersaga.participants.support.CommandHandler;
import dev.ordersaga.participants.support.Handler;
import dev.ordersaga.participants.support.Participant;
import dev.ordersaga.participants.support.store.LedgerEntry;
import dev.ordersaga.participants.support.store.ParticipantStore;
import dev.ordersaga.support.BrokerAdmin;
import dev.ordersaga.support.CrashPoints;
import dev.ordersaga.support.OrderApi;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.Orders;
import dev.ordersaga.support.ParticipantProcess;
import dev.ordersaga.support.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The payment participant in a process of its own, killed at the two points where a crash can lose or repeat work, then
 * started again: between its database commit and its reply, and between receiving a command and committing it. The
 * process halts itself there ({@link CrashPoints}: {@code Runtime.halt}, as {@code kill -9}: nothing flushed, closed or
 * acknowledged) at the {@value #HALT_AT}th of
 * {@value #ORDERS} charges, which wait on the topic before it starts. Afterwards every order ships, each is charged
 * exactly once (its ledger, read back from the database), every charge is answered, and a charge answered more than
 * once got the identical reply every time (key, value and headers; the {@code traceparent} names each send's span).
 *
 * <p>This application runs the saga and the other participants; it never relays an outbox entry itself ({@code
 * relay-after} of ten minutes), so the replies left by a killed process are sent by the participant's own next process.
 */
@OrderSagaIntegrationTest
@TestPropertySource(properties = {"order-saga.participants.payment.enabled=false", "order-saga.order.step-timeout=PT5M",
        "order-saga.participants.store.relay-after=PT10M"})
class ParticipantCrashIT {

    private static final String PAYMENT = "payment";
    private static final int ORDERS = 12;
    private static final int HALT_AT = 5;
    private static final Duration COMPLETION = Duration.ofMinutes(4);

    @Autowired
    TestRestTemplate rest;

    @Autowired
    Environment environment;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    ParticipantStore store;

    @Autowired
    DataSource dataSource;

    @Autowired
    ApplicationContext context;

    private final List<ParticipantProcess> processes = new ArrayList<>();
    private TopicProbe commands;
    private TopicProbe replies;

    @BeforeEach
    void probe() {
        commands = new TopicProbe(bootstrap(), codec, "payment-commands");
        replies = new TopicProbe(bootstrap(), codec, "payment-events");
    }

    @AfterEach
    void stop() throws InterruptedException {
        processes.forEach(ParticipantProcess::close);
        commands.close();
        replies.close();
    }

    @Test
    void killedBetweenItsCommitAndItsReplyItAnswersAfterTheRestartWithTheReplyItCommitted() throws Exception {
        List<String> orderIds = placeOrdersWhileThePaymentIsDown();

        assertThat(startHalting(CrashPoints.AFTER_COMMIT + "=" + HALT_AT).awaitExit(COMPLETION)).as("halted after the commit")
                .isEqualTo(CrashPoints.EXIT_STATUS);
        List<String> handled = handledCommands(orderIds);
        assertThat(handled).as("charges committed before the process died, the last one included").hasSize(HALT_AT);
        String halted = handled.getLast();
        assertThat(outbox(orderIds)).as("the reply committed with the last one waits in the outbox").contains(halted);

        start();
        everyOrderShipsChargedOnceWithIdenticalReplies(orderIds);
        assertThat(repliesTo(halted)).as("the reply to %s, sent again for its redelivered command and by the outbox relay", halted)
                .hasSizeGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(outbox(orderIds)).as("replies not acknowledged yet").isEmpty());
    }

    @Test
    void killedBetweenReceivingACommandAndCommittingItAppliesItOnceAfterTheRestart() throws Exception {
        List<String> orderIds = placeOrdersWhileThePaymentIsDown();

        assertThat(startHalting(CrashPoints.BEFORE_COMMIT + "=" + HALT_AT).awaitExit(COMPLETION)).as("halted before the commit")
                .isEqualTo(CrashPoints.EXIT_STATUS);
        assertThat(handledCommands(orderIds)).as("charges committed before the process died, not the last one").hasSize(HALT_AT - 1);
        assertThat(orderIds.stream().mapToInt(orderId -> store.ledger(PAYMENT, orderId).size()).sum())
                .as("ledger entries: the last charge, applied but not committed, left none").isEqualTo(HALT_AT - 1);

        start();
        everyOrderShipsChargedOnceWithIdenticalReplies(orderIds);
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(outbox(orderIds)).as("replies not acknowledged yet").isEmpty());
    }

    /**
     * Places the orders with no payment participant running, once its consumer group starts at the end of the command
     * topic (commands of earlier test classes are not this test's), and waits until every charge is on the topic.
     */
    private List<String> placeOrdersWhileThePaymentIsDown() throws Exception {
        skipEarlierCommands();
        var api = new OrderApi(rest);
        List<String> orderIds = IntStream.range(0, ORDERS).mapToObj(i -> api.place(Orders.happy("crash-" + i))).toList();
        await().atMost(Duration.ofMinutes(1)).until(() -> charges(orderIds).size() == ORDERS);
        return orderIds;
    }

    private void everyOrderShipsChargedOnceWithIdenticalReplies(List<String> orderIds) {
        var api = new OrderApi(rest);
        for (String orderId : orderIds) {
            assertThat(api.awaitFinal(orderId, COMPLETION).get("state")).as("order %s", orderId).isEqualTo("OrderShipped");
            assertThat(store.ledger(PAYMENT, orderId)).as("payment ledger of %s", orderId).singleElement().satisfies(entry -> {
                assertThat(entry.entry()).isEqualTo("charged");
                assertThat(entry.amount()).isEqualByComparingTo("25.00");
            });
        }
        for (String commandId : charges(orderIds)) {
            List<Map<String, Object>> sent = repliesTo(commandId);
            assertThat(sent).as("replies to %s", commandId).isNotEmpty().allSatisfy(reply -> assertThat(reply).isEqualTo(sent.getFirst()));
        }
        Set<String> ours = Set.copyOf(orderIds);
        assertThat(replies.records(record -> ours.contains(record.key()))).as("every reply, sent again or not, in its order's trace")
                .allSatisfy(record -> assertThat(header(record, MessageHeaders.TRACEPARENT)).contains(SagaTracing.traceId(record.key())));
    }

    private ParticipantProcess start() {
        return started(ParticipantProcess.start(PAYMENT, participantNames(), environment));
    }

    private ParticipantProcess startHalting(String crashPoint) {
        return started(ParticipantProcess.startHalting(PAYMENT, participantNames(), environment, crashPoint));
    }

    private ParticipantProcess started(ParticipantProcess process) {
        processes.add(process);
        return process;
    }

    /** The command ids of the charges of these orders on the command topic (each once, whatever was sent again). */
    private Set<String> charges(List<String> orderIds) {
        Set<String> ours = Set.copyOf(orderIds);
        return commands.records(record -> ours.contains(record.key())).stream().map(record -> codec.read(record.value()))
                .filter(command -> command.type().equals("ChargePayment")).map(Envelope::commandId).collect(Collectors.toSet());
    }

    /**
     * Every reply sent to this command: its key, value and headers as they were on the topic, but the {@code traceparent},
     * which Spring Kafka's template observation sets to the producer span of each send (a new span every time).
     */
    private List<Map<String, Object>> repliesTo(String commandId) {
        return replies.records(record -> commandId.equals(header(record, MessageHeaders.COMMAND_ID))).stream().<Map<String, Object>>map(record -> {
            var reply = new LinkedHashMap<String, Object>();
            reply.put("key", record.key());
            reply.put("value", record.value());
            for (Header header : record.headers()) {
                if (!header.key().equals(MessageHeaders.TRACEPARENT)) {
                    reply.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                }
            }
            return reply;
        }).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The payment's handled commands of these orders, in the order they were handled. */
    private List<String> handledCommands(List<String> orderIds) {
        return JdbcClient.create(dataSource).sql("select command_id from inbox where participant = ? and order_id = any(?) order by handled_at")
                .params(PAYMENT, orderIds.toArray(String[]::new)).query(String.class).list();
    }

    /** The payment's commands of these orders whose replies are in the outbox (committed, not acknowledged). */
    private List<String> outbox(List<String> orderIds) {
        return JdbcClient.create(dataSource).sql("""
                select o.command_id from outbox o join inbox i on i.participant = o.participant and i.command_id = o.command_id
                where o.participant = ? and i.order_id = any(?)""").params(PAYMENT, orderIds.toArray(String[]::new)).query(String.class).list();
    }

    /** Moves the payment participant's consumer group (no member runs) to the end of its command topic. */
    private void skipEarlierCommands() throws Exception {
        try (var broker = new BrokerAdmin(bootstrap())) {
            broker.skipToEnd(Participant.listenerId(PAYMENT), "payment-commands");
        }
    }

    private String bootstrap() {
        return environment.getRequiredProperty("spring.kafka.bootstrap-servers");
    }

    /** Every reference participant's name, those switched off here included. */
    private List<String> participantNames() {
        return context.getBeansWithAnnotation(CommandHandler.class).values().stream().map(handler -> Handler.of(handler).name()).toList();
    }
}
