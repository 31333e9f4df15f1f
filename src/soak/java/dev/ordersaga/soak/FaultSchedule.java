package dev.ordersaga.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The faults of a soak, on a schedule over the time the orders are placed (D):
 *
 * <ul>
 *   <li>every {@code killEvery} from {@code 2 * killEvery} an application instance is killed with {@code kill -9}, in
 *       turn, and started again {@value #RESTART_AFTER_SECONDS} s later (as a supervisor with a back-off would), only when
 *       every other instance is up;
 *   <li>at 0.18 D an instance is stopped with SIGTERM, and started again {@value #RESTART_AFTER_SECONDS} s later;
 *   <li>at 0.30 D the participants' process is stopped with SIGTERM, at 0.65 D killed with {@code kill -9}, each time
 *       started again at once;
 *   <li>at 0.45 D Elasticsearch is stopped for 60 s;
 *   <li>at 0.10 D, 0.50 D and 0.90 D malformed records are written on every topic the saga reads;
 *   <li>all along, the participants fail 3 % of the commands technically ({@code CommandFailed}, retried by the saga)
 *       and {@link ParticipantFaults their replies} are duplicated, delayed and replayed.
 * </ul>
 *
 * A kill, a SIGTERM and a participants' outage never overlap: each holds the others off for a while after it, a kill or
 * a SIGTERM {@value #SETTLE_SECONDS} s, a participants' outage {@value #BACKLOG_SECONDS} s once they are back (the orders
 * queued behind them drain first), so that the recovery measured after a kill is the saga's own and not the wait of
 * its orders for a participant that is down or busy with a backlog. For the same reason a kill or a SIGTERM waits, at
 * most {@value #CALM_TIMEOUT_SECONDS} s, until the orders in flight are back to a calm level: a backlog (the cold JVMs
 * of the first minutes, the orders queued behind a participants' outage) drains first, however long that takes on the
 * machine at hand.
 */
final class FaultSchedule {

    static final int RESTART_AFTER_SECONDS = 15;
    static final int SETTLE_SECONDS = 40;
    static final int BACKLOG_SECONDS = 60;
    static final int CALM_TIMEOUT_SECONDS = 180;
    static final Duration ELASTICSEARCH_OUTAGE = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(FaultSchedule.class);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

    private final SoakSystem system;
    private final FaultLog faults;
    private final MalformedRecords malformed;
    private final ParticipantFaults participantFaults;
    private final Duration killEvery;
    private final IntSupplier inFlight;
    private final int calmInFlight;
    private final Set<String> markers = ConcurrentHashMap.newKeySet();
    /** The instances stopped and not yet started again and live (their restart not logged yet). */
    private final Set<String> restarting = ConcurrentHashMap.newKeySet();
    /** Held by a kill, a SIGTERM or a participants' outage until it settled. */
    private final ReentrantLock disruption = new ReentrantLock();
    private int nextVictim;
    private volatile RuntimeException failure;

    /**
     * @param inFlight the orders accepted and not final yet
     * @param calmInFlight as many in flight as a kill or a SIGTERM waits for at most
     */
    FaultSchedule(SoakSystem system, FaultLog faults, MalformedRecords malformed, ParticipantFaults participantFaults, Duration killEvery,
            IntSupplier inFlight, int calmInFlight) {
        this.system = system;
        this.faults = faults;
        this.malformed = malformed;
        this.participantFaults = participantFaults;
        this.killEvery = killEvery;
        this.inFlight = inFlight;
        this.calmInFlight = calmInFlight;
    }

    /** The markers of the malformed records written so far. */
    Set<String> markers() {
        return Set.copyOf(markers);
    }

    /** Runs the schedule for a load of {@code load} that started at {@code start} (millis); returns when the last fault ended. */
    void run(long start, Duration load) throws InterruptedException {
        participantFaults.apply();
        faults.add(FaultLog.REPLY_FAULTS, SoakSystem.PARTICIPANTS, participantFaults.describe());
        long d = load.toMillis();
        var steps = new ArrayList<Thread>();
        steps.add(Thread.ofPlatform().name("soak-killer").start(() -> kills(start, load)));
        // Each fault at its time in a thread of its own: an outage of Elasticsearch does not wait for one of the participants.
        steps.add(later("soak-malformed-1", start + d / 10, this::injectMalformed));
        steps.add(later("soak-sigterm", start + d * 18 / 100, this::terminateInstance));
        steps.add(later("soak-participants-sigterm", start + d * 30 / 100, () -> participantsOutage(false)));
        steps.add(later("soak-elasticsearch", start + d * 45 / 100, this::elasticsearchOutage));
        steps.add(later("soak-malformed-2", start + d * 50 / 100, this::injectMalformed));
        steps.add(later("soak-participants-kill", start + d * 65 / 100, () -> participantsOutage(true)));
        steps.add(later("soak-malformed-3", start + d * 90 / 100, this::injectMalformed));
        for (Thread step : steps) {
            step.join();
        }
        if (failure != null) {
            throw new IllegalStateException("A scheduled fault failed", failure);
        }
    }

    private Thread later(String name, long millis, Step step) {
        return Thread.ofPlatform().name(name).start(() -> {
            try {
                at(millis, step);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("{} failed", name, e);
                failure = e;
            }
        });
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static void at(long millis, Step step) throws InterruptedException {
        long wait = millis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        try {
            step.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("A scheduled fault failed", e);
        }
    }

    /**
     * A kill every {@code killEvery} while the orders are placed (after it: no order in flight to recover); a kill held
     * off by another disruption is not made up for later, the next one comes {@code killEvery} after it.
     */
    private void kills(long start, Duration load) {
        long end = start + load.toMillis();
        try {
            // The first after two periods: the JVMs compile their hot code during the first minute (orders take seconds then).
            for (long at = start + 2 * killEvery.toMillis(); at < end; at = Math.max(at + killEvery.toMillis(), System.currentTimeMillis())) {
                at(at, () -> killInstance(end));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void killInstance(long until) throws InterruptedException {
        disruption.lock();
        try {
            Optional<String> victim = awaitVictim(until);
            if (victim.isEmpty()) {
                return;
            }
            system.process(victim.get()).kill();
            faults.add(FaultLog.KILL, victim.get(), "");
            restartLater(victim.get());
            Thread.sleep(SETTLE_SECONDS * 1000L);
        } finally {
            disruption.unlock();
        }
    }

    private void terminateInstance() throws InterruptedException {
        disruption.lock();
        try {
            String victim = awaitVictim(Long.MAX_VALUE).orElseThrow();
            var signalled = faults.add(FaultLog.SIGTERM, victim, "");
            Duration took = system.process(victim).terminate(Duration.ofSeconds(60));
            log.info("{} exited {} ms after SIGTERM", victim, took.toMillis());
            restartLater(victim);
            long settled = signalled.at() + SETTLE_SECONDS * 1000L - System.currentTimeMillis();
            Thread.sleep(Math.max(0, settled));
        } finally {
            disruption.unlock();
        }
    }

    /**
     * The next instance in turn that is up while every other one is up too (live: started, its saga running; it may not be
     * ready, e.g. while Elasticsearch is down); none if there is none before {@code until}.
     */
    private Optional<String> awaitVictim(long until) throws InterruptedException {
        awaitCalm(until);
        List<String> names = system.instanceNames();
        while (System.currentTimeMillis() < until) {
            for (int i = 0; i < names.size(); i++) {
                String candidate = names.get((nextVictim + i) % names.size());
                boolean othersUp = names.stream().filter(n -> !n.equals(candidate)).allMatch(this::up);
                if (othersUp && up(candidate)) {
                    nextVictim = (nextVictim + i + 1) % names.size();
                    return Optional.of(candidate);
                }
            }
            Thread.sleep(1_000);
        }
        return Optional.empty();
    }

    /** Waits until at most {@code calmInFlight} orders are in flight, at most {@value #CALM_TIMEOUT_SECONDS} s or until {@code until}. */
    private void awaitCalm(long until) throws InterruptedException {
        long giveUp = Math.min(until, System.currentTimeMillis() + CALM_TIMEOUT_SECONDS * 1000L);
        int now = inFlight.getAsInt();
        if (now <= calmInFlight) {
            return;
        }
        long since = System.currentTimeMillis();
        while (now > calmInFlight && System.currentTimeMillis() < giveUp) {
            Thread.sleep(1_000);
            now = inFlight.getAsInt();
        }
        log.info("Waited {} ms for the orders in flight to calm down to {} (at most {}) before the next disruption", System.currentTimeMillis() - since,
                now, calmInFlight);
    }

    /** Live, and its restart (if it was stopped) logged: a kill never comes between an instance going live and its restart's log. */
    private boolean up(String name) {
        return !restarting.contains(name) && system.process(name).isLive();
    }

    private void restartLater(String name) {
        restarting.add(name);
        Thread.ofVirtual().name("soak-restart-" + name).start(() -> {
            try {
                Thread.sleep(RESTART_AFTER_SECONDS * 1000L);
                var process = system.startInstance(name);
                process.awaitLive(READY_TIMEOUT);
                faults.add(FaultLog.RESTART, name, "live");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("Could not restart {}", name, e);
            } finally {
                restarting.remove(name);
            }
        });
    }

    private void participantsOutage(boolean kill) throws InterruptedException {
        disruption.lock();
        try {
            ChildProcess participants = system.process(SoakSystem.PARTICIPANTS);
            if (kill) {
                participants.kill();
                faults.add(FaultLog.KILL, SoakSystem.PARTICIPANTS, "");
            } else {
                faults.add(FaultLog.SIGTERM, SoakSystem.PARTICIPANTS, "");
                participants.terminate(Duration.ofSeconds(60));
            }
            system.startParticipants().awaitLive(READY_TIMEOUT);
            participantFaults.apply();
            faults.add(FaultLog.RESTART, SoakSystem.PARTICIPANTS, "live, faults injected again");
            Thread.sleep(BACKLOG_SECONDS * 1000L);
        } finally {
            disruption.unlock();
        }
    }

    private void elasticsearchOutage() throws InterruptedException {
        var node = system.elasticsearch();
        node.stop();
        var stopped = faults.add(FaultLog.ES_STOP, "elasticsearch", "for " + ELASTICSEARCH_OUTAGE.toSeconds() + " s");
        Thread.sleep(Math.max(0, stopped.at() + ELASTICSEARCH_OUTAGE.toMillis() - System.currentTimeMillis()));
        node.start();
        faults.add(FaultLog.ES_START, "elasticsearch", "ready");
    }

    private void injectMalformed() throws Exception {
        List<String> written = malformed.inject();
        markers.addAll(written);
        faults.add(FaultLog.MALFORMED, "topics", written.size() + " records on " + (TopicRecorder.topics().size() - 1) + " topics");
    }

    /** An HTTP PUT with a JSON body; fails unless 2xx. */
    static void put(String url, String json) {
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("PUT " + url + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("PUT " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
