package dev.ordersaga.bridge;

import dev.ordersaga.ConditionalOnSaga;
import io.camunda.client.CamundaClient;
import io.camunda.client.jobhandling.JobWorkerManager;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A graceful stop ({@code SIGTERM}) in the right order. This ({@link #stop()}) first closes Camunda's job workers itself: no
 * job is handed to this instance any more. (Camunda's lifecycle closes them too, but Spring stops this bean before it: a
 * bean's dependents stop first, and this depends on {@link HeldJobs}, whose phase is Camunda's; left to that order, the job
 * streams stayed open through the drain, as the logs of InstanceFailoverIT showed, and jobs kept coming.) Then it waits until the
 * jobs handed to it before have been handled and their commands acknowledged by Kafka ({@link HeldJobs#inFlight()}),
 * at most {@link HeldJobsProperties#drainTimeout()}: the client would drop the jobs still queued for its worker threads
 * when it closes, and they would wait for their time-out. Only then are the Kafka listener containers stopped (phase
 * {@code Integer.MAX_VALUE - 100}): they finish the batch in hand, commit its offsets and leave their groups, so their
 * partitions move to the other instances at once. A job whose command went out is settled by whichever instance receives
 * its outcome. A job still on its way to this instance when its job stream closes is dropped by the client and comes back
 * after its time-out (docs/saga.md).
 */
@ConditionalOnSaga
@Component
public class JobDrain implements SmartLifecycle {

    /** Before the Kafka containers ({@code MAX_VALUE - 100}); as a dependent of {@link HeldJobs} it stops with Camunda's phase, first. */
    static final int PHASE = Integer.MAX_VALUE - 50;
    private static final Logger log = LoggerFactory.getLogger(JobDrain.class);

    private final Runnable closeJobWorkers;
    private final Executor jobExecutor;
    private final int jobThreads;
    private final HeldJobs held;
    private final Duration timeout;
    private volatile boolean running;

    @Autowired
    public JobDrain(CamundaClient camunda, JobWorkerManager workers, HeldJobs held, HeldJobsProperties properties) {
        this(workers::closeAllOpenWorkers, camunda.getConfiguration().jobWorkerExecutor(), threads(camunda), held, properties.drainTimeout());
    }

    JobDrain(Runnable closeJobWorkers, Executor jobExecutor, int jobThreads, HeldJobs held, Duration timeout) {
        this.closeJobWorkers = closeJobWorkers;
        this.jobExecutor = jobExecutor;
        this.jobThreads = Math.max(1, jobThreads);
        this.held = held;
        this.timeout = timeout;
    }

    private static int threads(CamundaClient camunda) {
        return camunda.getConfiguration().jobWorkerExecutor() instanceof ThreadPoolExecutor pool ? pool.getCorePoolSize()
                : camunda.getConfiguration().getNumJobWorkerExecutionThreads();
    }

    /**
     * Waits until every job handed to the job worker threads before now has been handled, and every command being sent
     * is acknowledged (or failed), at most {@code atMost}.
     *
     * @return whether all of them were done in time
     */
    boolean drain(Duration atMost) throws InterruptedException {
        long until = System.nanoTime() + atMost.toNanos();
        var everyThread = new CountDownLatch(jobThreads);
        var release = new CountDownLatch(1);
        try {
            // A task per worker thread that holds its thread until all are held: then every task queued before them is done.
            for (int i = 0; i < jobThreads; i++) {
                jobExecutor.execute(() -> {
                    everyThread.countDown();
                    try {
                        release.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            if (!everyThread.await(remaining(until), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (RejectedExecutionException e) {
            log.debug("The job worker executor is shut down already: no job left in it");
        } finally {
            release.countDown();
        }
        try {
            CompletableFuture.allOf(held.inFlight().toArray(CompletableFuture[]::new)).get(remaining(until), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            // A failed send failed its job for a retry (or raised its incident): handled.
        } catch (TimeoutException e) {
            return false;
        }
        return true;
    }

    private static long remaining(long until) {
        return Math.max(0, until - System.nanoTime());
    }

    @Override
    public void start() {
        running = true;
    }

    /** Closes the job workers, then lets the jobs handed to this instance go out ({@link #drain}). */
    @Override
    public void stop() {
        closeJobWorkers.run();
        long started = System.nanoTime();
        int inFlight = held.inFlight().size();
        try {
            boolean drained = drain(timeout);
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (drained) {
                log.info("Stopping: job workers closed; the jobs handed to this instance were handled and their commands acknowledged "
                        + "({} being sent at the stop) in {} ms; {} jobs wait for their outcome, which any instance settles", inFlight, millis,
                        held.awaiting());
            } else {
                log.warn("Stopping: job workers closed; after {} ms {} commands are still being sent; their jobs come back after their "
                        + "time-out", millis, held.inFlight().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
