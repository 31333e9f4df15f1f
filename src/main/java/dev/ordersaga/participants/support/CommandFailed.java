package dev.ordersaga.participants.support;

/**
 * The reply of any participant to a command it could not process for a technical reason (an exception
 * in its own code, or an injected fault). It is not a business outcome: it is not recorded, the bridge
 * fails the job with a retry, and the same command is sent again later.
 *
 * @param reason what went wrong, for people
 */
public record CommandFailed(String reason) {

    public static final String TYPE = "CommandFailed";
}
