package org.depositservices.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.depositservices.app.Multipart;
import org.depositservices.app.TestCredentials;
import org.depositservices.store.Database;
import org.depositservices.store.DatabaseSettings;
import org.depositservices.store.TestPostgres;
import org.depositservices.store.UserStore;
import org.depositservices.store.UserStore.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what, over real HTTP against a real PostgreSQL: anonymous callers get 401 problems everywhere but the
 * health status; each role gets what it is for and nothing else; tokens work until revoked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("no-engine")
class AccessControlTest {
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

    static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    UserStore users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Database database;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void users() {
        for (var u : List.of(List.of("alice", Role.SUBMITTER), List.of("bob", Role.SUBMITTER),
                List.of("vera", Role.VIEWER), List.of("dora", Role.DEPOSITOR))) {
            String name = (String) u.get(0);
            if (users.find(name).isEmpty()) {
                users.create(name, encoder.encode(PASSWORD), Set.of((Role) u.get(1)), List.of());
            }
        }
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("GET", "/api/submissions"),
                Arguments.of("GET", "/api/submissions/00000000-0000-0000-0000-000000000000"),
                Arguments.of("POST", "/api/submissions"),
                Arguments.of("GET", "/api/deposits/x"),
                Arguments.of("GET", "/api/deposits/x/history"),
                Arguments.of("GET", "/api/repositories"),
                Arguments.of("GET", "/api/tokens"),
                Arguments.of("POST", "/api/tokens"),
                Arguments.of("DELETE", "/api/tokens/x"),
                Arguments.of("GET", "/actuator"),
                Arguments.of("GET", "/actuator/info"),
                Arguments.of("GET", "/actuator/health/database"),
                Arguments.of("GET", "/no-such-page"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void anonymousCallersGetA401ProblemEverywhere(String method, String path) throws Exception {
        long before = submissions();
        HttpResponse<String> r = send(method, path, null);
        assertProblem(r, 401);
        assertThat(r.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Basic realm="));
        assertThat(submissions()).isEqualTo(before);
    }

    @Test
    void anonymousHealthIsTheStatusAlone() throws Exception {
        HttpResponse<String> r = send("GET", "/actuator/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json.readTree(r.body())).isEqualTo(json.readTree("{\"status\":\"UP\"}"));
        assertThat(r.body()).doesNotContain("database").doesNotContain("jdbc");

        JsonNode admin = json.readTree(send("GET", "/actuator/health", TestCredentials.basic("admin",
                TestCredentials.ADMIN_PASSWORD)).body());
        assertThat(admin.get("components")).as("admins see the components").isNotNull();
        JsonNode viewer = json.readTree(send("GET", "/actuator/health", basic("vera")).body());
        assertThat(viewer.get("components")).as("viewers see the components").isNotNull();
        JsonNode submitter = json.readTree(send("GET", "/actuator/health", basic("alice")).body());
        assertThat(submitter).isEqualTo(json.readTree("{\"status\":\"UP\"}"));
    }

    @Test
    void wrongCredentialsGetA401Problem() throws Exception {
        assertProblem(send("GET", "/api/submissions", TestCredentials.basic("alice", "wrong password")), 401);
        assertProblem(send("GET", "/api/submissions", TestCredentials.basic("nobody", PASSWORD)), 401);
        assertProblem(send("GET", "/api/submissions", "Basic not-base64!"), 401);
        assertProblem(send("GET", "/api/submissions", TestCredentials.basic("alice", "x".repeat(100))), 401);
        assertThat(send("GET", "/api/submissions", basic("alice")).statusCode()).isEqualTo(200);
    }

    /**
     * Another submitter's submission is 404, exactly like one that does not exist: a 403 would tell a guesser that
     * the id is real.
     */
    @Test
    void aSubmitterSeesOnlyTheirOwnSubmissions() throws Exception {
        String id = create(basic("alice"));
        assertThat(send("GET", "/api/submissions/" + id, basic("alice")).statusCode()).isEqualTo(200);
        assertThat(listedIds(basic("alice"))).contains(id);

        HttpResponse<String> other = send("GET", "/api/submissions/" + id, basic("bob"));
        assertProblem(other, 404);
        assertThat(other.body()).doesNotContain("Hopper").doesNotContain("grace@");
        assertProblem(send("GET", "/api/deposits/" + id + "/history", basic("bob")), 404);
        assertThat(listedIds(basic("bob"))).doesNotContain(id);
        JsonNode bobs = json.readTree(send("GET", "/api/submissions", basic("bob")).body());
        assertThat(bobs.get("total").asLong()).isEqualTo(bobs.get("items").size());

        assertThat(send("GET", "/api/submissions/" + id, basic("vera")).statusCode()).isEqualTo(200);
        assertThat(listedIds(basic("vera"))).contains(id);
        assertThat(listedIds(TestCredentials.basic("admin", TestCredentials.ADMIN_PASSWORD))).contains(id);
        JsonNode history = json.readTree(send("GET", "/api/deposits/" + id + "/history", basic("alice")).body());
        assertThat(history.get(0).get("actor").asString()).isEqualTo("api:alice");
    }

    @Test
    void aViewerChangesNothingAndADepositorReadsNoSubmission() throws Exception {
        long before = submissions();
        HttpResponse<String> r = post(basic("vera"));
        assertProblem(r, 403);
        assertThat(json.readTree(r.body()).get("detail").asString()).contains("vera");
        assertThat(submissions()).isEqualTo(before);
        assertProblem(send("GET", "/api/submissions", basic("dora")), 403);
        assertProblem(post(basic("dora")), 403);
        assertProblem(send("GET", "/actuator/info", basic("alice")), 403);
        assertThat(send("GET", "/actuator/info", basic("vera")).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenIsShownOnceWorksAndStopsWhenRevoked() throws Exception {
        HttpResponse<String> created = sendJson("POST", "/api/tokens", "{\"name\":\"nightly script\"}", basic("alice"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode t = json.readTree(created.body());
        String token = t.get("token").asString();
        String id = t.get("id").asString();
        assertThat(token).startsWith(Passwords.TOKEN_PREFIX).hasSizeGreaterThan(40);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/tokens/" + id);

        String bearer = "Bearer " + token;
        String mine = create(bearer);
        assertThat(listedIds(bearer)).contains(mine);
        assertThat(send("GET", "/api/submissions/" + mine, basic("alice")).statusCode())
                .as("a submission made with alice's token is alice's").isEqualTo(200);

        HttpResponse<String> list = send("GET", "/api/tokens", basic("alice"));
        assertThat(list.body()).doesNotContain(token).doesNotContain("\"token\"");
        JsonNode listed = json.readTree(list.body()).get(0);
        assertThat(listed.get("name").asString()).isEqualTo("nightly script");
        assertThat(listed.get("lastUsedAt").isNull()).isFalse();
        assertThat(send("GET", "/api/tokens", basic("bob")).body()).isEqualTo("[]");
        assertThat(storedTokenHashes()).doesNotContain(token).contains(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8))));

        assertProblem(send("DELETE", "/api/tokens/" + id, basic("bob")), 404);
        assertThat(send("GET", "/api/submissions", bearer).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/tokens/" + id, basic("alice")).statusCode()).isEqualTo(204);
        assertProblem(send("GET", "/api/submissions", bearer), 401);
        assertProblem(send("GET", "/api/submissions", "Bearer " + Passwords.newToken()), 401);
        assertThat(json.readTree(send("GET", "/api/tokens", basic("alice")).body()).get(0).get("revokedAt").isNull())
                .isFalse();
    }

    @Test
    void aTokenNeedsAName() throws Exception {
        for (String body : List.of("{}", "{\"name\":\"  \"}", "{\"name\":42}", "{\"name\":\"" + "n".repeat(201) + "\"}")) {
            HttpResponse<String> r = sendJson("POST", "/api/tokens", body, basic("alice"));
            assertProblem(r, 400);
            assertThat(json.readTree(r.body()).get("field").asString()).isEqualTo("name");
        }
        assertThat(users.tokensOf("alice")).noneMatch(t -> t.name().isBlank() || t.name().equals("42"));
    }

    @Test
    void theStoredPasswordIsABcryptHashOfIt() throws Exception {
        String hash;
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM users WHERE name = 'alice'")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                hash = rs.getString(1);
            }
        }
        assertThat(hash).doesNotContain(PASSWORD).matches("\\{bcrypt}\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
        String bcrypt = hash.substring("{bcrypt}".length());
        assertThat(BCrypt.checkpw(PASSWORD, bcrypt)).isTrue();
        assertThat(BCrypt.checkpw("correct horse battery!", bcrypt)).isFalse();
    }

    // ---------------------------------------------------------------- helpers

    static String basic(String user) {
        return TestCredentials.basic(user, PASSWORD);
    }

    String create(String auth) throws Exception {
        HttpResponse<String> r = post(auth);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json.readTree(r.body()).get("id").asString();
    }

    HttpResponse<String> post(String auth) throws Exception {
        Multipart m = new Multipart().json("submission", """
                {"repositories":["local"],
                 "submitter":{"firstName":"Grace","lastName":"Hopper","email":"grace@example.edu"},
                 "publication":{"title":"On access"},
                 "files":[{"name":"paper.pdf","role":"manuscript"}]}""")
                .file("paper.pdf", "application/pdf", "%PDF-1.4 tiny".getBytes(StandardCharsets.US_ASCII));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api/submissions"))
                .header("Content-Type", m.contentType()).POST(m.publisher());
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String auth) throws Exception {
        if (method.equals("POST") && path.equals("/api/submissions")) {
            return post(auth);
        }
        return sendJson(method, path, method.equals("POST") ? "{\"name\":\"t\"}" : null, auth);
    }

    HttpResponse<String> sendJson(String method, String path, String body, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    List<String> listedIds(String auth) throws Exception {
        HttpResponse<String> r = send("GET", "/api/submissions?size=500", auth);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body()).get("items").valueStream().map(n -> n.get("id").asString()).toList();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    void assertProblem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode p = json.readTree(r.body());
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("title").asString()).isNotBlank();
        assertThat(p.get("detail").asString()).isNotBlank();
    }

    long submissions() throws Exception {
        try (Connection c = database.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM submission")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<String> storedTokenHashes() throws Exception {
        try (Connection c = database.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT token_hash FROM api_token")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
