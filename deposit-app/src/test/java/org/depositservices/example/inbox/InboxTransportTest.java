package org.depositservices.example.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.depositservices.app.DepositServices;
import org.depositservices.app.Multipart;
import org.depositservices.app.TestCredentials;
import org.depositservices.store.DatabaseSettings;
import org.depositservices.store.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A repository integration added with no edit outside its own package: {@link InboxTransport}, its line in
 * META-INF/services and this package's repositories.json. The whole service (listen, engine, API) finds it, checks
 * its configuration at start-up, and a submission posted to it ends ACCEPTED with its files delivered unpackaged.
 */
@SpringBootTest(classes = DepositServices.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InboxTransportTest {
    @TempDir
    static Path data;

    @TempDir
    static Path inbox;

    static final DatabaseSettings DB = TestPostgres.newDatabaseSettings();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry r) {
        r.add("pass.deposit.data-dir", () -> data.toString());
        r.add("pass.deposit.database.url", DB::url);
        r.add("pass.deposit.database.user", DB::user);
        r.add("pass.deposit.repository.configuration",
                () -> "classpath:/org/depositservices/example/inbox/repositories.json");
        r.add("inbox.dir", () -> inbox.toString());
        TestCredentials.register(r);
    }

    @LocalServerPort
    int port;

    @Test
    void aSubmissionIsDepositedThroughTheDiscoveredTransport() throws Exception {
        Path examples = Path.of("..", "examples");
        String submission = Files.readString(examples.resolve("submission.json"))
                .replace("\"repositories\": [\"local\"]", "\"repositories\": [\"inbox\"]");
        assertThat(submission).contains("\"inbox\"");
        byte[] pdf = Files.readAllBytes(examples.resolve("manuscript.pdf"));
        Multipart m = new Multipart().json("submission", submission).file("manuscript.pdf", "application/pdf", pdf);
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
                !json.readTree(http.send(TestCredentials.asAdmin(HttpRequest.newBuilder(self)).build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body()).get("aggregatedDepositStatus").asString().matches("NOT_STARTED|IN_PROGRESS"));
        JsonNode s = json.readTree(http.send(TestCredentials.asAdmin(HttpRequest.newBuilder(self)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        JsonNode deposit = s.get("deposits").get(0);
        assertThat(deposit.get("depositStatus").asString()).as(deposit.toString()).isEqualTo("ACCEPTED");
        assertThat(deposit.get("repository").asString()).isEqualTo("inbox");

        // Spec none: the files as they were uploaded, in a directory named like a package (none_<time>_<id>).
        List<Path> deliveries;
        try (Stream<Path> dirs = Files.list(inbox)) {
            deliveries = dirs.toList();
        }
        assertThat(deliveries).as("one delivery, no temporary directory left").hasSize(1);
        Path delivered = deliveries.get(0);
        assertThat(delivered.getFileName().toString()).matches("none_\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d_" + id);
        assertThat(Files.readAllBytes(delivered.resolve("manuscript.pdf"))).isEqualTo(pdf);
        assertThat(Files.readString(delivered.resolve("title.txt")))
                .isEqualTo(s.get("publication").get("title").asString());
        assertThat(URI.create(deposit.get("repositoryCopy").get("accessUrl").asString()))
                .isEqualTo(delivered.toUri());
    }
}
