package dev.autogen.schema;

/** What a CREATE TABLE statement lists between its parentheses: columns and table constraints. */
public sealed interface TableElement extends java.io.Serializable permits Column, Constraint {
    String name();
}
