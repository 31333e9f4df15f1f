package dev.ordersaga.tracking.query;

import dev.ordersaga.problem.Problems.FieldProblem;
import dev.ordersaga.order.OrderState;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.springframework.util.MultiValueMap;

/**
 * The filters, page and sort of {@code GET /orders} (and the filters of {@code GET /orders/stats}), read
 * from the query parameters. Every filter is optional (an empty value counts as absent); they combine with
 * AND.
 *
 * @param state only orders in this state
 * @param customerId only orders of this customer
 * @param createdFrom only orders created at or after this time
 * @param createdTo only orders created before this time
 * @param stuckFor only orders in a non-final state (or none yet) whose last message is older than this
 * @param page zero-based page
 * @param size page size, 1 to {@value #MAX_SIZE}
 * @param sortField one of {@link #SORT_FIELDS}
 * @param ascending sort direction
 */
record OrderQuery(
        OrderState state,
        String customerId,
        Instant createdFrom,
        Instant createdTo,
        Duration stuckFor,
        int page,
        int size,
        String sortField,
        boolean ascending) {

    static final int MAX_SIZE = 100;
    static final int DEFAULT_SIZE = 20;
    /** Elasticsearch's default {@code index.max_result_window}: from + size may not exceed it. */
    static final int MAX_WINDOW = 10_000;
    static final List<String> SORT_FIELDS = List.of("createdAt", "updatedAt", "state", "customerId", "total", "orderId");
    static final List<String> FILTERS = List.of("state", "customerId", "createdFrom", "createdTo", "stuckFor");
    static final List<String> PAGING = List.of("page", "size", "sort");

    /** Parameters of {@code GET /orders}. */
    static OrderQuery forSearch(MultiValueMap<String, String> parameters) {
        return parse(parameters, true);
    }

    /** Parameters of {@code GET /orders/stats}: the filters only. */
    static OrderQuery forStats(MultiValueMap<String, String> parameters) {
        return parse(parameters, false);
    }

    /** The time before which a stuck order's last message lies, or null without {@code stuckFor}. */
    Instant stuckBefore(Instant now) {
        return stuckFor == null ? null : now.minus(stuckFor);
    }

    private static OrderQuery parse(MultiValueMap<String, String> parameters, boolean paging) {
        var problems = new ArrayList<FieldProblem>();
        var known = new ArrayList<>(FILTERS);
        if (paging) {
            known.addAll(PAGING);
        }
        parameters.forEach((name, values) -> {
            if (!known.contains(name)) {
                problems.add(new FieldProblem(name, "unknown parameter; known are " + known));
            } else if (values.size() > 1) {
                problems.add(new FieldProblem(name, "must be given once"));
            }
        });
        var reader = new Reader(parameters, problems);
        OrderState state = reader.read("state", value -> {
            OrderState parsed = OrderState.parse(value);
            if (parsed == null) {
                throw new IllegalArgumentException("must be one of " + Arrays.toString(OrderState.values()));
            }
            return parsed;
        });
        String customerId = reader.read("customerId", value -> {
            if (value.length() > 100) {
                throw new IllegalArgumentException("must be at most 100 characters");
            }
            return value;
        });
        Instant createdFrom = reader.read("createdFrom", OrderQuery::instant);
        Instant createdTo = reader.read("createdTo", OrderQuery::instant);
        if (createdFrom != null && createdTo != null && !createdTo.isAfter(createdFrom)) {
            problems.add(new FieldProblem("createdTo", "must be after createdFrom"));
        }
        Duration stuckFor = reader.read("stuckFor", value -> {
            Duration duration;
            try {
                duration = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("must be an ISO-8601 duration, e.g. PT5M");
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("must be a positive duration, e.g. PT5M");
            }
            return duration;
        });
        Integer page = reader.read("page", value -> integer(value, 0, Integer.MAX_VALUE, "must be a whole number from 0"));
        Integer size = reader.read("size", value -> integer(value, 1, MAX_SIZE, "must be a whole number from 1 to " + MAX_SIZE));
        String[] sort = reader.read("sort", OrderQuery::sort);
        int pageValue = page == null ? 0 : page;
        int sizeValue = size == null ? DEFAULT_SIZE : size;
        if ((long) (pageValue + 1) * sizeValue > MAX_WINDOW) {
            problems.add(new FieldProblem("page", "page × size may not go beyond the first " + MAX_WINDOW + " orders; narrow the filters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(problems);
        }
        return new OrderQuery(state, customerId, createdFrom, createdTo, stuckFor, pageValue, sizeValue,
                sort == null ? "createdAt" : sort[0], sort != null && "asc".equals(sort[1]));
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO-8601 date-time with offset, e.g. 2026-11-23T10:15:30Z");
        }
    }

    private static int integer(String value, int min, int max, String message) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(message);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(message);
        }
    }

    /** {@code field}, {@code field,asc} or {@code field,desc}; a field alone sorts ascending. */
    private static String[] sort(String value) {
        String[] parts = value.split(",", -1);
        String message = "must be field[,asc|desc] with field one of " + SORT_FIELDS;
        if (parts.length > 2 || !SORT_FIELDS.contains(parts[0])) {
            throw new IllegalArgumentException(message);
        }
        String direction = parts.length == 2 ? parts[1].toLowerCase(java.util.Locale.ROOT) : "asc";
        if (!Set.of("asc", "desc").contains(direction)) {
            throw new IllegalArgumentException(message);
        }
        return new String[] {parts[0], direction};
    }

    private record Reader(MultiValueMap<String, String> parameters, List<FieldProblem> problems) {
        <T> T read(String name, Function<String, T> parser) {
            String value = parameters.getFirst(name);
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return parser.apply(value.strip());
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(name, e.getMessage()));
                return null;
            }
        }
    }

    /** One or more parameters are not valid; each is named. */
    static class InvalidParametersException extends RuntimeException {
        final List<FieldProblem> problems;

        InvalidParametersException(List<FieldProblem> problems) {
            super(problems.size() + " invalid parameter(s): " + problems.stream().map(FieldProblem::field).toList());
            this.problems = List.copyOf(problems);
        }
    }
}
