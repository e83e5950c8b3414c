package dev.autogen.schema;

import java.util.List;

/** A unique constraint; {@code isNullsNotDistinct} makes NULLs count as equal (PostgreSQL 15). */
public record UniqueConstraint(String name, List<String> columns, boolean isNullsNotDistinct) implements Constraint {
    public UniqueConstraint {
        columns = List.copyOf(columns);
    }

    public UniqueConstraint(String name, List<String> columns) {
        this(name, columns, false);
    }

    public UniqueConstraint nullsNotDistinct() {
        return new UniqueConstraint(name, columns, true);
    }

    @Override
    public UniqueConstraint withName(String name) {
        return new UniqueConstraint(name, columns, isNullsNotDistinct);
    }

    @Override
    public boolean sameMeaning(Constraint other) {
        return other instanceof UniqueConstraint u && u.columns.equals(columns) && u.isNullsNotDistinct == isNullsNotDistinct;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitUniqueConstraint(this);
    }

    @Override
    public String kind() {
        return "unique constraint";
    }
}
