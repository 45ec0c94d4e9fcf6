package org.depositservices.store;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server run from the binaries that ship in a Maven artifact, on a data directory that outlives
 * it. Unlike a test fixture it is run for durability and safety:
 * <ul>
 *   <li>fsync, synchronous commit and full-page writes are on (on the command line, so nothing can turn them off);
 *       it listens on loopback only, and every connection needs the password generated at initdb time, kept in
 *       {@value #CREDENTIALS_FILE} inside the data directory (mode 0600; the directory itself is 0700);</li>
 *   <li>one process at a time owns a data directory (a file lock beside it, released by the kernel whatever way the
 *       owner dies). Other processes on the same directory — the operator modes beside {@code listen} — join the
 *       running server as clients ({@link #join});</li>
 *   <li>a server left running by an owner that died ({@code kill -9}) is found through {@code postmaster.pid} and
 *       stopped cleanly before the new start; and a small watchdog process stops the server when its owner JVM dies,
 *       so an orphan rarely exists at all;</li>
 *   <li>its output goes to {@code log/server.log} in the data directory, not to our log;</li>
 *   <li>it registers no shutdown hook of its own: whoever started it stops it, after everything that uses it.</li>
 * </ul>
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    static final String CREDENTIALS_FILE = "deposit-credentials.properties";
    static final String USER = "postgres";
    static final String DATABASE = "postgres";
    private static final String HBA_MARKER = "# Written by Deposit Services: password authentication, loopback only.";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);
    /** System property: {@code false} starts no watchdog (tests that need a real orphan). */
    static final String WATCHDOG_PROPERTY = "deposit.embedded-postgres.watchdog";
    /** System property: where to unpack the binaries instead of beside the data directory (tests share one copy). */
    static final String BINARIES_PROPERTY = "deposit.embedded-postgres.binaries-dir";
    /** System property: {@code true} skips initdb's fsync of the new cluster (test suites make dozens). */
    static final String INITDB_NO_SYNC_PROPERTY = "deposit.embedded-postgres.initdb-no-sync";

    private final Path dataDir;
    private final int port;
    private final String password;
    private final Path binDir;
    private final FileChannel lockChannel;
    private final Process watchdog;
    private volatile boolean closed;

    private EmbeddedPostgresServer(Path dataDir, int port, String password, Path binDir, FileChannel lockChannel,
                             Process watchdog) {
        this.dataDir = dataDir;
        this.port = port;
        this.password = password;
        this.binDir = binDir;
        this.lockChannel = lockChannel;
        this.watchdog = watchdog;
    }

    /** True when this process started the server (and stops it on {@link #close}); false when it joined one. */
    public boolean isOwner() {
        return binDir != null;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    String password() {
        return password;
    }

    public Path dataDirectory() {
        return dataDir;
    }

    /**
     * Starts the server on {@code dataDir} (created and initialised when missing), waiting up to a minute for
     * another process that owns the directory to let go.
     *
     * @param port 0 for any free loopback port
     * @throws StoreException naming what is wrong when it cannot start
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        return open(dataDir, port, false);
    }

    /**
     * Joins the server of the process that owns {@code dataDir} (a running {@code listen}), or starts it as
     * {@link #start} does when no process owns it.
     */
    public static EmbeddedPostgresServer join(Path dataDir, int port) {
        return open(dataDir, port, true);
    }

    private static EmbeddedPostgresServer open(Path dataDir, int port, boolean mayJoin) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            createPrivateDirectories(dir.getParent());
            Path lockFile = dir.resolveSibling(dir.getFileName() + ".lock");
            long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
            while (true) {
                FileChannel ch = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.READ), privateFile());
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // this JVM already owns it
                }
                if (lock != null) {
                    try {
                        return startOwned(dir, port, ch);
                    } catch (IOException | RuntimeException e) {
                        ch.close();
                        throw e;
                    }
                }
                ch.close();
                String owner = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
                if (mayJoin) {
                    return joinRunning(dir, owner, deadline);
                }
                if (System.nanoTime() > deadline) {
                    throw new StoreException("the embedded PostgreSQL in " + dir + " is in use by another process ("
                            + (owner.isEmpty() ? "unknown" : owner) + "); stop it first, or give this process its own"
                            + " PASS_DEPOSIT_DATA_DIR");
                }
                Thread.sleep(250);
            }
        } catch (IOException e) {
            throw new StoreException("cannot start the embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while starting the embedded PostgreSQL in " + dir, e);
        }
    }

    // ------------------------------------------------------------------ owner

    private static EmbeddedPostgresServer startOwned(Path dir, int requestedPort, FileChannel lock) throws IOException,
            InterruptedException {
        writeOwner(lock);
        Path bin = binaries(dir.getParent());
        removeLeftoverInitDirectories(dir);
        if (!Files.exists(dir.resolve("PG_VERSION"))) {
            initialise(dir, bin);
        }
        stopOrphan(dir, bin);
        Path log = dir.resolve("log").resolve("server.log");
        createPrivateDirectories(log.getParent());
        int port = requestedPort > 0 ? requestedPort : freePort();
        String options = String.join(" ",
                "-p", Integer.toString(port),
                "-c", "listen_addresses=localhost",
                // an empty list: no Unix socket in /tmp for others to find; we connect over loopback TCP
                "-c", "unix_socket_directories=''",
                "-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "full_page_writes=on",
                "-c", "timezone=UTC");
        run(bin, log, "pg_ctl", "-D", dir.toString(), "-l", log.toString(), "-o", options, "-w",
                "-t", Long.toString(START_TIMEOUT.toSeconds()), "-s", "start");
        Optional<String> credentials = readCredentials(dir);
        String password;
        if (credentials.isPresent() && hbaIsOurs(dir)) {
            password = credentials.get();
        } else {
            password = secure(dir, port, credentials.orElse(null));
        }
        Process watchdog = Boolean.parseBoolean(System.getProperty(WATCHDOG_PROPERTY, "true"))
                ? startWatchdog(dir) : null;
        return new EmbeddedPostgresServer(dir, port, password, bin, lock, watchdog);
    }

    private static void writeOwner(FileChannel lock) throws IOException {
        String mode = System.getProperty("deposit.mode", "process");
        byte[] text = ("pid " + ProcessHandle.current().pid() + " (" + mode + ")\n").getBytes(StandardCharsets.UTF_8);
        lock.truncate(0);
        lock.write(java.nio.ByteBuffer.wrap(text), 0);
        lock.force(true);
    }

    /** initdb into a temporary sibling, then one rename: a crash never leaves a half-initialised directory. */
    private static void initialise(Path dir, Path bin) throws IOException, InterruptedException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new StoreException(dir + " exists but holds no PostgreSQL data (no PG_VERSION); move it"
                            + " away or point PASS_DEPOSIT_DATABASE_EMBEDDED_DIR elsewhere");
                }
            }
            Files.delete(dir);
        }
        Path init = dir.resolveSibling("." + dir.getFileName() + ".init-" + UUID.randomUUID());
        String password = newPassword();
        Path pwfile = Files.createTempFile(dir.getParent(), ".pw", ".tmp", privateFile());
        try {
            Files.writeString(pwfile, password + "\n");
            Path log = dir.resolveSibling("." + dir.getFileName() + ".initdb.log");
            List<String> args = new ArrayList<>(List.of("-D", init.toString(), "-U", USER, "--pwfile=" + pwfile,
                    "--auth=scram-sha-256", "-E", "UTF-8", "--no-locale"));
            if (Boolean.getBoolean(INITDB_NO_SYNC_PROPERTY)) {
                args.add("--no-sync"); // tests only: a fresh cluster a power loss could damage is thrown away anyway
            }
            run(bin, log, "initdb", args.toArray(String[]::new));
            Files.deleteIfExists(log);
        } finally {
            Files.deleteIfExists(pwfile);
        }
        writeCredentials(init, password);
        writeHba(init);
        try {
            Files.move(init, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(init, dir);
        }
        fsync(dir.getParent());
        LOG.info("Embedded PostgreSQL initialised in {}", dir);
    }

    private static void removeLeftoverInitDirectories(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir.getParent(),
                "." + dir.getFileName() + ".init-*")) {
            for (Path p : s) {
                LOG.info("Removing {}, left by an initialisation that did not finish", p);
                deleteTree(p);
            }
        }
    }

    /**
     * Stops a server that an earlier owner of this directory left running (it died without stopping it). We hold
     * the lock, so no live owner uses it.
     */
    private static void stopOrphan(Path dir, Path bin) throws IOException, InterruptedException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (RuntimeException e) {
            return; // a torn pid file: PostgreSQL itself rewrites it
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return; // stale: PostgreSQL sees the process is gone and takes the file over
        }
        boolean postgres = process.get().info().command().map(c -> c.endsWith("postgres")).orElse(true);
        if (!postgres) {
            // The pid was reused by an unrelated process; PostgreSQL would refuse to start on it.
            LOG.warn("Removing {}: its process {} is not PostgreSQL", pidFile, pid);
            Files.delete(pidFile);
            return;
        }
        LOG.warn("A PostgreSQL server (pid {}) was left running on {} by an earlier process that died; stopping it",
                pid, dir);
        Path log = dir.resolve("log").resolve("server.log");
        createPrivateDirectories(log.getParent());
        try {
            run(bin, log, "pg_ctl", "-D", dir.toString(), "-m", "fast", "-w", "-t", "60", "-s", "stop");
        } catch (StoreException e) {
            run(bin, log, "pg_ctl", "-D", dir.toString(), "-m", "immediate", "-w", "-t", "30", "-s", "stop");
        }
    }

    /**
     * A data directory made by an earlier version (trust authentication, no password): gives the superuser a
     * password and switches to password authentication. Redone on the next start if a crash interrupts it.
     */
    private static String secure(Path dir, int port, String known) throws IOException {
        String password = known != null ? known : newPassword();
        writeCredentials(dir, password);
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", password);
        try (var c = new org.postgresql.Driver().connect("jdbc:postgresql://localhost:" + port + "/" + DATABASE, p);
             var st = c.createStatement()) {
            st.execute("ALTER ROLE " + USER + " PASSWORD '" + password.replace("'", "''") + "'");
            writeHba(dir);
            st.execute("SELECT pg_reload_conf()");
        } catch (java.sql.SQLException e) {
            throw new StoreException("cannot switch the embedded PostgreSQL in " + dir + " to password"
                    + " authentication: " + e.getMessage(), e);
        }
        LOG.info("Embedded PostgreSQL in {} now requires its generated password (kept in {})", dir,
                dir.resolve(CREDENTIALS_FILE));
        return password;
    }

    private static void writeHba(Path dir) throws IOException {
        String hba = HBA_MARKER + "\n"
                + "local all all scram-sha-256\n"
                + "host  all all 127.0.0.1/32 scram-sha-256\n"
                + "host  all all ::1/128 scram-sha-256\n";
        writeAtomically(dir.resolve("pg_hba.conf"), hba);
    }

    private static boolean hbaIsOurs(Path dir) throws IOException {
        Path hba = dir.resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readString(hba).startsWith(HBA_MARKER);
    }

    private static void writeCredentials(Path dir, String password) throws IOException {
        writeAtomically(dir.resolve(CREDENTIALS_FILE), "# How Deposit Services reaches this PostgreSQL; keep private.\n"
                + "user=" + USER + "\npassword=" + password + "\n");
    }

    private static Optional<String> readCredentials(Path dir) throws IOException {
        Path f = dir.resolve(CREDENTIALS_FILE);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
        }
        return Optional.ofNullable(p.getProperty("password")).filter(s -> !s.isBlank());
    }

    /**
     * A {@code sh} loop, outside the JVM, that stops the server once the JVM is gone. It exists for {@code kill -9}
     * of the JVM alone: a normal exit stops the server first, and the watchdog then finds nothing to do.
     */
    private static Process startWatchdog(Path dir) {
        Path pidFile = dir.resolve("postmaster.pid");
        try {
            String pgPid = Files.readAllLines(pidFile).get(0).trim();
            String script = "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; "
                    + "if [ -f \"$3\" ] && [ \"$(head -n 1 \"$3\")\" = \"$2\" ]; then kill -INT \"$2\"; fi";
            return new ProcessBuilder("sh", "-c", script, "deposit-pg-watchdog",
                    Long.toString(ProcessHandle.current().pid()), pgPid, pidFile.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            LOG.debug("No watchdog for the embedded PostgreSQL: {}", e.toString());
            return null;
        }
    }

    // ------------------------------------------------------------------ client

    private static EmbeddedPostgresServer joinRunning(Path dir, String owner, long deadline) throws IOException,
            InterruptedException {
        while (true) {
            Optional<String> password = readCredentials(dir);
            Optional<Integer> port = readyPort(dir);
            if (password.isPresent() && port.isPresent() && accepts(port.get())) {
                LOG.info("Using the embedded PostgreSQL of {} (port {})", owner.isEmpty() ? "another process" : owner,
                        port.get());
                return new EmbeddedPostgresServer(dir, port.get(), password.get(), null, null, null);
            }
            if (System.nanoTime() > deadline) {
                throw new StoreException("the embedded PostgreSQL in " + dir + " belongs to " + owner
                        + " but did not become ready within " + JOIN_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    /** The port in {@code postmaster.pid} once its status line says ready. */
    private static Optional<Integer> readyPort(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            if (lines.size() >= 8 && lines.get(7).trim().equals("ready")) {
                return Optional.of(Integer.parseInt(lines.get(3).trim()));
            }
        } catch (IOException | RuntimeException e) {
            // not there yet, or being written
        }
        return Optional.empty();
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ stop

    /** The owner stops the server (fast shutdown: sessions end, everything committed is kept); a client does nothing. */
    @Override
    public void close() {
        if (closed || !isOwner()) {
            return;
        }
        closed = true;
        try {
            Path log = dataDir.resolve("log").resolve("server.log");
            try {
                run(binDir, log, "pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "-s", "stop");
            } catch (StoreException e) {
                LOG.warn("Embedded PostgreSQL did not stop within a minute; stopping it immediately: {}",
                        e.getMessage());
                run(binDir, log, "pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "-s", "stop");
            }
        } catch (IOException | InterruptedException | StoreException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        } finally {
            if (watchdog != null) {
                watchdog.destroy();
            }
            try {
                lockChannel.close();
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
        }
    }

    // ------------------------------------------------------------------ binaries

    /**
     * The PostgreSQL binaries, unpacked once per version under the data directory's parent (private to this user:
     * binaries in a shared /tmp could be replaced by anyone).
     */
    private static Path binaries(Path base) throws IOException {
        String digest;
        try (InputStream in = archive(); DigestInputStream d = new DigestInputStream(in, sha256())) {
            d.transferTo(OutputStream.nullOutputStream());
            digest = HexFormat.of().formatHex(d.getMessageDigest().digest()).substring(0, 16);
        }
        String shared = System.getProperty(BINARIES_PROPERTY);
        Path root = shared != null && !shared.isBlank() ? Path.of(shared) : base.resolve(".postgres-binaries");
        Path target = root.resolve(digest);
        if (Files.exists(target.resolve(".complete"))) {
            return target.resolve("bin");
        }
        createPrivateDirectories(root);
        Path tmp = Files.createTempDirectory(root, digest + ".unpack-");
        try (InputStream in = archive(); TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(in))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path p = tmp.resolve(e.getName()).normalize();
                if (!p.startsWith(tmp)) {
                    throw new IOException("unsafe entry in the PostgreSQL archive: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(p.getParent());
                    Files.createSymbolicLink(p, Path.of(e.getLinkName()));
                } else if (e.isLink()) {
                    Files.createDirectories(p.getParent());
                    Files.createLink(p, tmp.resolve(e.getLinkName()).normalize());
                } else {
                    Files.createDirectories(p.getParent());
                    Files.copy(tar, p);
                    if ((e.getMode() & 0100) != 0 || e.getName().startsWith("bin/")) {
                        p.toFile().setExecutable(true, true);
                    }
                }
            }
            Files.createFile(tmp.resolve(".complete"));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.exists(target.resolve(".complete"))) {
                    throw raced;
                }
            }
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
        return target.resolve("bin");
    }

    private static InputStream archive() throws IOException {
        String os = System.getProperty("os.name").toLowerCase().contains("mac") ? "Darwin" : "Linux";
        String arch = System.getProperty("os.arch");
        InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(os,
                arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch);
        if (in == null) {
            throw new IOException("no PostgreSQL binaries for " + os + " " + arch + " on the class path");
        }
        return in;
    }

    // ------------------------------------------------------------------ helpers

    /** Runs a PostgreSQL program with its output appended to {@code log}; fails with the log's last lines. */
    private static void run(Path bin, Path log, String program, String... args) throws IOException,
            InterruptedException {
        List<String> cmd = new ArrayList<>(asUnprivileged());
        cmd.add(bin.resolve(program).toString());
        cmd.addAll(List.of(args));
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new StoreException(program + " " + (args.length > 0 ? args[args.length - 1] : "") + " failed (exit "
                    + rc + "); last lines of " + log + ":\n" + tail(log, 15));
        }
    }

    private static volatile List<String> unprivileged;

    /**
     * PostgreSQL refuses to run as root. As root (containers, CI) its programs run in a new user namespace, where
     * they see an unprivileged user id while the files stay the invoking user's; elsewhere they run as they are.
     */
    private static List<String> asUnprivileged() throws IOException, InterruptedException {
        List<String> p = unprivileged;
        if (p == null) {
            p = List.of();
            if ("0".equals(output("id", "-u"))) {
                String inside = output("unshare", "-U", "id", "-u");
                if (inside == null || inside.equals("0")) {
                    throw new StoreException("PostgreSQL cannot run as root, and this system cannot run it in a user"
                            + " namespace (unshare -U); run Deposit Services as an unprivileged user, or use an"
                            + " external database (PASS_DEPOSIT_DATABASE_URL)");
                }
                p = List.of("unshare", "-U");
            }
            unprivileged = p;
        }
        return p;
    }

    private static String output(String... cmd) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String newPassword() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, privateFile());
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        fsync(file.getParent());
    }

    private static java.nio.file.attribute.FileAttribute<?>[] privateFile() {
        return posix() ? new java.nio.file.attribute.FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new java.nio.file.attribute.FileAttribute<?>[0];
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getParent() != null) {
            Files.createDirectories(dir.getParent());
        }
        if (posix()) {
            Set<PosixFilePermission> rwx = PosixFilePermissions.fromString("rwx------");
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(rwx));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return;
            }
            Files.setPosixFilePermissions(dir, rwx); // the umask may have masked bits we did not ask for anyway
        } else {
            Files.createDirectories(dir);
        }
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void fsync(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // not every platform can sync a directory
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
