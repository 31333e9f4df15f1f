/**
 * The saga rules, checked on the BPMN models before they are deployed. {@link dev.ordersaga.model.SagaRules}
 * is the Java twin of the bpmnlint plugin {@code tools/bpmnlint-plugin-order-saga} (which the build, the
 * CLI and Camunda Modeler run): the same five rules, reasoning over the model's structure, with the same
 * findings; the shared cases in that plugin's {@code test/fixtures/cases.json} are checked against both.
 * {@link dev.ordersaga.model.SagaModelCheck} refuses a model that breaks a rule at start-up. This package
 * owns the rules, nothing else: it depends on no other package of the application.
 */
package dev.ordersaga.model;
