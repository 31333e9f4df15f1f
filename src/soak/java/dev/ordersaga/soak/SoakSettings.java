package dev.ordersaga.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The soak's knobs, from the {@code soak.*} system properties the {@code soak} Maven profile passes on (defaults there and
 * here).
 *
 * @param orders orders placed ({@code soak.orders}, default 10,000)
 * @param rate orders placed per second, a steady open loop ({@code soak.rate}, default 8)
 * @param killEvery the time between two {@code kill -9} of an application instance ({@code soak.killEvery}, seconds, default 60)
 * @param instances application instances ({@code soak.instances}, default 2, at least 2)
 * @param jar the application's jar, started with {@code java -jar} ({@code soak.jar})
 * @param classPath the class path of the infrastructure launcher ({@code soak.classpath})
 * @param directory where logs, the report and its chart go ({@code target/soak})
 */
public record SoakSettings(int orders, double rate, Duration killEvery, int instances, Path jar, String classPath, Path directory) {

    public SoakSettings {
        if (orders < 1 || rate <= 0 || instances < 2 || killEvery.toSeconds() < 20) {
            throw new IllegalArgumentException("soak.orders >= 1, soak.rate > 0, soak.instances >= 2 and soak.killEvery >= 20 s; got " + orders
                    + ", " + rate + ", " + instances + ", " + killEvery);
        }
    }

    static SoakSettings from(Properties properties) {
        String jar = properties.getProperty("soak.jar");
        String classPath = properties.getProperty("soak.classpath");
        if (jar == null || classPath == null) {
            throw new IllegalArgumentException("soak.jar and soak.classpath are set by the soak profile: run ./mvnw -Psoak verify");
        }
        return new SoakSettings(Integer.parseInt(properties.getProperty("soak.orders", "10000")),
                Double.parseDouble(properties.getProperty("soak.rate", "8")),
                Duration.ofSeconds(Long.parseLong(properties.getProperty("soak.killEvery", "60"))),
                Integer.parseInt(properties.getProperty("soak.instances", "2")), Path.of(jar), classPath, Path.of("target", "soak"));
    }

    /** How long placing the orders takes at the rate. */
    Duration loadDuration() {
        return Duration.ofMillis((long) Math.ceil(orders * 1000.0 / rate));
    }
}
