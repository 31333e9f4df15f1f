package dev.ordersaga.tracking.query;

import java.util.Map;

/**
 * What {@code GET /orders/stats} answers.
 *
 * @param total how many orders match the filters
 * @param byState how many of them are in each state (every state listed, zero included)
 * @param withoutState how many have no state yet (only their commands or events were projected so far)
 * @param withIncident how many have a step waiting in an open incident (its retries used up)
 */
public record OrderStats(long total, Map<String, Long> byState, long withoutState, long withIncident) {}
