package dev.ordersaga.messaging;

/** A message that can never be processed, however often it is retried: it belongs on the dead-letter topic. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
