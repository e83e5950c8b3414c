package dev.autogen.mapping;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values stored in their owner's table, and keys made of several columns. */
class EmbeddableMappingTest {

    @Embeddable
    static class Geo {
        Double latitude;
        Double longitude;
    }

    @Embeddable
    static class Address {
        @Column(length = 100)
        String street;
        @Column(nullable = false, length = 60)
        String city;
        @Embedded
        Geo geo;
    }

    @Entity(name = "Customer")
    @Table(name = "customers")
    static class Customer {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Embedded
        Address home;
        @Embedded
        @AttributeOverrides({
                @AttributeOverride(name = "street", column = @Column(name = "work_street", length = 120)),
                @AttributeOverride(name = "city", column = @Column(name = "work_city")),
                @AttributeOverride(name = "geo.latitude", column = @Column(name = "work_lat")),
                @AttributeOverride(name = "geo.longitude", column = @Column(name = "work_lon"))})
        Address work;
    }

    @Test
    void embeddedNestedAndOverridden() {
        MappingOracle.Outcome outcome = MappingOracle.check("embedded", Customer.class);
        assertTrue(outcome.source().contains("column(\"work_street\", \"character varying(120)\")"), outcome.source());
        assertTrue(outcome.source().contains("column(\"latitude\", \"double precision\")"), outcome.source());
    }

    @Embeddable
    static class OrderLineId implements Serializable {
        Long orderId;
        int lineNumber;

        @Override
        public boolean equals(Object o) {
            return o instanceof OrderLineId other && Objects.equals(orderId, other.orderId) && lineNumber == other.lineNumber;
        }

        @Override
        public int hashCode() {
            return Objects.hash(orderId, lineNumber);
        }
    }

    @Entity(name = "OrderLine")
    @Table(name = "order_lines")
    static class OrderLine {
        @EmbeddedId
        OrderLineId id;
        int quantity;
    }

    static class GradeId implements Serializable {
        String student;
        String course;

        @Override
        public boolean equals(Object o) {
            return o instanceof GradeId other && Objects.equals(student, other.student) && Objects.equals(course, other.course);
        }

        @Override
        public int hashCode() {
            return Objects.hash(student, course);
        }
    }

    @Entity(name = "Grade")
    @Table(name = "grades")
    @IdClass(GradeId.class)
    static class Grade {
        @Id
        @Column(length = 40)
        String student;
        @Id
        @Column(length = 40)
        String course;
        int score;
    }

    @Entity(name = "User")
    @Table(name = "users")
    static class User {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        String name;
    }

    @Entity(name = "UserProfile")
    @Table(name = "user_profiles")
    static class UserProfile {
        @Id
        Long id;
        @OneToOne(fetch = FetchType.LAZY)
        @MapsId
        @JoinColumn(name = "user_id")
        User user;
        String bio;
    }

    @Embeddable
    static class EnrollmentId implements Serializable {
        Long userId;
        String course;

        @Override
        public boolean equals(Object o) {
            return o instanceof EnrollmentId other && Objects.equals(userId, other.userId) && Objects.equals(course, other.course);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, course);
        }
    }

    @Entity(name = "Enrollment")
    @Table(name = "enrollments")
    static class Enrollment {
        @EmbeddedId
        EnrollmentId id;
        @ManyToOne(fetch = FetchType.LAZY)
        @MapsId("userId")
        User user;
    }

    @Test
    void compositeAndDerivedKeys() {
        MappingOracle.Outcome outcome = MappingOracle.check("composite-keys", OrderLine.class, Grade.class, User.class,
                UserProfile.class, Enrollment.class);
        assertTrue(outcome.source().contains("primaryKey(\"grades_pkey\", \"course\", \"student\")")
                || outcome.source().contains("primaryKey(\"grades_pkey\", \"student\", \"course\")"), outcome.source());
    }
}
