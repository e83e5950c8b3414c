package dev.autogen.spring.bookshop.migrations;

import dev.autogen.script.Migration;
import dev.autogen.script.Operations;
import dev.autogen.script.Revision;

import static dev.autogen.script.Definitions.column;
import static dev.autogen.script.Definitions.primaryKey;

@Revision(id = "b00c5a000001", parent = "", message = "create books", created = "2026-11-22T07:00:00Z")
public class M20261122_070000_CreateBooks implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.createTable("public", "books",
                column("id", "bigint").notNull(),
                column("title", "character varying(200)"),
                primaryKey("books_pkey", "id"));
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("public", "books");
    }
}
