package dev.ordersaga.tracking.query;

import java.util.List;

/**
 * What {@code GET /orders} answers.
 *
 * @param total how many orders match the filters (all pages)
 * @param page this page, zero-based
 * @param size the page size asked for
 * @param orders this page's orders
 */
public record OrderPage(long total, int page, int size, List<OrderSummary> orders) {}
