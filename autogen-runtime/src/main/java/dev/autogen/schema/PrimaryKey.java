package dev.autogen.schema;

import java.util.List;

public record PrimaryKey(String name, List<String> columns) implements Constraint {
    public PrimaryKey {
        columns = List.copyOf(columns);
    }

    @Override
    public PrimaryKey withName(String name) {
        return new PrimaryKey(name, columns);
    }

    @Override
    public boolean sameMeaning(Constraint other) {
        return other instanceof PrimaryKey pk && pk.columns.equals(columns);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitPrimaryKey(this);
    }

    @Override
    public String kind() {
        return "primary key";
    }
}
