package dev.autogen.spring.bookshop;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** A Spring Boot application with JPA whose schema its migrations make. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BookshopApplication {
}
