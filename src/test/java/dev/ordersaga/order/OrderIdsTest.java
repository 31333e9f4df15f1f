package dev.ordersaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Order ids carry the signature of the instances that issue them; anything else is not an order id of theirs. */
class OrderIdsTest {

    private final OrderIds ids = OrderIds.signedWith("the key every instance of this test shares".getBytes(StandardCharsets.UTF_8));
    private final OrderIds sameKey = OrderIds.signedWith("the key every instance of this test shares".getBytes(StandardCharsets.UTF_8));

    @Test
    void anIdIssuedByOneInstanceIsRecognisedByEveryInstanceWithTheSameKey() {
        String id = ids.next();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{24}");
        assertThat(ids.issued(id)).isTrue();
        assertThat(sameKey.issued(id)).isTrue();
        assertThat(ids.next()).isNotEqualTo(id);
    }

    @Test
    void aDerivedIdIsTheSameForTheSameNameAndSigned() {
        assertThat(ids.derived("key-1")).isEqualTo(sameKey.derived("key-1")).isNotEqualTo(ids.derived("key-2"));
        assertThat(ids.issued(ids.derived("key-1"))).isTrue();
    }

    @Test
    void unsignedForgedOrForeignIdsWereNeverIssued() {
        String id = ids.next();
        char last = id.charAt(id.length() - 1);
        String forged = id.substring(0, id.length() - 1) + (last == '0' ? '1' : '0');
        String otherUuid = UUID.randomUUID() + id.substring(36);
        assertThat(ids.issued(forged)).as("one digit of the signature changed").isFalse();
        assertThat(ids.issued(otherUuid)).as("another UUID with this signature").isFalse();
        assertThat(ids.issued(UUID.randomUUID().toString())).as("a bare UUID").isFalse();
        assertThat(ids.issued(OrderIds.withRandomKey().next())).as("signed with another key").isFalse();
        assertThat(ids.issued(id.toUpperCase())).isFalse();
        assertThat(ids.issued(id + "0")).isFalse();
        assertThat(ids.issued("no-such-order")).isFalse();
        assertThat(ids.issued("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz-" + id.substring(37))).isFalse();
        assertThat(ids.issued(null)).isFalse();
    }

    @Test
    void aConfiguredKeyIsLongEnough() {
        assertThatThrownBy(() -> new OrderIdProperties("short", "order-saga-order-id-keys")).hasMessageContaining("at least 32 characters");
        assertThat(new OrderIdProperties(null, "order-saga-order-id-keys").keyConfigured()).isFalse();
        assertThat(new OrderIdProperties("x".repeat(32), "order-saga-order-id-keys").keyConfigured()).isTrue();
    }
}
