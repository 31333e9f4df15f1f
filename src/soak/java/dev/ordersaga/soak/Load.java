package dev.ordersaga.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places the orders through the REST API of the application instances at a steady rate (an open loop: an order is sent at
 * its time whatever the earlier ones wait for), each to the next instance in turn, without an {@code Idempotency-Key}, as
 * a client that needs no repeat does. A POST that never reached an instance (connection refused: it is down) goes to
 * the next one, as does a {@code 503} that says nothing was started; a POST whose answer was lost (the instance died while it
 * was handled), or whose start the engine did not confirm ({@code 503 order-start-unconfirmed}), may or may not have
 * started an order: it is recorded as unanswered, and looked up by its customer at the end.
 */
final class Load {

    /** What became of a POST. */
    enum Outcome { ACCEPTED, UNANSWERED, REFUSED }

    /** One order as the client knows it; {@code orderId} null unless accepted (or found later). */
    record Placed(int n, OrderMix.Kind kind, String customerId, Outcome outcome, String orderId, long sentAt, long answeredAt, String detail) {

        Placed found(String id) {
            return new Placed(n, kind, customerId, Outcome.ACCEPTED, id, sentAt, answeredAt, detail + "; found by its customer");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Load.class);
    private static final Duration GIVE_UP = Duration.ofMinutes(3);
    /** The problem type of a 503 for an order whose start the engine did not confirm (it may have started). */
    private static final String START_UNCONFIRMED = "https://ordersaga.dev/problems/order-start-unconfirmed";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final OrderMix mix;
    private final List<String> instances;
    private final Function<String, String> urlOf;
    private final ConcurrentHashMap<Integer, Placed> placed = new ConcurrentHashMap<>();

    Load(OrderMix mix, List<String> instances, Function<String, String> urlOf) {
        this.mix = mix;
        this.instances = instances;
        this.urlOf = urlOf;
    }

    /** Places {@code orders} orders at {@code rate} per second; returns once every POST is answered or given up. */
    void run(int orders, double rate) throws InterruptedException {
        long start = System.nanoTime();
        try (ExecutorService posts = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int n = 0; n < orders; n++) {
                long due = start + (long) (n * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int number = n;
                posts.submit(() -> placed.put(number, place(number)));
                if (n > 0 && n % 500 == 0) {
                    log.info("Placed {} of {} orders", n, orders);
                }
            }
        }
    }

    ConcurrentHashMap<Integer, Placed> placed() {
        return placed;
    }

    private Placed place(int n) {
        long sentAt = System.currentTimeMillis();
        String body = mix.body(n);
        String last = "";
        for (int attempt = 0; System.currentTimeMillis() - sentAt < GIVE_UP.toMillis(); attempt++) {
            String instance = instances.get((n + attempt) % instances.size());
            var request = HttpRequest.newBuilder(URI.create(urlOf.apply(instance) + "/orders")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    String orderId = JSON.readTree(response.body()).path("orderId").asText();
                    return new Placed(n, OrderMix.kind(n), mix.customerId(n), Outcome.ACCEPTED, orderId, sentAt, System.currentTimeMillis(),
                            instance);
                }
                last = instance + " answered " + response.statusCode() + " " + response.body();
                if (response.statusCode() == 503 && response.body().contains(START_UNCONFIRMED)) {
                    // The engine did not confirm the start: the order may have started, so it is not placed again.
                    log.info("Order {}: {} did not confirm its start; it is looked up by its customer at the end", n, instance);
                    return new Placed(n, OrderMix.kind(n), mix.customerId(n), Outcome.UNANSWERED, null, sentAt, System.currentTimeMillis(), last);
                }
                if (response.statusCode() != 503) {
                    log.warn("Order {} refused: {}", n, last);
                    return new Placed(n, OrderMix.kind(n), mix.customerId(n), Outcome.REFUSED, null, sentAt, System.currentTimeMillis(), last);
                }
            } catch (ConnectException | HttpConnectTimeoutException e) {
                last = instance + ": " + e;
            } catch (IOException e) {
                // Sent, but the answer was lost: the order may have been started.
                log.info("Order {}: the answer of {} was lost ({}); it is looked up by its customer at the end", n, instance, e.toString());
                return new Placed(n, OrderMix.kind(n), mix.customerId(n), Outcome.UNANSWERED, null, sentAt, System.currentTimeMillis(),
                        instance + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(250);
        }
        log.warn("Order {} given up: {}", n, last);
        return new Placed(n, OrderMix.kind(n), mix.customerId(n), Outcome.REFUSED, null, sentAt, System.currentTimeMillis(), last);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
