package dev.ordersaga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.support.AppInstance;
import dev.ordersaga.support.OrderApi;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.Orders;
import dev.ordersaga.support.TopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

/**
 * A second application instance, in a JVM of its own on the same engine, broker and Elasticsearch, holds orders in flight
 * and goes away: killed with {@code kill -9} (after hanging for a moment, so that jobs are handed to it that it never
 * handles), or stopped with {@code SIGTERM}. The orders it held move on on this instance (their next command is sent):
 * within 15 s after a kill (the job time-out and the consumers' session time-out, see docs/saga.md), and without waiting
 * for any time-out after a graceful stop. The reference participants run in this test's instance only.
 */
@OrderSagaIntegrationTest
@TestPropertySource(properties = "order-saga.participants.admin.enabled=true")
class InstanceFailoverIT {

    private static final Logger log = LoggerFactory.getLogger(InstanceFailoverIT.class);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final int ORDERS = 30;
    private static final long RECOVERY_MILLIS = 15_000;
    /** The job time-out: a job lost in transit at the stop comes back no earlier than this after the signal. */
    private static final long JOB_TIMEOUT_MILLIS = 8_000;
    /** Above a job lost in transit (the job time-out and the other instance's next poll), below the session time-out (45 s here). */
    private static final long GRACEFUL_MILLIS = 15_000;
    private static final String BRIDGE_GROUP = "order-saga-bridge";
    private static TopicProbe probe;
    private static EnvelopeCodec codec;

    @Autowired TestRestTemplate rest;
    @Autowired Environment environment;
    @Autowired MeterRegistry registry;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrap;
    OrderApi api;

    @BeforeAll
    static void startProbe(@Value("${spring.kafka.bootstrap-servers}") String bootstrap, @Autowired EnvelopeCodec envelopes) {
        codec = envelopes;
        probe = new TopicProbe(bootstrap, codec, "payment-commands", "payment-events", "shipment-commands", "order-state");
    }

    @AfterAll
    static void stopProbe() throws InterruptedException {
        probe.close();
    }

    @BeforeEach
    void api() {
        api = new OrderApi(rest);
    }

    @Test
    void theOrdersOfAnInstanceKilledWithSignal9MoveOnWithin15Seconds() throws Exception {
        try (var admin = admin(); var second = AppInstance.start("killed-" + RUN, environment, Map.of("order-saga.participants.enabled", "false"))) {
            List<String> orderIds = holdOrdersOn(second, admin, "killed");
            Set<TopicPartition> itsOutcomes = outcomePartitions(admin, second.name());

            // It hangs (its sockets stay open: the engine keeps handing it jobs of the next step) and is then killed.
            second.freeze();
            long frozenAt = System.currentTimeMillis();
            api.startParticipant("payment");
            await().atMost(Duration.ofSeconds(30)).until(() -> orderIds.stream().anyMatch(id -> sentAfter("ScheduleShipment", id, frozenAt)));
            // The jobs of the next step are being handed out now, about half of them to the hung instance. The engine gives back
            // those it pushed in the last two seconds before the instance's connection drops (GrpcToLogStreamGateway); the ones
            // pushed earlier wait for their job time-out, the path this test is about: so the kill comes a while after the first.
            TimeUnit.SECONDS.sleep(5);
            second.kill();
            long killedAt = System.currentTimeMillis();
            second.awaitExit(Duration.ofSeconds(30));

            // An order moved on when the step it waited at on the dead instance is settled: its next command, ScheduleShipment, is sent.
            Map<String, Long> movedOnAt = awaitFirst("shipment-commands", "ScheduleShipment", orderIds);
            Map<String, Long> shippedAt = awaitFirst("order-state", "OrderShipped", orderIds);
            var waitedOnItsPartitions = orderIds.stream().filter(id -> itsOutcomes.contains(partitionOf("payment-events", id))).toList();
            var handedToIt = orderIds.stream().filter(id -> !waitedOnItsPartitions.contains(id))
                    .filter(id -> movedOnAt.get(id) - time("payment-events", id) > 3_000).toList();
            long maxMovedOn = slowest(orderIds, movedOnAt, frozenAt);
            log.info("RECOVERY kill -9: {} orders in flight on two instances; one froze at 0 ms, killed at {} ms; all moved on {} ms after the "
                    + "freeze ({} ms after the kill) and shipped {} ms after it; {} waited for its outcome partitions (slowest {} ms), {} for their "
                    + "jobs it held (slowest {} ms)", ORDERS, killedAt - frozenAt, maxMovedOn, maxMovedOn - (killedAt - frozenAt),
                    slowest(orderIds, shippedAt, frozenAt), waitedOnItsPartitions.size(), slowest(waitedOnItsPartitions, movedOnAt, frozenAt),
                    handedToIt.size(), slowest(handedToIt, movedOnAt, frozenAt));
            handedToIt.forEach(id -> log.info("RECOVERY kill -9: order {} answered {} ms after the freeze, moved on {} ms after it", id,
                    time("payment-events", id) - frozenAt, movedOnAt.get(id) - frozenAt));
            assertThat(waitedOnItsPartitions).as("orders whose outcome the killed instance was to consume").isNotEmpty();
            assertThat(handedToIt).as("orders whose next job the engine had handed to the hung instance").isNotEmpty();
            assertThat(maxMovedOn - (killedAt - frozenAt)).as("ms from the kill until the last of its orders moved on").isLessThan(RECOVERY_MILLIS);
        } finally {
            api.startParticipant("payment");
        }
    }

