package dev.ordersaga.enginepatches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up check of the replaced engine classes: quiet when they fit, loud when they do not. */
class EnginePatchesTest {

    @Test
    void theReplacementsAreTheClassesLoadedForTheEngineVersionTheyWereWrittenFor() {
        assertThat(EnginePatches.loadedEngineVersion()).isEqualTo(EnginePatches.ENGINE_VERSION);
        assertThatCode(EnginePatches::verify).doesNotThrowAnyException();
    }

    @Test
    void anotherEngineVersionIsAProblem() {
        assertThat(EnginePatches.problems("8.8.99", EnginePatches.REPLACEMENTS))
                .singleElement().asString().contains("zeebe-process-test-engine 8.8.21 is loaded", "written for 8.8.99");
    }

    @Test
    void aClassLoadedFromTheEnginesJarIsAProblem() {
        assertThat(EnginePatches.problems(EnginePatches.ENGINE_VERSION, List.of("io.camunda.zeebe.process.test.engine.EngineFactory")))
                .singleElement().asString().contains("EngineFactory is loaded from", "zeebe-process-test-engine-8.8.21.jar", "not from");
    }
}
