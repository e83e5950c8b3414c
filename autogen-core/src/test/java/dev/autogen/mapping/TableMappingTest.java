package dev.autogen.mapping;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** @Table: indexes, unique constraints (named and not), and a schema of its own. */
class TableMappingTest {

    @Entity(name = "Warehouse")
    @Table(name = "warehouses", schema = "inventory",
            indexes = {
                    @Index(name = "idx_warehouses_city", columnList = "city"),
                    @Index(name = "idx_warehouses_region_city", columnList = "region DESC, city"),
                    @Index(columnList = "code", unique = true)},
            uniqueConstraints = {
                    @UniqueConstraint(name = "uk_warehouses_name", columnNames = "name"),
                    @UniqueConstraint(columnNames = {"region", "name"})})
    static class Warehouse {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false)
        String name;
        String city;
        String region;
        String code;
    }

    @Entity(name = "Stock")
    @Table(name = "stock", schema = "inventory", indexes = @Index(name = "idx_stock_warehouse", columnList = "warehouse_id"))
    static class Stock {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE)
        Long id;
        @ManyToOne
        @JoinColumn(name = "warehouse_id")
        Warehouse warehouse;
        int quantity;
    }

    @Test
    void indexesUniqueConstraintsAndSchema() {
        MappingOracle.Outcome outcome = MappingOracle.check("table-indexes-unique-schema", Warehouse.class, Stock.class);
        String source = outcome.source();
        assertTrue(source.contains("op.createSchema(\"inventory\")"), source);
        assertTrue(source.contains("unique(\"uk_warehouses_name\", \"name\")"), source);
        assertTrue(source.contains("idx_warehouses_region_city"), source);
    }
}
