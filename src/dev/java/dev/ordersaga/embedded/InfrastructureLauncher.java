package dev.ordersaga.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The embedded infrastructure alone, in a process of its own, for application instances started apart (e.g. with
 * {@code java -jar}, as the soak test starts them): the in-memory Zeebe engine, the KRaft broker and the participants'
 * PostgreSQL server, on free ports, and, with {@code --elasticsearch}, an Elasticsearch node as its child process. It
 * logs where each runs and writes the endpoints as Spring properties ({@code camunda.client.grpc-address},
 * {@code spring.kafka.bootstrap-servers}, {@code spring.datasource.url}, {@code spring.datasource.username},
 * {@code spring.elasticsearch.uris}) to the file named by {@code --endpoints=FILE}, then runs until its standard input
 * closes or it is stopped (SIGTERM, Ctrl-C), and stops them all. The engine keeps its state in memory: it is gone when
 * this process ends.
 *
 * <pre>
 * java -cp target/dev-classes:... dev.ordersaga.embedded.InfrastructureLauncher --endpoints=target/endpoints.properties
 * </pre>
 */
public final class InfrastructureLauncher {

    private static final Log log = LogFactory.getLog(InfrastructureLauncher.class);

    private InfrastructureLauncher() {}

    public static void main(String[] args) throws IOException {
        Path endpointsFile = null;
        boolean elasticsearch = false;
        for (String arg : args) {
            if (arg.startsWith("--endpoints=")) {
                endpointsFile = Path.of(arg.substring("--endpoints=".length()));
            } else if (arg.equals("--elasticsearch")) {
                elasticsearch = true;
            } else {
                throw new IllegalArgumentException("Unknown argument " + arg + "; expected --endpoints=FILE and optionally --elasticsearch");
            }
        }
        Map<String, String> endpoints = start(elasticsearch);
        String text = endpoints.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n"));
        log.info("Embedded infrastructure ready:\n" + text);
        if (endpointsFile != null) {
            Path absolute = endpointsFile.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            // Renamed into place: a reader polling for the file never sees half of it.
            Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        awaitEndOfInput(System.in);
        log.info("Standard input closed: stopping the embedded infrastructure");
        System.exit(0);
    }

    /** Starts each component on free ports; the endpoints as Spring properties. */
    static Map<String, String> start(boolean elasticsearch) {
        if (elasticsearch) {
            EmbeddedInfrastructure.launchElasticsearch();
        }
        var endpoints = new LinkedHashMap<String, String>();
        endpoints.put("camunda.client.grpc-address", EmbeddedInfrastructure.zeebe(false, log));
        endpoints.put("spring.kafka.bootstrap-servers", EmbeddedInfrastructure.kafka(false, log));
        endpoints.put("spring.datasource.url", EmbeddedInfrastructure.postgres(log));
        endpoints.put("spring.datasource.username", EmbeddedPostgres.USER);
        if (elasticsearch) {
            endpoints.put("spring.elasticsearch.uris", EmbeddedInfrastructure.elasticsearch(log));
        }
        return endpoints;
    }

    private static void awaitEndOfInput(InputStream in) throws IOException {
        while (in.read() >= 0) {
            // the parent may write anything; only the end counts
        }
    }
}
