package dev.ordersaga.benchmark;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.ordersaga.OrderSagaApplication;
import dev.ordersaga.benchmark.driver.BenchOrder;
import dev.ordersaga.benchmark.driver.ClosedLoop;
import dev.ordersaga.benchmark.driver.OpenLoop;
import dev.ordersaga.benchmark.driver.OrderSystem;
import dev.ordersaga.benchmark.driver.WarmupRule;
import dev.ordersaga.benchmark.probes.HeapGuard;
import dev.ordersaga.benchmark.probes.JfrSummary;
import dev.ordersaga.benchmark.probes.Machine;
import dev.ordersaga.benchmark.probes.ProjectionSummary;
import dev.ordersaga.benchmark.probes.ResidentMemory;
import dev.ordersaga.benchmark.probes.SagaTimeline;
import dev.ordersaga.benchmark.report.BlockResult;
import dev.ordersaga.benchmark.report.Chart;
import dev.ordersaga.benchmark.report.ConfigResult;
import dev.ordersaga.benchmark.report.Report;
import dev.ordersaga.benchmark.systems.ChainParticipants;
import dev.ordersaga.benchmark.systems.EngineOnlySystem;
import dev.ordersaga.benchmark.systems.KafkaChainSystem;
import dev.ordersaga.benchmark.systems.SagaSystem;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MessagingProperties;
import dev.ordersaga.order.OrderProperties;
import dev.ordersaga.order.OrderService;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

/**
 * The benchmark: starts the application with the embedded engine and broker in this JVM, warms the three
 * configurations up until their CPU per order is stable, measures them in alternating closed-loop blocks at
 * the same concurrency, then the saga in an open loop at fixed arrival rates and in a long block for its
 * resident memory, and writes the report, the chart and the BENCH line. Run it with {@code ./mvnw -Pbenchmark verify}; see {@code docs/performance.md}.
 */
public final class OrderSagaBenchmark {

    private static final PrintStream OUT = System.out;
    /** The long block stops when the heap is fuller than this after a collection, before the JVM runs out of memory. */
    private static final double HEAP_LIMIT = 0.85;
    /** The phase of the resident-memory samples taken during the long block. */
    public static final String LONG_BLOCK = "long block";
    /** Why the run skipped what was left of it (the heap nearly full), null while it did not. */
    private static volatile String stoppedEarly;

    private OrderSagaBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        long jvmStarted = ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(System.currentTimeMillis());
        var settings = BenchmarkSettings.fromSystemProperties();
        Path output = settings.output().toAbsolutePath();
        Files.createDirectories(output);
        Files.deleteIfExists(output.resolve("application.log"));
        String startedAt = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String uptimeBefore = Machine.uptime();
        String freeBefore = Machine.freeH();
        say("machine: %d CPUs (%s), load: %s", Machine.nproc(), Machine.cpuModel(), uptimeBefore);
        say("settings: %s", settings.knobValues());
        say("starting the application with the embedded engine and broker (log: %s)", output.resolve("application.log"));

        var sagaRef = new AtomicReference<SagaSystem>();
        var memory = new ResidentMemory(settings.rssSampleMillis(), () -> sagaRef.get() == null ? 0 : sagaRef.get().shipped());
        long started = System.nanoTime();
        ConfigurableApplicationContext app;
        try {
            app = start(settings, output);
        } catch (RuntimeException e) {
            // The embedded engine, broker and node may keep threads alive: end the JVM, do not hang.
            say("FAILED to start the application: %s (its log: %s)", e, output.resolve("application.log"));
            memory.close();
            System.exit(1);
            return;
        }
        long startupMillis = (System.nanoTime() - started) / 1_000_000;
        say("application up in %d ms", startupMillis);

