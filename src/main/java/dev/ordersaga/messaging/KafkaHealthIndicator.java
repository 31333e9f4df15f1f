package dev.ordersaga.messaging;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} component {@code kafka}: the cluster answers and has brokers. */
@Component("kafka")
public class KafkaHealthIndicator extends AbstractHealthIndicator {

    private final KafkaAdmin admin;

    public KafkaHealthIndicator(KafkaAdmin admin) {
        super("Kafka is not reachable");
        this.admin = admin;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Object> config = admin.getConfigurationProperties();
        try (AdminClient client = AdminClient.create(config)) {
            var cluster = client.describeCluster(new DescribeClusterOptions().timeoutMs(3000));
            int brokers = cluster.nodes().get(3, TimeUnit.SECONDS).size();
            builder.status(brokers > 0 ? org.springframework.boot.actuate.health.Status.UP : org.springframework.boot.actuate.health.Status.DOWN)
                    .withDetail("clusterId", cluster.clusterId().get(3, TimeUnit.SECONDS))
                    .withDetail("brokers", brokers)
                    .withDetail("bootstrapServers", config.get("bootstrap.servers"));
        }
    }
}
