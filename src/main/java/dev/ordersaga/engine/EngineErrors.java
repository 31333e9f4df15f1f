package dev.ordersaga.engine;

import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;

/**
 * The gRPC status code of an engine command's failure. A blocking {@code join()} throws a
 * {@link ClientStatusException}; an asynchronous future fails with the raw gRPC exception: both are read.
 */
public final class EngineErrors {

    private EngineErrors() {}

    /** The status code found in the cause chain, or null if the failure did not come from the engine. */
    public static Status.Code code(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClientStatusException e) {
                return e.getStatusCode();
            }
            if (t instanceof StatusRuntimeException e) {
                return e.getStatus().getCode();
            }
            if (t instanceof StatusException e) {
                return e.getStatus().getCode();
            }
        }
        return null;
    }
}
