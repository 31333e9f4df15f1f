package dev.ordersaga.tracking.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class OrderIndexHealthTest {

    private static final String WARNING = "Not ready: the orders index cannot be set up yet (Elasticsearch unreachable?)";

    @Test
    void whileTheIndexCannotBeSetUpEveryProbeIsDownAndOnlyTheFirstLogsAWarning(CapturedOutput output) throws IOException {
        OrderIndices indices = mock(OrderIndices.class);
        when(indices.setUpOnce()).thenReturn(false);
        doThrow(new IOException("Connection refused")).when(indices).setUp();
        var health = new OrderIndexHealth(new StaticListableBeanFactory(Map.of("orderIndices", indices)).getBeanProvider(OrderIndices.class));

        for (int probe = 0; probe < 3; probe++) {
            var answer = health.health();
            assertThat(answer.getStatus()).isEqualTo(Status.DOWN);
            assertThat(answer.getDetails()).containsEntry("error", "java.io.IOException: Connection refused");
        }

        assertThat(output.getOut().split(Pattern.quote(WARNING), -1)).as("one warning for three probes").hasSize(2);
    }
}
