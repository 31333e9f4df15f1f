package dev.ordersaga.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.env.Environment;

/**
 * One reference participant alone in a JVM of its own ({@code dev.ordersaga.OrderSagaApplication} with the saga side,
 * the engine client and the other participants switched off), on the test's broker and database, so that a test can kill
 * it for real and start it again. Its class path is the test's without the tests themselves (its component scan sees
 * the production classes only, as a deployed participant's does, and no embedded infrastructure is started). Its
 * consumer's session times out after 6 s, so that a replacement gets the partitions of a killed one soon. Its output
 * goes to {@code target/participant-processes/}.
 */
public final class ParticipantProcess implements AutoCloseable {

    private static final AtomicInteger started = new AtomicInteger();
    private static final Path LOGS = Path.of("target", "participant-processes");

    private final Process process;
    private final Path log;

    private ParticipantProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the participant {@code name} alone.
     *
     * @param all the names of every participant (the others are switched off)
     * @param test the test application's environment: its broker and database
     * @param properties more {@code name=value} settings, e.g. {@code order-saga.participants.payment.concurrency=2}
     */
    public static ParticipantProcess start(String name, Collection<String> all, Environment test, String... properties) {
        return start(name, all, test, List.of(), properties);
    }

    /**
     * Starts the participant {@code name} alone, with {@link CrashPoints} halting it at a commit.
     *
     * @param crashPoint e.g. {@code CrashPoints.AFTER_COMMIT + "=3"}
     */
    public static ParticipantProcess startHalting(String name, Collection<String> all, Environment test, String crashPoint) {
        Path classes = LOGS.resolveSibling("crash-points");
        String file = CrashPoints.class.getName().replace('.', '/') + ".class";
        try (InputStream compiled = CrashPoints.class.getClassLoader().getResourceAsStream(file)) {
            Path target = classes.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(Objects.requireNonNull(compiled, file), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + file + " to " + classes, e);
        }
        return start(name, all, test, List.of(classes), "spring.main.sources=" + CrashPoints.class.getName(), crashPoint);
    }

    private static ParticipantProcess start(String name, Collection<String> all, Environment test, List<Path> alsoOnClassPath, String... properties) {
        var command = ApplicationJvm.command(alsoOnClassPath.toArray(Path[]::new));
        command.addAll(List.of("--server.port=0", "--order-saga.saga.enabled=false", "--camunda.client.enabled=false", "--order-saga.embedded.enabled=false",
                "--spring.kafka.bootstrap-servers=" + test.getRequiredProperty("spring.kafka.bootstrap-servers"),
                "--spring.kafka.consumer.properties.session.timeout.ms=6000", "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
                "--spring.datasource.url=" + test.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username=" + test.getRequiredProperty("spring.datasource.username")));
        all.stream().filter(other -> !other.equals(name)).forEach(other -> command.add("--order-saga.participants." + other + ".enabled=false"));
        Arrays.stream(properties).forEach(property -> command.add("--" + property));
        try {
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve(name + "-" + ProcessHandle.current().pid() + "-" + started.incrementAndGet() + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ParticipantProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    /** Its exit status, once it ended; fails if it still runs after {@code atMost}. */
    public int awaitExit(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The participant process " + process.pid() + " still runs after " + atMost + "; its output: " + log);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Kills it with SIGKILL ({@code kill -9}) and waits until it is gone. */
    public void kill() throws InterruptedException {
        if (!process.destroyForcibly().waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("The participant process " + process.pid() + " survived kill -9");
        }
    }

    /** Stops it (SIGTERM, then SIGKILL after 30 s) if it still runs. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
