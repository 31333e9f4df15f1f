package dev.ordersaga.benchmark.systems;

import dev.ordersaga.benchmark.BenchmarkSettings;
import dev.ordersaga.benchmark.driver.BenchOrder;
import dev.ordersaga.benchmark.driver.OrderSystem;
import dev.ordersaga.observability.SagaMetrics;
import dev.ordersaga.observability.SagaTracing;
import dev.ordersaga.order.OrderProperties;
import dev.ordersaga.order.OrderService;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine's floor: the same BPMN, deployed under another process id with its job types and its start
 * message renamed ({@value #PREFIX}…), so that it never meets the saga's workers; its workers complete
 * every job at once, with no Kafka. Orders are placed by a second {@link OrderService} (the same code,
 * publishing the renamed start message) and are through when the step that declares {@code OrderShipped} is
 * activated, the point where the saga would publish that state.
 */
public final class EngineOnlySystem implements OrderSystem {

    public static final String PREFIX = "bench-engine-only-";
    public static final String PROCESS_ID = PREFIX + "order-process";
    public static final String SAGA_STEP = PREFIX + "saga-step";
    public static final String START_MESSAGE = "BenchEngineOnlyOrderPlaced";

    /** The variables the real worker fetches (CommandSender: all of them, for the state snapshot). */
    private static final List<String> STEP_VARIABLES = List.of("orderId", "commandPayload", "customerId", "email", "items", "total",
            "currency", "shippingAddress", "failureReason", "trackingNumber", "stepTimeout");

    private final CamundaClient camunda;
    private final OrderService orders;
    private final int maxJobsActive;
    private final Duration jobTimeout;
    private final List<JobWorker> workers = new ArrayList<>();
    private volatile Completions sink;

    public EngineOnlySystem(CamundaClient camunda, OrderProperties properties, int maxJobsActive, Duration jobTimeout) {
        this.camunda = camunda;
        this.orders = new OrderService(camunda, new OrderProperties(properties.currency(), properties.stepTimeout(),
                properties.idempotencyWindow(), START_MESSAGE), new SagaTracing(Tracer.NOOP), new SagaMetrics(new SimpleMeterRegistry(), List.of()));
        this.maxJobsActive = maxJobsActive;
        this.jobTimeout = jobTimeout;
    }

    @Override
    public String name() {
        return BenchmarkSettings.ENGINE_ONLY;
    }

    @Override
    public String description() {
        return "the same BPMN as process " + PROCESS_ID + " (job types and start message renamed), started the same way, with "
                + "job workers that complete each job at once (no Kafka), until the step that declares OrderShipped is activated";
    }

    @Override
    public void start() throws Exception {
        BpmnModelInstance model;
        try (InputStream in = getClass().getResourceAsStream("/processes/order-process.bpmn")) {
            if (in == null) {
                throw new IllegalStateException("processes/order-process.bpmn is not on the classpath");
            }
            model = Bpmn.readModelFromStream(in);
        }
        for (Process process : model.getModelElementsByType(Process.class)) {
            process.setId(PROCESS_ID);
        }
        for (ZeebeTaskDefinition task : model.getModelElementsByType(ZeebeTaskDefinition.class)) {
            task.setType(PREFIX + task.getType());
        }
        for (Message message : model.getModelElementsByType(Message.class)) {
            message.setName(START_MESSAGE);
        }
        camunda.newDeployResourceCommand().addProcessModel(model, PROCESS_ID + ".bpmn").send().join();
        workers.add(worker(SAGA_STEP, STEP_VARIABLES, this::completeStep));
    }

    private JobWorker worker(String type, List<String> variables, io.camunda.client.api.worker.JobHandler handler) {
        return camunda.newWorker()
                .jobType(type)
                .handler(handler)
                .name("benchmark-engine-only")
                .maxJobsActive(maxJobsActive)
                .timeout(jobTimeout)
                .streamEnabled(true)
                .fetchVariables(variables)
                .open();
    }

    /**
     * A saga step, done at once: complete with one small result variable, as an outcome event would. The
     * order counts as done when the step that declares OrderShipped starts, where the saga publishes that state.
     */
    private void completeStep(JobClient client, ActivatedJob job) {
        if ("OrderShipped".equals(job.getCustomHeaders().get("orderState"))) {
            Completions current = sink;
            if (current != null && job.getVariablesAsMap().get("orderId") instanceof String orderId) {
                current.completed(orderId, true);
            }
        }
        client.newCompleteCommand(job.getKey()).variables(Map.of("stepResult", job.getElementId())).send();
    }

    @Override
    public String place(BenchOrder order) {
        return orders.place(order.request(), null).orderId();
    }

    @Override
    public void attach(Completions sink) {
        this.sink = sink;
    }

    @Override
    public void close() {
        workers.forEach(JobWorker::close);
    }
}
