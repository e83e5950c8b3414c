package dev.autogen.maven;

import org.codehaus.plexus.classworlds.realm.ClassRealm;
import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.component.configurator.ComponentConfigurationException;
import org.codehaus.plexus.component.configurator.ConfigurationListener;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluator;
import org.codehaus.plexus.configuration.PlexusConfiguration;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maven's own configurator, but what it reports goes through a listener that masks passwords: with -X
 * Maven prints every parameter of a goal as {@code (f) name = value}, and a parameter's type cannot hide
 * the text (the configurator also prints what it hands a custom type). Registered in
 * META-INF/plexus/components.xml under {@value #HINT}, named by every goal's {@code @Mojo(configurator)}.
 */
public class MaskingConfigurator extends BasicComponentConfigurator {

    static final String HINT = "autogen-masking";

    private static final String MASK = "****";
    private static final Set<String> PASSWORDS = Set.of("password", "scratchPassword");
    private static final Set<String> URLS = Set.of("url", "scratch");
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;#]*");

    @Override
    public void configureComponent(Object component, PlexusConfiguration configuration, ExpressionEvaluator evaluator,
                                   ClassRealm realm, ConfigurationListener listener) throws ComponentConfigurationException {
        super.configureComponent(component, configuration, evaluator, realm, listener == null ? null : new Masking(listener));
    }

    /** Passes every notice on, with the value of a password parameter masked and a URL's password masked. */
    private record Masking(ConfigurationListener delegate) implements ConfigurationListener {

        @Override
        public void notifyFieldChangeUsingReflection(String fieldName, Object value, Object target) {
            delegate.notifyFieldChangeUsingReflection(fieldName, masked(fieldName, value), target);
        }

        @Override
        public void notifyFieldChangeUsingSetter(String fieldName, Object value, Object target) {
            delegate.notifyFieldChangeUsingSetter(fieldName, masked(fieldName, value), target);
        }

    }

    /** What -X may print for a parameter: no password, and none of a URL's or of a Hibernate property's. */
    static Object masked(String fieldName, Object value) {
        if (value == null) {
            return null;
        }
        if (PASSWORDS.contains(fieldName)) {
            return MASK;
        }
        if (URLS.contains(fieldName)) {
            return redact(String.valueOf(value));
        }
        if (value instanceof Map<?, ?> map) {
            // hibernateProperties may hold hibernate.connection.password or jakarta.persistence.jdbc.password
            Map<Object, Object> shown = new LinkedHashMap<>();
            map.forEach((key, entry) -> {
                String name = String.valueOf(key).toLowerCase(Locale.ROOT);
                if (name.contains("password")) {
                    shown.put(key, MASK);
                } else {
                    shown.put(key, name.endsWith("url") && entry != null ? redact(String.valueOf(entry)) : entry);
                }
            });
            return shown;
        }
        return value;
    }

    /**
     * A URL with its passwords masked, as autogen-core's ConnectionSpec prints it (the plugin does not load
     * autogen-core itself): whatever follows the first ':' of the user info up to the last '@', and the value of a
     * password parameter.
     */
    static String redact(String url) {
        String text = url;
        int slashes = text.indexOf("//");
        int at = text.lastIndexOf('@');
        if (slashes >= 0 && at > slashes) {
            int colon = text.indexOf(':', slashes + 2);
            if (colon >= 0 && colon < at) {
                text = text.substring(0, colon + 1) + MASK + text.substring(at);
            }
        }
        return QUERY_PASSWORD.matcher(text).replaceAll("$1" + MASK);
    }
}
