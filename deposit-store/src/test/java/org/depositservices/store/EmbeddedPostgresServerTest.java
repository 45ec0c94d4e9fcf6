package org.depositservices.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.depositservices.model.FileRole;
import org.depositservices.model.Submission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL as {@code listen} runs it: durable, password-protected, and restartable after a crash. */
class EmbeddedPostgresServerTest {

    @TempDir
    Path dir;

    @Test
    void runsWithFsyncSynchronousCommitAndFullPageWritesOn() throws Exception {
        try (Database db = Database.start(DatabaseSettings.embedded(dir.resolve("postgres")))) {
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                assertThat(show(st, "fsync")).isEqualTo("on");
                assertThat(show(st, "synchronous_commit")).isEqualTo("on");
                assertThat(show(st, "full_page_writes")).isEqualTo("on");
                assertThat(show(st, "listen_addresses")).isEqualTo("localhost");
                assertThat(show(st, "password_encryption")).isEqualTo("scram-sha-256");
            }
        }
    }

    @Test
    void everyConnectionNeedsTheGeneratedPasswordKeptPrivately() throws Exception {
        Path pg = dir.resolve("postgres");
        try (Database db = Database.start(DatabaseSettings.embedded(pg))) {
            EmbeddedPostgresServer server = db.embedded().orElseThrow();
            String url = server.jdbcUrl();
            assertThatThrownBy(() -> connect(url, null)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            assertThatThrownBy(() -> connect(url, "wrong")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            try (Connection c = connect(url, server.password())) {
                assertThat(c.isValid(2)).isTrue();
            }
            Path credentials = pg.resolve(EmbeddedPostgresServer.CREDENTIALS_FILE);
            assertThat(Files.readString(credentials)).contains("password=" + server.password());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pg))).isEqualTo("rwx------");
            assertThat(Files.readString(pg.resolve("pg_hba.conf"))).doesNotContain("trust");
        }
    }

    @Test
    void aDataDirectoryMadeWithTrustAuthenticationIsSwitchedToAPassword() throws Exception {
        // What earlier versions left: a data directory initialised by the test library with trust authentication.
        Path pg = dir.resolve("postgres");
        try (var legacy = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().setDataDirectory(pg)
                .setCleanDataDirectory(false).start()) {
            try (Connection c = legacy.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA legacy");
                st.execute("CREATE TABLE legacy.kept (v TEXT)");
                st.execute("INSERT INTO legacy.kept VALUES ('from before')");
            }
        }
        assertThat(Files.readString(pg.resolve("pg_hba.conf"))).contains("trust");
        try (Database db = Database.start(DatabaseSettings.embedded(pg))) {
            EmbeddedPostgresServer server = db.embedded().orElseThrow();
            assertThatThrownBy(() -> connect(server.jdbcUrl(), null)).isInstanceOf(SQLException.class);
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT v FROM legacy.kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("from before");
            }
        }
    }

    @Test
    void afterKillMinus9OfItsOwnerWithNoWatchdogTheNextStartStopsTheOrphanAndIsHealthyAtOnce() throws Exception {
        Path pg = dir.resolve("postgres");
        Child child = Child.start(pg, false);
        String pid = Files.readAllLines(pg.resolve("postmaster.pid")).get(0).trim();
        child.killHard();
        // The orphan still runs: that is what used to make every later start fail.
        assertThat(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive)).contains(true);

        try (Database db = Database.start(DatabaseSettings.embedded(pg))) {
            assertThat(db.isHealthy()).isTrue();
            assertThat(new StateStore(db.dataSource(), Clock.systemUTC()).findSubmission(child.submissionId))
                    .as("the submission the killed owner committed").isPresent();
            assertThat(Files.readAllLines(pg.resolve("postmaster.pid")).get(0).trim())
                    .as("a new server runs").isNotEqualTo(pid);
            assertThat(running(Long.parseLong(pid))).as("the orphan was stopped").isFalse();
        }
    }

    @Test
    void theWatchdogStopsTheServerWhenItsOwnerIsKilled() throws Exception {
        Path pg = dir.resolve("postgres");
        Child child = Child.start(pg, true);
        long pid = Long.parseLong(Files.readAllLines(pg.resolve("postmaster.pid")).get(0).trim());
        child.killHard();
        await().atMost(Duration.ofSeconds(30)).until(() -> !running(pid));
        assertThat(pg.resolve("postmaster.pid")).as("a clean shutdown removes its pid file").doesNotExist();
        try (Database db = Database.start(DatabaseSettings.embedded(pg))) {
            assertThat(db.isHealthy()).isTrue();
        }
    }

    @Test
    void aSecondProcessJoinsTheRunningServerInsteadOfFailingOnItsLock() throws Exception {
        Path pg = dir.resolve("postgres");
        Child child = Child.start(pg, true);
        try {
            // This JVM is the second process: as the operator modes do beside listen.
            try (Database db = Database.startOrJoin(DatabaseSettings.embedded(pg))) {
                assertThat(db.embedded().orElseThrow().isOwner()).isFalse();
                assertThat(db.embedded().orElseThrow().port()).isEqualTo(child.port);
                Submission s = new StateStore(db.dataSource(), Clock.systemUTC()).findSubmission(child.submissionId)
                        .orElseThrow();
                assertThat(s.files()).hasSize(1);
            }
            assertThat(child.process.isAlive()).isTrue();
            // Closing the joined database left the owner's server running.
            try (Database again = Database.startOrJoin(DatabaseSettings.embedded(pg))) {
                assertThat(again.isHealthy()).isTrue();
            }
        } finally {
            child.process.destroy();
            child.process.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aHalfInitialisedDirectoryFromACrashedFirstStartIsRemovedAndTheStartSucceeds() throws Exception {
        Path pg = dir.resolve("postgres");
        Path leftover = Files.createDirectories(dir.resolve(".postgres.init-1234"));
        Files.writeString(leftover.resolve("PG_VERSION"), "17\n");
        try (Database db = Database.start(DatabaseSettings.embedded(pg))) {
            assertThat(db.isHealthy()).isTrue();
        }
        assertThat(leftover).doesNotExist();
    }

    @Test
    void aDirectoryHoldingSomethingElseIsRefusedWithWhatToDo() throws Exception {
        Path pg = Files.createDirectories(dir.resolve("postgres"));
        Files.writeString(pg.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> Database.start(DatabaseSettings.embedded(pg)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("holds no PostgreSQL data")
                .hasMessageContaining("PASS_DEPOSIT_DATABASE_EMBEDDED_DIR");
        assertThat(pg.resolve("notes.txt")).hasContent("mine");
    }

    /** Alive and not a zombie (a stopped orphan may wait for a parent that never reaps it). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String show(Statement st, String setting) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Connection connect(String url, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", EmbeddedPostgresServer.USER);
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(url, p);
    }

    /** A JVM that owns the database, as listen does, and can be killed with SIGKILL. */
    private static final class Child {
        final Process process;
        final int port;
        final String submissionId;

        private Child(Process process, int port, String submissionId) {
            this.process = process;
            this.port = port;
            this.submissionId = submissionId;
        }

        static Child start(Path pg, boolean watchdog) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx128m",
                    "-D" + EmbeddedPostgresServer.WATCHDOG_PROPERTY + "=" + watchdog));
            for (String property : List.of(EmbeddedPostgresServer.BINARIES_PROPERTY,
                    EmbeddedPostgresServer.INITDB_NO_SYNC_PROPERTY)) {
                if (System.getProperty(property) != null) {
                    cmd.add("-D" + property + "=" + System.getProperty(property));
                }
            }
            cmd.addAll(List.of("-cp", cp, EmbeddedDatabaseChild.class.getName(), pg.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            String line;
            while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.startsWith("READY ")) {
                    String[] f = line.split(" ");
                    drain(out);
                    return new Child(p, Integer.parseInt(f[1]), f[2]);
                }
            }
            p.destroyForcibly();
            throw new AssertionError("child did not get ready; its output:\n" + seen);
        }

        private static void drain(BufferedReader out) {
            Thread t = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // keep the pipe from filling
                    }
                } catch (java.io.IOException ignored) {
                    // the child is gone
                }
            });
            t.setDaemon(true);
            t.start();
        }

        void killHard() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
