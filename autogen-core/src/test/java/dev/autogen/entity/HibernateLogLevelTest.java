package dev.autogen.entity;

import dev.autogen.goals.shop.Item;
import dev.autogen.goals.shop.Shelf;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HibernateLogLevelTest {

    @Test
    void aLevelTheCallerSetOnHibernatesLoggerIsKeptSoThatDashXShowsHibernatesDetail() {
        Logger hibernate = Logger.getLogger("org.hibernate");
        Level before = hibernate.getLevel();
        hibernate.setLevel(Level.FINE);
        try (HibernateModel model = HibernateModel.boot(getClass().getClassLoader(), List.of(Item.class, Shelf.class),
                List.of(), Map.of())) {
            assertEquals(Level.FINE, hibernate.getLevel());
        } finally {
            hibernate.setLevel(before);
        }
    }
}
