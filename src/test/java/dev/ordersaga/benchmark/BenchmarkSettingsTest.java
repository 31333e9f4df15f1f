package dev.ordersaga.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The knobs have one source, BenchmarkSettings: the pom passes them on, the docs list them with the same defaults. */
class BenchmarkSettingsTest {

    @Test
    void unsetOrEmptyKnobsTakeTheirDefaults() {
        var settings = BenchmarkSettings.from(name -> name.equals("rounds") ? "" : null);

        assertThat(settings.concurrency()).isEqualTo(32);
        assertThat(settings.rounds()).isEqualTo(3);
        assertThat(settings.openRatePercents()).containsExactly(25, 50, 75);
        assertThat(settings.rssOrders()).isEqualTo(20_000);
        assertThat(settings.warmup()).isEqualTo(new WarmupRule(3, 0.10));
        assertThat(settings.configs()).containsExactly("kafka-chain", "engine-only", "saga");
        assertThat(settings.knobValues().keySet()).containsExactlyElementsOf(BenchmarkSettings.KNOBS.stream().map(BenchmarkSettings.Knob::name).toList());
    }

    @Test
    void setKnobsAreTaken() {
        Map<String, String> set = Map.of("openRatePercents", "50, 10", "openSeconds", "7.5", "maxMinutes", "1.5", "configs", "saga");
        var settings = BenchmarkSettings.from(set::get);

        assertThat(settings.openRatePercents()).containsExactly(10, 50);
        assertThat(settings.openBlock()).isEqualTo(Duration.ofMillis(7_500));
        assertThat(settings.runBudget()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.configs()).containsExactly("saga");
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> BenchmarkSettings.from(Map.of("configs", "saga,kafka")::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchmarkSettings.from(Map.of("openSeconds", "1")::get)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePomPassesEveryKnobOnAndSetsNoDefaultButTheJvmOptions() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String profile = pom.substring(pom.indexOf("<id>benchmark</id>"));
        for (BenchmarkSettings.Knob knob : BenchmarkSettings.KNOBS) {
            if (knob.name().equals("jvmArgs")) {
                assertThat(profile).contains("<benchmark.jvmArgs>" + knob.defaultValue() + "</benchmark.jvmArgs>");
            } else {
                assertThat(profile).as(knob.name()).contains("<benchmark." + knob.name() + "/>")
                        .contains("-Dbenchmark." + knob.name() + "=${benchmark." + knob.name() + "}");
            }
        }
    }

    @Test
    void theDocsListEveryKnobWithItsDefault() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs", "performance.md"));
        for (BenchmarkSettings.Knob knob : BenchmarkSettings.KNOBS) {
            String row = "| `benchmark." + knob.name() + "` | " + (knob.defaultValue().isEmpty() ? "(none)" : "`" + knob.defaultValue() + "`") + " |";
            assertThat(lines).as("docs/performance.md, knob " + knob.name()).anyMatch(line -> line.startsWith(row));
        }
    }
}
