package dev.autogen.maven;

import org.apache.maven.plugin.logging.Log;

import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Hibernate logs through java.util.logging in the project's class loader: jboss-logging picks its
 * backend once per class loader, and while a goal runs it is told to pick java.util.logging even
 * when logback or log4j is on the project's class path (any Spring Boot project), whose default
 * configuration would print every INFO or DEBUG line. While a goal runs, Hibernate's warnings go to
 * the Maven log as one line each and its INFO lines are dropped (kept with -X).
 */
final class HibernateLogging implements AutoCloseable {

    /** Warnings about how autogen boots Hibernate (dialect named, no connection), not about the user's mapping. */
    private static final Set<String> BOOT_NOISE = Set.of("HHH90000025", "HHH102003");

    /** jboss-logging's choice of backend, read when the project's class loader first loads it. */
    static final String PROVIDER = "org.jboss.logging.provider";

    private final Logger logger = Logger.getLogger("org.hibernate");
    private final String provider;
    private final Level level;
    private final boolean useParentHandlers;
    private final Handler handler;

    HibernateLogging(Log log) {
        provider = System.getProperty(PROVIDER);
        System.setProperty(PROVIDER, "jdk");
        level = logger.getLevel();
        useParentHandlers = logger.getUseParentHandlers();
        Formatter formatter = new SimpleFormatter();
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = formatter.formatMessage(record);
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    if (BOOT_NOISE.stream().noneMatch(message::startsWith)) {
                        log.warn(message);
                    } else {
                        log.debug(message);
                    }
                } else {
                    log.debug(message);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.setLevel(log.isDebugEnabled() ? Level.FINE : Level.WARNING);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(useParentHandlers);
        logger.setLevel(level);
        if (provider == null) {
            System.clearProperty(PROVIDER);
        } else {
            System.setProperty(PROVIDER, provider);
        }
    }
}
