package dev.ordersaga.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reading YAML files of the repository (and of target/) as plain maps and lists. */
final class Yamls {

    private Yamls() {
    }

    static Path repositoryFile(String relative) {
        Path path = Path.of(relative);
        assertThat(path).as("%s (tests run from the repository root)", relative).isRegularFile();
        return path;
    }

    /** Every non-empty document of a (multi-document) YAML file. */
    static List<Map<String, Object>> documents(Path path) {
        var documents = new ArrayList<Map<String, Object>>();
        for (Object document : yaml().loadAll(read(path))) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return documents;
    }

    static Map<String, Object> document(Path path) {
        return map(yaml().load(read(path)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).as("a YAML mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        assertThat(value).as("a YAML sequence").isInstanceOf(List.class);
        return (List<Object>) value;
    }

    /** The value at a dotted path of nested mappings, e.g. {@code spec.template.spec}; fails if absent. */
    static Object at(Map<String, Object> root, String dottedPath) {
        Object current = root;
        for (String key : dottedPath.split("\\.")) {
            Map<String, Object> map = map(current);
            assertThat(map).as("key '%s' of '%s'", key, dottedPath).containsKey(key);
            current = map.get(key);
        }
        return current;
    }

    static Map<String, Object> mapAt(Map<String, Object> root, String dottedPath) {
        return map(at(root, dottedPath));
    }

    static String string(Object value) {
        return Objects.toString(value, null);
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
