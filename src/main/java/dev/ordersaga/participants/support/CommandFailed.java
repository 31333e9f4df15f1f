package dev.ordersaga.participants.support;

/** Any participant's reply to a command it could not process for a technical reason: never recorded, the bridge retries. */
public record CommandFailed(String reason) {

    public static final String TYPE = "CommandFailed";
}
