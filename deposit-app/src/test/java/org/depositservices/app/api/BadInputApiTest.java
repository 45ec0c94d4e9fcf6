package org.depositservices.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.depositservices.app.api.SubmissionApiTest.ONE_FILE;
import static org.depositservices.app.api.SubmissionApiTest.PDF;
import static org.depositservices.app.api.SubmissionApiTest.submissionJson;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.depositservices.store.Database;
import org.depositservices.store.DatabaseSettings;
import org.depositservices.store.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad requests over real HTTP, from the malformed to the merely too large: each gets an RFC 9457 problem that says
 * what is wrong (and, for a limit, which limit, how big, and the setting that raises it), and leaves no row and no
 * file behind. Limits are set low here so that "over the limit" is quick; {@link DefaultLimitsTest} checks the
 * defaults.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("no-engine")
@ExtendWith(OutputCaptureExtension.class)
class BadInputApiTest {
    static final long FILE_LIMIT = 64 * 1024;
    static final long JSON_LIMIT = 16 * 1024;
    static final int MAX_FILES = 300;

    @TempDir
    static Path data;

    static final DatabaseSettings DB = TestPostgres.newDatabaseSettings();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry r) {
        ApiClient.register(r, () -> data, DB);
        r.add("pass.deposit.max-file-size", () -> FILE_LIMIT + "B");
        r.add("pass.deposit.max-json-size", () -> JSON_LIMIT + "B");
        r.add("pass.deposit.max-files", () -> MAX_FILES);
    }

    @LocalServerPort
    int port;

    @Autowired
    Database database;

    ApiClient api;
    final JsonMapper json = JsonMapper.builder().build();
    long submissionsBefore;
    long outboxBefore;
    long filesBefore;

    @BeforeEach
    void countWhatIsStored() throws Exception {
        api = new ApiClient(port);
        submissionsBefore = rows("submission");
        outboxBefore = rows("outbox");
        filesBefore = storedFiles();
    }

    // --- the submission JSON is limited whatever its part's headers ---

    @ParameterizedTest(name = "filename {0}")
    @ValueSource(strings = {"submission.json", ""})
    void aSubmissionJsonOverItsLimitIsRefusedWithOrWithoutAFilename(String filename) throws Exception {
        String big = submissionJson(ONE_FILE).replace("\"Things.\"", "\"" + "x".repeat((int) JSON_LIMIT) + "\"");
        HttpResponse<String> r = api.post(new StreamedMultipart()
                .part("submission", filename.isEmpty() ? null : filename, "application/json",
                        big.getBytes(StandardCharsets.UTF_8))
                .file("paper.pdf", "application/pdf", PDF));

        assertRefused(r, 413, "submission", "larger than the limit of " + JSON_LIMIT + " bytes",
                "PASS_DEPOSIT_MAX_JSON_SIZE");
    }

    @Test
    void aSubmissionJsonSentAsAFileWithinItsLimitIsAccepted() throws Exception {
        // curl -F "submission=@submission.json;type=application/json", as the README shows, names the part's file
        HttpResponse<String> r = api.post(new StreamedMultipart()
                .part("submission", "submission.json", "application/json",
                        submissionJson(ONE_FILE).getBytes(StandardCharsets.UTF_8))
                .file("paper.pdf", "application/pdf", PDF));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    // --- every error is a problem document, including those raised before our controller ---

    @Test
    void multipartWithoutABoundaryIs400() throws Exception {
        HttpResponse<String> r = api.post("/api/submissions", "multipart/form-data",
                java.net.http.HttpRequest.BodyPublishers.ofString("--x\r\n\r\nhello\r\n--x--\r\n"));
        assertRefused(r, 400, "Content-Type", "boundary");
    }

    @Test
    void aNulInAPartsFilenameIs400() throws Exception {
        HttpResponse<String> r = api.post(new StreamedMultipart().json(submissionJson(ONE_FILE))
                .file("paper\u0000.pdf", "application/pdf", PDF));
        assertRefused(r, 400, "part:paper\\u0000.pdf", "NUL");
    }

    @Test
    void aBodyWithoutContentLengthOrChunkingIs411() throws Exception {
        StreamedMultipart m = new StreamedMultipart().json(submissionJson(ONE_FILE))
                .file("paper.pdf", "application/pdf", PDF);
        ApiClient.RawResponse r = api.raw("POST /api/submissions HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                + m.contentType() + "\r\n", m.bytes());
        assertRefused(r.status(), r.header("Content-Type"), r.body(), 411, null, "Content-Length");
    }

    @Test
    void brokenChunkingIs400() throws Exception {
        StreamedMultipart m = new StreamedMultipart().json(submissionJson(ONE_FILE));
        byte[] body = ("zz\r\n" + new String(m.bytes(), StandardCharsets.UTF_8) + "\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        ApiClient.RawResponse r = api.raw("POST /api/submissions HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                + m.contentType() + "\r\nTransfer-Encoding: chunked\r\n", body);
        assertRefused(r.status(), r.header("Content-Type"), r.body(), 400, null, "chunk");
    }

    @Test
    void aRequestTomcatCannotParseGetsAProblem() throws Exception {
        ApiClient.RawResponse r = api.raw("GET /api/submissions?x=<{|}> HTTP/1.1\r\nHost: localhost\r\n",
                new byte[0]);
        assertRefused(r.status(), r.header("Content-Type"), r.body(), 400, null, "");
    }

    @Test
    void requestHeadersOverTomcatsLimitGetAProblem() throws Exception {
        ApiClient.RawResponse r = api.raw("GET /api/submissions HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "y".repeat(20_000) + "\r\n", new byte[0]);
        assertRefused(r.status(), r.header("Content-Type"), r.body(), r.status(), null, "");
        assertThat(r.status()).isIn(400, 431);
    }

    @Test
    void theErrorPathAnswersAProblem() throws Exception {
        HttpResponse<String> r = api.get("/error");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json.readTree(r.body()).get("status").asInt()).isEqualTo(r.statusCode());
    }

    @Test
    void anAbortedUploadLeavesNothingAndIsLoggedInOneLine(CapturedOutput log) throws Exception {
        StreamedMultipart m = new StreamedMultipart().json(submissionJson(ONE_FILE))
                .file("paper.pdf", "application/pdf", 10_000);
        byte[] all = m.bytes();
        api.abort("POST /api/submissions HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + m.contentType()
                + "\r\nContent-Length: " + all.length + "\r\n", java.util.Arrays.copyOf(all, all.length / 2));

        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> log.getOut().contains("broken off: the client closed the connection"));
        assertThat(log.getOut()).doesNotContain("Request failed");
        assertNothingStored();
        assertThat(api.get("/api/submissions").statusCode()).isEqualTo(200);
    }

    // --- limits: say which, how big, and what raises it; allow as many files as real submissions have ---

    @Test
    void asManyFilesAsTheLimitAreAccepted() throws Exception {
        HttpResponse<String> r = api.post(manyFiles(MAX_FILES));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = json.readTree(r.body()).get("id").asString();
        assertThat(json.readTree(api.get("/api/submissions/" + id).body()).get("files").size()).isEqualTo(MAX_FILES);
    }

    @Test
    void oneFileMoreThanTheLimitIs413NamingIt() throws Exception {
        assertRefused(api.post(manyFiles(MAX_FILES + 1)), 413, "files",
                "more than " + MAX_FILES + " files", "PASS_DEPOSIT_MAX_FILES");
    }

    @Test
    void aFileOverTheLimitIs413NamingTheLimitAndTheSetting() throws Exception {
        HttpResponse<String> r = api.post(new StreamedMultipart().json(submissionJson(
                        "[{\"name\":\"paper.pdf\",\"role\":\"manuscript\"},{\"name\":\"big.bin\",\"role\":\"supplemental\"}]"))
                .file("paper.pdf", "application/pdf", PDF)
                .file("big.bin", "application/octet-stream", FILE_LIMIT + 1));
        assertRefused(r, 413, "part:big.bin", "'big.bin'", "larger than the limit of " + FILE_LIMIT + " bytes (64 KB)",
                "PASS_DEPOSIT_MAX_FILE_SIZE");
    }

    @Test
    void aHugeFileIsRefusedWhileItIsSent() throws Exception {
        // 600 MB generated as it is sent: the answer comes while it is sent, and neither side keeps it
        StreamedMultipart m = new StreamedMultipart().json(submissionJson(
                        "[{\"name\":\"paper.pdf\",\"role\":\"manuscript\"},{\"name\":\"big.bin\",\"role\":\"supplemental\"}]"))
                .file("paper.pdf", "application/pdf", PDF)
                .file("big.bin", "application/octet-stream", 600L * 1024 * 1024);
        ApiClient.RawResponse r = api.rawWhileSending("POST /api/submissions HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: " + m.contentType() + "\r\nContent-Length: " + m.length() + "\r\n", m.stream());
        assertRefused(r.status(), r.header("Content-Type"), r.body(), 413, "part:big.bin",
                "larger than the limit of " + FILE_LIMIT + " bytes", "PASS_DEPOSIT_MAX_FILE_SIZE");
    }

    static Stream<String> tooLongNames() {
        return Stream.of(
                "n".repeat(252) + ".pdf",                  // 256 bytes
                "é".repeat(126) + ".pdf",                  // 130 characters, 256 bytes of UTF-8
                "n".repeat(456) + ".pdf");                 // 460 characters: once 413 "limit of -1 bytes"
    }

    @ParameterizedTest
    @MethodSource("tooLongNames")
    void aFileNameOver255BytesIs400NamingTheLimit(String name) throws Exception {
        HttpResponse<String> r = api.post(new StreamedMultipart().json(submissionJson(
                        "[{\"name\":\"" + name + "\",\"role\":\"manuscript\"}]"))
                .file(name, "application/pdf", PDF));
        assertRefused(r, 400, "files[0].name", "255 bytes");
    }

    @Test
    void aFileNameOf255BytesIsAccepted() throws Exception {
        String name = "é".repeat(125) + "a.pdf";     // 255 bytes of UTF-8
        assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(255);
        HttpResponse<String> r = api.post(new StreamedMultipart().json(submissionJson(
                        "[{\"name\":\"" + name + "\",\"role\":\"manuscript\"}]"))
                .file(name, "application/pdf", PDF));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @Test
    void aPartWhoseHeadersAreHugeIsRefusedNamingBothLimits() throws Exception {
        String name = "n".repeat(20_000) + ".pdf";
        HttpResponse<String> r = api.post(new StreamedMultipart().json(submissionJson(ONE_FILE))
                .file(name, "application/pdf", PDF));
        assertRefused(r, 400, "part", "255 bytes", "headers");
    }

    // --- strict JSON and one submission part ---

    @ParameterizedTest
    @ValueSource(strings = {"42", "true", "4.5"})
    void aTitleThatIsNotAStringIsRefused(String title) throws Exception {
        HttpResponse<String> r = api.post(new StreamedMultipart()
                .json(submissionJson(ONE_FILE).replace("\"On things\"", title))
                .file("paper.pdf", "application/pdf", PDF));
        assertRefused(r, 400, "publication.title", "string");
    }

    @Test
    void aSecondSubmissionPartIsRefused() throws Exception {
        HttpResponse<String> r = api.post(new StreamedMultipart().json(submissionJson(ONE_FILE))
                .json(submissionJson(ONE_FILE).replace("On things", "Other things"))
                .file("paper.pdf", "application/pdf", PDF));
        assertRefused(r, 400, "submission", "2 parts named 'submission'");
    }

    static IntStream bidiControls() {
        return IntStream.concat(IntStream.of(0x061C, 0x200E, 0x200F),
                IntStream.concat(IntStream.rangeClosed(0x202A, 0x202E), IntStream.rangeClosed(0x2066, 0x2069)));
    }

    @ParameterizedTest(name = "U+{0}")
    @MethodSource("bidiControls")
    void aFileNameWithABidirectionalControlIsRefused(int codePoint) throws Exception {
        // "invoice<RLO>fdp.exe" shows as "invoiceexe.pdf"
        String name = "invoice" + Character.toString(codePoint) + "fdp.exe";
        HttpResponse<String> r = api.post(new StreamedMultipart().json(submissionJson(
                        "[{\"name\":\"" + name + "\",\"role\":\"manuscript\"}]"))
                .file(name, "application/pdf", PDF));
        assertRefused(r, 400, "files[0].name", String.format("U+%04X", codePoint));
    }

    // --- helpers ---

    static StreamedMultipart manyFiles(int n) {
        StringBuilder entries = new StringBuilder("[{\"name\":\"paper.pdf\",\"role\":\"manuscript\"}");
        StreamedMultipart m = new StreamedMultipart();
        for (int i = 1; i < n; i++) {
            entries.append(",{\"name\":\"figure-").append(i).append(".png\",\"role\":\"figure\"}");
        }
        m.json(submissionJson(entries.append(']').toString())).file("paper.pdf", "application/pdf", PDF);
        for (int i = 1; i < n; i++) {
            m.file("figure-" + i + ".png", "image/png", ("figure " + i).getBytes(StandardCharsets.US_ASCII));
        }
        return m;
    }

    void assertRefused(HttpResponse<String> r, int status, String field, String... detail) throws Exception {
        assertRefused(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(), status, field,
                detail);
    }

    void assertRefused(int actualStatus, String contentType, String body, int status, String field,
                       String... detail) throws Exception {
        assertThat(actualStatus).as(body).isEqualTo(status);
        assertThat(contentType).as(body).startsWith("application/problem+json");
        JsonNode p = json.readTree(body);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        if (field != null) {
            assertThat(p.path("field").asString()).as(body).isEqualTo(field);
        }
        assertThat(p.get("detail").asString()).isNotBlank().contains(detail);
        assertNothingStored();
    }

    void assertNothingStored() throws Exception {
        assertThat(rows("submission")).isEqualTo(submissionsBefore);
        assertThat(rows("outbox")).isEqualTo(outboxBefore);
        assertThat(storedFiles()).isEqualTo(filesBefore);
    }

    long rows(String table) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every regular file under the content store, its tmp/ included. */
    static long storedFiles() throws IOException {
        Path files = data.resolve("files");
        if (!Files.exists(files)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(files)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
