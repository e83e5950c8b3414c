package dev.autogen.config;

import dev.autogen.AutogenException;
import dev.autogen.entity.Entities;
import dev.autogen.entity.HibernateModel;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Entities and settings from META-INF/persistence.xml, read the way Hibernate reads it. */
class PersistenceUnitsTest {

    @Entity(name = "ListedBook")
    @Table(name = "listed_books")
    static class ListedBook {
        @Id
        Long id;
        String shelfLabel;
    }

    @Entity(name = "UnlistedAuthor")
    static class UnlistedAuthor {
        @Id
        Long id;
    }

    /** Not an entity: a root scan must not take it. */
    static class Helper {
    }

    @TempDir
    Path root;

    private ClassLoader unitRoot(String persistenceXml) throws IOException {
        Path meta = root.resolve("META-INF");
        Files.createDirectories(meta);
        Files.writeString(meta.resolve("persistence.xml"), persistenceXml);
        for (Class<?> type : List.of(ListedBook.class, UnlistedAuthor.class, Helper.class)) {
            String path = type.getName().replace('.', '/') + ".class";
            Path target = root.resolve(path);
            Files.createDirectories(target.getParent());
            try (InputStream in = type.getClassLoader().getResourceAsStream(path)) {
                Files.write(target, in.readAllBytes());
            }
        }
        // the test classes come from the parent; this root adds the persistence.xml and is what gets scanned
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, PersistenceUnitsTest.class.getClassLoader()) {
            @Override
            public java.util.Enumeration<URL> getResources(String name) throws IOException {
                return name.equals(PersistenceUnits.RESOURCE) ? findResources(name) : super.getResources(name);
            }

            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                // a project without Spring Boot, which the tests have on their class path
                if (name.startsWith("org.springframework.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
    }

    private static String persistence(String units) {
        return """
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
                %s
                </persistence>
                """.formatted(units);
    }

    @Test
    void listedClassesOnlyWithExcludeUnlistedClassesAndTheUnitsHibernateProperties() throws IOException {
        ClassLoader loader = unitRoot(persistence("""
                  <persistence-unit name="shop">
                    <class>dev.autogen.config.PersistenceUnitsTest$ListedBook</class>
                    <exclude-unlisted-classes>true</exclude-unlisted-classes>
                    <properties>
                      <property name="hibernate.physical_naming_strategy" value="org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy"/>
                      <property name="jakarta.persistence.jdbc.url" value="jdbc:postgresql://elsewhere/db"/>
                    </properties>
                  </persistence-unit>
                """));
        PersistenceUnits.Unit unit = PersistenceUnits.read(loader).choose(null, false).orElseThrow();

        Entities entities = unit.find(loader);
        assertEquals(List.of(ListedBook.class), entities.classes());
        assertEquals(Map.of("hibernate.physical_naming_strategy", "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy"),
                unit.hibernateSettings());
        try (HibernateModel model = HibernateModel.boot(loader, entities, unit.hibernateSettings())) {
            String ddl = String.join("\n", model.createStatements());
            assertTrue(ddl.contains("create table listed_books (id bigint not null, shelf_label varchar(255)"), ddl);
        }
    }

    @Test
    void withoutExcludeUnlistedClassesTheUnitsRootIsScanned() throws IOException {
        ClassLoader loader = unitRoot(persistence("""
                  <persistence-unit name="shop">
                    <class>dev.autogen.config.PersistenceUnitsTest$ListedBook</class>
                  </persistence-unit>
                """));
        Entities entities = PersistenceUnits.read(loader).choose(null, false).orElseThrow().find(loader);
        assertEquals(Set.of(ListedBook.class, UnlistedAuthor.class), Set.copyOf(entities.classes()));
    }

    @Test
    void quotedIdentifiersOfTheUnitsMappingDefaults() throws IOException {
        ClassLoader loader = unitRoot(persistence("""
                  <persistence-unit name="shop">
                    <class>dev.autogen.config.PersistenceUnitsTest$ListedBook</class>
                    <exclude-unlisted-classes/>
                    <properties>
                      <property name="hibernate.globally_quoted_identifiers" value="true"/>
                    </properties>
                  </persistence-unit>
                """));
        PersistenceUnits.Unit unit = PersistenceUnits.read(loader).choose(null, false).orElseThrow();
        assertEquals(List.of(ListedBook.class), unit.find(loader).classes(), "an empty <exclude-unlisted-classes/> means true");
        assertEquals("true", unit.hibernateSettings().get("hibernate.globally_quoted_identifiers"));
    }

    @Test
    void validationModeAndGroupsOfTheUnitDecideTheBeanValidationDdl() throws IOException {
        ClassLoader loader = unitRoot(persistence("""
                  <persistence-unit name="shop">
                    <class>dev.autogen.config.PersistenceUnitsTest$ListedBook</class>
                    <exclude-unlisted-classes/>
                    <validation-mode>NONE</validation-mode>
                    <properties>
                      <property name="jakarta.persistence.validation.mode" value="ddl"/>
                      <property name="org.hibernate.validator.group.ddl" value="com.example.Publishing"/>
                    </properties>
                  </persistence-unit>
                """));
        PersistenceUnits.Unit unit = PersistenceUnits.read(loader).choose(null, false).orElseThrow();
        assertEquals(Map.of("jakarta.persistence.validation.mode", "NONE",
                "org.hibernate.validator.group.ddl", "com.example.Publishing"), unit.hibernateSettings());
    }

    @Test
    void severalUnitsNeedAName() throws IOException {
        ClassLoader loader = unitRoot(persistence("""
                  <persistence-unit name="shop"><class>dev.autogen.config.PersistenceUnitsTest$ListedBook</class></persistence-unit>
                  <persistence-unit name="audit"><class>dev.autogen.config.PersistenceUnitsTest$UnlistedAuthor</class></persistence-unit>
                """));
        PersistenceUnits units = PersistenceUnits.read(loader);

        AutogenException error = assertThrows(AutogenException.class, () -> units.choose(null, false));
        assertEquals("META-INF/persistence.xml has several persistence units (shop, audit): name one with "
                + "<persistenceUnit>shop</persistenceUnit>", error.getMessage());
        assertEquals("audit", units.choose("audit", false).orElseThrow().name());
        assertTrue(units.choose(null, true).isEmpty(), "with packages configured, the units are not needed");
        AutogenException unknown = assertThrows(AutogenException.class, () -> units.choose("billing", false));
        assertEquals("No persistence unit billing in META-INF/persistence.xml; it has shop, audit", unknown.getMessage());
    }

    @Test
    void neitherPackagesNorAPersistenceUnitIsOneClearLine() {
        ClassLoader empty = new URLClassLoader(new URL[0], null);
        ProjectConfiguration configuration = ProjectConfiguration.resolve(empty, List.of(), null, Map.of(), List.of(), null, List.of());
        AutogenException error = assertThrows(AutogenException.class, () -> configuration.entities().find(empty),
                "goals that need no entities (upgrade, current, history) still run");
        assertEquals("No entities configured: add <packages><package>com.example.domain</package></packages> to the autogen "
                + "plugin configuration, or list them in a persistence unit in src/main/resources/META-INF/persistence.xml",
                error.getMessage());
    }

    @Test
    void precedencePersistenceUnitThenSpringBootThenPlugin() throws IOException {
        ClassLoader loader = unitRoot(persistence("""
                  <persistence-unit name="shop">
                    <class>dev.autogen.config.PersistenceUnitsTest$ListedBook</class>
                    <exclude-unlisted-classes>true</exclude-unlisted-classes>
                    <properties>
                      <property name="hibernate.physical_naming_strategy" value="from.persistence.Xml"/>
                      <property name="hibernate.default_schema" value="from_unit"/>
                      <property name="hibernate.jdbc.batch_size" value="7"/>
                    </properties>
                  </persistence-unit>
                """));
        Path resources = root.resolve("resources");
        Files.createDirectories(resources);
        Files.writeString(resources.resolve("application.properties"), """
                spring.jpa.hibernate.naming.physical-strategy=from.spring.Config
                spring.jpa.properties.hibernate.default_schema=from_spring
                spring.datasource.url=jdbc:postgresql://localhost:5432/app
                """);
        ProjectConfiguration configuration = ProjectConfiguration.resolve(loader, List.of(), null,
                Map.of("hibernate.default_schema", "from_plugin"), List.of(resources), null, List.of());

        assertEquals(Map.of("hibernate.physical_naming_strategy", "from.spring.Config",
                "hibernate.default_schema", "from_plugin",
                "hibernate.jdbc.batch_size", "7"), configuration.hibernateSettings());
        assertEquals("jdbc:postgresql://localhost:5432/app", configuration.dataSource().orElseThrow().url());
        assertEquals(List.of(ListedBook.class), configuration.entities().find(loader).classes());
    }
}
