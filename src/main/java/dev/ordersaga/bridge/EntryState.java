package dev.ordersaga.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.api.response.ActivatedJob;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes the business state an order has reached when a step that declares one starts (task header
 * {@value SagaStep#ORDER_STATE}), before the step's command is sent. The milestones in the diagram are
 * job-less events; the state change rides on the job of the step that follows them, so an order costs
 * no job per state. Implemented by the order feature, which owns the states.
 */
public interface EntryState {

    /**
     * @param job the step's job
     * @param state the header's value
     * @param variables the job's variables (a step's job fetches all of them)
     * @return completes when the broker acknowledged the state change
     * @throws SagaStep.InvalidStepException if {@code state} is not a business state
     */
    CompletableFuture<Void> publish(ActivatedJob job, String state, JsonNode variables);
}
