package dev.autogen.config;

import dev.autogen.AutogenException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The YAML Spring Boot configuration files are written in, read into Spring's flat names. */
class YamlSubsetTest {

    private static Map<String, String> one(String yaml) {
        List<Map<String, String>> documents = YamlSubset.read("application.yml", yaml);
        assertEquals(1, documents.size(), documents::toString);
        return documents.get(0);
    }

    @Test
    void nestedMapsBecomeDottedNames() {
        Map<String, String> properties = one("""
                # the application's database
                spring:
                  datasource:
                    url: jdbc:postgresql://localhost:5432/shop   # local
                    username: app
                    password: "s3cr#t"
                  jpa:
                    hibernate:
                      naming:
                        physical-strategy: org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy
                    properties:
                      hibernate.default_schema: sales
                      "[hibernate.format_sql]": true
                server.port: 8080
                """);
        assertEquals(Map.of(
                "spring.datasource.url", "jdbc:postgresql://localhost:5432/shop",
                "spring.datasource.username", "app",
                "spring.datasource.password", "s3cr#t",
                "spring.jpa.hibernate.naming.physical-strategy", "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy",
                "spring.jpa.properties.hibernate.default_schema", "sales",
                "spring.jpa.properties.hibernate.format_sql", "true",
                "server.port", "8080"), properties);
    }

    @Test
    void scalarsQuotedEmptyAndNull() {
        Map<String, String> properties = one("""
                a: 'it''s'
                b: "tab\\there \\u0041"
                c:
                d: ~
                e: null
                f: value with: colon
                g: http://host:80/x#not-a-comment
                h: {}
                """);
        assertEquals("it's", properties.get("a"));
        assertEquals("tab\there A", properties.get("b"));
        assertEquals("", properties.get("c"));
        assertEquals("", properties.get("d"));
        assertEquals("", properties.get("e"));
        assertEquals("value with: colon", properties.get("f"));
        assertEquals("http://host:80/x#not-a-comment", properties.get("g"));
        assertTrue(!properties.containsKey("h"));
    }

    @Test
    void listsBlockFlowAndOfMaps() {
        Map<String, String> properties = one("""
                packages:
                  - com.example.a
                  - "com.example.b"
                flow: [one, 'two', three]
                servers:
                - name: primary
                  port: 1
                - name: replica
                  port: 2
                after: yes
                """);
        assertEquals(Map.of(
                "packages[0]", "com.example.a",
                "packages[1]", "com.example.b",
                "flow[0]", "one", "flow[1]", "two", "flow[2]", "three",
                "servers[0].name", "primary", "servers[0].port", "1",
                "servers[1].name", "replica", "servers[1].port", "2",
                "after", "yes"), properties);
    }

    @Test
    void blockScalars() {
        Map<String, String> properties = one("""
                literal: |
                  line one
                  line two
                folded: >-
                  one
                  two
                next: x
                """);
        assertEquals("line one\nline two\n", properties.get("literal"));
        assertEquals("one two", properties.get("folded"));
        assertEquals("x", properties.get("next"));
    }

    @Test
    void documentsAreSeparated() {
        List<Map<String, String>> documents = YamlSubset.read("application.yml", """
                spring.datasource.url: jdbc:postgresql://localhost/default
                ---
                spring:
                  config:
                    activate:
                      on-profile: prod
                  datasource.url: jdbc:postgresql://prod/db
                """);
        assertEquals(2, documents.size());
        assertEquals("jdbc:postgresql://localhost/default", documents.get(0).get("spring.datasource.url"));
        assertEquals("prod", documents.get(1).get("spring.config.activate.on-profile"));
    }

    @Test
    void whatItCannotReadIsAnErrorWithTheLine() {
        AutogenException anchor = assertThrows(AutogenException.class, () -> one("""
                base: &base
                  x: 1
                """));
        assertTrue(anchor.getMessage().startsWith("application.yml line 1: anchors"), anchor.getMessage());
        AutogenException indentation = assertThrows(AutogenException.class, () -> one("""
                a:
                    b: 1
                  c: 2
                """));
        assertTrue(indentation.getMessage().startsWith("application.yml line 3: unexpected indentation"), indentation.getMessage());
        AutogenException flowMap = assertThrows(AutogenException.class, () -> one("a: {b: 1}\n"));
        assertTrue(flowMap.getMessage().contains("flow maps"), flowMap.getMessage());
    }
}
