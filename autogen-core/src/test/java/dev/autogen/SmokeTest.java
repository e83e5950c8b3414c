package dev.autogen;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
public class SmokeTest {
  @Test void starts() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
         var c = pg.getPostgresDatabase().getConnection(); var rs = c.createStatement().executeQuery("select version()")) {
      rs.next(); System.out.println(rs.getString(1));
    }
  }
}
