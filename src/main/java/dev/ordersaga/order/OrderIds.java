package dev.ordersaga.order;

import dev.ordersaga.ConditionalOnSaga;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Order ids that say they were issued here: {@code <uuid>-<signature>}, the signature the first 96 bits of an HMAC-SHA256
 * of the UUID, in hex, under a key all instances share ({@link OrderIdKey}). {@code GET /orders/{id}} answers an order
 * that is not projected yet (its saga started, Elasticsearch has not written it) when the id carries a valid signature,
 * on whichever instance it is asked and without any write or read beyond the HMAC; an id that was never issued (unsigned,
 * forged) is unknown. A signed id does not prove the saga started: the id is made before the engine accepts the order,
 * and a client only learns it from the {@code 202} that follows the engine's acceptance.
 */
@ConditionalOnSaga
@Component
public class OrderIds {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_BYTES = 12;
    private static final int UUID_LENGTH = 36;
    private static final int LENGTH = UUID_LENGTH + 1 + 2 * SIGNATURE_BYTES;
    private static final long KEY_WAIT_SECONDS = 30;

    private final CompletableFuture<SecretKeySpec> key;

    @Autowired
    OrderIds(OrderIdKey key) {
        this(key.key());
    }

    private OrderIds(CompletableFuture<byte[]> key) {
        this.key = key.thenApply(bytes -> new SecretKeySpec(bytes, ALGORITHM));
    }

    /** Ids signed with this secret (e.g. a tool that places orders without the application's key). */
    public static OrderIds signedWith(byte[] secret) {
        return new OrderIds(CompletableFuture.completedFuture(secret.clone()));
    }

    /** Ids signed with a random key of their own: valid only for this object. */
    public static OrderIds withRandomKey() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return signedWith(secret);
    }

    /** A new, random order id. */
    public String next() {
        return signed(UUID.randomUUID());
    }

    /** The order id for a name: the same name always gives the same id. */
    public String derived(String name) {
        return signed(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether this id was issued with the shared key (its signature matches). */
    public boolean issued(String orderId) {
        if (orderId == null || orderId.length() != LENGTH || orderId.charAt(UUID_LENGTH) != '-') {
            return false;
        }
        String uuid = orderId.substring(0, UUID_LENGTH);
        byte[] signature;
        try {
            UUID.fromString(uuid);
            signature = HexFormat.of().parseHex(orderId, UUID_LENGTH + 1, LENGTH);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(signature, signature(uuid));
    }

    /** Whether the key is there (ids can be issued and checked without waiting). */
    public boolean ready() {
        return key.isDone() && !key.isCompletedExceptionally();
    }

    private String signed(UUID uuid) {
        String text = uuid.toString();
        return text + "-" + HexFormat.of().formatHex(signature(text));
    }

    private byte[] signature(String uuid) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key());
            byte[] full = mac.doFinal(("order-saga/order-id/" + uuid).getBytes(StandardCharsets.UTF_8));
            byte[] signature = new byte[SIGNATURE_BYTES];
            System.arraycopy(full, 0, signature, 0, SIGNATURE_BYTES);
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JVM cannot compute an " + ALGORITHM, e);
        }
    }

    private SecretKeySpec key() {
        try {
            return key.get(KEY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the key of order ids", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The key of order ids is not available (see the log of OrderIdKey)", e);
        }
    }
}
