package dev.autogen.schema;

import java.util.Objects;

/** A check constraint; {@code expression} is the condition as PostgreSQL prints it, without CHECK. */
public record CheckConstraint(String name, String expression) implements Constraint {
    public CheckConstraint {
        Objects.requireNonNull(expression, "expression");
    }

    @Override
    public CheckConstraint withName(String name) {
        return new CheckConstraint(name, expression);
    }

    @Override
    public boolean sameMeaning(Constraint other) {
        return other instanceof CheckConstraint c && c.expression.equals(expression);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitCheckConstraint(this);
    }

    @Override
    public String kind() {
        return "check constraint";
    }
}
