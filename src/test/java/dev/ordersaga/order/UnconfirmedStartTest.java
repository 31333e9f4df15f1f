package dev.ordersaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.observability.SagaMetrics;
import dev.ordersaga.observability.SagaTracing;
import io.camunda.client.CamundaClient;
import io.grpc.HandlerRegistry;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * {@code POST /orders} when the engine does not confirm the start of a saga: a gRPC gateway on this machine that answers
 * every call with one status (or never answers) stands in for an engine that is overloaded or gone.
 */
class UnconfirmedStartTest {

    private static final PlaceOrderRequest ORDER = new PlaceOrderRequest("c-42", "ann@example.com",
            List.of(new PlaceOrderRequest.Item("book-0001", 2, new BigDecimal("12.50"))),
            new PlaceOrderRequest.ShippingAddress("Ann", "Main St 1", "Berlin", "10115", "DE"));

    private Server gateway;

    @AfterEach
    void stopGateway() throws InterruptedException {
        gateway.shutdownNow().awaitTermination();
    }

    @Test
    void anOrderWhoseStartTimesOutMayHaveStartedAndTheAnswerNamesIt() throws Exception {
        gateway = gatewayAnswering(null);
        try (CamundaClient camunda = clientOf(gateway)) {
            var service = serviceWith(camunda);

            assertThatThrownBy(() -> service.place(ORDER, null)).isInstanceOfSatisfying(OrderService.StartNotConfirmedException.class, e -> {
                assertThat(e.mayHaveStarted()).isTrue();
                var answer = new ApiExceptionHandler().startNotConfirmed(e);
                assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
                var problem = (ProblemDetail) answer.getBody();
                assertThat(problem.getType()).hasToString("https://ordersaga.dev/problems/order-start-unconfirmed");
                assertThat(problem.getProperties()).containsEntry("orderId", e.orderId());
                assertThat(problem.getDetail()).contains("may have started", "GET /orders/" + e.orderId());
            });
        }
    }

    @Test
    void anOrderTheEngineRefusesUnderBackPressureDidNotStart() throws Exception {
        gateway = gatewayAnswering(Status.RESOURCE_EXHAUSTED.withDescription("Expected to handle gRPC request, but request was rejected"));
        try (CamundaClient camunda = clientOf(gateway)) {
            var service = serviceWith(camunda);

            assertThatThrownBy(() -> service.place(ORDER, "checkout-4711")).isInstanceOfSatisfying(OrderService.StartNotConfirmedException.class, e -> {
                assertThat(e.mayHaveStarted()).isFalse();
                var answer = new ApiExceptionHandler().startNotConfirmed(e);
                assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
                var problem = (ProblemDetail) answer.getBody();
                assertThat(problem.getType()).hasToString("https://ordersaga.dev/problems/engine-busy");
                assertThat(problem.getDetail()).contains("nothing was started");
            });
        }
    }

    @Test
    void anOrderPlacedBeforeIsAnsweredAsARepeat() throws Exception {
        gateway = gatewayAnswering(Status.ALREADY_EXISTS.withDescription("a message with the same id was published before"));
        try (CamundaClient camunda = clientOf(gateway)) {
            var placed = serviceWith(camunda).place(ORDER, "checkout-4711");

            assertThat(placed.repeated()).isTrue();
        }
    }

    private static OrderService serviceWith(CamundaClient camunda) {
        return new OrderService(camunda, new OrderProperties("EUR", Duration.ofMinutes(2), Duration.ofHours(24), "OrderPlaced"),
                new SagaTracing(Tracer.NOOP), new SagaMetrics(new SimpleMeterRegistry(), List.of()), OrderIds.withRandomKey());
    }

    private static CamundaClient clientOf(Server gateway) {
        URI address = URI.create("http://127.0.0.1:" + gateway.getPort());
        return CamundaClient.newClientBuilder().grpcAddress(address).restAddress(address).preferRestOverGrpc(false)
                .defaultRequestTimeout(Duration.ofMillis(500)).build();
    }

    /** A gateway that answers every call with {@code status}, or never when it is null. */
    private static Server gatewayAnswering(Status status) throws Exception {
        MethodDescriptor.Marshaller<InputStream> bytes = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(InputStream value) {
                return value;
            }

            @Override
            public InputStream parse(InputStream stream) {
                return new ByteArrayInputStream(new byte[0]);
            }
        };
        ServerCallHandler<InputStream, InputStream> handler = (call, headers) -> {
            call.request(1);
            if (status != null) {
                call.close(status, new Metadata());
            }
            return new ServerCall.Listener<>() {};
        };
        var registry = new HandlerRegistry() {
            @Override
            public ServerMethodDefinition<?, ?> lookupMethod(String method, String authority) {
                return ServerMethodDefinition.create(MethodDescriptor.newBuilder(bytes, bytes).setType(MethodDescriptor.MethodType.UNARY)
                        .setFullMethodName(method).build(), handler);
            }
        };
        return ServerBuilder.forPort(0).fallbackHandlerRegistry(registry).build().start();
    }
}
