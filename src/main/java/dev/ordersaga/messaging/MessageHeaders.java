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

    /**
     * How often the step that sent a command failed technically before (kept with its job); a reply echoes it, so that the
     * retry after a technical failure backs off per step.
     */
    public static final String STEP_FAILURES = "order-saga-step-failures";

    /**
     * The BPMN element a message belongs to: the service task that sent a command, or that declared a state (task
     * header {@code orderState}). With {@link #PROCESS_ID}, {@link #PROCESS_DEFINITION_KEY} and {@link #PROCESS_VERSION}
     * it places the message on the diagram of the process version the order runs on; a reply echoes them.
     */
    public static final String ELEMENT_ID = "order-saga-element-id";

    /** The BPMN process id of the order's process, e.g. {@code order-process}. */
    public static final String PROCESS_ID = "order-saga-process-id";

    /** The key of the process definition (one deployed version of the process) the order runs on. */
    public static final String PROCESS_DEFINITION_KEY = "order-saga-process-definition-key";

    /** The version of that process definition. */
    public static final String PROCESS_VERSION = "order-saga-process-version";

    /**
     * When the bridge sent a command (epoch milliseconds); a reply echoes it, so that whichever bridge instance receives
     * the outcome can measure the step's time from command to outcome.
     */
    public static final String COMMAND_SENT_AT = "order-saga-command-sent-at";

    /**
     * The step a command belongs to, as the model version of its job declares it (JSON: element id, step name, command
     * type and topics, success and failure event types, result variable); a reply echoes it, so that whichever bridge
     * instance receives the outcome classifies it by the rules of the model the order runs on, whoever deployed it.
     */
    public static final String STEP = "order-saga-step";

    /** The step's name in the model (the BPMN element's name, or its id when it has none); a reply echoes it. */
    public static final String STEP_NAME = "order-saga-step-name";

    /** W3C trace context, https://www.w3.org/TR/trace-context/. */
    public static final String TRACEPARENT = "traceparent";

    /** Prefix of the headers a reply copies from its command. */
    public static final String ECHO_PREFIX = "order-saga-";

    private MessageHeaders() {}
}
