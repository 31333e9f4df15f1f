package dev.ordersaga.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * An Elasticsearch API key (the base64 {@code encoded} value Elasticsearch returns when it creates one),
 * sent as {@code Authorization: ApiKey ...}: the alternative to {@code spring.elasticsearch.username} and
 * {@code password}. Empty means none.
 *
 * @param apiKey the encoded API key
 */
@ConfigurationProperties("order-saga.elasticsearch")
public record ElasticsearchApiKeyProperties(String apiKey) {

    boolean present() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** Never the key itself: a record's toString could end up in a log. */
    @Override
    public String toString() {
        return "ElasticsearchApiKeyProperties[apiKey=" + (present() ? "******" : "none") + "]";
    }
}
