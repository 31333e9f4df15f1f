package dev.ordersaga.support;

import dev.ordersaga.bridge.BridgeProperties;
import dev.ordersaga.messaging.MessagingProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

/** What unit tests that build the saga's components by hand share: their settings, and a port to fail against. */
public final class UnitTestSettings {

    /** The bridge's settings, with the step catalog read from the BPMN in {@code processes/}. */
    public static final BridgeProperties BRIDGE = new BridgeProperties("order-saga-bridge", 2, "file:processes/*.bpmn", 5,
            Duration.ofSeconds(1), Duration.ofMinutes(1));
    public static final MessagingProperties MESSAGING = new MessagingProperties(6, (short) 1, "order-saga-dlt", "order-state",
            Duration.ofMillis(250));

    private UnitTestSettings() {}

    /** A port of 127.0.0.1 nobody listens on (it was free a moment ago), for a client whose server is down. */
    public static int portNobodyListensOn() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }
}
