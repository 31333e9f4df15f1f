package dev.ordersaga.tracking;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import dev.ordersaga.ConditionalOnSaga;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The projection's indices: each a versioned index behind an alias, whose settings, strict mapping and
 * alias come from a composable index template of the same name, put at every start (see
 * {@code src/main/resources/dev/ordersaga/tracking/elasticsearch/}). The application reads and writes
 * the aliases only; writes require the alias ({@code require_alias}), so a deleted index is never
 * re-created by a write with a dynamic mapping.
 *
 * <p>Set-up never blocks or fails the start: when Elasticsearch is not reachable yet, the projection
 * sets the indices up before its first write.
 */
@ConditionalOnSaga
@Component
public class OrderIndices {

    /** An alias and the versioned index behind it. */
    record Index(String alias, String versioned) {
        String template() {
            return "elasticsearch/" + versioned + ".json";
        }
    }

    public static final String ORDERS = "orders";
    public static final String HISTORY = "order-history";
    static final Index ORDERS_INDEX = new Index(ORDERS, "orders-v1");
    static final Index HISTORY_INDEX = new Index(HISTORY, "order-history-v1");
    static final List<Index> ALL = List.of(ORDERS_INDEX, HISTORY_INDEX);

    private static final Logger log = LoggerFactory.getLogger(OrderIndices.class);

    private final ElasticsearchClient client;
    private volatile boolean ready;

    public OrderIndices(ElasticsearchClient client) {
        this.client = client;
    }

    /** Sets the indices up unless that was done already. */
    void ensureReady() throws IOException {
        if (!ready) {
            setUp();
        }
    }

    /** After a failed write: check the indices again before the next one (they may have been deleted). */
    void invalidate() {
        ready = false;
    }

    synchronized void setUp() throws IOException {
        if (ready) {
            return;
        }
        for (Index index : ALL) {
            try (InputStream template = OrderIndices.class.getResourceAsStream(index.template())) {
                if (template == null) {
                    throw new IllegalStateException("Missing index template resource " + index.template());
                }
                client.indices().putIndexTemplate(t -> t.name(index.versioned()).withJson(template));
            }
            if (!client.indices().exists(e -> e.index(index.versioned())).value()) {
                try {
                    client.indices().create(c -> c.index(index.versioned()));
                    log.info("Created Elasticsearch index {} (alias {})", index.versioned(), index.alias());
                } catch (ElasticsearchException e) {
                    if (!"resource_already_exists_exception".equals(e.error().type())) {
                        throw e;
                    }
                }
            }
            if (!client.indices().existsAlias(a -> a.name(index.alias())).value()) {
                client.indices().putAlias(a -> a.index(index.versioned()).name(index.alias()));
            }
        }
        ready = true;
        log.info("Elasticsearch indices ready: {}", ALL.stream().map(i -> i.alias() + " -> " + i.versioned()).toList());
    }

    @EventListener(ApplicationReadyEvent.class)
    void setUpAtStart() {
        try {
            setUp();
        } catch (IOException | RuntimeException e) {
            log.warn("Elasticsearch indices not set up at start ({}); the projection sets them up before its first write", e.toString());
        }
    }
}
