package dev.autogen.testing;

/** The Java text of a migration, as revision writes one, for tests that compile their own. */
public final class MigrationTexts {

    private MigrationTexts() {
    }

    public static String migration(String packageName, String className, String id, String parent, String upgrade, String downgrade) {
        return """
                package %s;

                import dev.autogen.script.Migration;
                import dev.autogen.script.Operations;
                import dev.autogen.script.Revision;

                import static dev.autogen.script.Definitions.column;
                import static dev.autogen.script.Definitions.primaryKey;

                @Revision(id = "%s", parent = "%s", message = "%s", created = "2026-11-22T07:00:00Z")
                public class %s implements Migration {

                    @Override
                    public void upgrade(Operations op) {
                        %s
                    }

                    @Override
                    public void downgrade(Operations op) {
                        %s
                    }
                }
                """.formatted(packageName, id, parent, className, className, upgrade, downgrade);
    }

    /** Creates table books (id, title). */
    public static String createBooks(String packageName, String className, String id) {
        return migration(packageName, className, id, "",
                "op.createTable(\"public\", \"books\", column(\"id\", \"bigint\").notNull(), "
                        + "column(\"title\", \"character varying(200)\"), primaryKey(\"books_pkey\", \"id\"));",
                "op.dropTable(\"public\", \"books\");");
    }

    /** Adds books.isbn. */
    public static String addIsbn(String packageName, String className, String id, String parent) {
        return migration(packageName, className, id, parent,
                "op.addColumn(\"public\", \"books\", column(\"isbn\", \"character varying(13)\"));",
                "op.dropColumn(\"public\", \"books\", \"isbn\");");
    }
}
