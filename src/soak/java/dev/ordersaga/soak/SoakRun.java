package dev.ordersaga.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak test ({@code ./mvnw -Psoak verify}, docs/soak.md): starts the system as separate processes ({@link SoakSystem}),
 * places the orders ({@link Load}) while the {@link FaultSchedule} strikes, waits until every order is final, audits them
 * against the participants' ledgers ({@link Audit}), measures the recovery after each kill ({@link Recovery}), writes
 * {@code target/soak/report.md} with its chart and ends with one line:
 *
 * <pre>
 * SOAK orders=… lost=… inconsistent=… projection_mismatch=… dlt_missing=… kills=… max_recovery_s=… duration_s=…
 * </pre>
 *
 * It exits with 1 (failing the build) when anything was lost, inconsistent, projected wrongly or not dead-lettered, when
 * fewer than {@value #MIN_KILLS} instances were killed, or when a recovery took {@value #MAX_RECOVERY_SECONDS} s or more.
 */
public final class SoakRun {

    static final int MIN_KILLS = 8;
    static final int MAX_RECOVERY_SECONDS = 15;
    /** The orders of this many seconds in flight is calm: a kill waits for it (FaultSchedule). */
    static final int CALM_SECONDS = 12;
    private static final Logger log = LoggerFactory.getLogger(SoakRun.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration PROJECTION_PATIENCE = Duration.ofMinutes(2);

    private SoakRun() {}

    public static void main(String[] args) throws Exception {
        var settings = SoakSettings.from(System.getProperties());
        Files.createDirectories(settings.directory());
        deleteLogs(settings.directory().resolve("logs"));
        long started = System.currentTimeMillis();
        var system = new SoakSystem(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(system::close, "soak-stop-system"));
        boolean passed;
        try {
            passed = soak(settings, system, started);
        } finally {
            system.close();
        }
        System.exit(passed ? 0 : 1);
    }

    private static boolean soak(SoakSettings settings, SoakSystem system, long started) throws Exception {
        system.start();
        log.info("System up after {} s: {} orders at {}/s (about {} s)", (System.currentTimeMillis() - started) / 1000, settings.orders(),
                settings.rate(), settings.loadDuration().toSeconds());
        var faults = new FaultLog();
        try (var recorder = new TopicRecorder(system.bootstrapServers()); var malformed = new MalformedRecords(system.bootstrapServers())) {
            var load = new Load(new OrderMix(UUID.randomUUID().toString().substring(0, 8)), system.instanceNames(), system::url);
            // Calm: no more in flight than the orders of CALM_SECONDS; an order takes a few seconds when nothing holds it up.
            var schedule = new FaultSchedule(system, faults, malformed, new ParticipantFaults(() -> system.url(SoakSystem.PARTICIPANTS)),
                    settings.killEvery(), () -> inFlight(load, recorder), (int) Math.ceil(settings.rate() * CALM_SECONDS));
            long loadStart = System.currentTimeMillis();
            var scheduleFailure = new Throwable[1];
            Thread scheduler = Thread.ofPlatform().name("soak-faults").start(() -> {
                try {
                    schedule.run(loadStart, settings.loadDuration());
                } catch (Throwable e) {
                    scheduleFailure[0] = e;
                    log.error("The fault schedule failed", e);
                }
            });
            load.run(settings.orders(), settings.rate());
            log.info("All {} orders placed after {} s; waiting for the last faults to end", settings.orders(),
                    (System.currentTimeMillis() - loadStart) / 1000);
            scheduler.join();
            if (scheduleFailure[0] != null) {
                throw new IllegalStateException("The fault schedule failed", scheduleFailure[0]);
            }
            String baseUrl = awaitReadyInstance(system);
            Collection<Load.Placed> placed = Audit.resolveUnanswered(load.placed().values(), baseUrl);
            awaitDrained(placed, recorder);
            var ledgers = Ledgers.read(system.jdbcUrl(), system.jdbcUser());
            var audit = new Audit().run(placed, recorder, ledgers, baseUrl, schedule.markers(), PROJECTION_PATIENCE);
            List<FaultLog.Event> events = faults.events();
            var kills = Recovery.of(events.stream().filter(e -> e.isKill() && e.target().startsWith("app-")).toList(), progress(placed, recorder));
            long maxRecovery = kills.stream().mapToLong(Recovery.Kill::recoveryMillis).max().orElse(0);
            long end = System.currentTimeMillis();
            String line = String.format(Locale.ROOT, "SOAK orders=%d lost=%d inconsistent=%d projection_mismatch=%d dlt_missing=%d kills=%d "
                    + "max_recovery_s=%.1f duration_s=%d", audit.orders(), audit.lost(), audit.inconsistent(), audit.projectionMismatch(),
                    audit.dltMissing(), kills.size(), maxRecovery / 1000.0, (end - started) / 1000);
            Map<String, Long> outcomes = placed.stream().collect(Collectors.groupingBy(p -> p.outcome().name(), Collectors.counting()));
            SoakReport.write(settings.directory(), line, settings, loadStart, SoakReport.Timeline.of(loadStart, end, accepted(placed, recorder)),
                    events, kills, audit, outcomes);
            log.info("Report: {}", settings.directory().resolve("report.md").toAbsolutePath());
            boolean passed = audit.lost() == 0 && audit.inconsistent() == 0 && audit.projectionMismatch() == 0 && audit.dltMissing() == 0
                    && kills.size() >= MIN_KILLS && maxRecovery < MAX_RECOVERY_SECONDS * 1000L;
            System.out.println(line);
            if (!passed) {
                log.error("The soak failed: it needs lost, inconsistent, projection_mismatch and dlt_missing at 0, at least {} kills and "
                        + "max_recovery_s below {}", MIN_KILLS, MAX_RECOVERY_SECONDS);
            }
            return passed;
        }
    }

    /** The orders accepted so far whose final state the saga has not written yet. */
    private static int inFlight(Load load, TopicRecorder recorder) {
        return (int) load.placed().values().stream()
                .filter(p -> p.outcome() == Load.Outcome.ACCEPTED && recorder.finalAt(p.orderId()).isEmpty())
                .count();
    }

    /** An instance that answers, for the audit's reads (the instances may still be restarting after the last fault). */
    private static String awaitReadyInstance(SoakSystem system) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            for (String name : system.instanceNames()) {
                if (system.process(name).isReady()) {
                    return system.url(name);
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("No application instance is ready");
    }

    /** Waits until every accepted order reached its final state and its customer was told. */
    private static void awaitDrained(Collection<Load.Placed> placed, TopicRecorder recorder) throws InterruptedException {
        var ids = placed.stream().filter(p -> p.outcome() == Load.Outcome.ACCEPTED).map(Load.Placed::orderId).toList();
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        long open;
        do {
            open = ids.stream().filter(id -> recorder.finalAt(id).isEmpty() || recorder.messages(id).stream()
                    .noneMatch(m -> m.type().equals("CustomerNotified"))).count();
            if (open == 0) {
                return;
            }
            log.info("Waiting for {} orders to end", open);
            Thread.sleep(5_000);
        } while (System.nanoTime() < deadline);
        log.warn("{} orders still open after {}", open, DRAIN_TIMEOUT);
    }

    private static Map<String, long[]> progress(Collection<Load.Placed> placed, TopicRecorder recorder) {
        var progress = new HashMap<String, long[]>();
        for (Load.Placed order : placed) {
            if (order.orderId() != null) {
                progress.put(order.orderId(), recorder.messages(order.orderId()).stream().filter(TopicRecorder.Message::isSagaProgress)
                        .mapToLong(TopicRecorder.Message::timestamp).sorted().toArray());
            }
        }
        return progress;
    }

    private static List<long[]> accepted(Collection<Load.Placed> placed, TopicRecorder recorder) {
        return placed.stream().filter(p -> p.orderId() != null)
                .map(p -> new long[] {p.answeredAt(), recorder.finalAt(p.orderId()).orElse(0L)}).toList();
    }

    private static void deleteLogs(Path logs) throws java.io.IOException {
        if (Files.isDirectory(logs)) {
            try (var files = Files.list(logs)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
