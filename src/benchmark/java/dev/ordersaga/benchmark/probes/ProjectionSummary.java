package dev.ordersaga.benchmark.probes;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.stats.IndexStats;
import dev.ordersaga.tracking.OrderDocument;
import java.io.IOException;
import java.util.Locale;

/**
 * What the projection cost Elasticsearch over the run, from the index's own statistics: writes (index
 * operations), bulk requests and real-time reads per order document, and whether it had caught up with
 * the saga when the run ended (order documents against saga orders placed).
 */
public record ProjectionSummary(long orders, long writes, long bulkRequests, long reads, long sagaOrdersPlaced) {

    public static ProjectionSummary read(ElasticsearchClient client, long sagaOrdersPlaced) throws IOException {
        var stats = client.indices().stats(s -> s.index(OrderDocument.INDEX).metric("indexing", "bulk", "get", "docs"));
        IndexStats primaries = stats.indices().get(OrderDocument.INDEX).primaries();
        long orders = client.count(c -> c.index(OrderDocument.INDEX)).count();
        return new ProjectionSummary(orders, primaries.indexing().indexTotal(), primaries.bulk().totalOperations(), primaries.get().total(),
                sagaOrdersPlaced);
    }

    public String markdown() {
        return String.format(Locale.ROOT, "The projection over the whole run (the index's statistics): %,d order documents (%,d saga orders placed), "
                + "%,d writes (**%.2f per order**), %,d bulk requests (%.1f orders' writes each), %,d real-time reads (%.2f per order).%n%n",
                orders, sagaOrdersPlaced, writes, perOrder(writes), bulkRequests, bulkRequests == 0 ? Double.NaN : (double) writes / bulkRequests,
                reads, perOrder(reads));
    }

    private double perOrder(long count) {
        return orders == 0 ? Double.NaN : (double) count / orders;
    }
}
