package dev.ordersaga.bridge;

import dev.ordersaga.ProcessModels;
import dev.ordersaga.ConditionalOnSaga;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Every {@code saga-step} task of the BPMN models this application deploys, read at start-up: the event topics the
 * outcome listener consumes from the start, the steps' names, and the metrics' known command types. What an event
 * means is decided by the step that travels with its command ({@link StepHeader}), read from the job of the model
 * version the order runs on; a model deployed by anyone else adds its topics as its jobs come ({@link EventTopics}).
 * A model whose steps contradict each other stops the start.
 */
@ConditionalOnSaga
@Component
public class SagaStepCatalog {

    private static final Logger log = LoggerFactory.getLogger(SagaStepCatalog.class);

    private final List<SagaStep> steps;
    private final Map<String, Outcome> outcomes;

    /** The steps of the application's own models ({@link ProcessModels#LOCATION}). */
    @Autowired
    public SagaStepCatalog() {
        this(load(ProcessModels.LOCATION));
    }

    /** The steps of the models at a location pattern, e.g. {@code file:processes/*.bpmn}. */
    public static SagaStepCatalog at(String locationPattern) {
        return new SagaStepCatalog(load(locationPattern));
    }

    SagaStepCatalog(List<SagaStep> steps) {
        this.steps = List.copyOf(steps);
        this.outcomes = outcomes(steps);
        log.info("Saga steps: {}", steps.stream().map(s -> s.elementId() + "→" + s.commandType() + "@" + s.commandTopic()).toList());
    }

    public List<SagaStep> steps() {
        return steps;
    }

    /** The step of this element in the models known at start-up, or null. */
    public SagaStep step(String elementId) {
        return steps.stream().filter(s -> s.elementId().equals(elementId)).findFirst().orElse(null);
    }

    /**
     * What an event of this type means by the models known at start-up; a type no step declares is a technical failure.
     * Only for replies that do not echo the step they answer: the bridge classifies by the step that travels with the
     * command ({@link StepHeader}).
     */
    public Outcome classify(String eventType) {
        return outcomes.getOrDefault(eventType, new Outcome.TechnicalFailure(eventType));
    }

    /** The topics the participants answer on. */
    public Set<String> eventTopics() {
        var topics = new LinkedHashSet<String>();
        steps.forEach(s -> topics.add(s.eventTopic()));
        return topics;
    }

    /** The topics commands are sent to. */
    public Set<String> commandTopics() {
        var topics = new LinkedHashSet<String>();
        steps.forEach(s -> topics.add(s.commandTopic()));
        return topics;
    }

    /** For the outcome listener's {@code topics} SpEL expression. */
    public String[] eventTopicArray() {
        return eventTopics().toArray(String[]::new);
    }

    static List<SagaStep> load(String locationPattern) {
        Resource[] resources = ProcessModels.at(locationPattern);
        var steps = new ArrayList<SagaStep>();
        for (Resource resource : resources) {
            try (InputStream in = resource.getInputStream()) {
                steps.addAll(read(Bpmn.readModelFromStream(in)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource, e);
            }
        }
        return markCompensations(steps);
    }

    static List<SagaStep> read(BpmnModelInstance model) {
        var steps = new ArrayList<SagaStep>();
        Collection<ZeebeTaskDefinition> definitions = model.getModelElementsByType(ZeebeTaskDefinition.class);
        for (ZeebeTaskDefinition definition : definitions) {
            if (!SagaStep.JOB_TYPE.equals(definition.getType())) {
                continue;
            }
            var element = (BaseElement) definition.getParentElement().getParentElement();
            var headers = new HashMap<String, String>();
            var taskHeaders = element.getSingleExtensionElement(ZeebeTaskHeaders.class);
            if (taskHeaders != null) {
                for (ZeebeHeader header : taskHeaders.getHeaders()) {
                    headers.put(header.getKey(), header.getValue());
                }
            }
            String name = element instanceof FlowElement flowElement ? flowElement.getName() : null;
            SagaStep step = SagaStep.fromHeaders(element.getId(), name, headers);
            steps.add(element instanceof Activity activity && activity.isForCompensation() ? step.asCompensation() : step);
        }
        return steps;
    }

    /** A step that sends the command of a compensation handler (e.g. after a time-out) is a compensation too. */
    static List<SagaStep> markCompensations(List<SagaStep> steps) {
        Set<String> compensating = new LinkedHashSet<>();
        steps.stream().filter(SagaStep::compensation).forEach(s -> compensating.add(s.commandType()));
        return steps.stream().map(s -> compensating.contains(s.commandType()) && !s.compensation() ? s.asCompensation() : s).toList();
    }

    /** Whether this command type undoes another step. */
    public boolean isCompensation(String commandType) {
        return steps.stream().anyMatch(s -> s.compensation() && s.commandType().equals(commandType));
    }

    private static Map<String, Outcome> outcomes(List<SagaStep> steps) {
        var outcomes = new LinkedHashMap<String, Outcome>();
        for (SagaStep step : steps) {
            step.successEvents().forEach(type -> put(outcomes, type, new Outcome.Success(step)));
            step.failureEvents().forEach(type -> put(outcomes, type, new Outcome.BusinessFailure(step)));
        }
        return Map.copyOf(outcomes);
    }

    private static void put(Map<String, Outcome> outcomes, String type, Outcome outcome) {
        Outcome previous = outcomes.putIfAbsent(type, outcome);
        if (previous != null && previous.getClass() != outcome.getClass()) {
            throw new SagaStep.InvalidStepException("Event type " + type + " is a success for one step and a failure for another: "
                    + describe(previous) + " / " + describe(outcome));
        }
    }

    private static String describe(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Success s -> "success of " + s.step().elementId();
            case Outcome.BusinessFailure f -> "failure of " + f.step().elementId();
            case Outcome.TechnicalFailure t -> Objects.toString(t.eventType());
        };
    }
}
