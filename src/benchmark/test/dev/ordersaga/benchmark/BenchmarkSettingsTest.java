package dev.ordersaga.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.benchmark.driver.WarmupRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The knobs have one source, BenchmarkSettings.KNOBS: the launcher passes them on, the docs list exactly them. */
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
    void thePomNamesNoKnobTheLauncherPassesThemAllOn() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        for (BenchmarkSettings.Knob knob : BenchmarkSettings.KNOBS) {
            assertThat(pom).as(knob.name()).doesNotContain("benchmark." + knob.name());
        }
        var properties = new Properties();
        properties.setProperty("benchmark.rssOrders", "5000");
        properties.setProperty("benchmark.configs", "saga");
        properties.setProperty("java.version", "25");

        List<String> command = BenchmarkLauncher.command("java", "cp", properties);

        assertThat(command).containsExactly("java", "-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
                "-Dbenchmark.configs=saga", "-Dbenchmark.rssOrders=5000", "-classpath", "cp", OrderSagaBenchmark.class.getName());
        assertThat(String.join(" ", command.subList(1, 5))).isEqualTo(knob("jvmArgs").defaultValue());

        properties.setProperty("benchmark.jvmArgs", " -Xmx1g  -XX:+UseSerialGC ");
        assertThat(BenchmarkLauncher.command("java", "cp", properties)).startsWith("java", "-Xmx1g", "-XX:+UseSerialGC", "-Dbenchmark.configs=saga");
    }

    @Test
    void theDocsTableOfKnobsIsExactlyTheKnobs() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs", "performance.md"));
        int header = lines.indexOf("| property | default | meaning |");
        assertThat(header).as("the knob table of docs/performance.md").isNotNegative();
        List<String> rows = lines.subList(header + 2, lines.size()).stream().takeWhile(line -> line.startsWith("|")).toList();

        assertThat(rows).containsExactlyElementsOf(BenchmarkSettings.KNOBS.stream()
                .map(knob -> "| `benchmark." + knob.name() + "` | " + (knob.defaultValue().isEmpty() ? "(none)" : "`" + knob.defaultValue() + "`")
                        + " | " + knob.meaning() + " |")
                .toList());
    }

    private static BenchmarkSettings.Knob knob(String name) {
        return BenchmarkSettings.KNOBS.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }
}