    @Test
    void theOrdersOfAnInstanceStoppedWithSigtermMoveOnWithoutWaitingForItsSessionTimeOut() throws Exception {
        // A session time-out so long that an order waiting for it would show (45 s). The jobs handed to it time out after 8 s (the
        // embedded engine gives every stream of a job type the time-out of the first one, this instance's): a job lost in transit when
        // its job stream closes would wait for that. The signal comes while a burst of jobs is handed out, so some are pushed as the
        // stream closes: those the engine pushes after it saw the cancel go to another stream, and those it pushed in the two
        // seconds before are given back (GrpcToLogStreamGateway in src/engine-patches), so none waits for the job time-out. The
        // drain of the jobs it received is JobDrain's (HeldJobsTest).
        var longTimeOuts = Map.of("order-saga.participants.enabled", "false", "spring.kafka.consumer.properties.session.timeout.ms", "45000",
                "spring.kafka.consumer.properties.heartbeat.interval.ms", "3000");
        try (var admin = admin(); var second = AppInstance.start("stopped-" + RUN, environment, longTimeOuts)) {
            List<String> orderIds = holdOrdersOn(second, admin, "stopped");
            Set<TopicPartition> itsOutcomes = outcomePartitions(admin, second.name());

            api.startParticipant("payment");
            long startedAt = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(30)).until(() -> orderIds.stream().anyMatch(id -> sentAfter("ScheduleShipment", id, startedAt)));
            second.terminate();
            long stoppedAt = System.currentTimeMillis();
            int exit = second.awaitExit(Duration.ofSeconds(60));
            long exitedAfter = System.currentTimeMillis() - stoppedAt;

            Map<String, Long> movedOnAt = awaitFirst("shipment-commands", "ScheduleShipment", orderIds);
            Map<String, Long> shippedAt = awaitFirst("order-state", "OrderShipped", orderIds);
            long maxMovedOn = slowest(orderIds, movedOnAt, stoppedAt);
            long onItsPartitions = orderIds.stream().filter(id -> itsOutcomes.contains(partitionOf("payment-events", id))).count();
            // Its job streams close after the signal, so a job lost in transit then would move on only 8 s or more after it.
            var afterJobTimeOut = orderIds.stream().filter(id -> movedOnAt.get(id) - stoppedAt >= JOB_TIMEOUT_MILLIS).toList();
            log.info("RECOVERY SIGTERM: exited with {} {} ms after the signal; all {} orders moved on {} ms after it and shipped {} ms after it; "
                    + "{} of them answered on partitions it consumed; {} moved on only after the job time-out", exit, exitedAfter, ORDERS, maxMovedOn,
                    slowest(orderIds, shippedAt, stoppedAt), onItsPartitions, afterJobTimeOut.size());
            assertThat(onItsPartitions).as("orders whose outcome the stopped instance was to consume").isPositive();
            assertThat(afterJobTimeOut).as(() -> "orders that waited for the job time-out; their messages, ms after the signal: "
                    + timelines(afterJobTimeOut, stoppedAt)).isEmpty();
            assertThat(maxMovedOn).as(() -> "ms from SIGTERM until the last order moved on (a wait for the session time-out takes 45 s); "
                    + "messages, ms after the signal: " + timelines(orderIds, stoppedAt)).isLessThan(GRACEFUL_MILLIS);
            assertThat(second.log()).as("its log: the job workers closed and the jobs handed to it went out before its consumers stopped")
                    .anyMatch(line -> line.contains("Stopping: job workers closed; the jobs handed to this instance were handled"));
        } finally {
            api.startParticipant("payment");
        }
    }

    @Test
    void aStepWaitingLongerThanItsJobTimeOutIsKeptAliveAndItsCommandIsNotSentAgain() {
        api.stopParticipant("payment");
        String orderId;
        double extendedBefore = extended();
        try {
            orderId = api.place(Orders.happy("kept-alive-" + RUN));
            await().atMost(Duration.ofSeconds(30)).until(() -> commands("ChargePayment", orderId) == 1);
            // The job time-out is 8 s: without the keep-alive the command would go out again after it.
            await().during(Duration.ofSeconds(13)).atMost(Duration.ofSeconds(20)).until(() -> commands("ChargePayment", orderId) == 1);
            assertThat(extended()).as("job time-outs extended").isGreaterThan(extendedBefore);
        } finally {
            api.startParticipant("payment");
        }
        api.awaitState(orderId, Duration.ofSeconds(60), "OrderShipped");
        assertThat(commands("ChargePayment", orderId)).isEqualTo(1);
    }

    /**
     * Starts the second instance, waits until it takes part (its outcome listener has partitions, it activates jobs), then
     * places orders while the payment participant is stopped: they wait at the payment step, their jobs held by both instances.
     */
    private List<String> holdOrdersOn(AppInstance second, AdminClient admin, String name) {
        second.awaitReady(Duration.ofMinutes(3));
        await().atMost(Duration.ofSeconds(60)).until(() -> !outcomePartitions(admin, second.name()).isEmpty()
                && outcomePartitions(admin, second.name()).size() < 6 * 4);
        // An order placed on this instance is known to the other at once, before it is projected: they share the key of order ids.
        String placedHere = api.place(Orders.happy("placed-here-" + name + "-" + RUN));
        assertThat(second.get("/orders/" + placedHere).statusCode()).as("GET on the second instance right after the 202").isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            api.awaitFinal(api.place(Orders.happy("warm-up-" + name + "-" + RUN)), Duration.ofSeconds(30));
            return second.counter("camunda_job_invocations_total", "action=\"activated\"") > 0;
        });
        api.stopParticipant("payment");
        var orderIds = new ArrayList<String>();
        for (int i = 0; i < ORDERS; i++) {
            orderIds.add(api.place(Orders.happy(name + "-" + RUN + "-" + i)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> orderIds.stream().allMatch(id -> commands("ChargePayment", id) >= 1));
        return orderIds;
    }

    /** The outcome partitions the instance's outcome listener consumes now. */
    private static Set<TopicPartition> outcomePartitions(AdminClient admin, String clientIdPrefix) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(BRIDGE_GROUP)).all().get().get(BRIDGE_GROUP);
        var partitions = new HashSet<TopicPartition>();
        for (MemberDescription member : group.members()) {
            if (member.clientId().startsWith(clientIdPrefix)) {
                partitions.addAll(member.assignment().topicPartitions());
            }
        }
        return partitions;
    }

    /** When the first message of this type of each order was written, once every order has one. */
    private Map<String, Long> awaitFirst(String topic, String type, List<String> orderIds) {
        var first = new LinkedHashMap<String, Long>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (String id : orderIds) {
                first(topic, id, type).ifPresent(record -> first.put(id, record.timestamp()));
            }
            return first.size() == orderIds.size();
        });
        return first;
    }

    private static long slowest(List<String> orderIds, Map<String, Long> shippedAt, long from) {
        return orderIds.stream().mapToLong(id -> shippedAt.get(id) - from).max().orElse(0);
    }

    /** Each order's messages on the probed topics: type, partition and ms after {@code from}, to tell which step waited. */
    private static Map<String, List<String>> timelines(List<String> orderIds, long from) {
        var timelines = new LinkedHashMap<String, List<String>>();
        for (String id : orderIds) {
            timelines.put(id, probe.records(r -> id.equals(r.key())).stream()
                    .map(r -> codec.read(r.value()).type() + "@" + r.topic() + "-" + r.partition() + " " + (r.timestamp() - from)).toList());
        }
        return timelines;
    }

    private static boolean sentAfter(String type, String orderId, long since) {
        return first(topicOf(type), orderId, type).filter(record -> record.timestamp() >= since).isPresent();
    }

    private static String topicOf(String commandType) {
        return commandType.equals("ScheduleShipment") ? "shipment-commands" : "payment-commands";
    }

    private static long commands(String type, String orderId) {
        return probe.messages(topicOf(type), orderId, type).size();
    }

    /** When the first record of the order on this topic was written. */
    private static long time(String topic, String orderId) {
        return probe.records(r -> r.topic().equals(topic) && orderId.equals(r.key())).stream().mapToLong(ConsumerRecord::timestamp).min()
                .orElseThrow();
    }

    private static TopicPartition partitionOf(String topic, String orderId) {
        return probe.records(r -> r.topic().equals(topic) && orderId.equals(r.key())).stream().findFirst()
                .map(r -> new TopicPartition(r.topic(), r.partition())).orElseThrow();
    }

    private static Optional<ConsumerRecord<String, String>> first(String topic, String orderId, String type) {
        return probe.records(r -> r.topic().equals(topic) && orderId.equals(r.key())).stream()
                .filter(r -> codec.read(r.value()).type().equals(type)).findFirst();
    }

    private double extended() {
        Counter counter = registry.find("order.saga.job.timeouts.extended").counter();
        return counter == null ? 0 : counter.count();
    }

    private AdminClient admin() {
        return AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}
