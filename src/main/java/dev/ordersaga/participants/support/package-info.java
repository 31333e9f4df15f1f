/**
 * What every participant shares: the registration of each {@link dev.ordersaga.participants.support.CommandHandler} with its
 * settings and listener ({@link dev.ordersaga.participants.support.ParticipantsConfiguration}), the way from a command to
 * its reply ({@link dev.ordersaga.participants.support.Participant}, {@link dev.ordersaga.participants.support.ParticipantListeners}),
 * injected {@link dev.ordersaga.participants.support.Faults} and the admin endpoint. A command that cannot be read, of an
 * unknown type or with a payload that does not fit is malformed: the shared error handler parks it on the dead-letter topic.
 */
package dev.ordersaga.participants.support;
