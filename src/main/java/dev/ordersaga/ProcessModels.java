package dev.ordersaga;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The BPMN models at a location pattern, for every part that reads them (the step catalog, the saga rules). */
public final class ProcessModels {

    private ProcessModels() {}

    /**
     * @param locationPattern e.g. {@code classpath*:/processes/*.bpmn}
     * @throws IllegalStateException if there is none: a saga without a model is a configuration error
     */
    public static Resource[] at(String locationPattern) {
        Resource[] resources;
        try {
            resources = new PathMatchingResourcePatternResolver().getResources(locationPattern);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list process models at " + locationPattern, e);
        }
        if (resources.length == 0) {
            throw new IllegalStateException("No process models found at " + locationPattern);
        }
        return resources;
    }
}
