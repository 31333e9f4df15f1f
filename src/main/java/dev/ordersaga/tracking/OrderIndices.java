package dev.ordersaga.tracking;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import dev.ordersaga.ConditionalOnSaga;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The projection's index: one versioned index per document layout ({@value #CURRENT}), whose settings and
 * strict mapping come from a composable index template of the same name, put at every start (see
 * {@code src/main/resources/dev/ordersaga/tracking/elasticsearch/}). The application reads and writes its
 * own layout's index by name; a deleted index is re-created from the template by the next write.
 *
 * <p>The alias {@value #ORDERS} is for everyone else (dashboards, other readers): it points at exactly one
 * layout, as its write index. A new layout is rolled out without downtime: its index is built from the
 * topics by a consumer group of its own ({@link TrackingProperties#projectionGroup()}), while instances of
 * the old layout keep serving from theirs; once the new projection has caught up, {@link #promote()} moves
 * the alias in one atomic request. Instances of both layouts are safe meanwhile: neither writes the other's
 * index.
 *
 * <p>Set-up never blocks or fails the start: when Elasticsearch is not reachable yet, the projection
 * sets the index up before its first write.
 */
@ConditionalOnSaga
@Component
public class OrderIndices {

    /** The alias of the current layout's index. */
    public static final String ORDERS = "orders";
    /** The index of this code's document layout. */
    public static final String CURRENT = "orders-v3";
    static final String TEMPLATE = "elasticsearch/" + CURRENT + ".json";

    private static final Logger log = LoggerFactory.getLogger(OrderIndices.class);

    private final ElasticsearchClient client;
    private volatile boolean ready;
    private volatile boolean setUpOnce;
    private volatile boolean aliasHere;

    public OrderIndices(ElasticsearchClient client) {
        this.client = client;
    }

    /** Sets the index up unless that was done already. */
    void ensureReady() throws IOException {
        if (!ready) {
            setUp();
        }
    }

    /** After a failed write: check the index again before the next one (it may have been deleted). */
    void invalidate() {
        ready = false;
    }

    /** Whether the index has been set up since the start (an invalidation after a failed write does not undo it). */
    boolean setUpOnce() {
        return setUpOnce;
    }

    /** Whether the alias points at this layout's index (as far as this instance knows). */
    boolean aliasHere() {
        return aliasHere;
    }

    synchronized void setUp() throws IOException {
        if (ready) {
            return;
        }
        try (InputStream template = OrderIndices.class.getResourceAsStream(TEMPLATE)) {
            if (template == null) {
                throw new IllegalStateException("Missing index template resource " + TEMPLATE);
            }
            client.indices().putIndexTemplate(t -> t.name(CURRENT).withJson(template));
        }
        if (!client.indices().exists(e -> e.index(CURRENT)).value()) {
            try {
                client.indices().create(c -> c.index(CURRENT));
                log.info("Created Elasticsearch index {}", CURRENT);
            } catch (ElasticsearchException e) {
                if (!"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
            }
        }
        Set<String> aliased = aliasedIndices();
        if (aliased.isEmpty()) {
            promote();
        } else if (aliased.equals(Set.of(CURRENT))) {
            aliasHere = true;
        } else {
            log.info("Alias {} points at {}; it moves to {} once this instance's projection has caught up with the topics", ORDERS,
                    aliased, CURRENT);
        }
        ready = true;
        setUpOnce = true;
        log.info("Elasticsearch index {} ready", CURRENT);
    }

    /** Moves the alias to this layout's index, as its write index, in one atomic request. */
    synchronized void promote() throws IOException {
        if (aliasHere) {
            return;
        }
        Set<String> others = new LinkedHashSet<>(aliasedIndices());
        others.remove(CURRENT);
        client.indices().updateAliases(u -> {
            others.forEach(index -> u.actions(a -> a.remove(r -> r.index(index).alias(ORDERS))));
            return u.actions(a -> a.add(add -> add.index(CURRENT).alias(ORDERS).isWriteIndex(true)));
        });
        aliasHere = true;
        log.info("Alias {} now points at {}{}", ORDERS, CURRENT, others.isEmpty() ? "" : " (was " + others + ")");
    }

    private Set<String> aliasedIndices() throws IOException {
        if (!client.indices().existsAlias(a -> a.name(ORDERS)).value()) {
            return Set.of();
        }
        return client.indices().getAlias(a -> a.name(ORDERS)).result().keySet();
    }

    @EventListener(ApplicationReadyEvent.class)
    void setUpAtStart() {
        try {
            setUp();
        } catch (IOException | RuntimeException e) {
            log.warn("Elasticsearch index not set up at start ({}); the projection sets it up before its first write", e.toString());
        }
    }
}
