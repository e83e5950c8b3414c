package dev.autogen.maven;

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
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Runs a goal of autogen-core inside a class loader built from the project's runtime classpath (its
 * entities, its Hibernate, its JDBC driver), reached through GoalEntry, whose signature has JDK types only.
 */
final class CoreInProjectClassLoader {

    static final String ENTRY = "dev.autogen.command.GoalEntry";
    static final String USER_ERROR = "dev.autogen.AutogenException";

    private final MavenProject project;
    private final String version;
    private final Log log;
    private final boolean showErrors;

    private final GoalTimings timings;

    CoreInProjectClassLoader(MavenProject project, String version, Log log, boolean showErrors, GoalTimings timings) {
        this.project = project;
        this.version = version;
        this.log = log;
        this.showErrors = showErrors;
        this.timings = timings;
    }

    void run(String goal, Map<String, String> properties) throws MojoExecutionException, MojoFailureException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        long loading = System.nanoTime();
        try (HibernateLogging hibernateLogging = new HibernateLogging(log);
             URLClassLoader loader = new URLClassLoader(classpath(), ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(loader);
            if (log.isDebugEnabled()) {
                log.debug("autogen:" + goal + " runs in the project's runtime class path: " + java.util.Arrays.toString(loader.getURLs()));
            }
            Method run = entry(loader).getMethod("run", String.class, Map.class, BiConsumer.class);
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
            run.invoke(null, goal, properties, sink);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (isUserError(cause)) {
                throw showErrors ? new MojoFailureException(cause.getMessage(), cause) : new MojoFailureException(cause.getMessage());
            }
            throw new MojoExecutionException("autogen:" + goal + " failed: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new MojoExecutionException("The autogen-core on the project's classpath does not fit this plugin: " + e, e);
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
            String dependency = "dev.autogen:autogen-core:" + version;
            if (loader.getResource(USER_ERROR.replace('.', '/') + ".class") != null) {
                throw new MojoFailureException("The autogen-core on the classpath of " + project.getArtifactId()
                        + " is older than this plugin: depend on " + dependency);
            }
            throw new MojoFailureException("autogen-core is not on the classpath of " + project.getArtifactId()
                    + ": add the dependency " + dependency + " to the project's pom.xml");
        }
    }

    private URL[] classpath() throws MojoExecutionException {
        List<String> elements;
        try {
            elements = project.getRuntimeClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("The project's runtime dependencies are not resolved: " + e.getMessage(), e);
        }
        List<URL> urls = new ArrayList<>();
        for (String element : elements) {
            try {
                urls.add(new File(element).toURI().toURL());
            } catch (MalformedURLException e) {
                throw new MojoExecutionException("Bad classpath element " + element, e);
            }
        }
        return urls.toArray(URL[]::new);
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
