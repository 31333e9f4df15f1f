/**
 * Plumbing shared by the reference participants, written once:
 *
 * <ul>
 *   <li>{@link dev.ordersaga.participants.support.ParticipantsConfiguration}: every {@link
 *       dev.ordersaga.participants.support.CommandHandler} bean becomes a {@link
 *       dev.ordersaga.participants.support.Participant} with its {@link
 *       dev.ordersaga.participants.support.ParticipantSettings} ({@code order-saga.participants.<name>.*}) and one
 *       listener container ({@link dev.ordersaga.participants.support.ParticipantListeners}).
 *   <li>{@link dev.ordersaga.participants.support.CommandReplier}: a batch of command records is read as
 *       envelopes, processed, and each reply is published to the participant's event topic (key = order
 *       id) with the command's {@code order-saga-*} headers echoed, the message type replaced and a
 *       child {@code traceparent}; the listener returns only after Kafka acknowledged the replies, so the
 *       commands' offsets are committed only once their answers are safe. A record that is
 *       not a valid envelope, has an unknown command type or a payload that does not fit the command is
 *       rejected with {@link dev.ordersaga.messaging.MalformedMessageException}, which the shared error
 *       handler parks on the dead-letter topic.
 *   <li>{@link dev.ordersaga.participants.support.Participant}: the pipeline of one participant —
 *       decoding (a command's type is its payload record's name), injected faults, then one database transaction
 *       per command ({@link dev.ordersaga.participants.support.store.ParticipantStore#handle}): deduplication by
 *       command id in the inbox (a business outcome is recorded with its reply exactly as sent, and re-sent unchanged
 *       for the same command id; a {@code CommandFailed} is not recorded, so a retry executes again),
 *       then the participant's {@link dev.ordersaga.participants.support.CommandHandler}. An exception
 *       of the handler is answered with {@link dev.ordersaga.participants.support.CommandFailed}.
 *   <li>{@link dev.ordersaga.participants.support.ParticipantsController}: the admin endpoint {@code
 *       /participants} (list, stop/start a participant's listener, set or clear injected faults).
 * </ul>
 *
 * <p><b>Fault injection</b> ({@code PUT /participants/{name}/faults}) is a documented demo feature:
 * {@code delay} holds every new command that long before it is applied (the listener thread sleeps, so
 * the other partitions served by the same thread wait too, those of the participant's other threads do
 * not; a command whose outcome is recorded is re-answered without delay); {@code technicalFailureRate}
 * answers {@code CommandFailed} at random; {@code businessFailureRate} answers the step's failure event
 * at random, for forward commands only. The delay is capped at {@link
 * dev.ordersaga.participants.support.Faults#MAX_DELAY} and a batch is held once, so a held batch never exceeds the
 * consumer's {@code max.poll.interval.ms}.
 *
 * <p><b>Halt points</b> ({@link dev.ordersaga.participants.support.HaltPoints}, {@code
 * order-saga.participants.<name>.fault.halt-before-commit} / {@code halt-after-commit}, set at start, off by default) are
 * for crash tests only: the process halts as after {@code kill -9} at the Nth command it applies, before its commit or
 * between its commit and its reply.
 *
 * <p>The participants' state, their handled commands with their replies, the replies still to send and their ledgers
 * are in their database ({@link dev.ordersaga.participants.support.store}); only the injected faults are in memory.
 */
package dev.ordersaga.participants.support;
