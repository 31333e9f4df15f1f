package dev.ordersaga.model;

import dev.ordersaga.ProcessModels;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Checks the saga rules on the models about to be deployed: production has no Node.js, so this runs the
 * Java twin of the bpmnlint plugin ({@link SagaRules}). It logs which rules each model passes, and a model
 * that breaks a rule stops the start with the element, the rule and the plugin's message.
 */
@Component
public class SagaModelCheck {

    private static final Logger log = LoggerFactory.getLogger(SagaModelCheck.class);

    /**
     * Checks every BPMN model at the location pattern.
     *
     * @param locationPattern e.g. {@code classpath*:/processes/*.bpmn}
     * @throws SagaRulesBrokenException when a model breaks a rule, naming every finding
     */
    public void verify(String locationPattern) {
        Resource[] resources = ProcessModels.at(locationPattern);
        List<String> problems = Arrays.stream(resources).flatMap(resource -> check(resource).stream()).toList();
        if (!problems.isEmpty()) {
            throw new SagaRulesBrokenException("Refusing to deploy: " + problems.size() + " saga rule finding(s)\n  " + String.join("\n  ", problems));
        }
    }

    private List<String> check(Resource resource) {
        String name = resource.getFilename();
        List<SagaFinding> findings;
        try (InputStream in = resource.getInputStream()) {
            findings = SagaRules.check(Bpmn.readModelFromStream(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        var broken = findings.stream().map(SagaFinding::rule).collect(Collectors.toSet());
        List<String> passed = Arrays.stream(SagaRule.values()).filter(rule -> !broken.contains(rule)).map(SagaRule::ruleName).toList();
        if (broken.isEmpty()) {
            log.info("Saga rules passed by {}: {}", name, passed);
        } else {
            log.error("Saga rules of {}: passed {}, broken {}", name, passed,
                    Arrays.stream(SagaRule.values()).filter(broken::contains).map(SagaRule::ruleName).toList());
        }
        return findings.stream().map(finding -> name + " " + finding).toList();
    }

    /** A model breaks a saga rule: it must not be deployed. */
    public static class SagaRulesBrokenException extends IllegalStateException {
        public SagaRulesBrokenException(String message) {
            super(message);
        }
    }
}
