package dev.autogen.goals;

import dev.autogen.AutogenException;
import dev.autogen.command.Autogen;
import dev.autogen.config.Configuration;
import dev.autogen.db.ConnectionSpec;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.testing.HandWrittenMigration;
import dev.autogen.testing.InMemoryCompiler;
import dev.autogen.testing.RecordingLog;
import dev.autogen.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Entities that use an extension's type or function: the goals name the extension that has it, and a migration that
 * creates it is what the migrations after it are built and replayed on.
 */
class ExtensionsTest {

    private static final String MIGRATIONS = "dev.autogen.generated.extensions";

    @TempDir
    Path migrations;

    private Autogen autogen(String entities, ClassLoader loader, ConnectionSpec database, RecordingLog log) {
        return new Autogen(Configuration.builder().packages(List.of(entities)).migrationsDirectory(migrations)
                .migrationsPackage(MIGRATIONS).database(database).scratch(TestPostgres.admin()).classLoader(loader).build(), log);
    }

    /** A migration of the project's own, as its author writes it: {@code upgrade} and {@code downgrade} as given. */
    private void handWritten(String className, String id, String parent, String upgrade, String downgrade) {
        HandWrittenMigration.write(migrations, MIGRATIONS, className, id, parent, className, upgrade, downgrade);
    }

    @Test
    void aTypeOfAnExtensionIsNamedAndTheMigrationThatCreatesTheExtensionIsBuiltOn() throws Exception {
        ClassLoader tests = ExtensionsTest.class.getClassLoader();
        AutogenException refused = assertThrows(AutogenException.class,
                () -> autogen("dev.autogen.goals.citext", tests, null, new RecordingLog()).revision("subscribers"));
        assertTrue(refused.getMessage().startsWith("PostgreSQL refuses the DDL Hibernate writes for the entities: create table"
                + " subscribers ("), refused.getMessage());
        assertTrue(refused.getMessage().endsWith(": ERROR: type \"citext\" does not exist. The extension citext has the type"
                + " citext: a migration creates it before the one that uses it (op.execute(\"CREATE EXTENSION IF NOT EXISTS"
                + " citext\", \"DROP EXTENSION IF EXISTS citext\") as its first step; README, Extensions), then run again."),
                refused.getMessage());

        // the step the message gives, in a migration of its own: the next revision is built and proven on it
        handWritten("M1_Citext", "e1000000c175", "", "op.execute(\"CREATE EXTENSION IF NOT EXISTS citext\","
                + " \"DROP EXTENSION IF EXISTS citext\");", "op.execute(\"DROP EXTENSION IF EXISTS citext\","
                + " \"CREATE EXTENSION IF NOT EXISTS citext\");");
        RecordingLog log = new RecordingLog();
        Autogen.RevisionResult written = autogen("dev.autogen.goals.citext", InMemoryCompiler.compileDirectory(migrations),
                null, log).revision("subscribers");
        assertTrue(written.file().isPresent(), log.text());
        assertTrue(log.text().contains("(proven: upgrade, downgrade and upgrade again on a scratch database leave nothing"
                + " to change)"), log.text());
        ClassLoader both = InMemoryCompiler.compileDirectory(migrations);
        autogen("dev.autogen.goals.citext", both, null, new RecordingLog()).check();

        // a database upgraded by them has the extension and the column of its type
        try (ScratchDatabase live = TestPostgres.scratch().create("live"); Connection connection = live.connect()) {
            Autogen onLive = autogen("dev.autogen.goals.citext", both, live.spec(), new RecordingLog());
            assertEquals(2, onLive.upgrade("head").size());
            onLive.check();
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                         + " WHERE attrelid = 'subscribers'::regclass AND attname = 'email'")) {
                assertTrue(row.next());
                assertEquals("citext", row.getString(1));
            }
        }
    }

    @Test
    void migrationsThatUseAnExtensionTheyNeverCreateSayWhichAndWhere() throws Exception {
        // written against a database whose extension a DBA installed: replayed on an empty one, it cannot run
        handWritten("M1_Subscribers", "e2000000c175", "", "op.createTable(\"public\", \"subscribers\","
                        + " column(\"id\", \"bigint\").notNull(), column(\"email\", \"citext\").notNull(),"
                        + " primaryKey(\"subscribers_pkey\", \"id\"), unique(\"subscribers_email_key\", \"email\"));",
                "op.dropTable(\"public\", \"subscribers\");");
        AutogenException failed = assertThrows(AutogenException.class, () -> autogen("dev.autogen.goals.citext",
                InMemoryCompiler.compileDirectory(migrations), null, new RecordingLog()).check());
        assertTrue(failed.getMessage().startsWith("Cannot replay the migrations on a scratch database: Migration e2000000c175"
                + " (M1_Subscribers) failed to upgrade"), failed.getMessage());
        assertTrue(failed.getMessage().contains("type \"citext\" does not exist"), failed.getMessage());
        assertTrue(failed.getMessage().endsWith(" The extension citext has the type citext, and no migration before it"
                + " creates it: make op.execute(\"CREATE EXTENSION IF NOT EXISTS citext\", \"DROP EXTENSION IF EXISTS"
                + " citext\") that migration's first step, and its reverse its downgrade's last (README, Extensions)."),
                failed.getMessage());
    }

    @Test
    void aFunctionOfAnExtensionIsNamedWithItsNameQuotedAsSqlNeedsIt() {
        AutogenException refused = assertThrows(AutogenException.class, () -> autogen("dev.autogen.goals.uuidossp",
                ExtensionsTest.class.getClassLoader(), null, new RecordingLog()).revision("tokens"));
        assertTrue(refused.getMessage().endsWith(": ERROR: function uuid_generate_v4() does not exist. The extension"
                + " uuid-ossp has the function uuid_generate_v4(): a migration creates it before the one that uses it"
                + " (op.execute(\"CREATE EXTENSION IF NOT EXISTS \\\"uuid-ossp\\\"\", \"DROP EXTENSION IF EXISTS"
                + " \\\"uuid-ossp\\\"\") as its first step; README, Extensions), then run again."), refused.getMessage());
    }
}
