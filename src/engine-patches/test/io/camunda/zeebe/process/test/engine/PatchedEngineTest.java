package io.camunda.zeebe.process.test.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.enginepatches.EnginePatches;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobHandler;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import java.lang.reflect.Field;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The in-memory engine as the embedded default runs it: the log releases what it processed, the record stream keeps open incidents. */
class PatchedEngineTest {

    private static final int INSTANCES = 200;
    private static final int IN_FLIGHT = 20;
    private static final int HELD_AT_MOST = 50;
    private static final int BACK_OFFS = 4;

    private ZeebeTestEngine engine;
    private Runnable following;
    private CamundaClient client;

    @BeforeEach
    void start() {
        engine = EngineFactory.create();
        engine.start();
        following = EnginePatches.followRecordStream(engine);
        client = CamundaClient.newClientBuilder()
                .grpcAddress(URI.create("http://" + engine.getGatewayAddress().replace("0.0.0.0", "localhost")))
                .preferRestOverGrpc(false)
                .build();
        client.newDeployResourceCommand()
                .addProcessModel(Bpmn.createExecutableProcess("patched").startEvent().serviceTask("work", t -> t.zeebeJobType("patched-work"))
                        .endEvent().done(), "patched.bpmn")
                .send().join();
    }

    @AfterEach
    void stop() {
        client.close();
        following.run();
        engine.stop();
    }

    @Test
    void theLogHoldsOnlyWhatTheEngineHasNotProcessedOrTheRecordStreamNotRead() throws Exception {
        try (var worker = client.newWorker().jobType("patched-work").handler((jobs, job) -> jobs.newCompleteCommand(job).send().join()).open()) {
            // A few at a time, with time to spare: the machine may be busy with other builds.
            for (int i = 0; i < INSTANCES; i += IN_FLIGHT) {
                List<CompletableFuture<?>> instances = new ArrayList<>();
                for (int j = 0; j < IN_FLIGHT; j++) {
                    instances.add(client.newCreateInstanceCommand().bpmnProcessId("patched").latestVersion().withResult()
                            .requestTimeout(Duration.ofMinutes(1)).send().toCompletableFuture());
                }
                CompletableFuture.allOf(instances.toArray(CompletableFuture[]::new)).get();
            }
        }

        // Each instance wrote several blocks (create, activate, complete...); one more block lets the log release.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            client.newCreateInstanceCommand().bpmnProcessId("patched").latestVersion().send().join();
            assertThat(log().heldBlocks()).isLessThan(HELD_AT_MOST);
        });
        assertThat(log().appendedBlocks()).isGreaterThan(10L * HELD_AT_MOST);
    }

    @Test
    void theRecordStreamAnswersTheOpenIncidents() throws Exception {
        long job = client.newCreateInstanceCommand().bpmnProcessId("patched").latestVersion().send()
                .thenCompose(created -> client.newActivateJobsCommand().jobType("patched-work").maxJobsToActivate(1).send())
                .toCompletableFuture().get().getJobs().getFirst().getKey();
        client.newFailCommand(job).retries(0).errorMessage("broken on purpose").send().join();

        Record<?> incident = await().atMost(Duration.ofSeconds(10)).until(() -> openIncidentOf(job), r -> r != null);
        assertThat(incident.getIntent()).isEqualTo(IncidentIntent.CREATED);
        assertThat(((IncidentRecordValue) incident.getValue()).getErrorMessage()).isEqualTo("broken on purpose");

        client.newUpdateRetriesCommand(job).retries(1).send().join();
        client.newResolveIncidentCommand(incident.getKey()).send().join();
        await().atMost(Duration.ofSeconds(10)).until(() -> openIncidentOf(job) == null);
    }

    /**
     * The engine's back-off check reads the state from a thread of its own while instances go on committing: every job
     * failed with a back-off comes back.
     */
    @Test
    void everyJobFailedWithABackOffComesBackWhileOtherInstancesCommit() throws Exception {
        client.newDeployResourceCommand()
                .addProcessModel(Bpmn.createExecutableProcess("backed-off").startEvent()
                        .serviceTask("flaky", t -> t.zeebeJobType("flaky-work").zeebeJobRetries(Integer.toString(BACK_OFFS + 1))).endEvent().done(),
                        "backed-off.bpmn")
                .send().join();
        JobHandler failThenComplete = (jobs, job) -> {
            if (job.getRetries() > 1) {
                jobs.newFailCommand(job).retries(job.getRetries() - 1).retryBackoff(Duration.ofMillis(job.getRetries() * 7L)).send().join();
            } else {
                jobs.newCompleteCommand(job).send().join();
            }
        };
        try (var flaky = client.newWorker().jobType("flaky-work").handler(failThenComplete).open();
                var busy = client.newWorker().jobType("patched-work").handler((jobs, job) -> jobs.newCompleteCommand(job).send().join()).open()) {
            List<CompletableFuture<?>> backedOff = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                backedOff.add(client.newCreateInstanceCommand().bpmnProcessId("backed-off").latestVersion().withResult()
                        .requestTimeout(Duration.ofMinutes(2)).send().toCompletableFuture());
                client.newCreateInstanceCommand().bpmnProcessId("patched").latestVersion().send().join();
            }
            CompletableFuture.allOf(backedOff.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        }
    }

    private Record<?> openIncidentOf(long job) {
        Record<?> found = null;
        for (Record<?> record : engine.getRecordStreamSource().getRecords()) {
            if (((IncidentRecordValue) record.getValue()).getJobKey() == job) {
                found = record;
            }
        }
        return found;
    }

    /** The engine's log (private to the engine and its log stream). */
    private InMemoryLogStorage log() throws ReflectiveOperationException {
        return (InMemoryLogStorage) field(field(engine, "logStream"), "logStorage");
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }
}
