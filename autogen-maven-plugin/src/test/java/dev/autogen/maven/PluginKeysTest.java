package dev.autogen.maven;

import dev.autogen.config.Key;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin's parameters, as Maven sees them in the generated plugin.xml, and core's configuration
 * keys are the same set, with the same user properties: a parameter core does not know, or a key
 * no goal offers, fails here rather than being silently ignored.
 */
class PluginKeysTest {

    private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");
    private static final Pattern PROPERTY = Pattern.compile("^\\$\\{([^}]+)}$");

    /** Every editable parameter of every goal: name to user property (empty when it has none). */
    private static Map<String, Optional<String>> parameters() throws Exception {
        assertTrue(Files.isRegularFile(DESCRIPTOR), DESCRIPTOR + " is written at process-classes");
        Document plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile());
        Map<String, Optional<String>> parameters = new TreeMap<>();
        NodeList mojos = plugin.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            Map<String, Optional<String>> properties = new TreeMap<>();
            Element configuration = child(mojo, "configuration");
            if (configuration != null) {
                for (Node node = configuration.getFirstChild(); node != null; node = node.getNextSibling()) {
                    if (node instanceof Element element) {
                        Matcher matcher = PROPERTY.matcher(element.getTextContent().strip());
                        properties.put(element.getTagName(), matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty());
                    }
                }
            }
            for (Node node = child(mojo, "parameters").getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element parameter && "true".equals(child(parameter, "editable").getTextContent())) {
                    String name = child(parameter, "name").getTextContent();
                    Optional<String> property = properties.getOrDefault(name, Optional.empty());
                    Optional<String> before = parameters.put(name, property);
                    assertTrue(before == null || before.equals(property),
                            "parameter " + name + " has the property " + before + " in one goal and " + property + " in another");
                }
            }
        }
        return parameters;
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    @Test
    void theParametersAreCoresKeysWithTheirProperties() throws Exception {
        Map<String, Optional<String>> keys = new TreeMap<>();
        Arrays.stream(Key.values()).filter(Key::parameter).forEach(key -> keys.put(key.key(), Optional.ofNullable(key.property())));

        Map<String, Optional<String>> parameters = parameters();

        assertEquals(keys, parameters, "parameters only the plugin has: " + missing(parameters, keys)
                + "; keys no goal offers: " + missing(keys, parameters));
    }

    @Test
    void theKeysThatAreNoParameterAreNoParameterName() throws Exception {
        Map<String, Optional<String>> parameters = parameters();
        for (Key key : Key.values()) {
            if (!key.parameter()) {
                assertTrue(!parameters.containsKey(key.key()), key.key() + " is filled by the plugin, not set by the user");
            }
        }
    }

    private static TreeSet<String> missing(Map<String, ?> from, Map<String, ?> in) {
        TreeSet<String> names = new TreeSet<>(from.keySet());
        names.removeAll(in.keySet());
        return names;
    }
}