        int exit = 0;
        var registry = app.getBean(org.springframework.kafka.config.KafkaListenerEndpointRegistry.class);
        for (String id : settings.stopListeners()) {
            var container = registry.getListenerContainer(id);
            if (container == null) {
                throw new IllegalArgumentException("benchmark.stopListeners: no listener container " + id + " (there are "
                        + registry.getListenerContainerIds() + ")");
            }
            container.stop();
            say("WHAT-IF: listener container %s stopped for this run; the figures are not the application's", id);
        }
        List<OrderSystem> systems = systems(app, settings);
        systems.stream().filter(SagaSystem.class::isInstance).map(SagaSystem.class::cast).findFirst().ifPresent(sagaRef::set);
        try (ExecutorService issuer = Executors.newVirtualThreadPerTaskExecutor()) {
            for (OrderSystem system : systems) {
                system.start();
            }
            var loop = new ClosedLoop(settings.concurrency(), issuer);
            memory.phase("warm-up");
            Report.Warmup warmup = warmUp(settings, systems, loop);

            // The long block comes before the measured blocks: its thousands of saga orders finish what the warm-up
            // began (the compiler is still at work on the saga's code minutes after the start), so the blocks measured
            // after it see the saga at its steady state.
            SagaSystem saga = sagaRef.get();
            Report.LongBlock longBlock = null;
            if (saga != null && stoppedEarly == null) {
                memory.phase(LONG_BLOCK);
                longBlock = longBlock(settings, saga, loop, jvmStarted, reserveAfterLongBlock(settings, systems.size()));
                pause();
            }

            memory.phase("closed loop");
            Recording recording = settings.jfr() ? startRecording() : null;
            Map<String, List<BlockResult>> blocks = new LinkedHashMap<>();
            systems.forEach(s -> blocks.put(s.name(), new ArrayList<>()));
            for (int round = 1; round <= settings.rounds(); round++) {
                for (int i = 0; i < systems.size(); i++) {
                    OrderSystem system = systems.get((i + round - 1) % systems.size());
                    BlockResult result = loop.run(system, round, settings.settle(), settings.measured(), settings.drainTimeout());
                    blocks.get(system.name()).add(result);
                    progress("round " + round + "/" + settings.rounds(), result);
                    pause();
                    if (heapFull("closed-loop round " + round + ", " + system.name())) {
                        break;
                    }
                }
                if (stoppedEarly != null) {
                    break;
                }
            }
            String jfrSummary = null;
            if (recording != null) {
                Path jfr = output.resolve("benchmark.jfr");
                recording.stop();
                recording.dump(jfr);
                recording.close();
                jfrSummary = JfrSummary.summarize(jfr, 20);
                say("JFR recording of the measured blocks: %s", jfr);
            }
            List<ConfigResult> results = new ArrayList<>();
            for (OrderSystem system : systems) {
                results.add(ConfigResult.of(system.name(), system.description(), blocks.get(system.name())));
            }

            List<OpenLoop.Result> open = new ArrayList<>();
            String timeline = null;
            ProjectionSummary projection = null;
            double capacity = find(results, BenchmarkSettings.SAGA).map(ConfigResult::ordersPerSecond).orElse(Double.NaN);
            if (saga != null && stoppedEarly == null && capacity > 0) {
                var openLoop = new OpenLoop(issuer);
                for (int percent : settings.openRatePercents()) {
                    memory.phase("open loop " + percent + " %");
                    double rate = capacity * percent / 100.0;
                    var result = openLoop.run(saga, percent, rate, settings.settle(), settings.openBlock().minus(settings.settle()),
                            settings.drainTimeout());
                    open.add(result);
                    progress(String.format(Locale.ROOT, "open %d%% (%.1f/s)", percent, rate), result.block());
                    pause();
                    if (heapFull("the open-loop block at " + percent + " %")) {
                        break;
                    }
                }
            }
            memory.phase("report");
            if (saga != null && stoppedEarly == null) { // reading the topics back needs heap

                var placed = new java.util.HashMap<String, Long>();
                blocks.get(saga.name()).forEach(b -> placed.putAll(saga.placedBetween(b.windowStartMillis(), b.windowEndMillis())));
                timeline = SagaTimeline.summarize(app.getEnvironment().getRequiredProperty("spring.kafka.bootstrap-servers"),
                        sagaTopics(app), placed);
                projection = ProjectionSummary.read(app.getBean(ElasticsearchClient.class), saga.placed());
                say("projection: %,d orders, %.2f writes per order", projection.orders(), (double) projection.writes() / projection.orders());
            }

            var memoryResult = new Report.Memory(memory.samples(), ResidentMemory.summedHighWaterMarksMb(), ResidentMemory.children(),
                    ResidentMemory.growthPercent(memory.samples().stream().filter(sample -> sample.phase().equals(LONG_BLOCK)).toList(),
                            settings.rssWindowOrders(), settings.rssWindowOrders() / 10));
            long rss = results.stream().mapToLong(ConfigResult::maxRssMb).max().orElse(ResidentMemory.jvmMb());
            String bench = Report.benchLine(find(results, BenchmarkSettings.SAGA), find(results, BenchmarkSettings.ENGINE_ONLY),
                    find(results, BenchmarkSettings.KAFKA_CHAIN), rss, open, memoryResult);
            var context = new Report.Context(settings, startedAt, commit(), uptimeBefore, Machine.uptime(), freeBefore, startupMillis,
                    BenchOrder.placed(), timeline, jfrSummary, warmup, open, longBlock, memoryResult, stoppedEarly, projection);
            write(settings, output, results, bench, context);
            say("load after: %s", Machine.uptime());
            say("report: %s, chart: %s", output.resolve("report.md"), output.resolve("benchmark.png"));
            OUT.println(bench);
        } catch (Exception e) {
            say("FAILED: %s", e);
            e.printStackTrace(OUT);
            exit = 1;
        } finally {
            memory.close();
            for (OrderSystem system : systems) {
                try {
                    system.close();
                } catch (Exception e) {
                    // shutting down anyway
                }
            }
            app.close();
        }
        System.exit(exit);
    }

    /**
     * Warm-up blocks of every configuration in turn, each configuration until its CPU per order (all
     * processes) is stable ({@link WarmupRule}), all of them within the cap.
     */
    private static Report.Warmup warmUp(BenchmarkSettings settings, List<OrderSystem> systems, ClosedLoop loop) throws InterruptedException {
        var cpu = new LinkedHashMap<String, List<Double>>();
        systems.forEach(s -> cpu.put(s.name(), new ArrayList<>()));
        long started = System.nanoTime();
        long deadline = started + settings.warmupMax().toNanos();
        boolean capReached = false;
        int pass = 0;
        while (cpu.values().stream().anyMatch(values -> !settings.warmup().stable(values))) {
            if (System.nanoTime() >= deadline) {
                capReached = true;
                break;
            }
            pass++;
            for (OrderSystem system : systems) {
                List<Double> values = cpu.get(system.name());
                if (settings.warmup().stable(values)) {
                    continue;
                }
                BlockResult warm = loop.run(system, 0, settings.settle(), settings.warmupBlock().minus(settings.settle()), settings.drainTimeout());
                values.add(warm.stackCpuMillisPerOrder());
                progress(String.format(Locale.ROOT, "warm-up %d (spread %.0f%%)", pass, 100 * settings.warmup().spread(values)), warm);
                pause();
                if (heapFull("warm-up pass " + pass + ", " + system.name())) {
                    break;
                }
            }
            if (stoppedEarly != null) {
                break;
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        if (capReached) {
            say("WARM-UP CAP REACHED after %d s (benchmark.warmupMaxSeconds): not stable: %s", seconds,
                    cpu.entrySet().stream().filter(e -> !settings.warmup().stable(e.getValue())).map(Map.Entry::getKey).toList());
        } else {
            say("warm-up: every configuration stable after %d s", seconds);
        }
        return new Report.Warmup(cpu, seconds, capReached);
    }

    /**
     * What the blocks after the long block need of the time budget: every closed-loop and open-loop block with
     * its pause, and 30 s for draining and the report.
     */
    public static Duration reserveAfterLongBlock(BenchmarkSettings settings, int configurations) {
        Duration closed = settings.settle().plus(settings.measured()).plusSeconds(2).multipliedBy((long) settings.rounds() * configurations);
        Duration open = settings.openBlock().plusSeconds(2).multipliedBy(settings.openRatePercents().size());
        return closed.plus(open).plusSeconds(30);
    }

    /**
     * The long block, after the warm-up: the saga alone in a closed loop until the run has put {@code rssOrders}
     * saga orders through, and the block at least the memory window and a tenth more, or until the time budget
     * less {@code reserve} (for the blocks after it) is used up, or the heap nearly full ({@link HeapGuard}).
     */
    private static Report.LongBlock longBlock(BenchmarkSettings settings, SagaSystem saga, ClosedLoop loop, long jvmStartedMillis,
            Duration reserve) throws InterruptedException {
        long before = saga.shipped();
        long needed = Math.max(settings.rssOrders() - before, settings.rssWindowOrders() + settings.rssWindowOrders() / 10);
        long budgetLeftMillis = jvmStartedMillis + settings.runBudget().toMillis() - System.currentTimeMillis();
        Duration limit = Duration.ofMillis(Math.max(10_000, budgetLeftMillis - reserve.toMillis()));
        say("long block: saga, closed loop, until %d more orders are through (%d so far in the run), at most %d s", needed, before,
                limit.toSeconds());
        var heapFull = new java.util.concurrent.atomic.AtomicBoolean();
        BlockResult result = loop.run(saga, 0, Duration.ZERO, limit, completed -> {
            heapFull.compareAndSet(false, HeapGuard.nearlyFull(HEAP_LIMIT));
            return heapFull.get() || saga.shipped() - before >= needed;
        }, settings.drainTimeout());
        long through = saga.shipped() - before;
        String cut = null;
        if (heapFull.get()) {
            cut = String.format(Locale.ROOT, "the heap was more than %.0f %% full after a collection", 100 * HEAP_LIMIT);
            stoppedEarly = "in the long block " + cut + " (" + through + " orders): the rest of the run was skipped";
        } else if (through < needed) {
            cut = "the time budget (benchmark.maxMinutes) was used up";
        }
        progress("long block", result);
        if (cut != null) {
            say("LONG BLOCK CUT SHORT: %s: %d of %d orders; the run has %d saga orders, not %d", cut, through, needed, saga.shipped(),
                    settings.rssOrders());
        }
        return new Report.LongBlock(result, through, saga.shipped(), cut);
    }

    private static ConfigurableApplicationContext start(BenchmarkSettings settings, Path output) {
        List<Class<?>> sources = new ArrayList<>(List.of(OrderSagaApplication.class));
        if (settings.configs().contains(BenchmarkSettings.KAFKA_CHAIN)) {
            sources.add(ChainParticipants.class);
        }
        return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .properties(Map.of(
                        // Never the conventional ports: other instances may run on this machine.
                        "server.port", "0",
                        "order-saga.embedded.conventional-ports", "false",
                        // The application logs as it always does, to a file; the console keeps the benchmark's progress.
                        "logging.file.name", output.resolve("application.log").toString(),
                        "logging.threshold.console", "WARN",
                        "spring.main.banner-mode", "off"))
                .run();
    }

    private static List<OrderSystem> systems(ConfigurableApplicationContext app, BenchmarkSettings settings) {
        var binder = Binder.get(app.getEnvironment());
        String bootstrap = app.getEnvironment().getRequiredProperty("spring.kafka.bootstrap-servers");
        var orderProperties = app.getBean(OrderProperties.class);
        var systems = new ArrayList<OrderSystem>();
        for (String config : settings.configs()) {
            systems.add(switch (config) {
                case BenchmarkSettings.KAFKA_CHAIN -> {
                    @SuppressWarnings("unchecked")
                    KafkaTemplate<String, String> kafka = app.getBean(KafkaTemplate.class);
                    var registry = app.getBean(org.springframework.kafka.config.KafkaListenerEndpointRegistry.class);
                    var containers = ChainParticipants.PARTICIPANTS.stream()
                            .map(p -> registry.getListenerContainer(ChainParticipants.PREFIX + p)).toList();
                    yield new KafkaChainSystem(kafka, app.getBean(EnvelopeCodec.class), bootstrap, orderProperties.currency(), containers);
                }
                case BenchmarkSettings.ENGINE_ONLY -> new EngineOnlySystem(app.getBean(CamundaClient.class), orderProperties,
                        binder.bind("camunda.client.worker.defaults.max-jobs-active", Integer.class).orElse(32),
                        binder.bind("camunda.client.worker.defaults.timeout", Duration.class).orElse(Duration.ofMinutes(5)));
                case BenchmarkSettings.SAGA -> {
                    @SuppressWarnings("unchecked")
                    KafkaTemplate<String, String> kafka = app.getBean(KafkaTemplate.class);
                    @SuppressWarnings("unchecked")
                    ProducerListener<Object, Object> listener = app.getBean(ProducerListener.class);
                    yield new SagaSystem(app.getBean(OrderService.class), kafka, listener, app.getBean(MessagingProperties.class).orderStateTopic());
                }
                default -> throw new IllegalArgumentException(config);
            });
        }
        return systems;
    }

    private static void write(BenchmarkSettings settings, Path output, List<ConfigResult> results, String bench, Report.Context context)
            throws IOException {
        for (ConfigResult r : results) {
            try (var out = new PrintStream(output.resolve(r.config() + ".hgrm").toFile(), StandardCharsets.UTF_8)) {
                r.latency().outputPercentileDistribution(out, 1000.0); // in ms
            }
        }
        for (OpenLoop.Result r : context.open()) {
            try (var out = new PrintStream(output.resolve(String.format(Locale.ROOT, "saga-open-%.0fpct.hgrm", r.percentOfCapacity())).toFile(),
                    StandardCharsets.UTF_8)) {
                r.block().latency().outputPercentileDistribution(out, 1000.0); // in ms
            }
        }
        Files.writeString(output.resolve("report.md"), Report.markdown(context, results, bench));
        Files.writeString(output.resolve("rss.csv"), Report.rssCsv(context.memory()));
        Chart.write(output.resolve("benchmark.png"), String.format(Locale.ROOT, "order-saga, %d CPUs (%s), %s", Machine.nproc(),
                Machine.cpuModel(), context.startedAt().substring(0, 16)), results, context.open(), context.memory());
    }

    private static Recording startRecording() throws IOException, java.text.ParseException {
        var recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setName("order-saga-benchmark");
        recording.start();
        return recording;
    }

    /** The topics the saga writes: order states, the steps' commands and events. */
    private static List<String> sagaTopics(ConfigurableApplicationContext app) {
        var catalog = app.getBean(dev.ordersaga.bridge.SagaStepCatalog.class);
        var topics = new ArrayList<String>();
        topics.add(app.getBean(MessagingProperties.class).orderStateTopic());
        topics.addAll(catalog.commandTopics());
        topics.addAll(catalog.eventTopics());
        return topics;
    }

    private static Optional<ConfigResult> find(List<ConfigResult> results, String config) {
        return results.stream().filter(r -> r.config().equals(config)).findFirst();
    }

    /**
     * Whether the heap is more than {@link #HEAP_LIMIT} full after a collection (asked after the full
     * collection between blocks): then the run skips what is left and writes its report with what it has,
     * rather than measure a JVM that spends its time collecting garbage (an engine that keeps every record
     * fills any heap). Says so once.
     */
    private static boolean heapFull(String after) {
        double used = HeapGuard.usedAfterLastGc();
        if (stoppedEarly == null && used > HEAP_LIMIT) {
            stoppedEarly = String.format(Locale.ROOT, "after %s the heap was %.0f %% full after a collection (more than %.0f %%): the rest "
                    + "of the run was skipped", after, 100 * used, 100 * HEAP_LIMIT);
            say("STOPPED EARLY: %s", stoppedEarly);
        }
        return stoppedEarly != null;
    }

    /** Between blocks: collect garbage and let the queues empty, so one block's debris does not fall into the next. */
    private static void pause() throws InterruptedException {
        System.gc();
        TimeUnit.MILLISECONDS.sleep(1000);
    }

    private static void progress(String phase, BlockResult b) {
        var top = new StringBuilder();
        b.cpuByThreadGroup().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(4)
                .forEach(e -> top.append(String.format(Locale.ROOT, " %s=%.0f%%", e.getKey(), 100 * e.getValue() / b.metrics().cpuMillis())));
        say("%-11s %-11s %7.1f orders/s  p50 %7.1f ms  p99 %7.1f ms  p99.9 %7.1f ms  cpu %5.2f ms/order  machine %3.0f%% (this JVM %3.0f%%, "
                        + "Elasticsearch %3.0f%%, steal %3.0f%%)  gc %d/%d ms  rss %d MB  errors %d  cpu by threads:%s",
                phase, b.config(), b.ordersPerSecond(), b.percentileMillis(50), b.percentileMillis(99), b.percentileMillis(99.9),
                b.cpuMillisPerOrder(), b.metrics().machineBusyPercent(), b.metrics().processPercentOfMachine(),
                b.metrics().childPercentOfMachine(), b.metrics().machineStealPercent(), b.metrics().gcCount(),
                b.metrics().gcPauseMillis(), b.rssMb(), b.errors(), top);
    }

    private static void say(String format, Object... args) {
        OUT.println("[benchmark] " + String.format(Locale.ROOT, format, args));
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
