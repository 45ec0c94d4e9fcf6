package org.depositservices.example.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.depositservices.app.DepositServices;
import org.depositservices.app.ExampleSubmission;
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

    @TempDir
    static Path reviewed;

    static final DatabaseSettings DB = TestPostgres.newDatabaseSettings();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry r) {
        r.add("pass.deposit.data-dir", () -> data.toString());
        r.add("pass.deposit.database.url", DB::url);
        r.add("pass.deposit.database.user", DB::user);
        r.add("pass.deposit.repository.configuration",
                () -> "classpath:/org/depositservices/example/inbox/repositories.json");
        r.add("inbox.dir", () -> inbox.toString());
        r.add("inbox.reviewed.dir", () -> reviewed.toString());
        r.add("pass.deposit.jobs.default-interval-ms", () -> "200");
        TestCredentials.register(r);
    }

    @LocalServerPort
    int port;

    @Test
    void aSubmissionIsDepositedThroughTheDiscoveredTransport() throws Exception {
        String id = ExampleSubmission.post(port, "inbox");
        JsonNode s = ExampleSubmission.awaitSettled(port, id);
        byte[] pdf = ExampleSubmission.manuscript();
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

    /**
     * A custody method of the same package ({@link InboxReceipts}, its own META-INF/services line), named by the
     * repository's deposit-config.custody: the deposit waits SUBMITTED until the curators' decision appears, and the
     * custody job then records it.
     */
    @Test
    void aDiscoveredCustodyMethodDecidesWhatTheRepositoryTookLater() throws Exception {
        String id = ExampleSubmission.post(port, "reviewed-inbox");
        await().atMost(Duration.ofSeconds(30)).until(() -> ExampleSubmission.get(port, id).get("deposits").get(0)
                .path("depositStatus").asString().equals("SUBMITTED"));
        Path delivered;
        try (Stream<Path> dirs = Files.list(reviewed)) {
            delivered = dirs.findFirst().orElseThrow();
        }

        Files.writeString(delivered.resolve("decision.txt"), "accepted\n");
        JsonNode s = ExampleSubmission.awaitSettled(port, id);
        assertThat(s.get("aggregatedDepositStatus").asString()).as(s.toString()).isEqualTo("ACCEPTED");
        JsonNode deposit = s.get("deposits").get(0);
        assertThat(deposit.get("depositStatus").asString()).isEqualTo("ACCEPTED");
        assertThat(deposit.get("repositoryCopy").get("copyStatus").asString()).isEqualTo("COMPLETE");
    }
}
