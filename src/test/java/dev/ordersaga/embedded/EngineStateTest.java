package dev.ordersaga.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineStateTest {

    @Test
    void theEmbeddedEngineUsesOrderSagasStateTransactionNotTheTestEnginesOwn() {
        assertThat(EmbeddedInfrastructure.stateTransactionIsOurs())
                .as("src/engine-patches/java/io/camunda/zeebe/process/test/engine/db/InMemoryDbTransaction.java comes first on the test classpath")
                .isTrue();
    }
}
