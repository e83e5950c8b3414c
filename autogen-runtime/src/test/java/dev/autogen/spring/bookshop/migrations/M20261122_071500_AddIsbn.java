package dev.autogen.spring.bookshop.migrations;

import dev.autogen.script.Migration;
import dev.autogen.script.Operations;
import dev.autogen.script.Revision;

import static dev.autogen.script.Definitions.column;

@Revision(id = "b00c5a000002", parent = "b00c5a000001", message = "add isbn", created = "2026-11-22T07:15:00Z")
public class M20261122_071500_AddIsbn implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.addColumn("public", "books", column("isbn", "character varying(13)"));
    }

    @Override
    public void downgrade(Operations op) {
        op.dropColumn("public", "books", "isbn");
    }
}
