package dev.ordersaga;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The order saga: REST API, Kafka bridge for the BPMN service tasks, and the reference participants. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OrderSagaApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderSagaApplication.class, args);
    }
}
