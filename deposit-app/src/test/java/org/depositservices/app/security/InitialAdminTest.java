package org.depositservices.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.depositservices.app.DepositServices;
import org.depositservices.app.TestCredentials;
import org.depositservices.store.DatabaseSettings;
import org.depositservices.store.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The first start of the service on an empty user store, as an operator meets it: the admin's password in a file
 * only its user can read, named in the log, never printed; or the one a container gives. And the service answers on
 * loopback only unless told otherwise.
 */
@ExtendWith(OutputCaptureExtension.class)
class InitialAdminTest {
    @TempDir
    Path tmp;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aFreshStoreGetsAnAdminWhosePasswordIsInAPrivateFile(CapturedOutput output) throws Exception {
        DatabaseSettings db = TestPostgres.newDatabaseSettings();
        Path data = tmp.resolve("fresh").resolve("data");
        Path file = data.resolve("initial-admin-password");
        String password;
        try (ConfigurableApplicationContext ctx = start(db, data)) {
            assertThat(file).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            password = Files.readString(file).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(32);

            int port = port(ctx);
            assertThat(get(port, TestCredentials.basic("admin", password)).statusCode()).isEqualTo(200);
            assertThat(get(port, TestCredentials.basic("admin", password + "x")).statusCode()).isEqualTo(401);
            assertThat(output.getAll()).contains(file.toAbsolutePath().normalize().toString())
                    .doesNotContain(password);

            // the README's example: examples/post-submission.sh finds the password in the data directory
            if (curlAvailable()) {
                ProcessBuilder pb = new ProcessBuilder("bash", Path.of("..", "examples", "post-submission.sh")
                        .toString(), "http://127.0.0.1:" + port).redirectErrorStream(true);
                pb.environment().keySet().removeAll(List.of("DEPOSIT_USER", "DEPOSIT_PASSWORD",
                        "PASS_DEPOSIT_ADMIN_PASSWORD"));
                pb.environment().put("PASS_DEPOSIT_DATA_DIR", data.toString());
                Process p = pb.start();
                String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor()).as(answer).isZero();
                assertThat(answer).startsWith("HTTP/1.1 201").contains("\"aggregatedDepositStatus\":\"NOT_STARTED\"");
            }

            // SERVER_ADDRESS unset: bound to 127.0.0.1 alone, so another address of this machine is refused
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            }
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.2", port), 5_000);
                }
            }).isInstanceOf(ConnectException.class);
        }

        // the second start finds the admin and leaves it, and the file, alone
        int createdBefore = count(output.getAll(), "Created user 'admin'");
        try (ConfigurableApplicationContext ctx = start(db, data)) {
            assertThat(Files.readString(file).strip()).isEqualTo(password);
            assertThat(get(port(ctx), TestCredentials.basic("admin", password)).statusCode()).isEqualTo(200);
        }
        assertThat(count(output.getAll(), "Created user 'admin'")).isEqualTo(createdBefore);
        assertThat(output.getAll()).doesNotContain(password);
    }

    @Test
    void aGivenAdminPasswordIsUsedAndNoFileIsWritten(CapturedOutput output) throws Exception {
        DatabaseSettings db = TestPostgres.newDatabaseSettings();
        Path data = tmp.resolve("data");
        String given = "a container's admin secret";
        try (ConfigurableApplicationContext ctx = start(db, data, "--pass.deposit.admin-password=" + given)) {
            assertThat(data.resolve("initial-admin-password")).doesNotExist();
            assertThat(get(port(ctx), TestCredentials.basic("admin", given)).statusCode()).isEqualTo(200);
        }
        assertThat(output.getAll()).contains("PASS_DEPOSIT_ADMIN_PASSWORD").doesNotContain(given);
    }

    private static ConfigurableApplicationContext start(DatabaseSettings db, Path data, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--pass.deposit.data-dir=" + data,
                "--pass.deposit.database.url=" + db.url(), "--pass.deposit.database.user=" + db.user()));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(DepositServices.class).profiles("no-engine")
                .run(args.toArray(String[]::new));
    }

    private static boolean curlAvailable() {
        try {
            return new ProcessBuilder("curl", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private HttpResponse<String> get(int port, String auth) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/submissions"))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
