package dev.ordersaga.tracking;

import java.time.Instant;

/**
 * A step waiting in an incident (its retries used up), from the bridge's {@code StepIncident} notice.
 *
 * @param commandId the command whose step is stuck; a later message of it closes the incident
 * @param message why, as the bridge says it
 * @param since when the notice was written
 * @param compensation whether the step undoes another (the order is then {@code CompensationFailed})
 * @param commandType the command's type, if the notice names it
 */
public record Incident(String commandId, String message, Instant since, boolean compensation, String commandType) {}
