package dev.ordersaga.model;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up check: the deployed models pass, a model that breaks a rule is refused with element, rule and message. */
class SagaModelCheckTest {

    private final SagaModelCheck check = new SagaModelCheck();

    @Test
    void theModelsOnTheClasspathPass() {
        assertThatCode(() -> check.verify("classpath*:/processes/*.bpmn")).doesNotThrowAnyException();
    }

    @Test
    void aModelThatBreaksARuleIsRefusedNamingTheElementAndTheRule(@TempDir Path dir) throws IOException {
        String trip = Files.readString(SagaRulesTest.FIXTURES.resolve("trip-booking.bpmn"));
        Files.writeString(dir.resolve("trip.bpmn"), trip.replace("<zeebe:header key=\"failureEvents\" value=\"FlightFull\" />",
                "<zeebe:header key=\"failureEvents\" value=\"FlightFull, FlightCancelled\" />"));

        assertThatThrownBy(() -> check.verify("file:" + dir + "/*.bpmn"))
                .isInstanceOf(SagaModelCheck.SagaRulesBrokenException.class)
                .hasMessageContaining("trip.bpmn Task_BookFlight: order-saga/deadlines-and-failures: declares failure event FlightCancelled,"
                        + " but no error boundary event catches error code FlightCancelled");
    }

    @Test
    void aLocationWithoutModelsIsNotAPass(@TempDir Path dir) {
        assertThatThrownBy(() -> check.verify("file:" + dir + "/*.bpmn"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No process models");
    }
}
