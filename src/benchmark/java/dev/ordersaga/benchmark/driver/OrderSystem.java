package dev.ordersaga.benchmark.driver;

import dev.ordersaga.benchmark.BenchmarkSettings;

/**
 * One configuration under test: something that takes an order and, some time later, reports that the
 * order is through (or failed) to the {@link Completions} of the block that is running.
 */
public interface OrderSystem extends AutoCloseable {

    /** The configuration's name, one of {@link BenchmarkSettings#ALL}. */
    String name();

    /** What the configuration does, for the report. */
    String description();

    /** Starts whatever observes completions; called once before the first block. */
    void start() throws Exception;

    /**
     * Places an order and returns its id; may block (e.g. until the engine accepted the start message).
     * Completion is reported to the sink set by {@link #attach}.
     */
    String place(BenchOrder order) throws Exception;

    /** Where completions go from now on (null: nowhere, between blocks). */
    void attach(Completions sink);

    @Override
    default void close() throws Exception {}

    /** Receives completions: the order with this id is through ({@code ok}) or failed. */
    @FunctionalInterface
    public interface Completions {
        void completed(String orderId, boolean ok);
    }
}
