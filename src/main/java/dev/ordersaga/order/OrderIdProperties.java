package dev.ordersaga.order;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How order ids are signed ({@link OrderIds}).
 *
 * @param key the secret every instance signs order ids with, at least 32 characters; when it is not set, the instances
 *     share a random key through {@code keyTopic}: the first record of that topic, written by the first instance that
 *     found it empty
 * @param keyTopic the compacted single-partition topic that holds the shared key when none is configured
 */
@ConfigurationProperties("order-saga.order.ids")
public record OrderIdProperties(String key, @DefaultValue("order-saga-order-id-keys") String keyTopic) {

    static final int MIN_KEY_LENGTH = 32;

    public OrderIdProperties {
        if (key != null && !key.isBlank() && key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("order-saga.order.ids.key must be at least " + MIN_KEY_LENGTH + " characters, is " + key.length());
        }
    }

    /** Whether a key is configured (else the shared one of {@link #keyTopic()} is used). */
    public boolean keyConfigured() {
        return key != null && !key.isBlank();
    }
}
