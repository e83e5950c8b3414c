package dev.autogen.config;

import dev.autogen.AutogenException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a Spring Boot application's configuration says about its JPA mapping and its database. When
 * Spring Boot is on the project's class path, Spring Boot itself reads it ({@link SpringBootEnvironment});
 * otherwise {@link #read} reads {@code application.properties} / {@code application.yml} (no profiles)
 * from the locations Spring Boot reads them from, later locations winning as in Spring Boot.
 */
public final class SpringBootConfig {

    /** Spring Boot's default physical naming strategy (Spring Boot 3 names Hibernate's class). */
    /** autogen-runtime's Spring Boot property for the version table. */
    public static final String VERSION_TABLE = "autogen.version-table";

    public static final String CAMEL_CASE_TO_UNDERSCORES = "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy";
    /** Spring Boot's implicit naming strategy, under the names of Spring Boot 2/3 and 4. */
    static final List<String> SPRING_IMPLICIT = List.of(
            "org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy",
            "org.springframework.boot.hibernate.SpringImplicitNamingStrategy");
    private static final String SPRING_PHYSICAL_LEGACY = "org.springframework.boot.orm.jpa.hibernate.SpringPhysicalNamingStrategy";
    private static final List<String> FILE_NAMES = List.of("application.yaml", "application.yml", "application.properties");

    private final Map<String, String> properties;
    private final List<Path> files;
    private final List<String> sources;
    private final boolean resolved;

    SpringBootConfig(Map<String, String> properties, List<Path> files) {
        this(properties, files, files.stream().map(Path::toString).toList(), false);
    }

    /**
     * @param properties Spring property names to values
     * @param files      the configuration files read
     * @param sources    what was read, for the goal's log
     * @param resolved   whether Spring Boot already resolved the values' placeholders
     */
    SpringBootConfig(Map<String, String> properties, List<Path> files, List<String> sources, boolean resolved) {
        this.properties = Map.copyOf(properties);
        this.files = List.copyOf(files);
        this.sources = List.copyOf(sources);
        this.resolved = resolved;
    }

    /** No configuration files: nothing said. */
    public static SpringBootConfig none() {
        return new SpringBootConfig(Map.of(), List.of());
    }

    /**
     * Reads the configuration files of a project, as Spring Boot does: each resource directory
     * (the class path root), its {@code config/}, then the project directory and its {@code config/}
     * (Spring Boot's {@code file:./} when the application starts there). Within one location
     * {@code .properties} wins over {@code .yml}; profile-specific documents are skipped.
     */
    public static SpringBootConfig read(List<Path> resourceDirectories, Path projectDirectory) {
        List<Path> locations = new ArrayList<>();
        for (Path directory : resourceDirectories) {
            locations.add(directory);
        }
        for (Path directory : resourceDirectories) {
            locations.add(directory.resolve("config"));
        }
        if (projectDirectory != null) {
            locations.add(projectDirectory);
            locations.add(projectDirectory.resolve("config"));
        }
        Map<String, String> merged = new LinkedHashMap<>();
        List<Path> read = new ArrayList<>();
        for (Path location : locations) {
            for (String name : FILE_NAMES) {
                Path file = location.resolve(name);
                if (Files.isRegularFile(file)) {
                    merged.putAll(readFile(file));
                    read.add(file);
                }
            }
        }
        return new SpringBootConfig(merged, read);
    }

    /** One file's profile-less properties, later documents winning over earlier ones. */
    static Map<String, String> readFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AutogenException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        List<Map<String, String>> documents = name.endsWith(".properties") ? propertiesDocuments(file, text)
                : yamlDocuments(file, text);
        Map<String, String> merged = new LinkedHashMap<>();
        for (Map<String, String> document : documents) {
            if (!isProfileSpecific(document)) {
                merged.putAll(document);
            }
        }
        return merged;
    }

    /** Spring Boot splits a .properties file into documents at lines "#---" (or "!---"). */
    private static List<Map<String, String>> propertiesDocuments(Path file, String text) {
        List<Map<String, String>> documents = new ArrayList<>();
        for (String part : text.split("(?m)^[#!]---\\s*$")) {
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(part));
            } catch (IOException | IllegalArgumentException e) {
                throw new AutogenException("Cannot read " + file + ": " + e.getMessage(), e);
            }
            Map<String, String> document = new LinkedHashMap<>();
            properties.stringPropertyNames().forEach(key -> document.put(key, properties.getProperty(key)));
            documents.add(document);
        }
        return documents;
    }

    /** A YAML file's documents, flattened into Spring's names; scalars stay the text they were written as. */
    private static List<Map<String, String>> yamlDocuments(Path file, String text) {
        LoaderOptions options = new LoaderOptions();
        // Spring Boot reads timestamps as text, not as dates
        Resolver resolver = new Resolver() {
            @Override
            public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
                if (tag != Tag.TIMESTAMP) {
                    super.addImplicitResolver(tag, regexp, first, limit);
                }
            }
        };
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options, resolver);
        List<Map<String, String>> documents = new ArrayList<>();
        try {
            for (Object document : yaml.loadAll(text)) {
                Map<String, String> flat = new LinkedHashMap<>();
                if (document instanceof Map<?, ?> map) {
                    flatten("", map, flat);
                } else if (document != null) {
                    throw new AutogenException("Cannot read " + file + ": a document is not a map of names to values");
                }
                documents.add(flat);
            }
        } catch (YAMLException e) {
            throw new AutogenException("Cannot read " + file + ": " + e.getMessage().strip().replaceAll("\\s+", " "), e);
        }
        return documents;
    }

    private static void flatten(String prefix, Object value, Map<String, String> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> {
                String name = String.valueOf(key);
                // Spring's [name] keeps dots in a map key
                if (name.startsWith("[") && name.endsWith("]")) {
                    name = name.substring(1, name.length() - 1);
                }
                flatten(prefix.isEmpty() ? name : prefix + "." + name, child, into);
            });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), into);
            }
        } else {
            into.put(prefix, value == null ? "" : String.valueOf(value));
        }
    }

    private static boolean isProfileSpecific(Map<String, String> document) {
        for (String key : document.keySet()) {
            String canonical = canonical(key);
            if (canonical.equals("spring.config.activate.onprofile") || canonical.equals("spring.profiles")
                    || canonical.startsWith("spring.config.activate.oncloudplatform")) {
                return true;
            }
        }
        return false;
    }

    public List<Path> files() {
        return files;
    }

    /** What was read, for the goal's log. */
    public List<String> sources() {
        return sources;
    }

    public boolean isEmpty() {
        return properties.isEmpty() && files.isEmpty() && sources.isEmpty();
    }

    /** A property by its canonical Spring name (kebab-case), in any of the forms Spring's relaxed binding accepts. */
    public Optional<String> get(String name) {
        String wanted = canonical(name);
        String found = null;
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            if (canonical(entry.getKey()).equals(wanted)) {
                found = entry.getValue();
            }
        }
        return Optional.ofNullable(found).map(this::resolve);
    }

    /**
     * The Hibernate settings this configuration gives: Spring Boot's naming defaults (when
     * {@code springBoot} says Spring Boot runs the application), the naming strategies of
     * {@code spring.jpa.hibernate.naming}, then {@code spring.jpa.properties.*}, each later one winning.
     *
     * @param loadable whether a class of that name is on the project's class path
     */
    public Map<String, Object> hibernateSettings(boolean springBoot, Function<String, Boolean> loadable) {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (springBoot) {
            settings.put("hibernate.physical_naming_strategy", CAMEL_CASE_TO_UNDERSCORES);
            settings.put("hibernate.implicit_naming_strategy", springImplicit(loadable));
        }
        get("spring.jpa.hibernate.naming.physical-strategy").filter(s -> !s.isBlank()).ifPresent(strategy ->
                settings.put("hibernate.physical_naming_strategy",
                        strategy.equals(SPRING_PHYSICAL_LEGACY) && !loadable.apply(strategy) ? CAMEL_CASE_TO_UNDERSCORES : strategy));
        get("spring.jpa.hibernate.naming.implicit-strategy").filter(s -> !s.isBlank()).ifPresent(strategy ->
                settings.put("hibernate.implicit_naming_strategy",
                        SPRING_IMPLICIT.contains(strategy) && !loadable.apply(strategy) ? springImplicit(loadable) : strategy));
        String prefix = "spring.jpa.properties.";
        properties.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                settings.put(key.substring(prefix.length()), resolve(value));
            }
        });
        return settings;
    }

    /** Spring Boot's implicit naming strategy when its class is there, otherwise autogen's copy of its rule. */
    private static String springImplicit(Function<String, Boolean> loadable) {
        for (String name : SPRING_IMPLICIT) {
            if (loadable.apply(name)) {
                return name;
            }
        }
        return SpringImplicitNaming.class.getName();
    }

    /**
     * The version table the application runs its migrations with (autogen-runtime's Spring Boot property), when it
     * names one: the goals then keep the same record.
     */
    public Optional<String> versionTable() {
        return get(VERSION_TABLE).filter(table -> !table.isBlank());
    }

    /** spring.datasource.url / username / password, when the URL is set. */
    public Optional<DataSource> dataSource() {
        return get("spring.datasource.url").filter(url -> !url.isBlank()).map(url -> new DataSource(url,
                get("spring.datasource.username").orElse(null), get("spring.datasource.password").orElse(null)));
    }

    public record DataSource(String url, String username, String password) {
    }

    /** Spring's relaxed binding: case, dashes and underscores do not matter in names it binds to fields. */
    static String canonical(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** Resolves ${name} and ${name:default} from this configuration, system properties and the environment. */
    String resolve(String value) {
        return resolved ? value : resolve(value, 0);
    }

    private String resolve(String value, int depth) {
        if (value == null || !value.contains("${") || depth > 10) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            if (start < 0) {
                out.append(value, i, value.length());
                break;
            }
            int end = closing(value, start + 2);
            if (end < 0) {
                out.append(value, i, value.length());
                break;
            }
            out.append(value, i, start);
            String placeholder = value.substring(start + 2, end);
            int colon = placeholder.indexOf(':');
            String name = colon < 0 ? placeholder : placeholder.substring(0, colon);
            String fallback = colon < 0 ? null : placeholder.substring(colon + 1);
            String found = lookup(name);
            if (found != null) {
                out.append(resolve(found, depth + 1));
            } else if (fallback != null) {
                out.append(resolve(fallback, depth + 1));
            } else {
                out.append("${").append(placeholder).append('}');
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static int closing(String value, int from) {
        int depth = 1;
        for (int i = from; i < value.length(); i++) {
            if (value.startsWith("${", i)) {
                depth++;
                i++;
            } else if (value.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private String lookup(String name) {
        String found = null;
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            if (canonical(entry.getKey()).equals(canonical(name))) {
                found = entry.getValue();
            }
        }
        if (found == null) {
            found = System.getProperty(name);
        }
        if (found == null) {
            // Spring maps MY_VAR to my.var and my-var when it looks a name up in the environment
            found = System.getenv(name);
            if (found == null) {
                found = System.getenv(name.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT));
            }
        }
        return found;
    }
}
