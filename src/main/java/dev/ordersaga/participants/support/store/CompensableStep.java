package dev.ordersaga.participants.support.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * A participant whose step of an order is decided once and can be compensated, with a table of one row per order
 * ({@code order_id}, {@code outcome}, {@code reason}, …) locked for the command's transaction, so that replicas sharing the
 * database never apply an order twice. A compensation leaves the order's row compensated even where the step never
 * happened, so that a forward command arriving after it (the step timed out in the saga) is refused rather than applied
 * with nothing left to undo it.
 *
 * @param <R> what the row holds besides its outcome and reason
 */
public abstract class CompensableStep<R> {

    private static final String REFUSED = "refused";

    protected final ParticipantStore store;
    private final String table;
    private final String done;
    private final String undone;

    /** @param done and {@code undone}: the outcomes of a step applied and compensated ({@code refused} is the third) */
    protected CompensableStep(ParticipantStore store, String table, String done, String undone) {
        this.store = store;
        this.table = table;
        this.done = done;
        this.undone = undone;
    }

    /** A statement in the participants' database, inside the command's transaction. */
    protected StatementSpec sql(String sql) {
        return store.jdbc().sql(sql);
    }

    protected abstract R row(ResultSet rs) throws SQLException;

    /** The forward command: a repeat gets the outcome again, a compensated order is refused, any other is {@code decided}. */
    protected <E> E forward(String orderId, Function<R, E> again, Function<String, E> refused, Supplier<E> decide) {
        Optional<Step<R>> step = lock(orderId);
        if (step.isEmpty()) {
            return decide.get();
        }
        if (step.get().outcome().equals(done)) {
            return again.apply(step.get().row());
        }
        return refused.apply(step.get().outcome().equals(REFUSED) ? step.get().reason() : "order " + orderId + " was already compensated");
    }

    /** The compensation: undoes an applied step once, and answers {@code nothing} where there is nothing to undo. */
    protected <E> E compensate(String orderId, Function<R, E> undo, Function<R, E> again, Supplier<E> nothing) {
        Optional<Step<R>> step = lock(orderId);
        if (step.isPresent() && step.get().outcome().equals(undone)) {
            return again.apply(step.get().row());
        }
        if (step.isPresent() && step.get().outcome().equals(done)) {
            E undoneEvent = undo.apply(step.get().row());
            sql("update " + table + " set outcome = ? where order_id = ?").params(undone, orderId).update();
            return undoneEvent;
        }
        sql("insert into " + table + " (order_id, outcome) values (?, ?) on conflict (order_id) do update set outcome = excluded.outcome")
                .params(orderId, undone).update();
        return nothing.get();
    }

    /** Whether the order's step was compensated here. */
    public boolean isCompensated(String orderId) {
        return sql("select count(*) from " + table + " where order_id = ? and outcome = ?").params(orderId, undone).query(Long.class).single() > 0;
    }

    private record Step<R>(String outcome, String reason, R row) {}

    private Optional<Step<R>> lock(String orderId) {
        return sql("select * from " + table + " where order_id = ? for update").param(orderId)
                .query((rs, n) -> new Step<>(rs.getString("outcome"), rs.getString("reason"), row(rs))).optional();
    }
}
