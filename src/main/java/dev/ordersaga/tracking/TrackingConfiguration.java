package dev.ordersaga.tracking;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersaga.ConditionalOnSaga;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Elasticsearch JSON mapping of the documents, shared by the projection, the queries and the idempotency keys. */
@ConditionalOnSaga
@Configuration(proxyBeanMethods = false)
class TrackingConfiguration {

    /**
     * Documents are (de)serialised with the application's Jackson settings (java.time as ISO-8601 text, no
     * nulls) instead of the client's bare default mapper.
     */
    @Bean
    JsonpMapper elasticsearchJsonpMapper(ObjectMapper mapper) {
        return new JacksonJsonpMapper(mapper.copy());
    }
}
