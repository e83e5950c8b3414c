package dev.autogen.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.LinkedHashMap;
import java.util.Map;

/** A goal that builds the entities' schema, and so needs a server for scratch databases. */
abstract class AbstractScratchMojo extends AbstractAutogenMojo {

    /**
     * Where scratch databases are created: {@code embedded} (a PostgreSQL started for the goal),
     * {@code docker} (a postgres:17 container), or the jdbc:postgresql:// URL of a server.
     */
    @Parameter(property = "autogen.scratch", defaultValue = "embedded")
    private String scratch;

    /** User for a scratch server given by URL. */
    @Parameter(property = "autogen.scratchUser")
    private String scratchUser;

    /** Password for a scratch server given by URL. */
    @Parameter(property = "autogen.scratchPassword")
    private String scratchPassword;

    /**
     * Whether the embedded server keeps its data on Linux's file system in memory, /dev/shm, when that has 2 GiB
     * free: a schema of a thousand tables is built there in half the time. {@code false} keeps them in the cache folder.
     */
    @Parameter(property = "autogen.scratchInMemory", defaultValue = "true")
    private boolean scratchInMemory = true;

    private RunningScratchServer server;

    @Override
    void addProperties(Map<String, String> properties) throws MojoFailureException {
        put(properties, "scratch", scratch);
    }

    /** Starts the scratch server the first time a step of the goal needs one: a run served from the cache needs none. */
    @Override
    synchronized Map<String, String> startScratch() {
        if (server == null) {
            long start = System.nanoTime();
            try {
                server = RunningScratchServer.start(scratch, scratchUser, scratchPassword, scratchInMemory, getLog());
            } catch (MojoFailureException e) {
                throw new IllegalStateException(e.getMessage(), e);
            } finally {
                timings().add(GoalTimings.CLUSTER_START, System.nanoTime() - start);
            }
        }
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("scratchUrl", server.url());
        put(keys, "scratchUser", server.user());
        put(keys, "scratchPassword", server.password());
        return keys;
    }

    @Override
    synchronized void release() {
        if (server == null) {
            return;
        }
        long start = System.nanoTime();
        try {
            server.close();
            timings().add(GoalTimings.CLUSTER_STOP, System.nanoTime() - start);
        } catch (Exception e) {
            getLog().warn("Could not stop the scratch PostgreSQL server: " + e);
        } finally {
            server = null;
        }
    }
}
