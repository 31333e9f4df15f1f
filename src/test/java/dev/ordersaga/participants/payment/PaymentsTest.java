package dev.ordersaga.participants.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.participants.payment.api.ChargePayment;
import dev.ordersaga.participants.payment.api.PaymentCharged;
import dev.ordersaga.participants.payment.api.PaymentEvent;
import dev.ordersaga.participants.payment.api.PaymentKO;
import dev.ordersaga.participants.payment.api.PaymentRefunded;
import dev.ordersaga.participants.payment.api.RefundPayment;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PaymentsTest {

    private final Payments payments = new Payments();

    @Test
    void everyCustomerStartsWithTenThousandEuros() {
        assertThat(payments.creditLeft("c-1")).isEqualByComparingTo("10000.00");
        assertThat(payments.totalCharged()).isZero();
    }

    @Test
    void aChargeUsesUpCredit() {
        PaymentEvent event = payments.charge("order-1", charge("c-1", "250.40"));

        assertThat(event).isInstanceOfSatisfying(PaymentCharged.class, charged -> assertThat(charged.paymentId()).startsWith("PAY-"));
        assertThat(payments.creditLeft("c-1")).isEqualByComparingTo("9749.60");
        assertThat(payments.creditLeft("c-2")).isEqualByComparingTo("10000.00");
        assertThat(payments.charged("order-1")).isEqualByComparingTo("250.40");
        assertThat(payments.totalCharged()).isEqualByComparingTo("250.40");
    }

    @Test
    void itRemembersItsMostRecentOrdersAndCustomersOnly() {
        var remembering = new Payments(Payments.CREDIT_LIMIT, 2);
        var first = (PaymentCharged) remembering.charge("order-1", charge("c-1", "100.00"));
        remembering.charge("order-2", charge("c-2", "200.00"));
        remembering.charge("order-3", charge("c-1", "300.00"));

        assertThat(remembering.creditLeft("c-1")).as("c-1 charged again, so recent").isEqualByComparingTo("9600.00");
        assertThat(remembering.charge("order-3", charge("c-1", "300.00"))).as("a recent order gets its outcome again")
                .isInstanceOf(PaymentCharged.class);
        assertThat(remembering.creditLeft("c-1")).isEqualByComparingTo("9600.00");

        remembering.charge("order-4", charge("c-3", "50.00"));
        assertThat(remembering.creditLeft("c-2")).as("c-2 is the least recent customer: forgotten").isEqualByComparingTo("10000.00");
        assertThat(remembering.charge("order-1", charge("c-1", "100.00"))).as("order-1 was forgotten: charged anew")
                .isInstanceOfSatisfying(PaymentCharged.class, again -> assertThat(again.paymentId()).isNotEqualTo(first.paymentId()));
    }

    @Test
    void aChargeOfExactlyTheCreditLeftIsAccepted() {
        assertThat(payments.charge("order-1", charge("c-1", "10000.00"))).isInstanceOf(PaymentCharged.class);
        assertThat(payments.creditLeft("c-1")).isEqualByComparingTo("0");
    }

    @Test
    void aChargeExceedingTheCreditLeftIsRefused() {
        payments.charge("order-1", charge("c-1", "9000"));

        PaymentEvent event = payments.charge("order-2", charge("c-1", "1000.01"));

        assertThat(event).isEqualTo(new PaymentKO("Charge of 1000.01 EUR exceeds the credit left for customer c-1 (1000.00 EUR)"));
        assertThat(payments.creditLeft("c-1")).isEqualByComparingTo("1000.00");
        assertThat(payments.charged("order-2")).isZero();
    }

    @Test
    void onlyEurosAreAccepted() {
        PaymentEvent event = payments.charge("order-1", new ChargePayment("c-1", new BigDecimal("10"), "USD"));

        assertThat(event).isEqualTo(new PaymentKO("Currency USD is not accepted, only EUR"));
        assertThat(payments.creditLeft("c-1")).isEqualByComparingTo("10000.00");
    }

    @Test
    void aRefundGivesTheChargeBack() {
        payments.charge("order-1", charge("c-1", "99.99"));

        PaymentRefunded refunded = payments.refund("order-1", refund("c-1", "99.99"));

        assertThat(refunded.refundedAmount()).isEqualByComparingTo("99.99");
        assertThat(payments.creditLeft("c-1")).isEqualByComparingTo("10000.00");
        assertThat(payments.charged("order-1")).isEqualByComparingTo("99.99");
        assertThat(payments.refunded("order-1")).isEqualByComparingTo("99.99");
        assertThat(payments.totalRefunded()).isEqualByComparingTo("99.99");
        assertThat(payments.isCompensated("order-1")).isTrue();
    }

    @Test
    void aRefundGivesBackWhatWasChargedWhateverItAsksFor() {
        payments.charge("order-1", charge("c-1", "99.99"));

        PaymentRefunded refunded = payments.refund("order-1", refund("c-1", "5000"));

        assertThat(refunded.refundedAmount()).isEqualByComparingTo("99.99");
        assertThat(payments.creditLeft("c-1")).isEqualByComparingTo("10000.00");
    }

    @Test
    void refundingTwiceRefundsOnce() {
        payments.charge("order-1", charge("c-1", "100"));
        payments.charge("order-2", charge("c-1", "200"));

        payments.refund("order-1", refund("c-1", "100"));
        PaymentRefunded again = payments.refund("order-1", refund("c-1", "100"));

        assertThat(again.refundedAmount()).isEqualByComparingTo("100");
        assertThat(payments.creditLeft("c-1")).isEqualByComparingTo("9800.00");
        assertThat(payments.totalRefunded()).isEqualByComparingTo("100");
    }

    @Test
    void aRefundOfNothingIsAConfirmedNoOp() {
        PaymentRefunded refunded = payments.refund("order-1", refund("c-1", "100"));

        assertThat(refunded.refundedAmount()).isZero();
        assertThat(payments.creditLeft("c-1")).isEqualByComparingTo("10000.00");
        assertThat(payments.totalRefunded()).isZero();
    }

    @Test
    void aChargeAfterTheRefundIsRefusedForever() {
        payments.refund("order-1", refund("c-1", "100"));

        PaymentEvent late = payments.charge("order-1", charge("c-1", "100"));
        PaymentEvent later = payments.charge("order-1", charge("c-1", "100"));

        assertThat(late).isEqualTo(new PaymentKO("order order-1 was already compensated"));
        assertThat(later).isEqualTo(late);
        assertThat(payments.creditLeft("c-1")).isEqualByComparingTo("10000.00");
        assertThat(payments.charged("order-1")).isZero();
    }

    @Test
    void anOrderIsChargedOnlyOnceAndGetsItsOutcomeAgain() {
        PaymentEvent first = payments.charge("order-1", charge("c-1", "100"));

        PaymentEvent second = payments.charge("order-1", charge("c-1", "100"));

        assertThat(second).isEqualTo(first);
        assertThat(payments.creditLeft("c-1")).isEqualByComparingTo("9900.00");
        assertThat(payments.totalCharged()).isEqualByComparingTo("100");
    }

    @Test
    void concurrentChargesNeverOverdraw() throws Exception {
        int orders = 64;
        var start = new CountDownLatch(1);
        List<Callable<PaymentEvent>> charges = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String orderId = "order-" + i;
            charges.add(() -> {
                start.await();
                return payments.charge(orderId, charge("c-1", "300.00"));
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
        assertThat(payments.creditLeft("c-1")).isEqualByComparingTo("100.00");
        assertThat(payments.totalCharged()).isEqualByComparingTo("9900.00");
    }

    static ChargePayment charge(String customerId, String amount) {
        return new ChargePayment(customerId, new BigDecimal(amount), "EUR");
    }

    static RefundPayment refund(String customerId, String amount) {
        return new RefundPayment(customerId, new BigDecimal(amount), "EUR");
    }
}
