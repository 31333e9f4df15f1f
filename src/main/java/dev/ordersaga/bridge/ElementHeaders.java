package dev.ordersaga.bridge;

import dev.ordersaga.messaging.MessageHeaders;
import io.camunda.client.api.response.ActivatedJob;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * The headers that name the BPMN element of a message sent for a job: its element id, and the process id, definition
 * key and version of the process instance. Order tracking keeps them in the order's history, so every entry can be
 * placed on the diagram of the version the order runs on.
 */
public final class ElementHeaders {

    private ElementHeaders() {}

    /** Adds the job's element and process definition to {@code headers} (each that the job has). */
    public static Headers add(Headers headers, ActivatedJob job) {
        add(headers, MessageHeaders.ELEMENT_ID, job.getElementId());
        add(headers, MessageHeaders.PROCESS_ID, job.getBpmnProcessId());
        add(headers, MessageHeaders.PROCESS_DEFINITION_KEY, Long.toString(job.getProcessDefinitionKey()));
        add(headers, MessageHeaders.PROCESS_VERSION, Integer.toString(job.getProcessDefinitionVersion()));
        return headers;
    }

    private static void add(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
