package dev.ordersaga.participants.support.store;

import java.util.Map;

/** A reply exactly as it is sent to Kafka, kept with its command so that every send of it is identical. */
public record StoredReply(String topic, String key, String value, Map<String, String> headers) {

    public StoredReply {
        headers = Map.copyOf(headers);
    }
}
