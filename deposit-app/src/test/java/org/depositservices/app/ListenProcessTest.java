package org.depositservices.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code listen} as an operator runs it: its own JVM on the embedded defaults (embedded PostgreSQL and broker under
 * one data directory), killed with SIGKILL, started again, joined by an operator mode, and stopped with SIGTERM.
 */
class ListenProcessTest {
    private static final String ADMIN_PASSWORD = "process-test-admin-password";

    @TempDir
    Path dir;

    @Test
    void restartsHealthyAfterKillMinus9RunsModesBesideItAndStopsQuietly() throws Exception {
        Path data = dir.resolve("data");
        int port = freePort();

        Process first = start(data, port, "listen", dir.resolve("listen-1.log"));
        try {
            awaitHealthy(port, first, dir.resolve("listen-1.log"));
            first.destroyForcibly(); // SIGKILL: no shutdown hook, the embedded PostgreSQL is left to fend for itself
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.destroyForcibly();
        }

        Path secondLog = dir.resolve("listen-2.log");
        Process second = start(data, port, "listen", secondLog);
        try {
            awaitHealthy(port, second, secondLog);
            assertThat(second.isAlive()).as("healthy on the first try").isTrue();

            // An operator mode beside the running listen, on the same embedded database.
            Path retryLog = dir.resolve("retry.log");
            Process retry = start(data, port, "retry", retryLog);
            assertThat(retry.waitFor(3, TimeUnit.MINUTES)).as("retry finished").isTrue();
            String retryOut = Files.readString(retryLog);
            assertThat(retryOut).doesNotContain("could not lock").contains("0 retried");
            assertThat(retry.exitValue()).as("retry's exit code; output:%n%s", retryOut).isZero();
            Path usersLog = dir.resolve("users.log");
            Process users = start(data, port, "users", usersLog, "list");
            assertThat(users.waitFor(3, TimeUnit.MINUTES)).as("users finished").isTrue();
            String usersOut = Files.readString(usersLog);
            assertThat(users.exitValue()).as("users' exit code; output:%n%s", usersOut).isZero();
            assertThat(usersOut).containsPattern("(?m)^admin +admin ");
            assertThat(second.isAlive()).as("listen kept running").isTrue();
            awaitHealthy(port, second, secondLog);

            // An admin sees the components of the health; the database's password is in none of them.
            String dbPassword = dbPassword(data);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .header("Authorization", TestCredentials.basic("admin", ADMIN_PASSWORD)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).as(health.body()).contains("\"database\"")
                    .doesNotContain(dbPassword).doesNotContain(ADMIN_PASSWORD);

            second.destroy(); // SIGTERM: a clean shutdown
            assertThat(second.waitFor(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            second.destroyForcibly();
        }
        String log = Files.readString(secondLog);
        assertThat(log).as("no stack trace in a clean start and stop:%n%s", log).doesNotContain("\tat ")
                .doesNotContain("Exception");
        assertThat(log).as("broker audit lines").doesNotContain("AMQ601");
        assertThat(log).as("initdb and server output stay in the database's own log").doesNotContain("initdb")
                .doesNotContain("database system is ready");
        assertThat(log).doesNotContain(ADMIN_PASSWORD);
        for (String other : List.of(Files.readString(dir.resolve("listen-1.log")), Files.readString(dir.resolve("retry.log")),
                Files.readString(dir.resolve("users.log")), Files.readString(data.resolve("postgres/log/server.log")))) {
            assertThat(other).doesNotContain(ADMIN_PASSWORD).doesNotContain(dbPassword(data));
        }
        long lines = log.lines().count();
        assertThat(lines).as("a quiet log:%n%s", log).isLessThan(40);
    }

    /** The embedded database's generated password, as the data directory keeps it. */
    private static String dbPassword(Path data) throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(data.resolve("postgres").resolve("deposit-credentials.properties"))) {
            p.load(in);
        }
        String password = p.getProperty("password");
        assertThat(password).as("the credentials file holds a password").isNotBlank();
        return password;
    }

    private static Process start(Path data, int port, String mode, Path log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m"));
        for (String p : List.of("deposit.embedded-postgres.binaries-dir", "deposit.embedded-postgres.initdb-no-sync")) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.addAll(List.of("-cp", cp, DepositServices.class.getName(), mode));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("PASS_DEPOSIT_DATA_DIR", data.toString());
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("PASS_DEPOSIT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return pb.start();
    }

    private static void awaitHealthy(int port, Process p, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!p.isAlive()) {
                throw new AssertionError("listen exited with " + p.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && r.body().contains("\"UP\"");
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
