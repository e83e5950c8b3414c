package dev.autogen.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A small JPA application under target/it-projects that uses the plugin exactly as a user would. */
final class TestProject {

    static final String MIGRATIONS_PACKAGE = "com.example.migrations";
    private static final Pattern REVISION = Pattern.compile("@Revision\\(id = \"([0-9a-f]+)\", parent = \"([0-9a-f]*)\"");

    private final Path directory;

    private TestProject(Path directory) {
        this.directory = directory;
    }

    /** A fresh project with autogen-runtime, Hibernate and the JDBC driver, and the plugin configured for com.example.domain. */
    static TestProject create(String name) {
        return create(name, "com.example.domain", true);
    }

    static TestProject create(String name, String entityPackage, boolean autogenDependency) {
        Path directory = NestedMaven.projectsRoot().resolve(name);
        delete(directory);
        TestProject project = new TestProject(directory);
        project.write("pom.xml", pom(name, entityPackage, autogenDependency));
        return project;
    }

    /** Binds an autogen goal into the build at its default phase, as a project that checks on every build does. */
    TestProject bind(String goal) {
        Path pom = directory.resolve("pom.xml");
        String text = read(pom);
        String configuration = "        <configuration>\n          <packages>";
        if (!text.contains(configuration)) {
            throw new IllegalStateException("no autogen plugin configuration in " + pom);
        }
        return write("pom.xml", text.replace(configuration, """
                        <executions>
                          <execution>
                            <goals>
                              <goal>%s</goal>
                            </goals>
                          </execution>
                        </executions>
                """.formatted(goal) + configuration));
    }

    Path directory() {
        return directory;
    }

    TestProject write(String relativePath, String content) {
        Path file = directory.resolve(relativePath);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes a class into src/main/java, its path taken from its package and name. */
    TestProject javaSource(String packageName, String className, String body) {
        return write("src/main/java/" + packageName.replace('.', '/') + "/" + className + ".java",
                "package " + packageName + ";\n\n" + body);
    }

    String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path migrationsDirectory() {
        return directory.resolve("src/main/java/" + MIGRATIONS_PACKAGE.replace('.', '/'));
    }

    /** The migration sources, oldest first (their names start with a timestamp). */
    List<Path> migrations() {
        Path dir = migrationsDirectory();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {revision id, parent id} of a migration file. */
    String[] revisionOf(Path migration) {
        Matcher matcher = REVISION.matcher(read(migration));
        if (!matcher.find()) {
            throw new AssertionError("no @Revision(id = ..., parent = ...) in " + migration);
        }
        return new String[] {matcher.group(1), matcher.group(2)};
    }

    NestedMaven.Result mvn(String... arguments) throws IOException, InterruptedException {
        return NestedMaven.run(directory, arguments);
    }

    NestedMaven.Result mvn(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        return NestedMaven.run(directory, environment, arguments);
    }

    /** Adds elements to the autogen plugin's configuration. */
    TestProject configure(String elements) {
        Path pom = directory.resolve("pom.xml");
        String text = read(pom);
        String end = "          <migrationsPackage>" + MIGRATIONS_PACKAGE + "</migrationsPackage>\n";
        if (!text.contains(end)) {
            throw new IllegalStateException("no autogen plugin configuration in " + pom);
        }
        return write("pom.xml", text.replace(end, end + elements));
    }

    private static String pom(String name, String entityPackage, boolean autogenDependency) {
        String version = NestedMaven.required("it.autogenVersion");
        // what an application has: the runtime its migrations compile against, its Hibernate, its JDBC driver
        String core = """
                    <dependency>
                      <groupId>org.hibernate.orm</groupId>
                      <artifactId>hibernate-core</artifactId>
                      <version>%s</version>
                    </dependency>
                    <dependency>
                      <groupId>org.postgresql</groupId>
                      <artifactId>postgresql</artifactId>
                      <version>%s</version>
                    </dependency>
                """.formatted(NestedMaven.required("it.hibernateVersion"), NestedMaven.required("it.postgresqlVersion"))
                + (!autogenDependency ? "" : """
                    <dependency>
                      <groupId>dev.autogen</groupId>
                      <artifactId>autogen-runtime</artifactId>
                      <version>%s</version>
                    </dependency>
                """.formatted(version));
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>%s</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                %s  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-resources-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-jar-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                      <plugin>
                        <groupId>dev.autogen</groupId>
                        <artifactId>autogen-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <packages>
                            <package>%s</package>
                          </packages>
                          <migrationsPackage>%s</migrationsPackage>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(name, core, NestedMaven.required("it.compilerPluginVersion"),
                NestedMaven.required("it.resourcesPluginVersion"), NestedMaven.required("it.surefirePluginVersion"),
                NestedMaven.required("it.jarPluginVersion"), version, entityPackage, MIGRATIONS_PACKAGE);
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
