/**
 * The generic bridge between BPMN service tasks and Kafka participants. A service task of job type
 * {@code saga-step} names, in its task headers, the command to send, the topic to send it to, the topic
 * its outcome comes back on, and which event types mean success or business failure; its input mapping
 * {@code commandPayload} is the command's body. The bridge sends the command and leaves the job open;
 * when the outcome event arrives, it completes the job, throws the BPMN error, or fails the job for a
 * retry. A new step is a BPMN edit, not Java code, and needs no restart: the step's headers travel with its
 * command and come back on the answer ({@link dev.ordersaga.bridge.StepHeader}), so an outcome is judged by
 * the model version its order runs on, whoever deployed it, and the topics of a step deployed later are
 * consumed from its first job ({@link dev.ordersaga.bridge.EventTopics}). The bridge knows no participant.
 */
package dev.ordersaga.bridge;
