package com.example.bookstore.catalog;

import com.example.bookstore.domain.Category;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Categories extends JpaRepository<Category, Long> {
}
