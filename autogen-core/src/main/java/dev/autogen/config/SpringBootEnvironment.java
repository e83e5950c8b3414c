package dev.autogen.config;

import dev.autogen.AutogenException;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's configuration as Spring Boot loads it when the application starts: its config
 * data locations, {@code spring.config.import}, profile documents and profile files, placeholders and
 * relaxed names, all Spring Boot's own. The only class of autogen that touches Spring Boot: it is
 * loaded only when Spring Boot is on the project's class path, and it uses what Spring Boot 3 and 4
 * have alike.
 */
final class SpringBootEnvironment {

    private static final Pattern CONFIG_RESOURCE = Pattern.compile("^Config resource '(.*)' via location '.*'");
    private static final Pattern DESCRIPTION = Pattern.compile("^(class path resource|file|URL) \\[(.*)]$");

    private SpringBootEnvironment() {
    }

    /**
     * Loads the environment the application would start with for {@code profiles} (none: those its
     * configuration activates, else {@code default}), reading {@code classpath:} from the project's class
     * loader, then its resource directories, and {@code file:./} from the project directory.
     */
    static SpringBootConfig read(ClassLoader loader, List<Path> resourceDirectories, Path projectDirectory, List<String> profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> autogen = new LinkedHashMap<>();
        if (!profiles.isEmpty()) {
            // as `--spring.profiles.active=a,b` on the application's command line
            autogen.put("spring.profiles.active", String.join(",", profiles));
            environment.getPropertySources().addFirst(new MapPropertySource("autogen.profiles", autogen));
        }
        if (projectDirectory != null) {
            // Spring Boot's default locations, with file:./ where the application starts rather than where Maven did
            String directory = projectDirectory.toAbsolutePath().toUri().toString();
            environment.getPropertySources().addLast(new MapPropertySource("autogen's default config locations", Map.of(
                    "spring.config.location", "optional:classpath:/;optional:classpath:/config/,"
                            + "optional:" + directory + ";optional:" + directory + "config/;optional:" + directory + "config/*/")));
        }

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader resources = new URLClassLoader(urls(resourceDirectories), loader)) {
            // Spring Boot's resource loader reads classpath: from the context class loader
            thread.setContextClassLoader(resources);
            ConfigDataEnvironmentPostProcessor.applyTo(environment);
            return bind(environment, resources);
        } catch (IOException e) {
            throw new AutogenException("Cannot close the class loader over " + resourceDirectories + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof AutogenException) {
                throw e;
            }
            throw new AutogenException("Spring Boot cannot load the application's configuration"
                    + (profiles.isEmpty() ? "" : " for the profiles " + String.join(", ", profiles)) + ": " + message(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static SpringBootConfig bind(StandardEnvironment environment, ClassLoader resources) {
        Binder binder = Binder.get(environment);
        Map<String, String> properties = new LinkedHashMap<>();
        for (String name : List.of("spring.jpa.hibernate.naming.physical-strategy", "spring.jpa.hibernate.naming.implicit-strategy",
                "spring.datasource.url", "spring.datasource.username", "spring.datasource.password", SpringBootConfig.VERSION_TABLE)) {
            binder.bind(name, String.class).ifBound(value -> properties.put(name, value));
        }
        binder.bind("spring.jpa.properties", Bindable.mapOf(String.class, String.class))
                .ifBound(jpa -> jpa.forEach((key, value) -> properties.put("spring.jpa.properties." + key, value)));

        Set<Path> files = new LinkedHashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        String[] active = environment.getActiveProfiles();
        sources.add("Spring Boot's configuration for the profile" + (active.length > 1 ? "s " : " ")
                + String.join(", ", active.length == 0 ? environment.getDefaultProfiles() : active));
        // lowest precedence first, as the rest of the goal's "Configuration from" line
        List<PropertySource<?>> lowestFirst = new ArrayList<>(environment.getPropertySources().stream().toList());
        java.util.Collections.reverse(lowestFirst);
        for (PropertySource<?> source : lowestFirst) {
            Matcher resource = CONFIG_RESOURCE.matcher(source.getName());
            if (resource.find()) {
                Path file = file(resource.group(1), resources);
                if (file != null) {
                    files.add(file);
                }
                sources.add(file != null ? file.toString() : resource.group(1));
            }
        }
        return new SpringBootConfig(properties, new ArrayList<>(files), new ArrayList<>(sources), true);
    }

    /** The file behind a config resource's description ("class path resource [application.yml]", "file [...]"), or null. */
    private static Path file(String description, ClassLoader resources) {
        Matcher matcher = DESCRIPTION.matcher(description);
        if (!matcher.matches()) {
            return null;
        }
        try {
            URL url = switch (matcher.group(1)) {
                case "class path resource" -> resources.getResource(matcher.group(2));
                case "file" -> Path.of(matcher.group(2)).toUri().toURL();
                default -> java.net.URI.create(matcher.group(2)).toURL();
            };
            return url != null && "file".equals(url.getProtocol()) ? Path.of(url.toURI()) : null;
        } catch (MalformedURLException | URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static URL[] urls(List<Path> directories) {
        return directories.stream().map(directory -> {
            try {
                return directory.toAbsolutePath().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new AutogenException("Bad resource directory " + directory + ": " + e.getMessage(), e);
            }
        }).toArray(URL[]::new);
    }

    private static String message(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = e; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            String text = cause.getMessage() == null ? null : cause.getMessage().strip().replaceAll("\\s+", " ");
            if (text != null && messages.stream().noneMatch(m -> m.contains(text))) {
                messages.add(text);
            }
        }
        return messages.isEmpty() ? e.getClass().getSimpleName() : String.join(": ", messages);
    }
}
