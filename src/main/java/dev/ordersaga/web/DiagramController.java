package dev.ordersaga.web;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.bridge.SagaStepCatalog;
import dev.ordersaga.problem.ProblemType;
import dev.ordersaga.problem.Problems.FieldProblem;
import dev.ordersaga.problem.Problems;
import dev.ordersaga.tracking.HistoryEntry;
import dev.ordersaga.tracking.query.OrderReader;
import dev.ordersaga.tracking.query.TrackingController;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What the order page reads besides the tracking API: the deployed process versions and their BPMN, and each order's
 * path on its diagram.
 */
@ConditionalOnSaga
@RestController
public class DiagramController {

    private final ProcessDefinitions definitions;
    private final ProcessStatistics statistics;
    private final OrderReader orders;
    private final SagaStepCatalog catalog;
    private final Clock clock = Clock.systemUTC();

    public DiagramController(ProcessDefinitions definitions, ProcessStatistics statistics, OrderReader orders, SagaStepCatalog catalog) {
        this.definitions = definitions;
        this.statistics = statistics;
        this.orders = orders;
        this.catalog = catalog;
    }

    @GetMapping(path = "/process-definitions", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<ProcessDefinitions.Definition> processDefinitions() {
        return definitions.list();
    }

    @GetMapping(path = "/process-definitions/{processDefinitionKey}/xml", produces = {MediaType.TEXT_XML_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    public ResponseEntity<?> xml(@PathVariable long processDefinitionKey) {
        return definitions.xml(processDefinitionKey)
                .<ResponseEntity<?>>map(xml -> ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(xml))
                .orElseGet(() -> notFound("Process definition not found", "No process definition " + processDefinitionKey + " is known here"));
    }

    @GetMapping(path = "/process-definitions/{processDefinitionKey}/statistics", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> statistics(@PathVariable long processDefinitionKey) throws IOException {
        var definition = definitions.list().stream().filter(d -> d.processDefinitionKey() == processDefinitionKey).findFirst();
        var graph = definitions.graph(processDefinitionKey);
        if (definition.isEmpty() || graph.isEmpty()) {
            return notFound("Process definition not found", "No process definition " + processDefinitionKey + " is known here");
        }
        return ResponseEntity.ok(statistics.of(definition.get(), graph.get()));
    }

    @GetMapping(path = "/orders/{orderId}/path", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> path(@PathVariable String orderId) throws IOException {
        var order = orders.find(orderId);
        if (order.isEmpty()) {
            return TrackingController.orderNotFound(orderId);
        }
        var view = order.get();
        Long key = view.history().stream().map(HistoryEntry::processDefinitionKey).filter(Objects::nonNull).findFirst().orElse(null);
        Optional<ProcessGraph> graph = key == null ? Optional.empty() : definitions.graph(key);
        if (graph.isEmpty()) {
            return ResponseEntity.ok(new OrderPath(orderId, null, key, null, false, List.of(), List.of()));
        }
        return ResponseEntity.ok(OrderPath.of(view, graph.get(), catalog, clock.instant()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        return Problems.respond(Problems.invalid("Invalid path parameter: " + e.getName(),
                List.of(new FieldProblem(e.getName(), "'" + e.getValue() + "' is not a valid number"))));
    }

    /** Elasticsearch unreachable, or refusing: the saga is unaffected, only the page's reads are. */
    @ExceptionHandler({IOException.class, ElasticsearchException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception e) {
        return TrackingController.trackingUnavailable(e);
    }

    private static ResponseEntity<ProblemDetail> notFound(String title, String detail) {
        ProblemDetail problem = Problems.problem(ProblemType.NOT_FOUND, detail);
        problem.setTitle(title);
        return Problems.respond(problem);
    }
}
