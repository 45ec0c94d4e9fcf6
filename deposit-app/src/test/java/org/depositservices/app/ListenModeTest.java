package org.depositservices.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipFile;
import org.depositservices.model.StatusInvariants;
import org.depositservices.store.DatabaseSettings;
import org.depositservices.store.StateStore;
import org.depositservices.store.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The listen mode as the README shows it: the example submission from examples/ is posted and, on the default
 * repositories.json with the embedded broker, ends ACCEPTED with a COMPLETE copy and a package in data/repository.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ListenModeTest {
    @TempDir
    static Path data;

    static final DatabaseSettings DB = TestPostgres.newDatabaseSettings();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry r) {
        r.add("pass.deposit.data-dir", () -> data.toString());
        r.add("pass.deposit.database.url", DB::url);
        r.add("pass.deposit.database.user", DB::user);
        TestCredentials.register(r);
    }

    @LocalServerPort
    int port;

    @Autowired
    StateStore store;

    @Test
    void theExampleSubmissionIsDepositedIntoTheLocalRepository() throws Exception {
        Path examples = Path.of("..", "examples");
        Multipart m = new Multipart()
                .json("submission", Files.readString(examples.resolve("submission.json")))
                .file("manuscript.pdf", "application/pdf", Files.readAllBytes(examples.resolve("manuscript.pdf")));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = http.send(TestCredentials.asAdmin(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/submissions")))
                .header("Content-Type", m.contentType()).POST(m.publisher()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonMapper json = JsonMapper.builder().build();
        String id = json.readTree(created.body()).get("id").asString();

        URI self = URI.create("http://localhost:" + port + "/api/submissions/" + id);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                json.readTree(http.send(TestCredentials.asAdmin(HttpRequest.newBuilder(self)).build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body()).get("aggregatedDepositStatus").asString().equals("ACCEPTED"));

        JsonNode s = json.readTree(http.send(TestCredentials.asAdmin(HttpRequest.newBuilder(self)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        JsonNode deposit = s.get("deposits").get(0);
        assertThat(deposit.get("repository").asString()).isEqualTo("local");
        assertThat(deposit.get("depositStatus").asString()).isEqualTo("ACCEPTED");
        assertThat(deposit.get("repositoryCopy").get("copyStatus").asString()).isEqualTo("COMPLETE");
        Path pkg = Path.of(URI.create(deposit.get("repositoryCopy").get("accessUrl").asString()));
        assertThat(pkg.getParent()).isEqualTo(data.resolve("repository").toAbsolutePath().normalize());
        try (ZipFile zip = new ZipFile(pkg.toFile())) {
            assertThat(zip.stream().map(e -> e.getName()).toList()).anyMatch(n -> n.endsWith("manuscript.pdf"));
        }
        assertThat(StatusInvariants.check(store.findSubmission(id).orElseThrow(), store.findDepositsOfSubmission(id)))
                .isEmpty();
    }
}
