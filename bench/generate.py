#!/usr/bin/env python3
"""Writes a Maven project with N JPA entities that uses the autogen plugin, for the benchmark.

The model depends on autogen-runtime, Hibernate and the JDBC driver, as an application does. Each entity is one
table of 11 columns of many types (bigint from a sequence, varchar, numeric, integer, boolean, timestamp, date, an
enum stored as a string, uuid, a foreign key to the entity before it, or text for the first), with an index and a
unique constraint. The same schema as SQLAlchemy metadata is in alembic_compare.py.

usage: generate.py N DIRECTORY AUTOGEN_VERSION
"""
import os
import re
import sys

POM = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>model-{n}</artifactId>
  <version>1.0</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency>
      <groupId>dev.autogen</groupId>
      <artifactId>autogen-runtime</artifactId>
      <version>{version}</version>
    </dependency>
    <dependency>
      <groupId>org.hibernate.orm</groupId>
      <artifactId>hibernate-core</artifactId>
      <version>{hibernate}</version>
    </dependency>
    <dependency>
      <groupId>org.postgresql</groupId>
      <artifactId>postgresql</artifactId>
      <version>{postgresql}</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.14.1</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-resources-plugin</artifactId>
        <version>3.3.1</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>3.9.0</version>
      </plugin>
      <plugin>
        <groupId>dev.autogen</groupId>
        <artifactId>autogen-maven-plugin</artifactId>
        <version>{version}</version>
        <configuration>
          <packages>
            <package>bench.model</package>
          </packages>
          <migrationsPackage>bench.migrations</migrationsPackage>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
"""

STATUS = """package bench.model;

public enum Status { NEW, ACTIVE, SUSPENDED, CLOSED }
"""

ENTITY = """package bench.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

@Entity
@Table(name = "{table}",
        indexes = @Index(name = "ix_{table}_name", columnList = "name"),
        uniqueConstraints = @UniqueConstraint(name = "uk_{table}_code", columnNames = "code"))
public class {cls} {{
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "{table}_seq")
    @SequenceGenerator(name = "{table}_seq", sequenceName = "{table}_seq", allocationSize = 50)
    Long id;

    @Column(nullable = false, length = 100)
    String name;

    @Column(nullable = false, length = 40)
    String code;

    @Column(precision = 12, scale = 2)
    BigDecimal amount;

    Integer quantity;

    @Column(nullable = false)
    boolean active;

    @Column(name = "created_at", nullable = false)
    LocalDateTime createdAt;

    @Column(name = "valid_on")
    LocalDate validOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    Status status;

    @Column(name = "external_id")
    UUID externalId;

{last}}}
"""

# lazy: an eager chain of 1,000 entities overflows the stack of Hibernate's session factory (the yardstick)
PARENT = """    @ManyToOne(fetch = FetchType.LAZY)
    {parent} parent;
"""

NOTE = """    @Column(columnDefinition = "text")
    String note;
"""

VALIDATE = """package bench;

import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;

/** Hibernate's own schema validation of the database, the yardstick: java bench.Validate N URL. */
public final class Validate {{
    public static void main(String[] args) throws Exception {{
        int n = Integer.parseInt(args[0]);
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.connection.url", args[1])
                .applySetting("hibernate.connection.username", "postgres")
                .applySetting("hibernate.hbm2ddl.auto", "validate")
                .build();
        MetadataSources sources = new MetadataSources(registry);
        for (int i = 0; i < n; i++) {{
            sources.addAnnotatedClass(Class.forName(String.format("bench.model.E%0{width}d", i)));
        }}
        try (var factory = sources.buildMetadata().buildSessionFactory()) {{
            System.out.println("Hibernate validated " + n + " tables");
        }}
    }}
}}
"""


def versions():
    """Hibernate's and the JDBC driver's versions autogen is built with, from the project's root pom."""
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pom.xml")) as f:
        pom = f.read()
    return {name: re.search("<%s.version>([^<]+)</" % name, pom).group(1) for name in ("hibernate", "postgresql")}


def table(i, width):
    return "e%0*d" % (width, i)


def cls(i, width):
    return "E%0*d" % (width, i)


def main():
    n = int(sys.argv[1])
    directory = sys.argv[2]
    version = sys.argv[3]
    width = max(4, len(str(n - 1)))
    model = os.path.join(directory, "src/main/java/bench/model")
    os.makedirs(model, exist_ok=True)
    os.makedirs(os.path.join(directory, "src/main/java/bench/migrations"), exist_ok=True)
    with open(os.path.join(directory, "pom.xml"), "w") as f:
        f.write(POM.format(n=n, version=version, **versions()))
    with open(os.path.join(model, "Status.java"), "w") as f:
        f.write(STATUS)
    with open(os.path.join(directory, "src/main/java/bench/Validate.java"), "w") as f:
        f.write(VALIDATE.format(width=width))
    for i in range(n):
        last = NOTE if i == 0 else PARENT.format(parent=cls(i - 1, width))
        with open(os.path.join(model, cls(i, width) + ".java"), "w") as f:
            f.write(ENTITY.format(table=table(i, width), cls=cls(i, width), last=last))


if __name__ == "__main__":
    main()
