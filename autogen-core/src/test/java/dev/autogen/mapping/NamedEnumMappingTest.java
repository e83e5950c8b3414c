package dev.autogen.mapping;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.Test;

/** PostgreSQL named enums: Hibernate writes CREATE TYPE ... AS ENUM before the table that uses it. */
class NamedEnumMappingTest {

    enum Mood { SAD, OK, HAPPY }

    @Entity(name = "DiaryEntry")
    @Table(name = "diary_entries")
    static class DiaryEntry {
        @Id
        Long id;
        @Enumerated(EnumType.STRING)
        @JdbcTypeCode(SqlTypes.NAMED_ENUM)
        Mood mood;
    }

    @Test
    void namedEnum() {
        MappingOracle.check("named-enum", DiaryEntry.class);
    }
}
