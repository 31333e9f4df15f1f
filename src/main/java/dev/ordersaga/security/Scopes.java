package dev.ordersaga.security;

/** The scopes (or roles) the API asks of a token, as they appear in the configured claim. */
public final class Scopes {

    /** {@code POST /orders}. */
    public static final String ORDERS_WRITE = "orders:write";
    /** {@code GET /orders...} and the order page at {@code /}. */
    public static final String ORDERS_READ = "orders:read";
    /** The reference participants' admin endpoints under {@code /participants}. */
    public static final String PARTICIPANTS_ADMIN = "participants:admin";

    private Scopes() {}
}
