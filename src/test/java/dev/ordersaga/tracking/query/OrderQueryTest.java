package dev.ordersaga.tracking.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ordersaga.problem.Problems.FieldProblem;
import dev.ordersaga.order.OrderState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class OrderQueryTest {

    @Test
    void defaultsToTheNewestOrdersFirst() {
        OrderQuery query = OrderQuery.forSearch(params());
        assertThat(query).isEqualTo(new OrderQuery(null, null, null, null, null, 0, 20, "createdAt", false));
    }

    @Test
    void readsEveryFilterPageAndSort() {
        OrderQuery query = OrderQuery.forSearch(params("state", "PaymentProcessed", "customerId", "c-7", "createdFrom", "2026-11-23T10:00:00Z",
                "createdTo", "2026-11-23T12:00:00+01:00", "stuckFor", "PT5M", "page", "2", "size", "100", "sort", "updatedAt,asc"));
        assertThat(query.state()).isEqualTo(OrderState.PaymentProcessed);
        assertThat(query.customerId()).isEqualTo("c-7");
        assertThat(query.createdFrom()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(query.createdTo()).isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));
        assertThat(query.stuckFor()).isEqualTo(Duration.ofMinutes(5));
        assertThat(query.stuckBefore(Instant.parse("2026-11-23T10:05:00Z"))).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(query.page()).isEqualTo(2);
        assertThat(query.size()).isEqualTo(100);
        assertThat(query.sortField()).isEqualTo("updatedAt");
        assertThat(query.ascending()).isTrue();
        assertThat(OrderQuery.forSearch(params("sort", "total")).ascending()).isTrue();
        assertThat(OrderQuery.forSearch(params("sort", "total,DESC")).ascending()).isFalse();
    }

    @Test
    void emptyValuesCountAsAbsent() {
        assertThat(OrderQuery.forSearch(params("state", "", "customerId", " "))).isEqualTo(OrderQuery.forSearch(params()));
    }

    @Test
    void namesEveryBadParameter() {
        var e = catchThrowableOfType(OrderQuery.InvalidParametersException.class, () -> OrderQuery.forSearch(params(
                "state", "Shipped", "createdFrom", "yesterday", "stuckFor", "5 minutes", "page", "-1", "size", "101",
                "sort", "email,desc", "colour", "red")));
        assertThat(e.problems).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("state", "createdFrom", "stuckFor", "page", "size", "sort", "colour");
        assertThat(e.problems).filteredOn(p -> p.field().equals("state")).singleElement()
                .extracting(FieldProblem::message).asString().contains("OrderShipped");
    }

    @Test
    void refusesInconsistentOrOutOfRangeValues() {
        assertThat(problemFields(params("createdFrom", "2026-11-23T12:00:00Z", "createdTo", "2026-11-23T12:00:00Z"))).containsExactly("createdTo");
        assertThat(problemFields(params("stuckFor", "PT0S"))).containsExactly("stuckFor");
        assertThat(problemFields(params("stuckFor", "-PT5M"))).containsExactly("stuckFor");
        assertThat(problemFields(params("page", "100", "size", "100"))).containsExactly("page");
        assertThat(problemFields(params("size", "0"))).containsExactly("size");
        assertThat(problemFields(params("sort", "createdAt,sideways"))).containsExactly("sort");
        assertThat(problemFields(params("customerId", "x".repeat(101)))).containsExactly("customerId");
        var repeated = new LinkedMultiValueMap<String, String>();
        repeated.add("state", "OrderCreated");
        repeated.add("state", "OrderShipped");
        assertThat(problemFields(repeated)).containsExactly("state");
    }

    @Test
    void statsTakeTheFiltersButNoPaging() {
        assertThat(OrderQuery.forStats(params("state", "OrderFailed", "stuckFor", "PT1H")).stuckFor()).isEqualTo(Duration.ofHours(1));
        var e = catchThrowableOfType(OrderQuery.InvalidParametersException.class, () -> OrderQuery.forStats(params("page", "1")));
        assertThat(e.problems).extracting(FieldProblem::field).containsExactly("page");
    }

    private static java.util.List<String> problemFields(MultiValueMap<String, String> params) {
        var e = catchThrowableOfType(OrderQuery.InvalidParametersException.class, () -> OrderQuery.forSearch(params));
        assertThat(e).as("expected a problem for %s", params).isNotNull();
        return e.problems.stream().map(FieldProblem::field).toList();
    }

    private static MultiValueMap<String, String> params(String... namesAndValues) {
        var params = new LinkedMultiValueMap<String, String>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }
}
