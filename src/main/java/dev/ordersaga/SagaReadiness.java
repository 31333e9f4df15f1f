package dev.ordersaga;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * A component of the readiness group that waits for a part of the saga: an instance takes traffic only once that part
 * can serve. The health indicator exists on every instance (the readiness group names it), but an instance without the
 * saga (the participants-only deployment) has nothing to wait for and is UP.
 *
 * @param <T> the part of the saga waited for
 */
public abstract class SagaReadiness<T> extends AbstractHealthIndicator {

    private final ObjectProvider<T> part;
    private final String detail;

    /**
     * @param part the part, absent without the saga
     * @param detail the name of the detail that says what is waited for
     * @param failure what a check that throws means
     */
    protected SagaReadiness(ObjectProvider<T> part, String detail, String failure) {
        super(failure);
        this.part = part;
        this.detail = detail;
    }

    @Override
    protected final void doHealthCheck(Health.Builder builder) throws Exception {
        T present = part.getIfAvailable();
        if (present == null) {
            builder.up().withDetail(detail, "none (no saga on this instance)");
        } else {
            check(present, builder);
        }
    }

    /** Whether the part is ready: UP or DOWN, with {@link #detail()} where it says more. */
    protected abstract void check(T part, Health.Builder builder) throws Exception;

    protected String detail() {
        return detail;
    }
}
