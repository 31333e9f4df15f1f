package dev.ordersaga.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java twin of the bpmnlint plugin on the plugin's own shared cases: for every case, every rule reports
 * exactly the findings (element, message, order) the bpmnlint RuleTester expects of the JavaScript rules
 * (tools/bpmnlint-plugin-order-saga/test/saga-rules.test.js). Both sides pass only while they agree.
 */
class SagaRulesTest {

    static final Path FIXTURES = Path.of("tools/bpmnlint-plugin-order-saga/test/fixtures");

    record Case(String name, String xml, List<SagaFinding> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() throws IOException {
        JsonNode root = new ObjectMapper().readTree(FIXTURES.resolve("cases.json").toFile());
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode node : root.get("cases")) {
            String name = node.get("name").asText();
            String xml = Files.readString(FIXTURES.resolve(node.get("file").asText()));
            for (JsonNode replacement : node.get("replace")) {
                String from = replacement.get(0).asText();
                int at = xml.indexOf(from);
                assertThat(at).as("%s: replaced text is in %s", name, node.get("file").asText()).isNotNegative();
                xml = xml.substring(0, at) + replacement.get(1).asText() + xml.substring(at + from.length());
            }
            List<SagaFinding> expected = new ArrayList<>();
            for (JsonNode finding : node.get("expect")) {
                expected.add(new SagaFinding(rule(finding.get("rule").asText()), finding.get("id").asText(), finding.get("message").asText()));
            }
            cases.add(Arguments.of(new Case(name, xml, expected)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsWhatTheBpmnlintPluginFinds(Case testCase) {
        List<SagaFinding> findings = SagaRules.check(Bpmn.readModelFromStream(new ByteArrayInputStream(testCase.xml().getBytes(StandardCharsets.UTF_8))));

        for (SagaRule rule : SagaRule.values()) {
            assertThat(findings.stream().filter(f -> f.rule() == rule).toList())
                    .as("%s: findings of %s", testCase.name(), rule.ruleName())
                    .containsExactlyElementsOf(testCase.expected().stream().filter(f -> f.rule() == rule).toList());
        }
    }

    @Test
    void theSharedCasesCoverEveryRuleWithValidAndInvalidModels() throws IOException {
        List<Case> cases = cases().map(arguments -> (Case) arguments.get()[0]).toList();

        assertThat(cases).anyMatch(c -> c.xml().contains("id=\"order-process\"") && c.expected().isEmpty());
        assertThat(cases).anyMatch(c -> c.xml().contains("id=\"trip-booking\"") && c.expected().isEmpty());
        for (SagaRule rule : SagaRule.values()) {
            assertThat(cases).as("a case breaking %s", rule.ruleName()).anyMatch(c -> c.expected().stream().anyMatch(f -> f.rule() == rule));
        }
    }

    @Test
    void theModelsOfThisApplicationPass() throws IOException {
        try (Stream<Path> models = Files.list(Path.of("processes"))) {
            for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
                assertThat(SagaRules.check(Bpmn.readModelFromFile(model.toFile()))).as(model.toString()).isEmpty();
            }
        }
    }

    private static SagaRule rule(String name) {
        return Stream.of(SagaRule.values()).filter(r -> r.ruleName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no saga rule " + name));
    }
}
