package dev.ordersaga.messaging;

/**
 * Kafka header names. The envelope is the contract; headers repeat what brokers, tools and tracing need
 * without parsing the body. A participant copies every header named here (and {@link #TRACEPARENT})
 * from a command onto its reply: that is how correlation and trace context travel.
 */
public final class MessageHeaders {

    /** The command id (also in the envelope). */
    public static final String COMMAND_ID = "order-saga-command-id";

    /** The message type (also in the envelope). */
    public static final String MESSAGE_TYPE = "order-saga-message-type";

    /** The type of the command a message is or answers; a reply echoes it, so the bridge knows what failed. */
    public static final String COMMAND_TYPE = "order-saga-command-type";

    /**
     * Retries the engine has left for the step that sent a command; a reply echoes it so that whichever
     * bridge instance receives a technical failure can fail the job with one retry less.
     */
    public static final String JOB_RETRIES = "order-saga-job-retries";

    /** W3C trace context, https://www.w3.org/TR/trace-context/. */
    public static final String TRACEPARENT = "traceparent";

    /** Prefix of the headers a reply copies from its command. */
    public static final String ECHO_PREFIX = "order-saga-";

    private MessageHeaders() {}
}
