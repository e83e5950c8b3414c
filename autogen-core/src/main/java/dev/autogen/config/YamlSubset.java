package dev.autogen.config;

import dev.autogen.AutogenException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the part of YAML that Spring Boot configuration files use into Spring's flat property
 * names ({@code spring.jpa.properties.hibernate.default_schema}, {@code list[0]}): nested maps by
 * indentation, block and flow lists of scalars, plain, quoted and block ({@code |}, {@code >})
 * scalars, comments, and documents separated by {@code ---}. Anchors, tags and flow maps are not
 * read; a line it cannot read is an error naming the file and line, never a silent guess.
 */
public final class YamlSubset {

    private final String source;
    private final List<String> lines;
    private int index;

    private YamlSubset(String source, String text) {
        this.source = source;
        this.lines = text.replace("\r\n", "\n").replace('\r', '\n').lines().toList();
    }

    /** The documents of {@code text}, each as Spring's flat property names to values. */
    public static List<Map<String, String>> read(String source, String text) {
        return new YamlSubset(source, text).documents();
    }

    /** A map (keys at {@code indent}) or a list (dashes at {@code indent}) being read. */
    private static final class Level {
        int indent;
        final String prefix;
        final boolean list;
        int next;

        Level(int indent, String prefix, boolean list) {
            this.indent = indent;
            this.prefix = prefix;
            this.list = list;
        }
    }

    private List<Map<String, String>> documents() {
        List<Map<String, String>> documents = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        Deque<Level> levels = new ArrayDeque<>();
        levels.push(new Level(-1, "", false));
        boolean any = false;
        for (index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            if (line.startsWith("---") || line.startsWith("...")) {
                if (any || line.startsWith("---") && index > 0) {
                    documents.add(current);
                }
                current = new LinkedHashMap<>();
                levels.clear();
                levels.push(new Level(-1, "", false));
                any = false;
                continue;
            }
            String content = stripComment(line);
            if (content.isBlank()) {
                continue;
            }
            any = true;
            int indent = indentOf(content);
            if (content.charAt(indent) == '\t') {
                throw error("tabs are not allowed for indentation");
            }
            String body = content.strip();
            boolean item = isItem(body);
            while (levels.size() > 1 && (levels.peek().indent > indent
                    || levels.peek().indent == indent && levels.peek().list && !item)) {
                levels.pop();
            }
            Level level = levels.peek();
            if (level.indent < 0) {
                level.indent = indent;
            }
            if (level.indent != indent) {
                throw error("unexpected indentation");
            }
            if (item) {
                if (!level.list) {
                    throw error("a list item where a key was expected");
                }
                String key = level.prefix + "[" + level.next++ + "]";
                String rest = body.equals("-") ? "" : body.substring(2).strip();
                if (!rest.isEmpty() && keyEnd(rest) > 0) {
                    // a map inside a list item: its keys line up with the first one
                    Level map = new Level(indent + body.indexOf(rest), key, false);
                    levels.push(map);
                    keyLine(rest, map, levels, current);
                } else {
                    current.put(key, rest.isEmpty() ? "" : scalar(rest, indent));
                }
            } else {
                if (level.list) {
                    throw error("a key where a list item was expected");
                }
                keyLine(body, level, levels, current);
            }
        }
        if (any || documents.isEmpty()) {
            documents.add(current);
        }
        return documents;
    }

    private static boolean isItem(String body) {
        return body.startsWith("- ") || body.equals("-");
    }

    private void keyLine(String body, Level level, Deque<Level> levels, Map<String, String> out) {
        int indent = level.indent;
        int colon = keyEnd(body);
        if (colon < 0) {
            throw error("expected \"key: value\"");
        }
        String key = join(level.prefix, unquoteKey(body.substring(0, colon).strip()));
        String value = body.substring(colon + 1).strip();
        if (value.isEmpty()) {
            int next = nextContentLine();
            int childIndent = next < 0 ? -1 : indentOf(lines.get(next));
            boolean list = next >= 0 && childIndent >= indent && isItem(stripComment(lines.get(next)).strip());
            if (list || childIndent > indent) {
                levels.push(new Level(childIndent, key, list));
            } else {
                out.put(key, "");
            }
        } else if (value.startsWith("[")) {
            List<String> items = flowList(value);
            for (int i = 0; i < items.size(); i++) {
                out.put(key + "[" + i + "]", items.get(i));
            }
        } else if (value.startsWith("{")) {
            if (!value.replace(" ", "").equals("{}")) {
                throw error("flow maps ({...}) are not read; write the keys on lines of their own");
            }
        } else if (value.startsWith("&") || value.startsWith("*") || value.startsWith("!")) {
            throw error("anchors, aliases and tags are not read");
        } else {
            out.put(key, scalar(value, indent));
        }
    }

