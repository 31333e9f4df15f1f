package dev.ordersaga;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The formatting rules of {@code .editorconfig}, checked rather than silently rewritten: UTF-8, LF line
 * ends, a final newline, no trailing white space, spaces not tabs, and Java lines of at most 160 characters.
 */
class SourceFormatTest {

    private static final Set<String> CHECKED = Set.of(".java", ".xml", ".bpmn", ".yml", ".yaml", ".json", ".md", ".properties", ".mjs", ".sh",
            ".tpl", ".txt");
    private static final List<String> ROOTS = List.of("src", "processes", "connectors", "helm", "tools", "docs", "README.md", "pom.xml",
            "docker-compose.yml", "Dockerfile", ".ci", ".editorconfig");
    private static final int MAX_JAVA_LINE = 160;

    @Test
    void everySourceFileFollowsTheEditorConfig() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String root : ROOTS) {
            Path path = Path.of(root);
            if (!Files.exists(path)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file : files.filter(Files::isRegularFile).filter(SourceFormatTest::checked).toList()) {
                    check(file, problems);
                }
            }
        }
        assertThat(problems).as("formatting problems (see .editorconfig)").isEmpty();
    }

    private static boolean checked(Path file) {
        String name = file.getFileName().toString();
        String path = file.toString();
        if (path.contains("node_modules") || path.contains("/target/") || name.equals("package-lock.json")) {
            return false;
        }
        return name.equals("Dockerfile") || name.equals("run") || name.equals(".editorconfig") || CHECKED.stream().anyMatch(name::endsWith);
    }

    private static void check(Path file, List<String> problems) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(file + ": not UTF-8");
            return;
        }
        if (text.isEmpty()) {
            return;
        }
        if (text.contains("\r")) {
            problems.add(file + ": CR line ends (use LF)");
        }
        if (!text.endsWith("\n")) {
            problems.add(file + ": no final newline");
        }
        boolean markdown = file.toString().endsWith(".md");
        boolean java = file.toString().endsWith(".java");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!markdown && !line.isEmpty() && Character.isWhitespace(line.charAt(line.length() - 1))) {
                problems.add(file + ":" + (i + 1) + ": trailing white space");
            }
            if (java && line.indexOf('\t') >= 0) {
                problems.add(file + ":" + (i + 1) + ": tab");
            }
            if (java && line.length() > MAX_JAVA_LINE) {
                problems.add(file + ":" + (i + 1) + ": " + line.length() + " characters (at most " + MAX_JAVA_LINE + ")");
            }
        }
    }
}
