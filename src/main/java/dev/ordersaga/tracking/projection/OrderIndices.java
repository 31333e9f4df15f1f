package dev.ordersaga.tracking.projection;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.tracking.OrderDocument;
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
 * Sets the projection's index up: one versioned index per document layout ({@link OrderDocument#INDEX}), whose settings
 * and strict mapping come from a composable index template of the same name, put at every start ({@link
 * OrderDocument#TEMPLATE}). The application reads and writes its own layout's index by name; a deleted index is
 * re-created from the template by the next write.
 *
 * <p>The alias {@link OrderDocument#ALIAS} is for everyone else (dashboards, other readers): it points at exactly one
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
        try (InputStream template = OrderDocument.class.getResourceAsStream(OrderDocument.TEMPLATE)) {
            if (template == null) {
                throw new IllegalStateException("Missing index template resource " + OrderDocument.TEMPLATE);
            }
            client.indices().putIndexTemplate(t -> t.name(OrderDocument.INDEX).withJson(template));
        }
        if (!client.indices().exists(e -> e.index(OrderDocument.INDEX)).value()) {
            try {
                client.indices().create(c -> c.index(OrderDocument.INDEX));
                log.info("Created Elasticsearch index {}", OrderDocument.INDEX);
            } catch (ElasticsearchException e) {
                if (!"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
            }
        }
        Set<String> aliased = aliasedIndices();
        if (aliased.isEmpty()) {
            promote();
        } else if (aliased.equals(Set.of(OrderDocument.INDEX))) {
            aliasHere = true;
        } else {
            log.info("Alias {} points at {}; it moves to {} once this instance's projection has caught up with the topics", OrderDocument.ALIAS,
                    aliased, OrderDocument.INDEX);
        }
        ready = true;
        setUpOnce = true;
        log.info("Elasticsearch index {} ready", OrderDocument.INDEX);
    }

    /** Moves the alias to this layout's index, as its write index, in one atomic request. */
    synchronized void promote() throws IOException {
        if (aliasHere) {
            return;
        }
        Set<String> others = new LinkedHashSet<>(aliasedIndices());
        others.remove(OrderDocument.INDEX);
        client.indices().updateAliases(u -> {
            others.forEach(index -> u.actions(a -> a.remove(r -> r.index(index).alias(OrderDocument.ALIAS))));
            return u.actions(a -> a.add(add -> add.index(OrderDocument.INDEX).alias(OrderDocument.ALIAS).isWriteIndex(true)));
        });
        aliasHere = true;
        log.info("Alias {} now points at {}{}", OrderDocument.ALIAS, OrderDocument.INDEX, others.isEmpty() ? "" : " (was " + others + ")");
    }

    private Set<String> aliasedIndices() throws IOException {
        if (!client.indices().existsAlias(a -> a.name(OrderDocument.ALIAS)).value()) {
            return Set.of();
        }
        return client.indices().getAlias(a -> a.name(OrderDocument.ALIAS)).result().keySet();
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
