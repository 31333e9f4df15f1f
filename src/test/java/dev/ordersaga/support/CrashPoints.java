package dev.ordersaga.support;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.lang.Nullable;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Halts a {@link ParticipantProcess} as {@code kill -9} would ({@link Runtime#halt}: nothing flushed, closed or
 * acknowledged) at its Nth database commit: just before it ({@value #BEFORE_COMMIT}{@code =N}) or just after it, before the
 * reply is sent ({@value #AFTER_COMMIT}{@code =N}). A participant commits once per command (the inbox's transaction), so in
 * a process with one participant, one listener thread and commands it has not seen before, the Nth commit is its Nth
 * command. Spring Boot adds every {@link TransactionExecutionListener} bean to the transaction manager; this one is never
 * part of the application: {@link ParticipantProcess#startHalting} puts this class alone on the process's class path and
 * names it a source ({@code spring.main.sources}).
 */
public final class CrashPoints implements TransactionExecutionListener {

    public static final String BEFORE_COMMIT = "crash-test.halt-before-commit";
    public static final String AFTER_COMMIT = "crash-test.halt-after-commit";

    /** 128 + SIGKILL, as a shell reports {@code kill -9}. */
    public static final int EXIT_STATUS = 137;

    private static final Logger log = LoggerFactory.getLogger(CrashPoints.class);

    private final int haltBeforeCommit;
    private final int haltAfterCommit;
    private final AtomicInteger commits = new AtomicInteger();

    public CrashPoints(Environment environment) {
        this.haltBeforeCommit = environment.getProperty(BEFORE_COMMIT, Integer.class, 0);
        this.haltAfterCommit = environment.getProperty(AFTER_COMMIT, Integer.class, 0);
    }

    @Override
    public void beforeCommit(TransactionExecution transaction) {
        haltAt(haltBeforeCommit, commits.incrementAndGet(), "before");
    }

    @Override
    public void afterCommit(TransactionExecution transaction, @Nullable Throwable failure) {
        if (failure == null) {
            haltAt(haltAfterCommit, commits.get(), "after");
        }
    }

    private static void haltAt(int point, int commit, String where) {
        if (point > 0 && point == commit) {
            log.error("Crash test: halting this process {} commit {}", where, commit);
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}
