package dev.autogen.render;

import dev.autogen.change.Change;
import dev.autogen.render.MigrationRenderer.MigrationSource;
import dev.autogen.schema.CheckConstraint;
import dev.autogen.schema.Column;
import dev.autogen.schema.Index;
import dev.autogen.schema.PrimaryKey;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Sequence;
import dev.autogen.schema.Table;
import dev.autogen.schema.UniqueConstraint;
import dev.autogen.script.Migration;
import dev.autogen.script.Operations;
import dev.autogen.testing.InMemoryCompiler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A migration of a thousand tables compiles: its steps go into private methods javac takes, in the same order. */
class LargeMigrationTest {

    private static final String PACKAGE = "dev.autogen.generated.large";

    private static List<Change> tables(int count) {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            QualifiedName name = new QualifiedName("public", String.format("e%04d", i));
            changes.add(new Change.CreateSequence(Sequence.sequence(new QualifiedName("public", name.name() + "_seq"))
                    .incrementBy(50)));
            List<Column> columns = new ArrayList<>(List.of(Column.column("id", "bigint").notNull(),
                    Column.column("name", "character varying(100)").notNull(), Column.column("code", "character varying(40)").notNull(),
                    Column.column("amount", "numeric(12,2)"), Column.column("quantity", "integer"),
                    Column.column("active", "boolean").notNull(), Column.column("created_at", "timestamp(6) without time zone").notNull(),
                    Column.column("valid_on", "date"), Column.column("status", "character varying(20)").notNull(),
                    Column.column("external_id", "uuid"), Column.column("parent_id", "bigint")));
            changes.add(new Change.CreateTable(new Table(name, columns, new PrimaryKey(name.name() + "_pkey", List.of("id")),
                    List.of(new UniqueConstraint("uk_" + name.name() + "_code", List.of("code"), false)),
                    List.of(new CheckConstraint(name.name() + "_status_check",
                            "status in ('NEW','ACTIVE','SUSPENDED','CLOSED')")), List.of(), List.of(), null)));
            changes.add(new Change.CreateIndex(name, Index.index("ix_" + name.name() + "_name", "name"), null));
        }
        return changes;
    }

    private static String render(String className, List<Change> changes) {
        return new MigrationRenderer(null).render(new MigrationSource(PACKAGE, className, "0123456789ab", null,
                "create model", "2026-11-22T07:00:00Z", changes));
    }

    @Test
    void aThousandTablesCompileAndRunInTheirOrder() throws Exception {
        List<Change> upgrade = tables(1000);
        String java = render("M_Large", upgrade);
        assertTrue(java.contains("    public void upgrade(Operations op) {\n        upgrade1(op);\n        upgrade2(op);\n"), java);
        assertTrue(java.contains("    private static void upgrade1(Operations op) {"), java);
        assertTrue(java.contains("    private static void downgrade1(Operations op) {"), java);

        Migration migration = (Migration) InMemoryCompiler.compile(PACKAGE + ".M_Large", java).getDeclaredConstructor().newInstance();
        Operations up = new Operations();
        migration.upgrade(up);
        assertTrue(upgrade.equals(up.changes()), "upgrade() makes every step, in order");
        Operations down = new Operations();
        migration.downgrade(down);
        // a drop in a migration file names what it drops, without the definition the diff had: compared as written
        List<String> written = Change.inverseOf(upgrade).stream().map(MigrationRenderer::call).toList();
        List<String> made = down.changes().stream().map(MigrationRenderer::call).toList();
        assertEquals(written.size(), made.size());
        for (int k = 0; k < written.size(); k++) {
            assertEquals(written.get(k), made.get(k), "step " + (k + 1) + " of downgrade()");
        }
    }

    @Test
    void aSmallMigrationKeepsItsStepsInUpgradeItself() {
        String java = render("M_Small", tables(3));
        assertFalse(java.contains("private static void"), java);
        assertTrue(java.contains("    public void upgrade(Operations op) {\n        op.createSequence("), java);
    }
}
