package dev.autogen.maven;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * autogen.renames and autogen.summary through a real mvn: a renamed field becomes a renamed column,
 * the review summary lands where the relative path says, under the project, and history reviews the
 * migrations from their compiled classes.
 */
class RenameReviewIT {

    @Test
    void revisionRenamesTheColumnAndWritesTheReview() throws Exception {
        TestProject project = Library.project("renames");
        NestedMaven.Result created = project.mvn("autogen:revision", "-Dmessage=create tables");
        assertEquals(0, created.exitCode(), created::toString);

        project.javaSource(Library.DOMAIN, "Book", Library.BOOK.replace("String title;", "String heading;"));
        NestedMaven.Result renamed = project.mvn("autogen:revision", "-Dmessage=heading",
                "-Dautogen.renames=public.book.title:heading", "-Dautogen.summary=target/review.md");

        assertEquals(0, renamed.exitCode(), renamed::toString);
        String output = renamed.output();
        assertTrue(output.contains("[WARNING] BREAKS CODE USING THE OLD NAME: renames column public.book.title to heading"),
                output);
        List<Path> migrations = project.migrations();
        Path second = migrations.stream().filter(p -> p.getFileName().toString().endsWith("_Heading.java")).findFirst()
                .orElseThrow(() -> new AssertionError("no *_Heading.java in " + migrations));
        String source = project.read(second);
        assertTrue(source.contains("op.renameColumn(\"public\", \"book\", \"title\", \"heading\");"), source);
        assertTrue(source.contains("op.renameColumn(\"public\", \"book\", \"heading\", \"title\");"), source);

        Path review = project.directory().resolve("target/review.md");
        assertTrue(output.contains("[INFO] Review summary: " + review + " (1 migration)"), output);
        String summary = Files.readString(review);
        assertTrue(summary.contains("| 1 | rename column public.book.title to heading | ACCESS EXCLUSIVE on public.book (blocks "
                + "reads and writes), catalog only | **BREAKS CODE USING THE OLD NAME**: renames column public.book.title to "
                + "heading"), summary);

        // history, without a database, reviews every migration from its compiled class
        NestedMaven.Result history = project.mvn("compile", "autogen:history", "-Dautogen.summary=target/all.md");
        assertEquals(0, history.exitCode(), history::toString);
        String all = Files.readString(project.directory().resolve("target/all.md"));
        assertTrue(all.contains("\n2 migrations, "), all);
        assertTrue(all.contains("\n## 1. create tables\n") && all.contains("\n## 2. heading\n"), all);
        assertTrue(all.contains("| 1 | rename column public.book.title to heading |"), all);
    }
}
