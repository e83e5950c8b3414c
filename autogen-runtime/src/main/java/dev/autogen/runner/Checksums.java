package dev.autogen.runner;

import dev.autogen.change.Change;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checksum of what a migration does: SHA-256 of a canonical text of its upgrade and downgrade
 * steps, the same {@link Change} values the runner turns into SQL. Neither the Java text (a
 * reformatted file or an edited comment keeps its checksum) nor the SQL form the runner chooses
 * enters it. A component that is null is left out, so a new optional argument of a step leaves the
 * checksums of the migrations that do not use it as they were.
 */
public final class Checksums {

    private Checksums() {
    }

    public static String of(List<Change> upgrade, List<Change> downgrade) {
        StringBuilder text = new StringBuilder("upgrade");
        canonical(upgrade, text);
        text.append("\ndowngrade");
        canonical(downgrade, text);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The canonical text of a value: records by kind and named components, strings quoted, maps by key. */
    static void canonical(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence text) {
            quote(text.toString(), out);
        } else if (value instanceof Enum<?> constant) {
            out.append(constant.name());
        } else if (value instanceof Record record) {
            out.append(record.getClass().getSimpleName()).append('(');
            boolean first = true;
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                Object part = read(component, record);
                if (part == null) {
                    continue;
                }
                out.append(first ? "" : ", ").append(component.getName()).append('=');
                canonical(part, out);
                first = false;
            }
            out.append(')');
        } else if (value instanceof Map<?, ?> map) {
            TreeMap<String, String> sorted = new TreeMap<>();
            map.forEach((key, entry) -> sorted.put(text(key), text(entry)));
            out.append('{');
            sorted.forEach((key, entry) -> out.append(key).append('=').append(entry).append(';'));
            out.append('}');
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                out.append(first ? "" : ", ");
                canonical(item, out);
                first = false;
            }
            out.append(']');
        } else {
            // numbers and booleans
            out.append(value);
        }
    }

    private static String text(Object value) {
        StringBuilder out = new StringBuilder();
        canonical(value, out);
        return out.toString();
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " of " + record.getClass().getName(), e);
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }
}
