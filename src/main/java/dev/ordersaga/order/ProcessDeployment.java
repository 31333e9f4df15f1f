package dev.ordersaga.order;

import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.ProcessModels;
import dev.ordersaga.model.SagaModelCheck;
import io.camunda.client.annotation.Deployment;
import org.springframework.context.annotation.Configuration;

/**
 * Deploys the process models of {@code processes/} (copied to the classpath by the build) at start-up,
 * once they pass the saga rules: the check runs when this bean is created, before the client deploys.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSaga
@Deployment(resources = ProcessModels.LOCATION)
class ProcessDeployment {

    ProcessDeployment(SagaModelCheck sagaRules) {
        sagaRules.verify(ProcessModels.LOCATION);
    }
}
