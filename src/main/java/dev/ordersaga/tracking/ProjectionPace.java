package dev.ordersaga.tracking;

import java.time.Duration;

/**
 * Spaces the projection's batches {@code batch-wait} apart ({@link TrackingProperties#batchWait()}) while it
 * keeps up, and lets it run flat out while it is behind (a batch that filled {@link
 * TrackingProperties#batchRecords()}, e.g. while a new index is built from the topics).
 *
 * <p>The broker's fetch wait ({@code fetch.min.bytes}, {@code fetch.max.wait.ms}) alone did not gather
 * messages: in the benchmark the node received about 30 bulk requests a second of three documents each
 * (its own statistics, saga at about 30 orders/s); with this pause, one a second of about 50. Pausing the
 * listener thread after a small batch lets the next fetch collect everything that arrived meanwhile; the
 * batch's offsets are committed after the pause, i.e. still only after Elasticsearch accepted its writes.
 *
 * @param interval how far apart batches start while the projection keeps up
 * @param fullBatch how many records make a batch full (the projection is behind: no pause)
 */
public record ProjectionPace(Duration interval, int fullBatch) {

    public ProjectionPace {
        if (interval.isNegative() || fullBatch < 1) {
            throw new IllegalArgumentException("A projection pace needs an interval >= 0 and a full batch >= 1, not " + interval + " and " + fullBatch);
        }
    }

    static ProjectionPace of(TrackingProperties properties) {
        return new ProjectionPace(properties.batchWait(), properties.batchRecords());
    }

    /** How long to pause after a batch of {@code records} whose handling took {@code elapsed}. */
    Duration pauseAfter(int records, Duration elapsed) {
        if (records >= fullBatch || elapsed.compareTo(interval) >= 0) {
            return Duration.ZERO;
        }
        return interval.minus(elapsed);
    }

    /** Pauses the calling thread after a batch of {@code records} whose handling started at {@code startedNanos}. */
    void pause(int records, long startedNanos) throws InterruptedException {
        Duration pause = pauseAfter(records, Duration.ofNanos(System.nanoTime() - startedNanos));
        if (!pause.isZero()) {
            Thread.sleep(pause);
        }
    }
}
