package dev.ordersaga.engine;

import dev.ordersaga.messaging.MessageHeaders;
import io.camunda.client.api.response.ActivatedJob;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers that name the BPMN element of a message sent for a job: its element id, and the process id, definition
 * key and version of the process instance. Order tracking keeps them in the order's history, so every entry can be
 * placed on the diagram of the version the order runs on.
 */
public final class ElementHeaders {

    private ElementHeaders() {}

    /** The job's element and process definition, in a map to add more headers to. */
    public static Map<String, String> of(ActivatedJob job) {
        var headers = new LinkedHashMap<String, String>();
        headers.put(MessageHeaders.ELEMENT_ID, job.getElementId());
        headers.put(MessageHeaders.PROCESS_ID, job.getBpmnProcessId());
        headers.put(MessageHeaders.PROCESS_DEFINITION_KEY, Long.toString(job.getProcessDefinitionKey()));
        headers.put(MessageHeaders.PROCESS_VERSION, Integer.toString(job.getProcessDefinitionVersion()));
        return headers;
    }
}
