package dev.ordersaga.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SagaStepTest {

    private static Map<String, String> headers(String resultVariable) {
        var headers = new HashMap<>(Map.of(SagaStep.COMMAND_TYPE, "CheckFraud", SagaStep.COMMAND_TOPIC, "fraud-commands",
                SagaStep.EVENT_TOPIC, "fraud-events", SagaStep.SUCCESS_EVENTS, "FraudCleared"));
        if (resultVariable != null) {
            headers.put(SagaStep.RESULT_VARIABLE, resultVariable);
        }
        return headers;
    }

    @Test
    void theSuccessPayloadGoesToTheResultVariableTheTaskNamesElseOneNamedAfterTheCommand() {
        assertThat(SagaStep.fromHeaders("Task_CheckFraud", "Check fraud", headers("fraudCheck")).resultVariable()).isEqualTo("fraudCheck");
        assertThat(SagaStep.fromHeaders("Task_CheckFraud", "Check fraud", headers(null)).resultVariable()).isEqualTo("checkFraudResult");
        assertThat(SagaStep.fromHeaders("Task_CheckFraud", "Check fraud", headers(" ")).resultVariable()).isEqualTo("checkFraudResult");
    }

    @Test
    void aResultVariableThatIsNoVariableNameIsAModellingError() {
        assertThatThrownBy(() -> SagaStep.fromHeaders("Task_CheckFraud", "Check fraud", headers("fraud check")))
                .isInstanceOf(SagaStep.InvalidStepException.class).hasMessageContaining("Task_CheckFraud").hasMessageContaining("resultVariable");
    }
}