    private String scalar(String value, int indent) {
        if (value.startsWith("|") || value.startsWith(">")) {
            return blockScalar(value, indent);
        }
        if (value.startsWith("\"")) {
            return doubleQuoted(value);
        }
        if (value.startsWith("'")) {
            return singleQuoted(value);
        }
        return value.equals("~") || value.equals("null") ? "" : value;
    }

    private String blockScalar(String header, int indent) {
        boolean literal = header.startsWith("|");
        boolean keep = header.contains("+");
        boolean strip = header.contains("-");
        List<String> block = new ArrayList<>();
        int blockIndent = -1;
        while (index + 1 < lines.size()) {
            String line = lines.get(index + 1);
            if (!line.isBlank() && indentOf(line) <= indent) {
                break;
            }
            index++;
            if (line.isBlank()) {
                block.add("");
                continue;
            }
            if (blockIndent < 0) {
                blockIndent = indentOf(line);
            }
            block.add(line.length() >= blockIndent ? line.substring(blockIndent) : line.strip());
        }
        int end = block.size();
        while (end > 0 && block.get(end - 1).isEmpty()) {
            end--;
        }
        List<String> text = block.subList(0, end);
        String joined;
        if (literal) {
            joined = String.join("\n", text);
        } else {
            StringBuilder folded = new StringBuilder();
            for (int i = 0; i < text.size(); i++) {
                String part = text.get(i);
                if (i > 0) {
                    folded.append(part.isEmpty() || text.get(i - 1).isEmpty() ? "\n" : " ");
                }
                folded.append(part);
            }
            joined = folded.toString().replace("\n ", "\n");
        }
        if (strip || joined.isEmpty()) {
            return joined;
        }
        return keep ? joined + "\n".repeat(block.size() - end + 1) : joined + "\n";
    }

    private String doubleQuoted(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\' && i + 1 < value.length()) {
                char e = value.charAt(++i);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '0' -> out.append('\0');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(value.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        throw error("unterminated double-quoted string");
    }

    private String singleQuoted(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') {
                if (i + 1 < value.length() && value.charAt(i + 1) == '\'') {
                    out.append('\'');
                    i++;
                    continue;
                }
                return out.toString();
            }
            out.append(c);
        }
        throw error("unterminated single-quoted string");
    }

    private List<String> flowList(String value) {
        if (!value.endsWith("]")) {
            throw error("a flow list must close on the same line");
        }
        String inner = value.substring(1, value.length() - 1).strip();
        List<String> items = new ArrayList<>();
        if (inner.isEmpty()) {
            return items;
        }
        StringBuilder item = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (quote != 0) {
                item.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                item.append(c);
            } else if (c == ',') {
                items.add(scalar(item.toString().strip(), 0));
                item.setLength(0);
            } else if (c == '[' || c == '{') {
                throw error("nested flow collections are not read");
            } else {
                item.append(c);
            }
        }
        items.add(scalar(item.toString().strip(), 0));
        return items;
    }

    /** The position of the colon that ends a key, outside quotes and followed by a space or the line end. */
    private static int keyEnd(String body) {
        char quote = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if ((c == '"' || c == '\'') && i == 0) {
                quote = c;
            } else if (c == ':' && (i + 1 == body.length() || body.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    private static String unquoteKey(String key) {
        if (key.length() >= 2 && (key.startsWith("\"") && key.endsWith("\"") || key.startsWith("'") && key.endsWith("'"))) {
            key = key.substring(1, key.length() - 1);
        }
        // Spring's map-key brackets keep dots inside one key: "[hibernate.format_sql]"
        if (key.startsWith("[") && key.endsWith("]")) {
            key = key.substring(1, key.length() - 1);
        }
        return key;
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    private int nextContentLine() {
        for (int i = index + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("---") || line.startsWith("...")) {
                return -1;
            }
            if (!stripComment(line).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** The line without a comment: # at its start or after a space, outside quotes. */
    static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                if (i == 0 || " :[,-".indexOf(line.charAt(i - 1)) >= 0) {
                    quote = c;
                }
            } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ')) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private AutogenException error(String what) {
        return new AutogenException(source + " line " + (index + 1) + ": " + what
                + " (autogen reads the YAML Spring Boot configuration files use); write it as application.properties instead");
    }
}
