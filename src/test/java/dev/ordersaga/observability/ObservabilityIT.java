package dev.ordersaga.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.support.OrderApi;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.Orders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.TestPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * The saga's metrics and traces on the whole embedded stack. Metrics: the saga's own are exposed at {@code
 * /actuator/prometheus} with tag values from fixed sets only, and so is every metric the Grafana dashboard and the
 * alert rules read. Traces: every span of an order, from {@code POST /orders} through the engine
 * to each command, participant, outcome and compensation, is in the one trace whose id {@code GET /orders/{id}} names,
 * child of the span that caused it; and the log lines about the order carry that trace id and the order id.
 */
@OrderSagaIntegrationTest
@AutoConfigureObservability
@TestPropertySource(properties = {"management.tracing.sampling.probability=1.0", "management.opentelemetry.tracing.export.schedule-delay=100ms",
    "logging.level.dev.ordersaga=DEBUG"})
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIT {

    private static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Path DASHBOARD = Path.of("helm/order-saga/files/grafana-dashboard.json");
    private static final Path RULES = Path.of("helm/order-saga/files/prometheus-rules.yaml");

    @Autowired
    TestRestTemplate rest;

    @Autowired
    InMemorySpans spans;

    @TestConfiguration
    static class Exporter {
        @Bean
        InMemorySpans inMemorySpans() {
            return new InMemorySpans();
        }
    }

    @Test
    void aShippedOrderIsOneTraceFromPostOrdersThroughEveryParticipant(CapturedOutput output) {
        var api = new OrderApi(rest);
        String orderId = api.place(Orders.happy("traced-customer"));
        String traceId = (String) api.awaitState(orderId, PATIENCE, "OrderShipped").get("traceId");
        assertThat(traceId).isEqualTo(SagaTracing.traceId(orderId)).hasSize(32);

        List<SpanData> trace = awaitSpans(traceId, Set.of("outcome CustomerNotified"));
        SpanData root = only(trace, "order place");
        assertThat(root.getParentSpanId()).isEqualTo(SpanId.getInvalid());
        assertThat(root.getAttributes().get(ORDER_ID)).isEqualTo(orderId);
        // The HTTP request's trace (it starts before the order id exists) is linked from the root.
        assertThat(root.getLinks()).singleElement().satisfies(link -> assertThat(spans.ofTrace(link.getSpanContext().getTraceId()))
                .extracting(SpanData::getName).contains("http post /orders"));

        chain(trace, root, "saga-step ReserveInventory", "inventory ReserveInventory", "outcome InventoryReserved");
        chain(trace, root, "saga-step ChargePayment", "payment ChargePayment", "outcome PaymentCharged");
        chain(trace, root, "saga-step ScheduleShipment", "shipment ScheduleShipment", "outcome ShipmentScheduled");
        chain(trace, root, "saga-step NotifyCustomer", "notification NotifyCustomer", "outcome CustomerNotified");
        assertThat(trace).allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(traceId));
        assertThat(trace).filteredOn(span -> span.getAttributes().get(ORDER_ID) != null)
                .allSatisfy(span -> assertThat(span.getAttributes().get(ORDER_ID)).isEqualTo(orderId));

        assertEveryLineAboutTheOrderCarriesItsContext(output, orderId, traceId, "OrderShipped");
    }

    @Test
    void aFailedOrderIsOneTraceWithItsCompensations(CapturedOutput output) {
        var api = new OrderApi(rest);
        String orderId = api.place(Orders.order("traced-ko-shipment", "book-0013", 3, "10.00", "AQ"));
        String traceId = (String) api.awaitState(orderId, PATIENCE, "OrderFailed").get("traceId");
        assertThat(traceId).isEqualTo(SagaTracing.traceId(orderId));

        List<SpanData> trace = awaitSpans(traceId, Set.of("outcome PaymentRefunded", "outcome InventoryReleased", "outcome CustomerNotified"));
        SpanData root = only(trace, "order place");
        chain(trace, root, "saga-step ReserveInventory", "inventory ReserveInventory", "outcome InventoryReserved");
        chain(trace, root, "saga-step ChargePayment", "payment ChargePayment", "outcome PaymentCharged");
        chain(trace, root, "saga-step ScheduleShipment", "shipment ScheduleShipment", "outcome ShipmentKO");
        chain(trace, root, "compensation RefundPayment", "payment RefundPayment", "outcome PaymentRefunded");
        chain(trace, root, "compensation ReleaseInventory", "inventory ReleaseInventory", "outcome InventoryReleased");
        chain(trace, root, "saga-step NotifyCustomer", "notification NotifyCustomer", "outcome CustomerNotified");
        assertThat(trace).allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(traceId));
        assertEveryLineAboutTheOrderCarriesItsContext(output, orderId, traceId, "OrderFailed");
    }

    /** Every line the saga writes about the order (all of {@code dev.ordersaga} at DEBUG) has its trace id and order id in the context. */
    private static void assertEveryLineAboutTheOrderCarriesItsContext(CapturedOutput output, String orderId, String traceId,
            String finalState) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(output.getAll()).contains("Order " + orderId + " is " + finalState));
        var aboutTheOrder = output.getAll().lines().filter(line -> line.contains(orderId)).toList();
        assertThat(aboutTheOrder).hasSizeGreaterThan(10).allSatisfy(line -> assertThat(line).contains(traceId).contains("," + orderId + "]"));
    }

    @Test
    void theSagaMetricsAreExposedWithBoundedTagsAndEveryMetricOfTheDashboardAndTheAlertsIsThere() throws IOException {
        var api = new OrderApi(rest);
        String shipped = api.place(Orders.happy("metrics-customer-1"));
        String failed = api.place(Orders.order("metrics-customer-2", "book-0013", 3, "10.00", "AQ"));
        var orders = List.of(api.awaitState(shipped, PATIENCE, "OrderShipped"), api.awaitState(failed, PATIENCE, "OrderFailed"));

        Map<String, Double> exposed = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(this::scrape,
                metrics -> value(metrics, "order_saga_orders_finished_total{application=\"order-saga\",state=\"OrderFailed\"}") >= 1
                        && value(metrics, "order_saga_compensations_total{application=\"order-saga\",type=\"RefundPayment\"}") >= 1);
        assertThat(value(exposed, "order_saga_orders_started_total{application=\"order-saga\"}")).isGreaterThanOrEqualTo(2);
        assertThat(value(exposed, "order_saga_orders_finished_total{application=\"order-saga\",state=\"OrderShipped\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(exposed, "order_saga_step_duration_seconds_count{application=\"order-saga\",step=\"ReserveInventory\"}")).isGreaterThanOrEqualTo(2);
        assertThat(value(exposed, "order_saga_step_outcomes_total{application=\"order-saga\",outcome=\"business_failure\",step=\"ScheduleShipment\"}"))
                .isGreaterThanOrEqualTo(1);

        // Bounded tags: no order, customer or command id (nor any UUID) is a tag value.
        var ids = new HashSet<String>();
        for (Map<String, Object> order : orders) {
            ids.add((String) order.get("orderId"));
            ids.add((String) order.get("customerId"));
            @SuppressWarnings("unchecked")
            var history = (List<Map<String, Object>>) order.get("history");
            history.stream().map(entry -> (String) entry.get("commandId")).filter(java.util.Objects::nonNull).forEach(ids::add);
        }
        assertThat(ids).hasSizeGreaterThan(4);
        // (The test's own HTTP client, in this JVM, records the URIs it calls: not the application's metrics.)
        Set<String> tagValues = tagValues(exposed.keySet().stream().filter(series -> !series.startsWith("http_client_requests"))
                .collect(Collectors.toSet()));
        assertThat(tagValues).doesNotContainAnyElementsOf(ids)
                .noneMatch(value -> value.matches("(?i).*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}.*"));

        // Every metric the dashboard's panels and the alert rules read is exposed.
        Set<String> names = exposed.keySet().stream().map(series -> series.replaceFirst("[{ ].*", "")).collect(Collectors.toSet());
        Set<String> used = new TreeSet<>();
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> used.addAll(PromQl.metricNames(target.path("expr").asText()))));
        Map<String, List<Map<String, List<Map<String, Object>>>>> rules = new Yaml().load(Files.readString(RULES));
        rules.get("groups").forEach(group -> group.get("rules").forEach(rule -> used.addAll(PromQl.metricNames((String) rule.get("expr")))));
        assertThat(used).contains("order_saga_orders_stuck", "camunda_job_invocations_total", "jvm_memory_used_bytes");
        assertThat(names).containsAll(used);
    }

    private Map<String, Double> scrape() {
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.ACCEPT, "text/plain;version=0.0.4");
        var response = rest.exchange("/actuator/prometheus", HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).isTrue();
        var series = new HashMap<String, Double>();
        response.getBody().lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return series;
    }

    private static double value(Map<String, Double> metrics, String series) {
        return metrics.getOrDefault(series, -1.0);
    }

    private static Set<String> tagValues(Set<String> series) {
        var values = new TreeSet<String>();
        var label = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*=\"((?:[^\"\\\\]|\\\\.)*)\"");
        series.forEach(s -> label.matcher(s).results().forEach(match -> values.add(match.group(1))));
        return values;
    }

    /** The trace's spans, once those named are exported. */
    private List<SpanData> awaitSpans(String traceId, Set<String> names) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> spans.ofTrace(traceId), trace -> trace.stream().map(SpanData::getName).collect(Collectors.toSet()).containsAll(names));
    }

    /** The step's span is a child of the root, the participant's a descendant of the step's, the outcome's of the participant's. */
    private void chain(List<SpanData> trace, SpanData root, String step, String participant, String outcome) {
        SpanData stepSpan = only(trace, step);
        assertThat(stepSpan.getParentSpanId()).as("parent of %s", step).isEqualTo(root.getSpanId());
        SpanData participantSpan = only(trace, participant);
        assertThat(ancestors(trace, participantSpan)).as("ancestors of %s", participant).contains(stepSpan.getSpanId());
        SpanData outcomeSpan = only(trace, outcome);
        assertThat(ancestors(trace, outcomeSpan)).as("ancestors of %s", outcome).contains(participantSpan.getSpanId(), root.getSpanId());
    }

    private static SpanData only(List<SpanData> trace, String name) {
        var named = trace.stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named).as("spans named '%s' in %s", name, trace.stream().map(SpanData::getName).toList()).hasSize(1);
        return named.getFirst();
    }

    private static List<String> ancestors(List<SpanData> trace, SpanData span) {
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, s -> s, (a, b) -> a));
        var ancestors = new java.util.ArrayList<String>();
        for (SpanData parent = byId.get(span.getParentSpanId()); parent != null; parent = byId.get(parent.getParentSpanId())) {
            ancestors.add(parent.getSpanId());
        }
        return ancestors;
    }
}
