package dev.ordersaga.order;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import dev.ordersaga.ConditionalOnSaga;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What an {@code Idempotency-Key} is bound to: the caller and customer that sent it (its scope), the request it came
 * with (a SHA-256 of the body) and the order it started (a random, signed order id: {@link OrderIds}). Kept in Elasticsearch, index {@value
 * #INDEX}, one document per scoped key, written with {@code op_type=create}: of concurrent first uses on any instance,
 * exactly one creates it. Within {@link OrderProperties#idempotencyWindow()} the key answers its order; after it, the key
 * is free again and starts a new order with a new id.
 */
@ConditionalOnSaga
@Component
public class IdempotencyKeys {

    static final String INDEX = "order-idempotency-keys";
    private static final int CONFLICT = 409;

    private final ElasticsearchClient client;
    private final OrderProperties properties;
    private final Clock clock;
    private final OrderIds ids;

    /** A key's record. */
    public record Binding(String scope, String requestHash, String orderId, Instant createdAt) {}

    /** What a request with a key is. */
    public sealed interface Claim {
        /** The first use of the key (or the first after the window): start this order. */
        record First(String orderId) implements Claim {}

        /** The key came with the same request before: that order. */
        record Repeat(String orderId) implements Claim {}

        /** The key came with another request before. */
        record Conflict(String orderId) implements Claim {}
    }

    @Autowired
    public IdempotencyKeys(ElasticsearchClient client, OrderProperties properties, OrderIds ids) {
        this(client, properties, ids, Clock.systemUTC());
    }

    IdempotencyKeys(ElasticsearchClient client, OrderProperties properties, OrderIds ids, Clock clock) {
        this.ids = ids;
        this.client = client;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @throws KeysUnavailableException if Elasticsearch cannot be reached or does not take the record
     */
    public Claim claim(String scope, String key, String requestHash) {
        String id = sha256(scope + "\n" + key);
        var fresh = new Binding(scope, requestHash, ids.next(), Instant.now(clock));
        try {
            if (created(id, fresh)) {
                return new Claim.First(fresh.orderId());
            }
            GetResponse<Binding> existing = client.get(g -> g.index(INDEX).id(id).realtime(true), Binding.class);
            Binding bound = existing.source();
            if (bound == null) {
                throw new IllegalStateException("Idempotency key record " + id + " vanished while it was read");
            }
            if (bound.createdAt().plus(properties.idempotencyWindow()).isBefore(fresh.createdAt())) {
                // Past the window: the key is free again; of concurrent reuses, the one whose write matches the read wins.
                return replaced(id, fresh, existing) ? new Claim.First(fresh.orderId()) : claim(scope, key, requestHash);
            }
            return bound.requestHash().equals(requestHash) ? new Claim.Repeat(bound.orderId()) : new Claim.Conflict(bound.orderId());
        } catch (IOException | ElasticsearchException e) {
            throw new KeysUnavailableException(e);
        }
    }

    /** The key's record cannot be read or written (Elasticsearch down or refusing): nothing was started. */
    public static class KeysUnavailableException extends RuntimeException {
        KeysUnavailableException(Exception cause) {
            super("Cannot check the Idempotency-Key in Elasticsearch: " + cause.getMessage(), cause);
        }
    }

    /** Whether the document was created; false if one with this id exists. */
    private boolean created(String id, Binding binding) throws IOException {
        return written(client.bulk(b -> b.operations(op -> op.create(c -> c.index(INDEX).id(id).document(binding)))), id);
    }

    /** Whether the document replaced the version that was read; false if another write came first. */
    private boolean replaced(String id, Binding binding, GetResponse<Binding> read) throws IOException {
        return written(client.bulk(b -> b.operations(op -> op.index(i -> i.index(INDEX).id(id).document(binding)
                .ifSeqNo(read.seqNo()).ifPrimaryTerm(read.primaryTerm())))), id);
    }

    /** A one-operation bulk's outcome: written, or refused for a conflict (409); anything else fails. */
    private static boolean written(BulkResponse response, String id) throws IOException {
        BulkResponseItem item = response.items().getFirst();
        if (item.error() == null) {
            return true;
        }
        if (item.status() == CONFLICT) {
            return false;
        }
        throw new IOException("Elasticsearch refused idempotency key record " + id + ": " + item.status() + " " + item.error().reason());
    }

    /** The SHA-256 of a text, in hex. */
    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256", e);
        }
    }
}
