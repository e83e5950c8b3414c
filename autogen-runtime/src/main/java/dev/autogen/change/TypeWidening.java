package dev.autogen.change;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells whether a column type change keeps every value (widens), can cut values (narrows), or
 * converts between families. Types are compared as PostgreSQL prints them; anything not known to
 * widen is treated as a conversion, so the hazard is never missed.
 */
final class TypeWidening {

    enum Result { WIDENS, NARROWS, CONVERTS }

    private static final Pattern TYPE = Pattern.compile("([a-z ]+?)(?:\\((\\d+)(?:,(\\d+))?\\))?( with(?:out)? time zone)?");
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");
    private static final List<String> FLOATS = List.of("real", "double precision");
    private static final List<String> TEXTS = List.of("character", "character varying", "text");

    private TypeWidening() {
    }

    static Result compare(String from, String to) {
        if (from.endsWith("[]") || to.endsWith("[]")) {
            return from.endsWith("[]") && to.endsWith("[]")
                    ? compare(from.substring(0, from.length() - 2), to.substring(0, to.length() - 2))
                    : Result.CONVERTS;
        }
        Matcher f = TYPE.matcher(from);
        Matcher t = TYPE.matcher(to);
        if (!f.matches() || !t.matches()) {
            return Result.CONVERTS;
        }
        String fromBase = f.group(1);
        String toBase = t.group(1);
        Long fromLength = number(f.group(2));
        Long toLength = number(t.group(2));

        if (INTEGERS.contains(fromBase) && INTEGERS.contains(toBase)) {
            return order(INTEGERS.indexOf(fromBase), INTEGERS.indexOf(toBase));
        }
        if (FLOATS.contains(fromBase) && FLOATS.contains(toBase)) {
            return order(FLOATS.indexOf(fromBase), FLOATS.indexOf(toBase));
        }
        if (INTEGERS.contains(fromBase) && toBase.equals("numeric")) {
            return toLength == null ? Result.WIDENS : Result.CONVERTS;
        }
        if (TEXTS.contains(fromBase) && TEXTS.contains(toBase)) {
            if (toBase.equals("text") || (toBase.equals("character varying") && toLength == null)) {
                return Result.WIDENS;
            }
            if (fromBase.equals("text") || fromLength == null) {
                return Result.NARROWS;
            }
            // char(n) pads with blanks, so only varchar-to-varchar is a pure widening
            if (fromBase.equals(toBase) || toBase.equals("character varying")) {
                return toLength >= fromLength ? Result.WIDENS : Result.NARROWS;
            }
            return Result.CONVERTS;
        }
        if (fromBase.equals("numeric") && toBase.equals("numeric")) {
            if (toLength == null) {
                return Result.WIDENS;
            }
            if (fromLength == null) {
                return Result.NARROWS;
            }
            long fromScale = number(f.group(3)) == null ? 0 : number(f.group(3));
            long toScale = number(t.group(3)) == null ? 0 : number(t.group(3));
            return toScale >= fromScale && toLength - toScale >= fromLength - fromScale ? Result.WIDENS : Result.NARROWS;
        }
        boolean sameZone = java.util.Objects.equals(f.group(4), t.group(4));
        if (fromBase.equals(toBase) && sameZone && List.of("timestamp", "time", "bit varying").contains(fromBase)) {
            if (toLength == null) {
                return Result.WIDENS;
            }
            return fromLength != null && toLength >= fromLength ? Result.WIDENS : Result.NARROWS;
        }
        return Result.CONVERTS;
    }

    private static Result order(int from, int to) {
        return to >= from ? Result.WIDENS : Result.NARROWS;
    }

    private static Long number(String digits) {
        return digits == null ? null : Long.valueOf(digits);
    }
}
