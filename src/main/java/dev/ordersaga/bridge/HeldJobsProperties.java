package dev.ordersaga.bridge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an instance keeps the jobs it holds ({@link HeldJobs}). A job is activated with the worker's time-out
 * ({@code camunda.client.worker.defaults.timeout}, 8 s): if the instance dies before its command is sent, the engine
 * hands the job to another instance after that time. Once the command is sent, the job waits for its outcome, which any
 * instance can settle; while this instance consumes that outcome's partition it extends the job's time-out before it
 * runs out, so that a long wait does not send the command again.
 *
 * @param checkInterval how often the held jobs are looked at
 * @param extendAhead a job whose time-out ends within this is extended (more than {@code checkInterval}, less than the
 *     worker's time-out)
 * @param awaitedTimeout the time-out a job is extended to: how long a step whose command was sent waits for its outcome
 *     before the command is sent again (by whichever instance the engine then gives the job to)
 * @param drainTimeout on a graceful stop, how long the instance waits, once the job workers are closed, for the jobs
 *     already handed to it and for their commands to be acknowledged by Kafka, before it stops its Kafka consumers
 */
@ConfigurationProperties("order-saga.bridge.held-jobs")
public record HeldJobsProperties(
        @DefaultValue("1s") Duration checkInterval,
        @DefaultValue("3s") Duration extendAhead,
        @DefaultValue("60s") Duration awaitedTimeout,
        @DefaultValue("10s") Duration drainTimeout) {

    public HeldJobsProperties {
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("order-saga.bridge.held-jobs.check-interval must be positive, is " + checkInterval);
        }
        if (extendAhead.compareTo(checkInterval) <= 0) {
            throw new IllegalArgumentException("order-saga.bridge.held-jobs.extend-ahead (" + extendAhead
                    + ") must be longer than check-interval (" + checkInterval + ")");
        }
        if (awaitedTimeout.compareTo(extendAhead) <= 0) {
            throw new IllegalArgumentException("order-saga.bridge.held-jobs.awaited-timeout (" + awaitedTimeout
                    + ") must be longer than extend-ahead (" + extendAhead + ")");
        }
    }
}
