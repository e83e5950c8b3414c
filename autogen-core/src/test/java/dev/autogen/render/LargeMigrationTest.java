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
            // columns named after their table, as a model's own names are: each table brings constants of its own
            String own = "_" + i;
            List<Column> columns = new ArrayList<>(List.of(Column.column("id", "bigint").notNull(),
                    Column.column("name" + own, "character varying(100)").notNull(), Column.column("code" + own, "character varying(40)").notNull(),
                    Column.column("amount" + own, "numeric(12,2)"), Column.column("quantity" + own, "integer"),
                    Column.column("active" + own, "boolean").notNull(), Column.column("created_at" + own, "timestamp(6) without time zone").notNull(),
                    Column.column("valid_on" + own, "date"), Column.column("status" + own, "character varying(20)").notNull(),
                    Column.column("external_id" + own, "uuid"), Column.column("parent_id" + own, "bigint")));
            changes.add(new Change.CreateTable(new Table(name, columns, new PrimaryKey(name.name() + "_pkey", List.of("id")),
                    List.of(new UniqueConstraint("uk_" + name.name() + "_code", List.of("code" + own), false)),
                    List.of(new CheckConstraint(name.name() + "_status_check",
                            "status" + own + " in ('NEW','ACTIVE','SUSPENDED','CLOSED')")), List.of(), List.of(), null)));
            changes.add(new Change.CreateIndex(name, Index.index("ix_" + name.name() + "_name", "name" + own), null));
        }
        return changes;
    }

    private static String render(String className, List<Change> changes) {
        return new MigrationRenderer(null).render(new MigrationSource(PACKAGE, className, "0123456789ab", null,
                "create model", "2026-11-22T07:00:00Z", changes));
    }

    @Test
    void aHundredTablesGoIntoPrivateMethods() throws Exception {
        List<Change> upgrade = tables(100);
        String java = render("M_Hundred", upgrade);
        assertTrue(java.contains("    public void upgrade(Operations op) {\n        upgrade1(op);\n        upgrade2(op);\n"), java);
        assertTrue(java.contains("    private static void upgrade1(Operations op) {"), java);
        assertFalse(java.contains("static final class"), java);
        runsInOrder("M_Hundred", java, upgrade);
    }

    @Test
    void twoThousandFiveHundredTablesGoIntoNestedClassesAndCompile() throws Exception {
        // about 130,000 constants: more than javac takes in one class
        List<Change> upgrade = tables(2500);
        String java = render("M_Large", upgrade);
        assertTrue(java.contains("    public void upgrade(Operations op) {\n        Upgrade1.upgrade1(op);\n        Upgrade1.upgrade2(op);\n"), java);
        assertTrue(java.contains("    private static final class Upgrade2 {"), java);
        // the downgrade, 375,000 characters, fits one class: its methods are the migration's own
        assertTrue(java.contains("    private static void downgrade1(Operations op) {"), java);
        assertTrue(java.contains("            op.createTable(\"public\", \"e0000\",\n                    column(\"id\", \"bigint\").notNull(),"), java);
        runsInOrder("M_Large", java, upgrade);
    }

    private static void runsInOrder(String className, String java, List<Change> upgrade) throws Exception {
        Migration migration = (Migration) InMemoryCompiler.compile(PACKAGE + "." + className, java).getDeclaredConstructor().newInstance();
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
