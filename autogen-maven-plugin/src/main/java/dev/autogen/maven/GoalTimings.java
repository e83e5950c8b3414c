package dev.autogen.maven;

import org.apache.maven.plugin.logging.Log;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where one goal's time went, printed with -Dautogen.timings=true: the plugin's own steps, and the
 * phases autogen-core reports through the log sink as ("timing", "phase TAB nanoseconds").
 */
final class GoalTimings {

    static final String MAVEN = "Maven start, project build and forked compile before the goal";
    static final String GOAL_JVM = "goal's JVM start";
    static final String GOAL_JVM_EXIT = "goal's JVM exit";
    static final String CLUSTER_START = "scratch cluster start";
    static final String CLUSTER_STOP = "scratch cluster stop";

    private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final long goalStartMillis = System.currentTimeMillis();
    private final long goalStart = System.nanoTime();
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private long goalJvmMemory = -1;
    private long goalJvmCpu = -1;

    GoalTimings() {
        phases.put(MAVEN, (goalStartMillis - jvmStartMillis) * 1_000_000L);
    }

    synchronized void add(String phase, long nanos) {
        phases.merge(phase, nanos, Long::sum);
    }

    /** The most memory the goal's JVM had resident, in bytes. */
    synchronized void goalJvmMemory(long bytes) {
        goalJvmMemory = bytes;
    }

    /** The CPU time the goal's JVM took, all its threads, in nanoseconds. */
    synchronized void goalJvmCpu(long nanos) {
        goalJvmCpu = nanos;
    }

    /** A phase autogen-core measured: "name TAB nanoseconds". */
    void core(String message) {
        int tab = message.lastIndexOf('\t');
        if (tab > 0) {
            try {
                add(message.substring(0, tab), Long.parseLong(message.substring(tab + 1)));
            } catch (NumberFormatException e) {
                // not a timing line: nothing to add
            }
        }
    }

    synchronized void print(Log log) {
        long goal = System.nanoTime() - goalStart;
        long measured = phases.entrySet().stream().filter(e -> !e.getKey().equals(MAVEN)).mapToLong(Map.Entry::getValue).sum();
        log.info("Timings (autogen.timings):");
        phases.forEach((phase, nanos) -> log.info(line(phase, nanos)));
        log.info(line("rest of the goal (scratch databases, reading migrations, ...)", Math.max(0, goal - measured)));
        log.info(line("whole process until now", phases.get(MAVEN) + goal));
        // where the CPU went: on a machine with few cores, work of one JVM slows the other
        Optional<Long> mavenCpu = dev.autogen.command.GoalChannel.cpuTime();
        if (mavenCpu.isPresent()) {
            log.info(line("CPU time of Maven's JVM until now, all its threads", mavenCpu.get()));
        }
        if (goalJvmCpu >= 0) {
            log.info(line("CPU time of the goal's JVM, all its threads", goalJvmCpu));
        }
        Optional<Long> maven = dev.autogen.command.GoalChannel.peakResidentMemory();
        if (maven.isPresent() && goalJvmMemory >= 0) {
            log.info(String.format(Locale.ROOT, "  %-66s %6d MiB", "peak resident memory, Maven's JVM", maven.get() >> 20));
            log.info(String.format(Locale.ROOT, "  %-66s %6d MiB", "peak resident memory, the goal's JVM", goalJvmMemory >> 20));
        }
        if (goalJvmCpu >= 0 && !ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:TieredStopAtLevel=1")) {
            // a goal with nothing to do is mostly Maven's JVM, whose optimizing JIT does not pay back in seconds
            log.info("  Maven's JVM runs its optimizing JIT: -XX:TieredStopAtLevel=1 -XX:+UseSerialGC in the project's"
                    + " .mvn/jvm.config make short goals faster (README, Speed)");
        }
    }

    private static String line(String phase, long nanos) {
        return String.format(Locale.ROOT, "  %-66s %8.2f s", phase, nanos / 1e9);
    }
}
