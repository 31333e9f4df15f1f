package io.camunda.zeebe.process.test.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.StreamActivatedJobsRequest;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.grpc.stub.ServerCallStreamObserver;
import java.lang.reflect.Field;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * order-saga's gateway of the in-memory engine: a job pushed to a job stream whose client has cancelled it, in the moment
 * before the stream is removed, is not lost. It goes to another open stream of its type, or is yielded and can be activated
 * again at once; the engine's own counted it as handed out and it came back only after its job time-out. Nor is a job
 * pushed just before the client's cancel reached the gateway (it may have been lost in transit): it is given back.
 */
class GrpcToLogStreamGatewayTest {

    private static final String TYPE = "gateway-work";
    /** So long that a job lost in transit does not come back during the test. */
    private static final long JOB_TIMEOUT_MILLIS = Duration.ofMinutes(10).toMillis();

    private ZeebeTestEngine engine;
    private CamundaClient client;

    @BeforeEach
    void start() {
        engine = EngineFactory.create();
        engine.start();
        client = CamundaClient.newClientBuilder()
                .grpcAddress(URI.create("http://" + engine.getGatewayAddress().replace("0.0.0.0", "localhost")))
                .preferRestOverGrpc(false)
                .build();
        client.newDeployResourceCommand()
                .addProcessModel(Bpmn.createExecutableProcess("gateway").startEvent().serviceTask("work", t -> t.zeebeJobType(TYPE))
                        .endEvent().done(), "gateway.bpmn")
                .send().join();
    }

    @AfterEach
    void stop() {
        client.close();
        engine.stop();
    }

    @Test
    void aJobPushedToACancelledStreamIsYieldedAndCanBeActivatedAgain() throws Exception {
        var cancelled = new Observer(true);
        gateway().streamActivatedJobs(streamRequest(), cancelled);

        long instance = startInstance();

        List<ActivatedJob> activated = await().atMost(Duration.ofSeconds(20)).until(this::activateOne, jobs -> !jobs.isEmpty());
        assertThat(activated).singleElement().extracting(ActivatedJob::getProcessInstanceKey).isEqualTo(instance);
        assertThat(cancelled.pushed).as("jobs sent on the cancelled stream").isEmpty();
    }

    @Test
    void aJobPushedToACancelledStreamGoesToAnotherOpenStream() throws Exception {
        var cancelled = new Observer(true);
        var open = new Observer(false);
        gateway().streamActivatedJobs(streamRequest(), cancelled);
        gateway().streamActivatedJobs(streamRequest(), open);

        // The engine tries the streams in a random order: with the engine's own gateway about half the jobs went to the cancelled one.
        int jobs = 10;
        var instances = new ArrayList<Long>();
        for (int i = 0; i < jobs; i++) {
            instances.add(startInstance());
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> open.pushed.size() + cancelled.pushed.size() == jobs);
        assertThat(cancelled.pushed).as("jobs sent on the cancelled stream").isEmpty();
        assertThat(open.pushed).extracting(GatewayOuterClass.ActivatedJob::getProcessInstanceKey).containsExactlyInAnyOrderElementsOf(instances);
    }

    @Test
    void aJobPushedJustBeforeItsClientCancelledTheStreamIsGivenBackAndCanBeActivatedAgain() throws Exception {
        var stream = openStream();
        long instance = startInstance();
        await().atMost(Duration.ofSeconds(20)).until(() -> !stream.pushed.isEmpty());

        // The client cancelled before the push reached it (it dropped the call): its cancel reaches the gateway now.
        stream.cancel();

        List<ActivatedJob> activated = await().atMost(Duration.ofSeconds(20)).until(this::activateOne, jobs -> !jobs.isEmpty());
        assertThat(activated).singleElement().extracting(ActivatedJob::getProcessInstanceKey).isEqualTo(instance);
    }

    @Test
    void aJobCompletedBeforeItsClientCancelledTheStreamStaysCompleted() throws Exception {
        var stream = openStream();
        startInstance();
        await().atMost(Duration.ofSeconds(20)).until(() -> !stream.pushed.isEmpty());
        client.newCompleteCommand(stream.pushed.get(0).getKey()).send().join();

        stream.cancel();
        engine.waitForIdleState(Duration.ofSeconds(10));

        assertThat(activateOne()).as("the completed job, given back").isEmpty();
    }

    @Test
    void aJobPushedJustBeforeItsClientCancelledTheStreamGoesToAnotherOpenStream() throws Exception {
        var stream = openStream();
        long instance = startInstance();
        await().atMost(Duration.ofSeconds(20)).until(() -> !stream.pushed.isEmpty());
        var other = openStream();

        stream.cancel();

        await().atMost(Duration.ofSeconds(20)).until(() -> !other.pushed.isEmpty());
        assertThat(other.pushed).singleElement().extracting(GatewayOuterClass.ActivatedJob::getProcessInstanceKey).isEqualTo(instance);
    }

    private Observer openStream() throws ReflectiveOperationException {
        var stream = new Observer(false);
        gateway().streamActivatedJobs(streamRequest(), stream);
        return stream;
    }

    private long startInstance() {
        return client.newCreateInstanceCommand().bpmnProcessId("gateway").latestVersion().send().join().getProcessInstanceKey();
    }

    /** Activates at most one job by polling, as a worker without a stream does. */
    private List<ActivatedJob> activateOne() {
        return client.newActivateJobsCommand().jobType(TYPE).maxJobsToActivate(1).requestTimeout(Duration.ofSeconds(1)).send().join().getJobs();
    }

    private static StreamActivatedJobsRequest streamRequest() {
        return StreamActivatedJobsRequest.newBuilder().setType(TYPE).setWorker("test").setTimeout(JOB_TIMEOUT_MILLIS).addTenantIds("<default>")
                .build();
    }

    /** The engine's gateway (private to the engine), called directly to hand it a stream observer of the test's. */
    private GrpcToLogStreamGateway gateway() throws ReflectiveOperationException {
        Field field = engine.getClass().getDeclaredField("gateway");
        field.setAccessible(true);
        return (GrpcToLogStreamGateway) field.get(engine);
    }

    /**
     * A job stream's server side. A cancelled one is the moment after the client cancelled the call: gRPC reports it
     * cancelled and, as the gateway set an onCancelHandler, its {@code onNext} does not throw, while the stream's removal
     * (that handler's) is still queued behind the pushes; it runs only when a test calls {@link #cancel()}.
     */
    private static final class Observer extends ServerCallStreamObserver<GatewayOuterClass.ActivatedJob> {

        final List<GatewayOuterClass.ActivatedJob> pushed = new CopyOnWriteArrayList<>();
        private final boolean cancelled;
        private volatile Runnable onCancel;

        Observer(boolean cancelled) {
            this.cancelled = cancelled;
        }

        @Override
        public void onNext(GatewayOuterClass.ActivatedJob job) {
            pushed.add(job);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void onError(Throwable error) {}

        @Override
        public void onCompleted() {}

        /** The client's cancel reaching the gateway: the handler the gateway set. */
        void cancel() {
            onCancel.run();
        }

        @Override
        public void setOnCancelHandler(Runnable handler) {
            onCancel = handler;
        }

        @Override
        public void setOnCloseHandler(Runnable handler) {}

        @Override
        public void setCompression(String compression) {}

        @Override
        public void setOnReadyHandler(Runnable handler) {}

        @Override
        public void disableAutoInboundFlowControl() {}

        @Override
        public void request(int count) {}

        @Override
        public void setMessageCompression(boolean enable) {}
    }
}
