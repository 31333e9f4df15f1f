package dev.ordersaga.order;

import dev.ordersaga.ConditionalOnSaga;
import io.camunda.client.annotation.Deployment;
import org.springframework.context.annotation.Configuration;

/** Deploys the process models of {@code processes/} (copied to the classpath by the build) at start-up. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSaga
@Deployment(resources = "classpath*:/processes/*.bpmn")
class ProcessDeployment {}
