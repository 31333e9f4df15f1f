package dev.ordersaga.bridge;

/**
 * The command id of a step, {@code cmd-<order id>-<job key>}: the job key stays the same when the job is retried or
 * re-activated after a time-out, so a re-sent command carries the same id, and whichever bridge instance receives the
 * answer finds the job again from it. The order id makes it unique beyond one engine's life: after an engine reset
 * job keys start again from the same numbers, and a participant that remembers its answers by command id must never
 * take a new order's command for one it answered before. Participants treat the id as opaque.
 */
public final class CommandIds {

    private static final String PREFIX = "cmd-";

    private CommandIds() {}

    public static String forJob(String orderId, long jobKey) {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("A command id needs the order id (job " + jobKey + ")");
        }
        return PREFIX + orderId + "-" + jobKey;
    }

    /**
     * The job key in a command id.
     *
     * @throws IllegalArgumentException if the id was not made by {@link #forJob}
     */
    public static long jobKey(String commandId) {
        int separator = separator(commandId);
        try {
            return Long.parseLong(commandId.substring(separator + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a saga command id: " + commandId, e);
        }
    }

    /**
     * The order id in a command id.
     *
     * @throws IllegalArgumentException if the id was not made by {@link #forJob}
     */
    public static String orderId(String commandId) {
        return commandId.substring(PREFIX.length(), separator(commandId));
    }

    private static int separator(String commandId) {
        if (commandId == null || !commandId.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a saga command id: " + commandId);
        }
        int separator = commandId.lastIndexOf('-');
        if (separator <= PREFIX.length()) {
            throw new IllegalArgumentException("Not a saga command id (no order id): " + commandId);
        }
        return separator;
    }
}
