package dev.autogen.mapping;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Column types and column attributes, as Hibernate's PostgreSQL dialect writes them. */
class ColumnMappingTest {

    enum Level { LOW, MEDIUM, HIGH }

    @Entity(name = "Document")
    @Table(name = "documents")
    @SecondaryTable(name = "document_bodies", pkJoinColumns = @PrimaryKeyJoinColumn(name = "document_id"))
    static class Document {
        @Id
        @GeneratedValue(strategy = GenerationType.UUID)
        UUID id;
        @Version
        Integer version;
        @Lob
        @Column(table = "document_bodies")
        String body;
        @Lob
        byte[] attachment;
        @Column(table = "document_bodies", length = 80)
        String summary;
        @Enumerated(EnumType.ORDINAL)
        Level priority;
        @Enumerated(EnumType.STRING)
        @Column(length = 10, nullable = false)
        Level severity;
    }

    @Test
    void secondaryTableVersionLobAndEnums() {
        MappingOracle.Outcome outcome = MappingOracle.check("secondary-table-version-lob-enums", Document.class);
        String source = outcome.source();
        assertTrue(source.contains("op.createTable(\"public\", \"document_bodies\""), source);
        assertTrue(source.contains("column(\"id\", \"uuid\").notNull()"), source);
        assertTrue(source.contains("column(\"priority\", \"smallint\")"), source);
    }

    @Entity(name = "Reading")
    @Table(name = "readings")
    static class Reading {
        @Id
        UUID id;
        @JdbcTypeCode(SqlTypes.JSON)
        String payload;
        @JdbcTypeCode(SqlTypes.JSON)
        @Column(columnDefinition = "json")
        String rawPayload;
        int[] samples;
        @JdbcTypeCode(SqlTypes.ARRAY)
        List<String> labels;
        String[] aliases;
        LocalDate day;
        LocalTime at;
        LocalDateTime localStamp;
        OffsetDateTime offsetStamp;
        ZonedDateTime zonedStamp;
        Instant instant;
        OffsetTime offsetTime;
        Duration duration;
    }

    @Test
    void uuidJsonArraysAndJavaTime() {
        MappingOracle.Outcome outcome = MappingOracle.check("uuid-json-arrays-time", Reading.class);
        String source = outcome.source();
        assertTrue(source.contains("column(\"payload\", \"jsonb\")"), source);
        assertTrue(source.contains("column(\"samples\", \"integer[]\")"), source);
        assertTrue(source.contains("column(\"instant\", \"timestamp(6) with time zone\")"), source);
    }

    @Entity(name = "Price")
    @Table(name = "prices")
    static class Price {
        @Id
        Long id;
        @Column(length = 12, nullable = false, unique = true)
        String code;
        @Column(precision = 12, scale = 4)
        BigDecimal amount;
        @Column(precision = 5)
        BigDecimal rounded;
        @Column(columnDefinition = "text not null")
        String description;
        @Column(columnDefinition = "numeric(8,3) default 1.5")
        BigDecimal factor;
        @Column(nullable = false)
        boolean active;
        @Column(columnDefinition = "varchar(8) check (grade in ('A','B','C'))")
        String grade;
        @Column(name = "\"Quoted Name\"")
        String quoted;
    }

    @Test
    void columnAttributes() {
        MappingOracle.Outcome outcome = MappingOracle.check("column-attributes", Price.class);
        String source = outcome.source();
        assertTrue(source.contains("column(\"code\", \"character varying(12)\").notNull()"), source);
        assertTrue(source.contains("column(\"amount\", \"numeric(12,4)\")"), source);
        assertTrue(source.contains("column(\"description\", \"text\").notNull()"), source);
        assertTrue(source.contains("column(\"Quoted Name\""), source);
        // a check in a column definition reads as its author wrote it, not as PostgreSQL reprints it
        assertTrue(source.contains("\"grade in ('A','B','C')\")"), source);
    }
}
