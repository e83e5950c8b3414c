package dev.autogen.maven;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Runs a goal of autogen-core inside a class loader built from the project's runtime classpath (its
 * entities, its Hibernate, its JDBC driver, the autogen-runtime its migrations compile against), reached
 * through GoalEntry, whose signature has JDK types only. autogen-core itself and whatever of its
 * dependencies the project does not have come from this plugin's own artifacts, after the project's: the
 * project's Hibernate always wins, and applications never carry the generator.
 */
final class CoreInProjectClassLoader {

    static final String ENTRY = "dev.autogen.command.GoalEntry";
    static final String USER_ERROR = "dev.autogen.AutogenException";

    static final String GROUP = "dev.autogen";
    static final String RUNTIME = "autogen-runtime";
    static final String CORE = "autogen-core";

    private final MavenProject project;
    private final List<Artifact> pluginArtifacts;
    private final String version;
    private final Log log;
    private final boolean showErrors;

    private final GoalTimings timings;

    CoreInProjectClassLoader(MavenProject project, List<Artifact> pluginArtifacts, String version, Log log, boolean showErrors,
                             GoalTimings timings) {
        this.project = project;
        this.pluginArtifacts = pluginArtifacts;
        this.version = version;
        this.log = log;
        this.showErrors = showErrors;
        this.timings = timings;
    }

    void run(String goal, Map<String, String> properties, Supplier<Map<String, String>> scratchServer) throws MojoExecutionException, MojoFailureException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        long loading = System.nanoTime();
        try (HibernateLogging hibernateLogging = new HibernateLogging(log);
             URLClassLoader loader = new URLClassLoader(classpath(), ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(loader);
            if (log.isDebugEnabled()) {
                log.debug("autogen:" + goal + " runs in the project's runtime class path: " + java.util.Arrays.toString(loader.getURLs()));
            }
            Method run = entry(loader).getMethod("run", String.class, Map.class, BiConsumer.class, Supplier.class);
            BiConsumer<String, String> sink = (level, message) -> {
                if ("warn".equals(level)) {
                    log.warn(message);
                } else if ("timing".equals(level)) {
                    timings.core(message);
                } else {
                    log.info(message);
                }
            };
            timings.add(GoalTimings.CLASS_LOADER, System.nanoTime() - loading);
            run.invoke(null, goal, properties, sink, scratchServer);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (isUserError(cause)) {
                throw showErrors ? new MojoFailureException(cause.getMessage(), cause) : new MojoFailureException(cause.getMessage());
            }
            throw new MojoExecutionException("autogen:" + goal + " failed: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new MojoExecutionException("The autogen classes on the project's classpath do not fit this plugin: " + e, e);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot close the project class loader: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Class<?> entry(ClassLoader loader) throws MojoFailureException {
        try {
            return Class.forName(ENTRY, true, loader);
        } catch (ClassNotFoundException e) {
            throw new MojoFailureException("The autogen-core on the classpath of " + project.getArtifactId()
                    + " is older than this plugin: depend on " + GROUP + ":" + RUNTIME + ":" + version + " instead");
        }
    }

    /**
     * The project's runtime class path, then autogen-core and those of its dependencies the project does not
     * have (by group and artifact id), from the plugin's own artifacts.
     */
    URL[] classpath() throws MojoExecutionException, MojoFailureException {
        List<String> elements;
        try {
            elements = project.getRuntimeClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("The project's runtime dependencies are not resolved: " + e.getMessage(), e);
        }
        Set<String> projectHas = new HashSet<>();
        for (Artifact artifact : project.getArtifacts()) {
            if (!artifact.getArtifactHandler().isAddedToClasspath() || "test".equals(artifact.getScope())
                    || "provided".equals(artifact.getScope()) || "system".equals(artifact.getScope())) {
                continue;
            }
            projectHas.add(artifact.getGroupId() + ":" + artifact.getArtifactId());
            if (GROUP.equals(artifact.getGroupId()) && (RUNTIME.equals(artifact.getArtifactId()) || CORE.equals(artifact.getArtifactId()))
                    && !version.equals(artifact.getBaseVersion())) {
                throw new MojoFailureException(project.getArtifactId() + " depends on " + GROUP + ":" + artifact.getArtifactId() + ":"
                        + artifact.getBaseVersion() + ", and this plugin is " + version + ": use the same version for both");
            }
        }
        if (!projectHas.contains(GROUP + ":" + RUNTIME)) {
            throw new MojoFailureException("autogen-runtime is not on the classpath of " + project.getArtifactId()
                    + ": add the dependency " + GROUP + ":" + RUNTIME + ":" + version
                    + " to the project's pom.xml (its migration files compile against it)");
        }
        List<URL> urls = new ArrayList<>();
        for (String element : elements) {
            urls.add(url(new File(element)));
        }
        for (Artifact artifact : pluginArtifacts) {
            if (artifact.getFile() != null && !"test".equals(artifact.getScope()) && "jar".equals(artifact.getType())
                    && isCoreOrBelow(artifact) && projectHas.add(artifact.getGroupId() + ":" + artifact.getArtifactId())) {
                urls.add(url(artifact.getFile()));
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** autogen-core and what it depends on: the plugin's other artifacts (Maven, Docker, the embedded server) stay out. */
    private boolean isCoreOrBelow(Artifact artifact) {
        if (GROUP.equals(artifact.getGroupId())) {
            return CORE.equals(artifact.getArtifactId()) || RUNTIME.equals(artifact.getArtifactId());
        }
        List<String> trail = artifact.getDependencyTrail();
        return trail != null && trail.stream().anyMatch(id -> id.startsWith(GROUP + ":" + CORE + ":"));
    }

    private static URL url(File file) throws MojoExecutionException {
        try {
            return file.toURI().toURL();
        } catch (MalformedURLException e) {
            throw new MojoExecutionException("Bad classpath element " + file, e);
        }
    }

    private static boolean isUserError(Throwable error) {
        for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(USER_ERROR)) {
                return true;
            }
        }
        return false;
    }
}
