package dev.ordersaga.web;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.Association;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CompensateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the order path needs to know of one BPMN process: its flow nodes, which of them are jobs (service tasks, where
 * an order waits for a participant), the sequence flows between them, the boundary events of each task (error code,
 * timer, compensation) and which handler compensates which task.
 */
final class ProcessGraph {

    /** What kind of flow node an element is, as far as the path cares. */
    enum Kind { START, END, TASK, BOUNDARY, COMPENSATION_THROW, OTHER }

    /** What a boundary event reacts to. */
    enum Trigger { ERROR, TIMER, COMPENSATION, OTHER }

    /**
     * One flow node.
     *
     * @param attachedTo for a boundary event: the task it is attached to
     * @param trigger for a boundary event: what fires it
     * @param errorCode for an error boundary event: the error code it catches (the participant's failure event)
     * @param compensates for a compensation throw event: the activity whose compensation it throws
     * @param forCompensation for a task: whether it is a compensation handler
     */
    record Node(String id, String name, Kind kind, String attachedTo, Trigger trigger, String errorCode, String compensates,
            boolean forCompensation, List<String> outgoing, List<String> incoming) {}

    /** A sequence flow. */
    record Flow(String id, String source, String target) {}

    private final Map<String, Node> nodes;
    private final Map<String, Flow> flows;
    /** Compensation boundary event → its handler task. */
    private final Map<String, String> handlers;

    private ProcessGraph(Map<String, Node> nodes, Map<String, Flow> flows, Map<String, String> handlers) {
        this.nodes = nodes;
        this.flows = flows;
        this.handlers = handlers;
    }

    static ProcessGraph parse(String xml) {
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        var nodes = new LinkedHashMap<String, Node>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            nodes.put(node.getId(), node(node));
        }
        var flows = new LinkedHashMap<String, Flow>();
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            flows.put(flow.getId(), new Flow(flow.getId(), flow.getSource().getId(), flow.getTarget().getId()));
        }
        var handlers = new LinkedHashMap<String, String>();
        for (Association association : model.getModelElementsByType(Association.class)) {
            if (association.getSource() instanceof BoundaryEvent boundary && nodes.get(boundary.getId()).trigger() == Trigger.COMPENSATION) {
                handlers.put(boundary.getId(), association.getTarget().getId());
            }
        }
        return new ProcessGraph(Map.copyOf(nodes), Map.copyOf(flows), Map.copyOf(handlers));
    }

    private static Node node(FlowNode node) {
        Kind kind = Kind.OTHER;
        String attachedTo = null;
        Trigger trigger = null;
        String errorCode = null;
        String compensates = null;
        if (node instanceof StartEvent) {
            kind = Kind.START;
        } else if (node instanceof EndEvent) {
            kind = Kind.END;
        } else if (node instanceof BoundaryEvent boundary) {
            kind = Kind.BOUNDARY;
            attachedTo = boundary.getAttachedTo().getId();
            trigger = Trigger.OTHER;
            for (EventDefinition definition : boundary.getEventDefinitions()) {
                switch (definition) {
                    case ErrorEventDefinition error -> {
                        trigger = Trigger.ERROR;
                        errorCode = error.getError() == null ? null : error.getError().getErrorCode();
                    }
                    case TimerEventDefinition timer -> trigger = Trigger.TIMER;
                    case CompensateEventDefinition compensation -> trigger = Trigger.COMPENSATION;
                    default -> { }
                }
            }
        } else if (node instanceof ThrowEvent thrown) {
            for (EventDefinition definition : thrown.getEventDefinitions()) {
                if (definition instanceof CompensateEventDefinition compensation && compensation.getActivity() != null) {
                    kind = Kind.COMPENSATION_THROW;
                    compensates = compensation.getActivity().getId();
                }
            }
        } else if (node.getSingleExtensionElement(ZeebeTaskDefinition.class) != null) {
            kind = Kind.TASK;
        }
        boolean forCompensation = node instanceof Activity activity && activity.isForCompensation();
        return new Node(node.getId(), node.getName(), kind, attachedTo, trigger, errorCode, compensates, forCompensation,
                ids(node.getOutgoing()), ids(node.getIncoming()));
    }

    private static List<String> ids(Collection<SequenceFlow> flows) {
        var ids = new ArrayList<String>();
        flows.forEach(flow -> ids.add(flow.getId()));
        return List.copyOf(ids);
    }

    Optional<Node> node(String id) {
        return Optional.ofNullable(id == null ? null : nodes.get(id));
    }

    Collection<Node> nodes() {
        return nodes.values();
    }

    Flow flow(String id) {
        return flows.get(id);
    }

    /** The boundary events attached to a task. */
    List<Node> boundaries(String taskId) {
        return nodes.values().stream().filter(n -> taskId.equals(n.attachedTo())).toList();
    }

    /** The handler task of a compensation boundary event, if it has one. */
    Optional<String> handler(String boundaryId) {
        return Optional.ofNullable(handlers.get(boundaryId));
    }

    /**
     * The task a compensating task undoes: for a compensation handler, the task whose compensation boundary event is
     * associated with it; for a task reached from a boundary event (e.g. a time-out's explicit compensation), the task
     * that boundary event is attached to.
     */
    Optional<String> compensatedBy(String taskId) {
        for (var handler : handlers.entrySet()) {
            if (handler.getValue().equals(taskId)) {
                return node(handler.getKey()).map(Node::attachedTo);
            }
        }
        return node(taskId).stream()
                .flatMap(task -> task.incoming().stream())
                .map(flows::get)
                .map(flow -> nodes.get(flow.source()))
                .filter(source -> source.kind() == Kind.BOUNDARY)
                .map(Node::attachedTo)
                .findFirst();
    }
}
