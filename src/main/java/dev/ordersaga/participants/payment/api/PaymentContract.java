package dev.ordersaga.participants.payment.api;

/** Names fixed by the BPMN: topics, command types and event types of the payment participant. */
public final class PaymentContract {

    /** The participant's name: the {@code source} of its replies. */
    public static final String NAME = "payment";

    public static final String COMMAND_TOPIC = "payment-commands";
    public static final String EVENT_TOPIC = "payment-events";

    public static final String CHARGE_PAYMENT = "ChargePayment";
    public static final String REFUND_PAYMENT = "RefundPayment";

    public static final String PAYMENT_CHARGED = "PaymentCharged";
    public static final String PAYMENT_KO = "PaymentKO";
    public static final String PAYMENT_REFUNDED = "PaymentRefunded";

    private PaymentContract() {}
}
