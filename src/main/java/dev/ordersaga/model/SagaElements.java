package dev.ordersaga.model;

import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BpmnModelElementInstance;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the saga rules read of one element: its job type, template, task headers (the plugin's helpers of the same names). */
final class SagaElements {

    static final String JOB_TYPE = "saga-step";
    static final String STEP_TEMPLATE = "dev.ordersaga.saga-step";
    static final String COMPENSATION_TEMPLATE = "dev.ordersaga.saga-compensation";
    static final String ROLE_HEADER = "sagaRole";
    static final String PIVOT = "pivot";
    static final String READ_ONLY = "read-only";
    private static final String ZEEBE_NS = "http://camunda.org/schema/zeebe/1.0";

    private SagaElements() {}

    static boolean isSagaTask(BaseElement element) {
        return JOB_TYPE.equals(jobType(element)) || STEP_TEMPLATE.equals(template(element)) || COMPENSATION_TEMPLATE.equals(template(element));
    }

    static boolean isForCompensation(BaseElement element) {
        return element instanceof Activity activity && activity.isForCompensation();
    }

    static String template(BaseElement element) {
        return element.getAttributeValueNs(ZEEBE_NS, "modelerTemplate");
    }

    private static <T extends BpmnModelElementInstance> List<T> extensions(BaseElement element, Class<T> type) {
        if (element.getExtensionElements() == null) {
            return List.of();
        }
        return element.getExtensionElements().getElementsQuery().filterByType(type).list();
    }

    static String jobType(BaseElement element) {
        return extensions(element, ZeebeTaskDefinition.class).stream().findFirst().map(ZeebeTaskDefinition::getType).orElse(null);
    }

    /** The header's value, stripped; empty when the element has no such header. */
    static String header(BaseElement element, String key) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (ZeebeTaskHeaders container : extensions(element, ZeebeTaskHeaders.class)) {
            for (ZeebeHeader header : container.getHeaders()) {
                if (header.getKey() != null) {
                    headers.putIfAbsent(header.getKey(), Objects.requireNonNullElse(header.getValue(), ""));
                }
            }
        }
        return headers.getOrDefault(key, "").strip();
    }

    static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static boolean isBlank(String value) {
        return value == null || value.isEmpty();
    }
}
