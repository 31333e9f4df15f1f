package dev.ordersaga.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit at the end of a soak, against the truth (the participants' ledgers) rather than the saga's own projection:
 *
 * <ul>
 *   <li>lost: an accepted order that never reached a final state ({@code OrderShipped} or {@code OrderFailed} on
 *       {@code order-state});
 *   <li>inconsistent: a final order whose ledgers disagree with it (a shipped order must have kept exactly its units, one
 *       charge of its total and one shipment; a failed one nothing: every unit released, every cent refunded, every shipment
 *       cancelled), or which ended otherwise than its kind says, or was not told to its customer exactly once; an order
 *       in the ledgers that no client was told of; a SKU whose units are not conserved;
 *   <li>projection mismatch: {@code GET /orders/{id}} does not answer the true state, or its history is not exactly the
 *       messages written for the order (by id);
 *   <li>dead letters missing: a malformed record injected that is not on the dead-letter topic.
 * </ul>
 */
final class Audit {

    static final int INITIAL_STOCK_PER_SKU = 10_000;
    private static final Logger log = LoggerFactory.getLogger(Audit.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The counts of the SOAK line and examples of each finding. */
    record Result(int orders, int lost, int inconsistent, int projectionMismatch, int dltMissing, Map<String, List<String>> examples) {}

    private final Map<String, List<String>> examples = new TreeMap<>();

    /** Orders placed whose answer was lost, found by their customer (each has one of its own); the rest stay unanswered. */
    static Collection<Load.Placed> resolveUnanswered(Collection<Load.Placed> placed, String baseUrl) {
        var resolved = new ArrayList<Load.Placed>();
        for (Load.Placed order : placed) {
            if (order.outcome() != Load.Outcome.UNANSWERED) {
                resolved.add(order);
                continue;
            }
            JsonNode page = get(baseUrl + "/orders?customerId=" + URLEncoder.encode(order.customerId(), StandardCharsets.UTF_8)).orElse(null);
            JsonNode orders = page == null ? null : page.path("orders");
            if (orders != null && orders.size() == 1) {
                resolved.add(order.found(orders.get(0).path("orderId").asText()));
            } else {
                resolved.add(order);
            }
        }
        return resolved;
    }

    Result run(Collection<Load.Placed> placed, TopicRecorder recorder, Ledgers ledgers, String baseUrl, Set<String> malformed,
            Duration projectionPatience) throws InterruptedException {
        var accepted = placed.stream().filter(p -> p.outcome() == Load.Outcome.ACCEPTED).toList();
        int lost = 0;
        int inconsistent = 0;
        var truth = new ConcurrentHashMap<String, String>();
        for (Load.Placed order : accepted) {
            Optional<String> state = recorder.finalState(order.orderId());
            if (state.isEmpty()) {
                lost++;
                example("lost", order.orderId() + " (order " + order.n() + ", " + order.kind() + "): last " + last(recorder, order.orderId()));
                continue;
            }
            truth.put(order.orderId(), state.get());
            Optional<String> wrong = disagreement(order, state.get(), ledgers.kept(order.orderId()));
            if (wrong.isPresent()) {
                inconsistent++;
                example("inconsistent", order.orderId() + " (order " + order.n() + ", " + order.kind() + ", " + state.get() + "): " + wrong.get());
            }
        }
        Set<String> known = accepted.stream().map(Load.Placed::orderId).collect(Collectors.toSet());
        for (String unknown : new TreeSet<>(ledgers.orderIds())) {
            if (!known.contains(unknown)) {
                inconsistent++;
                example("inconsistent", unknown + ": in the ledgers, but no client was told of it: " + ledgers.kept(unknown));
            }
        }
        for (String sku : ledgers.stockNotConserved(INITIAL_STOCK_PER_SKU)) {
            inconsistent++;
            example("inconsistent", "stock not conserved: " + sku);
        }
        int mismatches = projectionMismatches(truth, recorder, baseUrl, projectionPatience);
        var deadLetters = recorder.deadLetters();
        int dltMissing = 0;
        for (String marker : new TreeSet<>(malformed)) {
            if (deadLetters.stream().noneMatch(value -> value.contains(marker))) {
                dltMissing++;
                example("dlt_missing", marker);
            }
        }
        return new Result(accepted.size(), lost, inconsistent, mismatches, dltMissing, Map.copyOf(examples));
    }

    /** Why the ledgers disagree with the order's final state and kind, if they do. */
    static Optional<String> disagreement(Load.Placed order, String state, Ledgers.Kept kept) {
        boolean shipped = state.equals("OrderShipped");
        if (shipped != order.kind().ships()) {
            return Optional.of("expected " + (order.kind().ships() ? "OrderShipped" : "OrderFailed") + "; kept " + kept);
        }
        if (kept.notified() != 1) {
            return Optional.of("customer notified " + kept.notified() + " times");
        }
        if (shipped) {
            var ordered = new TreeMap<String, Integer>();
            OrderMix.items(order.n()).forEach(i -> ordered.merge(i.sku(), i.quantity(), Integer::sum));
            BigDecimal total = OrderMix.total(order.n());
            return kept.exactlyOnce(ordered, total) ? Optional.empty()
                    : Optional.of("shipped but not everything kept exactly once: ordered " + ordered + " for " + total + ", kept " + kept);
        }
        return kept.nothing() ? Optional.empty() : Optional.of("failed but kept " + kept);
    }

    /** Orders whose projection does not match (after waiting up to {@code patience} for it to catch up). */
    private int projectionMismatches(Map<String, String> truth, TopicRecorder recorder, String baseUrl, Duration patience)
            throws InterruptedException {
        Set<String> pending = new HashSet<>(truth.keySet());
        var reasons = new ConcurrentHashMap<String, String>();
        long deadline = System.nanoTime() + patience.toNanos();
        do {
            reasons.clear();
            try (ExecutorService gets = Executors.newFixedThreadPool(4)) {
                for (String orderId : pending) {
                    gets.submit(() -> projectionMismatch(orderId, truth.get(orderId), recorder, baseUrl).ifPresent(r -> reasons.put(orderId, r)));
                }
            }
            pending = new HashSet<>(reasons.keySet());
            if (!pending.isEmpty()) {
                log.info("{} orders not (yet) projected as they are, e.g. {}", pending.size(), reasons.values().iterator().next());
                Thread.sleep(5_000);
            }
        } while (!pending.isEmpty() && System.nanoTime() < deadline);
        reasons.forEach((id, reason) -> example("projection_mismatch", id + ": " + reason));
        return pending.size();
    }

    static Optional<String> projectionMismatch(String orderId, String state, TopicRecorder recorder, String baseUrl) {
        Optional<JsonNode> order = get(baseUrl + "/orders/" + orderId);
        if (order.isEmpty()) {
            return Optional.of("GET /orders/" + orderId + " failed");
        }
        String projected = order.get().path("state").asText();
        if (!projected.equals(state)) {
            return Optional.of("state " + projected + ", truly " + state);
        }
        var history = new TreeSet<String>();
        order.get().path("history").forEach(entry -> history.add(entry.path("id").asText() + " " + entry.path("type").asText()));
        var written = recorder.messages(orderId).stream().map(m -> m.id() + " " + m.type()).collect(Collectors.toCollection(TreeSet::new));
        if (!history.equals(written)) {
            var missing = new TreeSet<>(written);
            missing.removeAll(history);
            var extra = new TreeSet<>(history);
            extra.removeAll(written);
            return Optional.of("history differs: not projected " + missing + ", never written " + extra);
        }
        return Optional.empty();
    }

    private static String last(TopicRecorder recorder, String orderId) {
        var messages = recorder.messages(orderId);
        return messages.isEmpty() ? "no message" : messages.get(messages.size() - 1).type() + " (" + messages.size() + " messages)";
    }

    private synchronized void example(String kind, String text) {
        var list = examples.computeIfAbsent(kind, k -> new ArrayList<>());
        if (list.size() < 20) {
            list.add(text);
        }
        log.warn("AUDIT {}: {}", kind, text);
    }

    private static Optional<JsonNode> get(String url) {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
