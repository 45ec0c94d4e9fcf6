package org.depositservices.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.depositservices.app.Multipart;
import org.depositservices.app.TestCredentials;
import org.depositservices.store.Database;
import org.depositservices.store.DatabaseSettings;
import org.depositservices.store.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The submission API against a real embedded PostgreSQL and a real content directory. The engine is left out
 * (profile no-engine) so that what the API stored can be read back before anything processes it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.test.context.ActiveProfiles("no-engine")
class SubmissionApiTest {
    static final long LIMIT = 64 * 1024;

    @TempDir
    static Path data;

    static final DatabaseSettings DB = TestPostgres.newDatabaseSettings();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry r) {
        r.add("pass.deposit.data-dir", () -> data.toString());
        r.add("pass.deposit.database.url", DB::url);
        r.add("pass.deposit.database.user", DB::user);
        r.add("pass.deposit.max-file-size", () -> LIMIT + "B");
        TestCredentials.register(r);
    }

    @LocalServerPort
    int port;

    @Autowired
    Database database;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    static final byte[] PDF = "%PDF-1.4 a tiny manuscript".getBytes(StandardCharsets.US_ASCII);

    static String submissionJson(String filesJson) {
        return """
                {"repositories":["local"],
                 "submitter":{"firstName":"Grace","lastName":"Hopper","email":"grace@example.edu"},
                 "publication":{"title":"On things","abstract":"Things.","doi":"10.1/x",
                   "journal":{"name":"J","nlmta":"J T","issns":[{"issn":"1234-5678","pubType":"Print"}]}},
                 "authors":[{"name":"Grace Hopper","orcid":"0000-0002-1825-0097","affiliation":"EU"}],
                 "grants":[{"awardNumber":"R01","funder":{"name":"NIH","localKey":"nih"},
                   "pi":{"firstName":"Grace","lastName":"Hopper","email":"grace@example.edu"}}],
                 "embargoEndDate":"2027-01-01",
                 "files":%s}""".formatted(filesJson);
    }

    static final String ONE_FILE = "[{\"name\":\"paper.pdf\",\"role\":\"manuscript\",\"description\":\"the paper\"}]";

    HttpResponse<String> post(Multipart m) throws IOException, InterruptedException {
        return http.send(TestCredentials.asAdmin(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/submissions")))
                .header("Content-Type", m.contentType()).POST(m.publisher()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(TestCredentials.asAdmin(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)))
                        .GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    long rows(String table) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    long storedFiles() throws IOException {
        Path files = data.resolve("files");
        if (!Files.exists(files)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(files)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void createsAndReadsASubmission() throws Exception {
        HttpResponse<String> r = post(new Multipart().json("submission", submissionJson(ONE_FILE))
                .file("paper.pdf", "application/pdf", PDF));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = json.readTree(r.body()).get("id").asString();
        assertThat(r.headers().firstValue("Location")).hasValue("/api/submissions/" + id);

        JsonNode s = json.readTree(get("/api/submissions/" + id).body());
        assertThat(s.get("aggregatedDepositStatus").asString()).isEqualTo("NOT_STARTED");
        assertThat(s.get("publication").get("title").asString()).isEqualTo("On things");
        assertThat(s.get("publication").get("abstract").asString()).isEqualTo("Things.");
        assertThat(s.get("deposits").isArray()).isTrue();
        JsonNode f = s.get("files").get(0);
        assertThat(f.get("size").asLong()).isEqualTo(PDF.length);
        assertThat(f.get("sha256").asString()).isEqualTo(sha256Hex(PDF));
        assertThat(f.get("sha512").asString()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-512").digest(PDF)));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(PDF);
        assertThat(f.get("crc32").asString()).isEqualTo(String.format("%08x", crc.getValue()));

        JsonNode list = json.readTree(get("/api/submissions?status=NOT_STARTED&page=0&size=50").body());
        assertThat(list.get("items").valueStream().map(n -> n.get("id").asString())).contains(id);
        assertThat(get("/api/submissions?status=BOGUS").statusCode()).isEqualTo(400);
    }

    @Test
    void listsConfiguredRepositories() throws Exception {
        JsonNode repos = json.readTree(get("/api/repositories").body());
        assertThat(repos.get(0).get("repositoryKey").asString()).isEqualTo("local");
        assertThat(repos.get(0).get("protocol").asString()).isEqualTo("filesystem");
    }

    @Test
    void healthReportsTheDatabase() throws Exception {
        JsonNode h = json.readTree(get("/actuator/health").body());
        assertThat(h.get("status").asString()).isEqualTo("UP");
        assertThat(h.get("components").get("database").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void unknownSubmissionIs404Problem() throws Exception {
        HttpResponse<String> r = get("/api/submissions/does-not-exist");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
    }

    static Stream<Arguments> badRequests() {
        byte[] big = new byte[(int) LIMIT + 1];
        return Stream.of(
                Arguments.of("malformed JSON", new Multipart().json("submission", "{\"repositories\": [")
                        .file("paper.pdf", "application/pdf", PDF), 400, "submission"),
                Arguments.of("missing title", new Multipart().json("submission",
                        submissionJson(ONE_FILE).replace("\"title\":\"On things\",", ""))
                        .file("paper.pdf", "application/pdf", PDF), 400, "publication.title"),
                Arguments.of("no manuscript", new Multipart().json("submission",
                        submissionJson(ONE_FILE.replace("manuscript", "supplemental")))
                        .file("paper.pdf", "application/pdf", PDF), 400, "files"),
                Arguments.of("unknown role", new Multipart().json("submission",
                        submissionJson(ONE_FILE.replace("manuscript", "poster")))
                        .file("paper.pdf", "application/pdf", PDF), 400, "files[0].role"),
                Arguments.of("unknown repository", new Multipart().json("submission",
                        submissionJson(ONE_FILE).replace("[\"local\"]", "[\"local\",\"elsewhere\"]"))
                        .file("paper.pdf", "application/pdf", PDF), 400, "repositories[1]"),
                Arguments.of("file part without JSON entry", new Multipart().json("submission", submissionJson(ONE_FILE))
                        .file("paper.pdf", "application/pdf", PDF)
                        .file("extra.csv", "text/csv", "a,b".getBytes()), 400, "part:extra.csv"),
                Arguments.of("JSON entry without file part", new Multipart().json("submission", submissionJson(
                        "[{\"name\":\"paper.pdf\",\"role\":\"manuscript\"},{\"name\":\"data.csv\",\"role\":\"supplemental\"}]"))
                        .file("paper.pdf", "application/pdf", PDF), 400, "files[1]"),
                Arguments.of("slash in name", new Multipart().json("submission", submissionJson(
                        "[{\"name\":\"a/paper.pdf\",\"role\":\"manuscript\"}]"))
                        .file("a/paper.pdf", "application/pdf", PDF), 400, "files[0].name"),
                Arguments.of("backslash in name", new Multipart().json("submission", submissionJson(
                        "[{\"name\":\"a\\\\paper.pdf\",\"role\":\"manuscript\"}]"))
                        .file("a\\paper.pdf", "application/pdf", PDF), 400, "files[0].name"),
                Arguments.of("dot-dot in name", new Multipart().json("submission", submissionJson(
                        "[{\"name\":\"..paper.pdf\",\"role\":\"manuscript\"}]"))
                        .file("..paper.pdf", "application/pdf", PDF), 400, "files[0].name"),
                Arguments.of("control character in name", new Multipart().json("submission", submissionJson(
                        "[{\"name\":\"pa\\u0007per.pdf\",\"role\":\"manuscript\"}]"))
                        .file("paper.pdf", "application/pdf", PDF), 400, "files[0].name"),
                Arguments.of("empty file", new Multipart().json("submission", submissionJson(
                        "[{\"name\":\"paper.pdf\",\"role\":\"manuscript\"},{\"name\":\"empty.txt\",\"role\":\"supplemental\"}]"))
                        .file("paper.pdf", "application/pdf", PDF)
                        .file("empty.txt", "text/plain", new byte[0]), 400, "files[1]"),
                Arguments.of("file over the limit", new Multipart().json("submission", submissionJson(
                        "[{\"name\":\"paper.pdf\",\"role\":\"manuscript\"},{\"name\":\"big.bin\",\"role\":\"supplemental\"}]"))
                        .file("paper.pdf", "application/pdf", PDF)
                        .file("big.bin", "application/octet-stream", big), 413, null),
                Arguments.of("submission part not JSON", new Multipart()
                        .part("submission", null, "text/xml", "<x/>".getBytes())
                        .file("paper.pdf", "application/pdf", PDF), 415, "submission"),
                Arguments.of("no submission part", new Multipart()
                        .file("paper.pdf", "application/pdf", PDF), 400, "submission"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aRefusedRequestGetsAProblemNamingTheFieldAndLeavesNothingBehind(String why, Multipart request, int status,
                                                                       String field) throws Exception {
        long submissionsBefore = rows("submission");
        long filesBefore = storedFiles();
        long outboxBefore = rows("outbox");

        HttpResponse<String> r = post(request);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode p = json.readTree(r.body());
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("detail").asString()).isNotBlank();
        if (field != null) {
            assertThat(p.get("field").asString()).isEqualTo(field);
        }
        assertThat(rows("submission")).isEqualTo(submissionsBefore);
        assertThat(rows("outbox")).isEqualTo(outboxBefore);
        assertThat(storedFiles()).isEqualTo(filesBefore);
    }

    @Test
    void aNonMultipartPostIs415Problem() throws Exception {
        HttpResponse<String> r = http.send(TestCredentials.asAdmin(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/submissions")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
    }

    static String sha256Hex(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }
}
