package dev.ordersaga;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * A component of the readiness group that waits for a part of the saga: an instance takes traffic only once that part
 * can serve. The health indicator exists on every instance (the readiness group names it), but an instance without the
 * saga (the participants-only deployment) has nothing to wait for and is UP. A check that throws makes the part DOWN; the
 * first such failure logs a warning with its cause, the next ones only at DEBUG until a check succeeds again: a readiness
 * probe every few seconds would otherwise log a stack trace each time (one warning per outage).
 *
 * @param <T> the part of the saga waited for
 */
public abstract class SagaReadiness<T> extends AbstractHealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(SagaReadiness.class);

    private final ObjectProvider<T> part;
    private final String detail;
    private final String failure;
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * @param part the part, absent without the saga
     * @param detail the name of the detail that says what is waited for
     * @param failure what a check that throws means
     */
    protected SagaReadiness(ObjectProvider<T> part, String detail, String failure) {
        this.part = part;
        this.detail = detail;
        this.failure = failure;
    }

    @Override
    protected final void doHealthCheck(Health.Builder builder) throws Exception {
        T present = part.getIfAvailable();
        if (present == null) {
            builder.up().withDetail(detail, "none (no saga on this instance)");
            return;
        }
        try {
            check(present, builder);
            warned.set(false);
        } catch (Exception e) {
            if (warned.compareAndSet(false, true)) {
                log.warn("Not ready: {}; checking again at each probe", failure, e);
            } else {
                log.debug("Not ready: {}", failure, e);
            }
            builder.down(e);
        }
    }

    /** Whether the part is ready: UP or DOWN, with {@link #detail()} where it says more. */
    protected abstract void check(T part, Health.Builder builder) throws Exception;

    protected String detail() {
        return detail;
    }
}
