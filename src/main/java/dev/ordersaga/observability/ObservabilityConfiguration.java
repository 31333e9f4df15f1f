package dev.ordersaga.observability;

import org.springframework.boot.actuate.autoconfigure.tracing.SdkTracerProviderBuilderCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Installs {@link OrderTraceIds} in the OpenTelemetry SDK that Spring Boot configures. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.opentelemetry.sdk.trace.SdkTracerProviderBuilder")
class ObservabilityConfiguration {

    @Bean
    SdkTracerProviderBuilderCustomizer orderTraceIds() {
        return builder -> builder.setIdGenerator(new OrderTraceIds());
    }
}
