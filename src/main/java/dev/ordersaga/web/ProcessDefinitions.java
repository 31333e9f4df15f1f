package dev.ordersaga.web;

import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.ProcessModels;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.Process;
import io.camunda.client.spring.event.CamundaPostDeploymentSpringEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The process definitions (deployed versions of a process) whose diagrams the page draws: those this instance deployed
 * at start-up, with their BPMN from the classpath, and any other the cluster has, fetched once from the Camunda REST
 * API when an order runs on it (an older version, deployed by an earlier release). The in-memory engine of the
 * embedded default speaks gRPC only: there, only the versions deployed by this run are known.
 */
@ConditionalOnSaga
@Component
public class ProcessDefinitions {

    /**
     * One deployed version of a process.
     *
     * @param processDefinitionKey its key in the engine
     * @param bpmnProcessId the process id, e.g. {@code order-process}
     * @param version its version number
     * @param resourceName the BPMN file it was deployed from
     */
    public record Definition(long processDefinitionKey, String bpmnProcessId, int version, String resourceName) {}

    private static final Logger log = LoggerFactory.getLogger(ProcessDefinitions.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private final CamundaClient camunda;
    private final Map<Long, Definition> definitions = new ConcurrentHashMap<>();
    private final Map<Long, String> xml = new ConcurrentHashMap<>();
    private final Map<Long, ProcessGraph> graphs = new ConcurrentHashMap<>();

    public ProcessDefinitions(CamundaClient camunda) {
        this.camunda = camunda;
    }

    @EventListener
    void deployed(CamundaPostDeploymentSpringEvent event) {
        event.getDeployments().stream().flatMap(deployment -> deployment.getProcesses().stream()).forEach(this::deployed);
    }

    void deployed(Process process) {
        var definition = new Definition(process.getProcessDefinitionKey(), process.getBpmnProcessId(), process.getVersion(),
                process.getResourceName());
        for (Resource resource : ProcessModels.deployed()) {
            if (definition.resourceName().equals(resource.getFilename())) {
                try {
                    xml.put(definition.processDefinitionKey(), resource.getContentAsString(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + resource, e);
                }
            }
        }
        definitions.put(definition.processDefinitionKey(), definition);
        log.info("Process {} version {} (definition {}) from {}: its diagram is served at /process-definitions/{}/xml",
                definition.bpmnProcessId(), definition.version(), definition.processDefinitionKey(), definition.resourceName(),
                definition.processDefinitionKey());
    }

    /** The definitions this instance knows, newest version first per process. */
    public List<Definition> list() {
        return definitions.values().stream()
                .sorted(Comparator.comparing(Definition::bpmnProcessId).thenComparing(Definition::version, Comparator.reverseOrder()))
                .toList();
    }

    /** The newest version of a process this instance knows. */
    public Optional<Definition> latest(String bpmnProcessId) {
        return list().stream().filter(d -> d.bpmnProcessId().equals(bpmnProcessId)).findFirst();
    }

    /** The BPMN XML of a definition: deployed by this instance, or else fetched from the cluster's REST API. */
    public Optional<String> xml(long processDefinitionKey) {
        String known = xml.get(processDefinitionKey);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            String fetched = camunda.newProcessDefinitionGetXmlRequest(processDefinitionKey).requestTimeout(FETCH_TIMEOUT).send().join();
            xml.put(processDefinitionKey, fetched);
            return Optional.of(fetched);
        } catch (RuntimeException e) {
            log.info("The BPMN of process definition {} is not known here and the cluster did not give it ({})", processDefinitionKey,
                    e.toString());
            return Optional.empty();
        }
    }

    /** The structure of a definition's process, for order paths. */
    Optional<ProcessGraph> graph(long processDefinitionKey) {
        ProcessGraph graph = graphs.get(processDefinitionKey);
        if (graph != null) {
            return Optional.of(graph);
        }
        return xml(processDefinitionKey).map(text -> graphs.computeIfAbsent(processDefinitionKey, key -> ProcessGraph.parse(text)));
    }
}
