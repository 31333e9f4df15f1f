package dev.ordersaga.soak;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How long the orders in flight at a kill waited for the saga after it. An order is in flight at a kill when the saga
 * wrote for it (a command or a state) both before and after the kill; it moved on with the first of those records
 * after the kill. The recovery of a kill is the latest such first progress, from the kill: the orders the killed
 * instance was handling (its jobs, its outcome partitions) are the last ones, they wait for the job time-out and the
 * consumers' session time-out.
 */
final class Recovery {

    /** One kill and how the saga recovered from it. */
    record Kill(String instance, long at, int inFlight, long recoveryMillis, String slowestOrder) {}

    private Recovery() {}

    /** @param progress per order, the times of the saga's own records (commands and states), ascending */
    static List<Kill> of(Collection<FaultLog.Event> kills, Map<String, long[]> progress) {
        var recoveries = new ArrayList<Kill>();
        for (FaultLog.Event kill : kills) {
            int inFlight = 0;
            long slowest = 0;
            String slowestOrder = null;
            for (var order : progress.entrySet()) {
                long[] times = order.getValue();
                int after = firstAfter(times, kill.at());
                if (after == 0 || after == times.length) {
                    continue;
                }
                inFlight++;
                long waited = times[after] - kill.at();
                if (waited > slowest) {
                    slowest = waited;
                    slowestOrder = order.getKey();
                }
            }
            recoveries.add(new Kill(kill.target(), kill.at(), inFlight, slowest, slowestOrder));
        }
        return recoveries;
    }

    /** The index of the first time after {@code at}, or {@code times.length}. */
    private static int firstAfter(long[] times, long at) {
        int low = 0;
        int high = times.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (times[middle] <= at) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
