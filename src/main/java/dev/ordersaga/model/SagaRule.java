package dev.ordersaga.model;

/** The saga rules, named as in the bpmnlint plugin {@code order-saga} (its {@code docs/rules/NAME.md}). */
public enum SagaRule {
    /** Every forward step before the pivot that changes the world has a compensation that sends a command. */
    COMPENSATED_STEPS("compensated-steps"),
    /** The compensations are thrown in the reverse order of their forward steps, on every failure path. */
    REVERSE_COMPENSATION("reverse-compensation"),
    /** The pivot is marked, and no step after it is compensatable or can fail. */
    MARKED_PIVOT("marked-pivot"),
    /** Deadlines, caught failure events, and failure paths that end in a failed end. */
    DEADLINES_AND_FAILURES("deadlines-and-failures"),
    /** The bridge's task headers and the project's element templates on every saga task. */
    BRIDGE_TASK("bridge-task");

    private final String ruleName;

    SagaRule(String ruleName) {
        this.ruleName = ruleName;
    }

    /** The rule's bpmnlint name, e.g. {@code compensated-steps}. */
    public String ruleName() {
        return ruleName;
    }

    /** As bpmnlint names it in a configuration, e.g. {@code order-saga/compensated-steps}. */
    public String qualifiedName() {
        return "order-saga/" + ruleName;
    }
}
