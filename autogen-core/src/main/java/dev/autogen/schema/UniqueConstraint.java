package dev.autogen.schema;

import java.util.List;

public record UniqueConstraint(String name, List<String> columns) implements Constraint {
    public UniqueConstraint {
        columns = List.copyOf(columns);
    }

    @Override
    public UniqueConstraint withName(String name) {
        return new UniqueConstraint(name, columns);
    }

    @Override
    public boolean sameMeaning(Constraint other) {
        return other instanceof UniqueConstraint u && u.columns.equals(columns);
    }

    @Override
    public String kind() {
        return "unique constraint";
    }
}
