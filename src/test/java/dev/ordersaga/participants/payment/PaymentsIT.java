package dev.ordersaga.participants.payment;

import static dev.ordersaga.participants.support.Commands.command;
import static dev.ordersaga.participants.support.Commands.participantOf;
import static dev.ordersaga.participants.support.Commands.process;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.participants.ParticipantsDatabase;
import dev.ordersaga.participants.payment.api.PaymentContract.ChargePayment;
import dev.ordersaga.participants.payment.api.PaymentContract.PaymentCharged;
import dev.ordersaga.participants.payment.api.PaymentContract.PaymentEvent;
import dev.ordersaga.participants.payment.api.PaymentContract.PaymentKO;
import dev.ordersaga.participants.payment.api.PaymentContract.PaymentRefunded;
import dev.ordersaga.participants.payment.api.PaymentContract.RefundPayment;
import dev.ordersaga.participants.support.Participant;
import dev.ordersaga.participants.support.store.InCommandTransaction;
import dev.ordersaga.participants.support.store.LedgerEntry;
import dev.ordersaga.participants.support.store.ParticipantStore;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payment participant's rules on the real PostgreSQL server, each call in its command's transaction as the
 * pipeline runs it ({@link ParticipantStore#handle}). Every test uses customers and orders of its own. A "restart" is
 * a new {@link Payments} and store on the same database: nothing is kept in memory.
 */
@OrderSagaIntegrationTest
class PaymentsIT {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTransactionManager transactions;

    @Autowired
    ObjectMapper json;

    private final String run = UUID.randomUUID().toString().substring(0, 8) + "-";
    private final String customer = run + "c-1";
    private ParticipantStore store;
    private Payments payments;
    private ParticipantsDatabase db;
    private InCommandTransaction transaction;

    @Autowired
    void start() {
        restart();
    }

    /** New domain objects on the same database: what a restarted (or another) replica has. */
    private void restart() {
        store = new ParticipantStore(JdbcClient.create(dataSource), new TransactionTemplate(transactions), json);
        payments = new Payments(store);
        db = new ParticipantsDatabase(store);
        transaction = new InCommandTransaction(store, json, Payments.PARTICIPANT);
    }

    @Test
    void everyCustomerStartsWithTenThousandEuros() {
        assertThat(payments.creditLeft(customer)).isEqualByComparingTo("10000.00");
    }

    @Test
    void aChargeUsesUpCredit() {
        PaymentEvent event = charge("order-1", "250.40");

        assertThat(event).isInstanceOfSatisfying(PaymentCharged.class, charged -> assertThat(charged.paymentId()).startsWith("PAY-"));
        assertThat(payments.creditLeft(customer)).isEqualByComparingTo("9749.60");
        assertThat(payments.creditLeft(run + "c-2")).isEqualByComparingTo("10000.00");
        assertThat(db.charged(run + "order-1")).isEqualByComparingTo("250.40");
        assertThat(store.ledger(Payments.PARTICIPANT, run + "order-1")).singleElement().satisfies(entry -> {
            assertThat(entry.entry()).isEqualTo("charged");
            assertThat(entry.amount()).isEqualByComparingTo("250.40");
            assertThat(entry.reference()).isEqualTo(((PaymentCharged) event).paymentId());
        });
    }

    @Test
    void aChargeOfExactlyTheCreditLeftIsAccepted() {
        assertThat(charge("order-1", "10000.00")).isInstanceOf(PaymentCharged.class);
        assertThat(payments.creditLeft(customer)).isEqualByComparingTo("0");
    }

    @Test
    void aChargeExceedingTheCreditLeftIsRefused() {
        charge("order-1", "9000");

        PaymentEvent event = charge("order-2", "1000.01");

        assertThat(event).isEqualTo(new PaymentKO("Charge of 1000.01 EUR exceeds the credit left for customer " + customer + " (1000.00 EUR)"));
        assertThat(payments.creditLeft(customer)).isEqualByComparingTo("1000.00");
        assertThat(db.charged(run + "order-2")).isZero();
        assertThat(charge("order-2", "1.00")).as("a refused order gets its refusal again").isEqualTo(event);
    }

    @Test
    void onlyEurosAreAccepted() {
        PaymentEvent event = handle("order-1", "ChargePayment",
                () -> payments.charge(run + "order-1", "cmd", new ChargePayment(customer, new BigDecimal("10"), "USD")));

        assertThat(event).isEqualTo(new PaymentKO("Currency USD is not accepted, only EUR"));
        assertThat(payments.creditLeft(customer)).isEqualByComparingTo("10000.00");
    }

    @Test
    void aRefundGivesBackWhatWasChargedWhateverItAsksFor() {
        charge("order-1", "99.99");

        PaymentRefunded refunded = refund("order-1", "5000");

        assertThat(refunded.refundedAmount()).isEqualByComparingTo("99.99");
        assertThat(payments.creditLeft(customer)).isEqualByComparingTo("10000.00");
        assertThat(db.charged(run + "order-1")).isEqualByComparingTo("99.99");
        assertThat(db.refunded(run + "order-1")).isEqualByComparingTo("99.99");
        assertThat(payments.isCompensated(run + "order-1")).isTrue();
        assertThat(store.ledger(Payments.PARTICIPANT, run + "order-1")).extracting(LedgerEntry::entry).containsExactly("charged", "refunded");
    }

    @Test
    void refundingTwiceRefundsOnce() {
        charge("order-1", "100");
        charge("order-2", "200");

        refund("order-1", "100");
        PaymentRefunded again = refund("order-1", "100");

        assertThat(again.refundedAmount()).isEqualByComparingTo("100");
        assertThat(payments.creditLeft(customer)).isEqualByComparingTo("9800.00");
        assertThat(db.refunded(run + "order-1")).isEqualByComparingTo("100");
    }

    @Test
    void aRefundOfNothingIsAConfirmedNoOpThatMarksTheOrderCompensated() {
        PaymentRefunded refunded = refund("order-1", "100");

        assertThat(refunded.refundedAmount()).isZero();
        assertThat(payments.creditLeft(customer)).isEqualByComparingTo("10000.00");
        assertThat(payments.isCompensated(run + "order-1")).isTrue();
        assertThat(store.ledger(Payments.PARTICIPANT, run + "order-1")).isEmpty();
    }

    @Test
    void anOrderIsChargedOnlyOnceAndGetsItsOutcomeAgain() {
        PaymentEvent first = charge("order-1", "100");

        PaymentEvent second = charge("order-1", "100");

        assertThat(second).isEqualTo(first);
        assertThat(payments.creditLeft(customer)).isEqualByComparingTo("9900.00");
        assertThat(db.charged(run + "order-1")).isEqualByComparingTo("100");
    }

    @Test
    void aRefundAfterARestartRefundsWhatWasChargedBeforeIt() {
        charge("order-1", "123.45");

        restart();
        PaymentRefunded refunded = refund("order-1", "123.45");

        assertThat(refunded.refundedAmount()).isEqualByComparingTo("123.45");
        assertThat(payments.creditLeft(customer)).isEqualByComparingTo("10000.00");
        assertThat(db.charged(run + "order-1").subtract(db.refunded(run + "order-1"))).isZero();
    }

    @Test
    void aChargeReSentAfterItsRefundAndARestartIsRefusedAlsoAfterTheInboxRetention() {
        String chargeId = run + "charge";
        PaymentEvent charged = handle("order-1", "ChargePayment", chargeId, () -> payments.charge(run + "order-1", chargeId, charge("100")));
        refund("order-1", "100");

        restart();
        PaymentEvent again = charge("order-1", "100");
        int pruned = JdbcClient.create(dataSource).sql("delete from inbox where participant = ? and order_id = ?")
                .params(Payments.PARTICIPANT, run + "order-1").update();
        PaymentEvent sameCommandAfterRetention = handle("order-1", "ChargePayment", chargeId,
                () -> payments.charge(run + "order-1", chargeId, charge("100")));

        assertThat(charged).isInstanceOf(PaymentCharged.class);
        assertThat(pruned).as("the charge, the refund and the second charge").isEqualTo(3);
        assertThat(again).isEqualTo(new PaymentKO("order " + run + "order-1 was already compensated"));
        assertThat(sameCommandAfterRetention).isEqualTo(again);
        assertThat(payments.creditLeft(customer)).isEqualByComparingTo("10000.00");
        assertThat(db.charged(run + "order-1")).isEqualByComparingTo("100");
        assertThat(db.refunded(run + "order-1")).isEqualByComparingTo("100");
    }

    @Test
    void concurrentChargesOfTwoReplicasNeverOverdraw() throws Exception {
        int orders = 64;
        var other = new Payments(store);
        var start = new CountDownLatch(1);
        List<Callable<PaymentEvent>> charges = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String orderId = "order-" + i;
            Payments replica = i % 2 == 0 ? payments : other;
            charges.add(() -> {
                start.await();
                return handle(orderId, "ChargePayment", () -> replica.charge(run + orderId, "cmd", charge("300.00")));
            });
        }
        List<Future<PaymentEvent>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            charges.forEach(charge -> results.add(threads.submit(charge)));
            start.countDown();
        }

        int charged = 0;
        for (Future<PaymentEvent> result : results) {
            charged += result.get() instanceof PaymentCharged ? 1 : 0;
        }
        assertThat(charged).isEqualTo(33);
        assertThat(payments.creditLeft(customer)).isEqualByComparingTo("100.00");
    }

    @Test
    void throughThePipelineASameCommandIdGetsTheIdenticalReplyAndALateChargeIsRefused() {
        var participant = participantOf(payments, store);
        String chargeJson = "{\"customerId\": \"" + customer + "\", \"amount\": 37.5, \"currency\": \"EUR\"}";

        Envelope first = process(participant, command("ChargePayment", run + "order-1", run + "cmd-1", chargeJson));
        Envelope second = process(participant, command("ChargePayment", run + "order-1", run + "cmd-1", chargeJson));
        Envelope refunded = process(participant, command("RefundPayment", run + "order-1", run + "cmd-2", chargeJson));
        Envelope late = process(participant, command("ChargePayment", run + "order-1", run + "cmd-3", chargeJson));

        assertThat(first.type()).isEqualTo("PaymentCharged");
        assertThat(first.payload().properties()).extracting(Map.Entry::getKey).containsExactly("paymentId");
        assertThat(second).isEqualTo(first);
        assertThat(refunded.type()).isEqualTo("PaymentRefunded");
        assertThat(refunded.payload().path("refundedAmount").decimalValue()).isEqualByComparingTo("37.5");
        assertThat(late.type()).isEqualTo("PaymentKO");
        assertThat(late.payload().path("reason").asText()).isEqualTo("order " + run + "order-1 was already compensated");
        assertThat(payments.creditLeft(customer)).isEqualByComparingTo("10000");
        assertThat(store.ledger(Payments.PARTICIPANT, run + "order-1")).extracting(LedgerEntry::entry).containsExactly("charged", "refunded");
    }

    private PaymentEvent charge(String order, String amount) {
        return handle(order, "ChargePayment", () -> payments.charge(run + order, "cmd", charge(amount)));
    }

    private PaymentRefunded refund(String order, String amount) {
        return (PaymentRefunded) handle(order, "RefundPayment",
                () -> payments.refund(run + order, "cmd", new RefundPayment(customer, new BigDecimal(amount), "EUR")));
    }

    private ChargePayment charge(String amount) {
        return new ChargePayment(customer, new BigDecimal(amount), "EUR");
    }

    private <E> E handle(String order, String commandType, Supplier<E> work) {
        return transaction.handle(run + order, commandType, work);
    }

    private <E> E handle(String order, String commandType, String commandId, Supplier<E> work) {
        return transaction.handle(run + order, commandType, commandId, work);
    }
}
