package dev.ordersaga.engine;

import io.camunda.client.api.response.ActivatedJob;

/**
 * The command id of a step, {@code cmd-<order id>-<element instance key>-<job key>}: the job (and its element instance)
 * stays the same when the job is retried or re-activated after a time-out, so a re-sent command carries the same id, and
 * whichever bridge instance receives the answer finds the job and the task again from it, even from a reply that carries
 * no header. The order id makes it unique beyond one engine's life: after an engine reset keys start again from the same
 * numbers, and a participant that remembers its answers by command id must never take a new order's command for one it
 * answered before. Participants treat the id as opaque.
 */
public final class CommandIds {

    private static final String PREFIX = "cmd-";

    private CommandIds() {}

    /** What a command id names. */
    public record Parts(String orderId, long elementInstanceKey, long jobKey) {}

    public static String forJob(String orderId, long elementInstanceKey, long jobKey) {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("A command id needs the order id (job " + jobKey + ")");
        }
        return PREFIX + orderId + "-" + elementInstanceKey + "-" + jobKey;
    }

    /** The command id of an activated job of the order. */
    public static String forJob(String orderId, ActivatedJob job) {
        return forJob(orderId, job.getElementInstanceKey(), job.getKey());
    }

    /**
     * The job key in a command id.
     *
     * @throws IllegalArgumentException if the id was not made by {@link #forJob}
     */
    public static long jobKey(String commandId) {
        return parse(commandId).jobKey();
    }

    /**
     * The order, element instance and job a command id names.
     *
     * @throws IllegalArgumentException if the id was not made by {@link #forJob}
     */
    public static Parts parse(String commandId) {
        if (commandId == null || !commandId.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a saga command id: " + commandId);
        }
        int last = commandId.lastIndexOf('-');
        int secondLast = last < 0 ? -1 : commandId.lastIndexOf('-', last - 1);
        if (secondLast <= PREFIX.length()) {
            throw new IllegalArgumentException("Not a saga command id (no order id, element instance or job): " + commandId);
        }
        try {
            return new Parts(commandId.substring(PREFIX.length(), secondLast), Long.parseLong(commandId.substring(secondLast + 1, last)),
                    Long.parseLong(commandId.substring(last + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a saga command id: " + commandId, e);
        }
    }
}
