package dev.ordersaga.model;

import java.util.Locale;

/** The saga rules, named as in the bpmnlint plugin {@code order-saga} (its {@code docs/rules/NAME.md}). */
public enum SagaRule {
    /** Every forward step before the pivot that changes the world has a compensation that sends a command. */
    COMPENSATED_STEPS,
    /** The compensations are thrown in the reverse order of their forward steps, on every failure path. */
    REVERSE_COMPENSATION,
    /** The pivot is marked, and no step after it is compensatable or can fail. */
    MARKED_PIVOT,
    /** Deadlines, caught failure events, and failure paths that end in a failed end. */
    DEADLINES_AND_FAILURES,
    /** The bridge's task headers and the project's element templates on every saga task. */
    BRIDGE_TASK;

    /** The rule's bpmnlint name, e.g. {@code compensated-steps}. */
    public String ruleName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** As bpmnlint names it in a configuration, e.g. {@code order-saga/compensated-steps}. */
    public String qualifiedName() {
        return "order-saga/" + ruleName();
    }
}
