/**
 * Orders: the REST API that places and reads them, request validation, the start of the saga (a
 * message to the process's start event, deduplicated by order id), and the {@code order-state} job
 * worker that publishes each business state the process passes. It knows the process only by its
 * message name and job type, and no participant.
 */
package dev.ordersaga.order;
