package dev.ordersaga.tracking.projection;

import java.time.Duration;

/**
 * Spaces the projection's batches {@code batch-wait} apart ({@link TrackingProperties#batchWait()}) while it
 * keeps up, and lets it run flat out while it is behind (a batch after which the consumer still has records
 * to read on any of its partitions, e.g. after an outage or while a new index is built from the topics).
 *
 * <p>The broker's fetch wait ({@code fetch.min.bytes}, {@code fetch.max.wait.ms}) alone did not gather
 * messages: in the benchmark the node received about 30 bulk requests a second of three documents each
 * (its own statistics, saga at about 30 orders/s); with this pause, one a second of about 50. Pausing the
 * listener thread after a small batch lets the next fetch collect everything that arrived meanwhile; the
 * batch's offsets are committed after the pause, i.e. still only after Elasticsearch accepted its writes.
 *
 * <p>Behind means behind by the consumer's own count (its position against the end of each partition it
 * last heard of), not by the size of the batch: a backlog arrives as one full batch and then a short one,
 * and a pause after the short one made a projection that had fallen behind under load stay behind for
 * the rest of a benchmark run, writing each order about seven times as the batches cut its messages
 * apart (measured: 156,000 writes for 21,700 orders).
 *
 * @param interval how far apart batches start while the projection keeps up
 */
public record ProjectionPace(Duration interval) {

    public ProjectionPace {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("A projection pace needs an interval >= 0, not " + interval);
        }
    }

    /** How long to pause after a batch whose handling took {@code elapsed}, when the consumer is {@code behind} or not. */
    Duration pauseAfter(boolean behind, Duration elapsed) {
        if (behind || elapsed.compareTo(interval) >= 0) {
            return Duration.ZERO;
        }
        return interval.minus(elapsed);
    }

    /** Pauses the calling thread after a batch whose handling started at {@code startedNanos}, unless the consumer is behind. */
    void pause(boolean behind, long startedNanos) throws InterruptedException {
        Duration pause = pauseAfter(behind, Duration.ofNanos(System.nanoTime() - startedNanos));
        if (!pause.isZero()) {
            Thread.sleep(pause);
        }
    }
}
