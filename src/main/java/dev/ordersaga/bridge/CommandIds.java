package dev.ordersaga.bridge;

/**
 * The command id of a step is derived from the Zeebe job key, which stays the same when the job is
 * retried or re-activated after a time-out: a re-sent command carries the same id, and whichever bridge
 * instance receives the answer finds the job again from it. Participants treat it as opaque.
 */
public final class CommandIds {

    private static final String PREFIX = "cmd-";

    private CommandIds() {}

    public static String forJob(long jobKey) {
        return PREFIX + jobKey;
    }

    /**
     * The job key in a command id.
     *
     * @throws IllegalArgumentException if the id was not made by {@link #forJob}
     */
    public static long jobKey(String commandId) {
        if (commandId == null || !commandId.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a saga command id: " + commandId);
        }
        try {
            return Long.parseLong(commandId.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a saga command id: " + commandId, e);
        }
    }
}
