package org.depositservices.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The README's example submission (examples/), posted as the admin to a running service and followed to its end. */
public final class ExampleSubmission {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ExampleSubmission() {
    }

    public static byte[] manuscript() throws IOException {
        return Files.readAllBytes(EXAMPLES.resolve("manuscript.pdf"));
    }

    /** Posts examples/submission.json, its repositories replaced by {@code repository}; answers the new id. */
    public static String post(int port, String repository) throws Exception {
        String submission = Files.readString(EXAMPLES.resolve("submission.json"))
                .replace("\"repositories\": [\"local\"]", "\"repositories\": [\"" + repository + "\"]");
        assertThat(submission).as("the example names its repository").contains("\"" + repository + "\"");
        Multipart m = new Multipart().json("submission", submission)
                .file("manuscript.pdf", "application/pdf", manuscript());
        HttpResponse<String> created = HTTP.send(TestCredentials.asAdmin(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/submissions")))
                .header("Content-Type", m.contentType()).POST(m.publisher()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asString();
    }

    /** The submission as the API shows it now. */
    public static JsonNode get(int port, String id) throws Exception {
        URI self = URI.create("http://localhost:" + port + "/api/submissions/" + id);
        return JSON.readTree(HTTP.send(TestCredentials.asAdmin(HttpRequest.newBuilder(self)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The submission as the API shows it, once its aggregated status is no longer NOT_STARTED or IN_PROGRESS. */
    public static JsonNode awaitSettled(int port, String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = get(port, id);
            return !last[0].get("aggregatedDepositStatus").asString().matches("NOT_STARTED|IN_PROGRESS");
        });
        return last[0];
    }
}
