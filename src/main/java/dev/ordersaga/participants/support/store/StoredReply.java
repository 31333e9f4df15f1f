package dev.ordersaga.participants.support.store;

import java.util.Map;

/**
 * A reply exactly as it is sent to Kafka, kept with the command it answers so that every send of it is identical.
 *
 * @param headers header name to value (UTF-8 text)
 */
public record StoredReply(String topic, String key, String value, Map<String, String> headers) {

    public StoredReply {
        headers = Map.copyOf(headers);
    }
}
