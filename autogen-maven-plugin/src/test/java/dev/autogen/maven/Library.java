package dev.autogen.maven;

/** The entities of the library application the ITs generate: two tables, a foreign key and an enum column. */
final class Library {

    static final String DOMAIN = "com.example.domain";

    static final String AUTHOR = """
            import jakarta.persistence.Column;
            import jakarta.persistence.Entity;
            import jakarta.persistence.GeneratedValue;
            import jakarta.persistence.GenerationType;
            import jakarta.persistence.Id;

            @Entity
            public class Author {
                @Id
                @GeneratedValue(strategy = GenerationType.IDENTITY)
                Long id;

                @Column(nullable = false, length = 200)
                String name;
            }
            """;

    static final String GENRE = """
            public enum Genre { NOVEL, POETRY, ESSAY }
            """;

    static final String BOOK = """
            import jakarta.persistence.Column;
            import jakarta.persistence.Entity;
            import jakarta.persistence.EnumType;
            import jakarta.persistence.Enumerated;
            import jakarta.persistence.GeneratedValue;
            import jakarta.persistence.GenerationType;
            import jakarta.persistence.Id;
            import jakarta.persistence.ManyToOne;

            @Entity
            public class Book {
                @Id
                @GeneratedValue(strategy = GenerationType.IDENTITY)
                Long id;

                @Column(nullable = false)
                String title;

                @ManyToOne(optional = false)
                Author author;

                @Enumerated(EnumType.STRING)
                @Column(length = 20)
                Genre genre;
            /*more*/}
            """;

    static final String BOOK_WITH_ISBN = BOOK.replace("/*more*/", """

                @Column(length = 20)
                String isbn;
            """);

    private Library() {
    }

    static TestProject project(String name) {
        return TestProject.create(name)
                .javaSource(DOMAIN, "Author", AUTHOR)
                .javaSource(DOMAIN, "Genre", GENRE)
                .javaSource(DOMAIN, "Book", BOOK);
    }
}
