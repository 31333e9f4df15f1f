package dev.ordersaga;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The BPMN models at a location pattern, for every part that reads them (the step catalog, the saga rules). */
public final class ProcessModels {

    /**
     * Where the application's own models are: {@code processes/}, copied to the classpath by the build. The one place
     * that names it (the deployment, the saga rules, the step catalog and the diagram API read it from here).
     */
    public static final String LOCATION = "classpath*:/processes/*.bpmn";

    private ProcessModels() {}

    /** The application's own models ({@link #LOCATION}). */
    public static Resource[] deployed() {
        return at(LOCATION);
    }

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
