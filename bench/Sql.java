import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** Runs SQL statements on a database: java -cp postgresql.jar Sql.java URL STATEMENT... (the benchmark's psql). */
public class Sql {
    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0], "postgres", "");
             Statement statement = connection.createStatement()) {
            for (int i = 1; i < args.length; i++) {
                statement.execute(args[i]);
            }
        }
    }
}
