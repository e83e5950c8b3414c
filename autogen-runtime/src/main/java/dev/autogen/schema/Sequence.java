package dev.autogen.schema;

/** A sequence with its options as PostgreSQL stores them in pg_sequence. */
public record Sequence(QualifiedName name, String type, long start, long increment, long minValue, long maxValue,
                       long cache, boolean cycles, ColumnRef ownedBy) implements java.io.Serializable {

    public Sequence(QualifiedName name, String type, long start, long increment, long minValue, long maxValue,
                    long cache, boolean cycles) {
        this(name, type, start, increment, minValue, maxValue, cache, cycles, null);
    }

    /** The same sequence owned by a column (dropped with it), or by nothing. */
    public Sequence ownedBy(ColumnRef owner) {
        return new Sequence(name, type, start, increment, minValue, maxValue, cache, cycles, owner);
    }

    public Sequence ownedBy(String schema, String table, String column) {
        return ownedBy(new ColumnRef(new QualifiedName(schema, table), column));
    }

    /** The options CREATE and ALTER SEQUENCE set, without the owner. */
    public Sequence options() {
        return ownedBy((ColumnRef) null);
    }

    /** A sequence as {@code CREATE SEQUENCE name} makes it: bigint, counting up from 1. */
    public static Sequence sequence(QualifiedName name) {
        return new Sequence(name, "bigint", 1, 1, 1, Long.MAX_VALUE, 1, false, null);
    }

    /** The same sequence as another type; bounds left at their defaults follow the type. */
    public Sequence as(String type) {
        return withTypeAndIncrement(type, increment);
    }

    /** The same sequence with another increment; bounds left at their defaults follow its direction. */
    public Sequence incrementBy(long increment) {
        return withTypeAndIncrement(type, increment);
    }

    public Sequence startWith(long start) {
        return new Sequence(name, type, start, increment, minValue, maxValue, cache, cycles, ownedBy);
    }

    public Sequence minValue(long minValue) {
        return new Sequence(name, type, start, increment, minValue, maxValue, cache, cycles, ownedBy);
    }

    public Sequence maxValue(long maxValue) {
        return new Sequence(name, type, start, increment, minValue, maxValue, cache, cycles, ownedBy);
    }

    public Sequence cache(long cache) {
        return new Sequence(name, type, start, increment, minValue, maxValue, cache, cycles, ownedBy);
    }

    public Sequence cycle() {
        return new Sequence(name, type, start, increment, minValue, maxValue, cache, true, ownedBy);
    }

    public Sequence withName(QualifiedName name) {
        return new Sequence(name, type, start, increment, minValue, maxValue, cache, cycles, ownedBy);
    }

    public boolean hasDefaultMinValue() {
        return minValue == defaultMin(type, increment);
    }

    public boolean hasDefaultMaxValue() {
        return maxValue == defaultMax(type, increment);
    }

    private Sequence withTypeAndIncrement(String newType, long newIncrement) {
        long min = hasDefaultMinValue() ? defaultMin(newType, newIncrement) : minValue;
        long max = hasDefaultMaxValue() ? defaultMax(newType, newIncrement) : maxValue;
        long newStart = start == (increment > 0 ? minValue : maxValue) ? (newIncrement > 0 ? min : max) : start;
        return new Sequence(name, newType, newStart, newIncrement, min, max, cache, cycles, ownedBy);
    }

    // PostgreSQL's defaults: ascending sequences run from 1 to the type's maximum, descending ones from -1 down
    static long defaultMin(String type, long increment) {
        return increment > 0 ? 1 : -typeMax(type) - 1;
    }

    static long defaultMax(String type, long increment) {
        return increment > 0 ? typeMax(type) : -1;
    }

    private static long typeMax(String type) {
        return switch (type) {
            case "smallint" -> Short.MAX_VALUE;
            case "integer" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }
}
