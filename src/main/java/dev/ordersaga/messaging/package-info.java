/**
 * The wire format shared by everything that talks over Kafka: the versioned JSON {@link
 * dev.ordersaga.messaging.Envelope}, the Kafka header names, W3C trace context and the codec. It knows
 * nothing of the process, the bridge or any participant; they all depend on it.
 */
package dev.ordersaga.messaging;
