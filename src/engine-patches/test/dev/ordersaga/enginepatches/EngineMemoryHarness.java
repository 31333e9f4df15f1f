package dev.ordersaga.enginepatches;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: a measurement of the in-memory engine's memory under load, run by hand (see
 * src/engine-patches/README.md). It starts the engine as the embedded default does, runs process instances
 * shaped like the saga's start (a message start event with a message id and no time to live, a job, the end)
 * with a few in flight, and prints the heap after a full GC and the resident memory every so many finished
 * instances, then the engine's state by column family. It reads the record stream as the embedded default
 * does ({@link EnginePatches#followRecordStream}).
 *
 * <p>Arguments: instances (default 30000), print every (5000), in flight (64).
 */
public final class EngineMemoryHarness {

    private static final String JOB_TYPE = "harness-work";
    private static final String MESSAGE = "HarnessOrderPlaced";
    private static final String PAYLOAD = "x".repeat(512);

    private EngineMemoryHarness() {}

    public static void main(String[] args) throws Exception {
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int every = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int port = freePort();
        ZeebeTestEngine engine = EngineFactory.create(port);
        engine.start();
        Runnable following = EnginePatches.followRecordStream(engine);
        try (CamundaClient client = CamundaClient.newClientBuilder()
                .grpcAddress(URI.create("http://localhost:" + port))
                .restAddress(URI.create("http://localhost:" + freePort()))
                .preferRestOverGrpc(false)
                .build()) {
            var model = Bpmn.createExecutableProcess("harness")
                    .startEvent().message(MESSAGE)
                    .serviceTask("work", task -> task.zeebeJobType(JOB_TYPE))
                    .endEvent()
                    .done();
            client.newDeployResourceCommand().addProcessModel(model, "harness.bpmn").send().join();

            var permits = new Semaphore(inFlight);
            var finished = new AtomicLong();
            try (var worker = client.newWorker().jobType(JOB_TYPE)
                    .handler((jobs, job) -> jobs.newCompleteCommand(job).send().whenComplete((ok, error) -> {
                        if (error != null) {
                            error.printStackTrace(System.err);
                        }
                        finished.incrementAndGet();
                        permits.release();
                    }))
                    .maxJobsActive(inFlight * 2)
                    .streamEnabled(true)
                    .open()) {
                print("instances", "seconds", "heap_after_gc_mb", "rss_mb", "hwm_mb");
                long started = System.nanoTime();
                report(0, started);
                for (int i = 1; i <= instances; i++) {
                    permits.acquire();
                    String id = UUID.randomUUID().toString();
                    client.newPublishMessageCommand().messageName(MESSAGE).correlationKey(id).messageId(id).timeToLive(Duration.ZERO)
                            .variables(Map.of("orderId", id, "payload", PAYLOAD)).send().join();
                    if (i % every == 0) {
                        permits.acquire(inFlight);
                        permits.release(inFlight);
                        report(finished.get(), started);
                    }
                }
            }
            engine.waitForIdleState(Duration.ofSeconds(10));
            printState(engine);
        } finally {
            following.run();
            engine.stop();
        }
        // The engine's idle monitor keeps a timer thread that is not a daemon: without this the JVM stays.
        System.exit(0);
    }

    private static void report(long finished, long started) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        print(finished, (System.nanoTime() - started) / 1_000_000_000, heap >> 20, status("VmRSS") >> 10, status("VmHWM") >> 10);
    }

    /** The engine's state: entries per column family (the first 8 bytes of a key name it). */
    private static void printState(ZeebeTestEngine engine) throws ReflectiveOperationException {
        Object database = field(engine, "database");
        @SuppressWarnings("unchecked")
        var entries = (TreeMap<Object, Object>) field(database, "database");
        SortedMap<String, Integer> families = new TreeMap<>();
        for (Object key : entries.keySet()) {
            var toBytes = key.getClass().getDeclaredMethod("toBytes");
            toBytes.setAccessible(true);
            byte[] bytes = (byte[]) toBytes.invoke(key);
            long id = ByteBuffer.wrap(bytes, 0, Long.BYTES).getLong();
            families.merge(family(id), 1, Integer::sum);
        }
        System.out.println("state entries by column family (" + entries.size() + " in all):");
        families.forEach((family, count) -> System.out.println("  " + family + " " + count));
    }

    private static String family(long id) {
        for (ZbColumnFamilies family : ZbColumnFamilies.values()) {
            if (family.getValue() == id) {
                return family.name();
            }
        }
        return "column family " + id;
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }

    private static long status(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return -1;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void print(Object... values) {
        var line = new StringBuilder();
        for (Object value : values) {
            line.append(line.isEmpty() ? "" : "\t").append(value);
        }
        System.out.println(line);
    }

    private static int freePort() throws java.io.IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
