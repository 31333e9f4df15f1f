package dev.ordersaga;

import io.camunda.client.annotation.Deployment;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The order saga: REST API, Kafka bridge for the BPMN service tasks, and the reference participants. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Deployment(resources = "classpath*:/processes/*.bpmn")
public class OrderSagaApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderSagaApplication.class, args);
    }
}
