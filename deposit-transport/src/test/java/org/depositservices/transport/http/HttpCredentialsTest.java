package org.depositservices.transport.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.depositservices.transport.http.HttpTestClient.CALL;
import static org.depositservices.transport.http.HttpTestClient.readTimeout;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.RepositoryConfig.AuthRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which credentials go to which URL, and that binding credentials never reach a host outside the allowed set. */
class HttpCredentialsTest {

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(WireMockConfiguration.options().dynamicPort()).build();

    private static final BasicCredentials BINDING = new BasicCredentials("binding-user", "binding-secret",
            "my-repo.transport-config.protocol-binding.username/password");

    private static RepositoryConfig config(AuthRealm... realms) {
        return new RepositoryConfig("my-repo", null, null, Map.of(), Map.of(), List.of(realms), Map.of(), Map.of());
    }

    private static Optional<String> user(Optional<BasicCredentials> c) {
        return c.map(BasicCredentials::username);
    }

    @Test
    void the_realm_whose_url_is_the_longest_prefix_wins_and_is_named_as_the_source() {
        RepositoryConfig config = config(
                new AuthRealm("basic", "site", "p1", "https://repo.example.edu/"),
                new AuthRealm("basic", "collector", "p2", "https://repo.example.edu/api/collections/"),
                new AuthRealm(null, "api", "p3", "https://repo.example.edu/api/"));

        Optional<BasicCredentials> c = HttpCredentials.forUrl(config,
                URI.create("https://repo.example.edu/api/collections/7"), BINDING, Set.of("repo.example.edu"));
        assertThat(user(c)).contains("collector");
        assertThat(c.get().source()).isEqualTo("my-repo.transport-config.auth-realms entry "
                + "https://repo.example.edu/api/collections/");
        assertThat(user(HttpCredentials.forUrl(config, URI.create("https://repo.example.edu/api/records/1"),
                BINDING, Set.of()))).as("mech unset means basic").contains("api");
        assertThat(user(HttpCredentials.forUrl(config, URI.create("https://repo.example.edu/oai"), BINDING,
                Set.of()))).contains("site");
    }

    @Test
    void without_a_realm_the_fallback_goes_only_to_the_allowed_hosts() {
        RepositoryConfig config = config(new AuthRealm("basic", "other", "p", "https://other.example.edu/"));
        Set<String> allowed = Set.of("repo.example.edu");

        assertThat(HttpCredentials.forUrl(config, URI.create("https://repo.example.edu/x"), BINDING, allowed))
                .contains(BINDING);
        assertThat(HttpCredentials.forUrl(config, URI.create("https://REPO.Example.edu/x"), BINDING, allowed))
                .as("host names compare without case").contains(BINDING);
        assertThat(HttpCredentials.forUrl(config, URI.create("https://cdn.example.net/x"), BINDING, allowed))
                .isEmpty();
        assertThat(HttpCredentials.forUrl(config, URI.create("https://repo.example.edu.evil.test/x"), BINDING,
                allowed)).isEmpty();
        assertThat(HttpCredentials.forUrl(config, URI.create("https://repo.example.edu/x"), null, allowed))
                .isEmpty();
    }

    @Test
    void a_longest_realm_of_another_mech_yields_no_realm_credentials() {
        RepositoryConfig config = config(
                new AuthRealm("basic", "site", "p1", "https://repo.example.edu/"),
                new AuthRealm("digest", "api", "p2", "https://repo.example.edu/api/"));

        assertThat(HttpCredentials.realm(config, URI.create("https://repo.example.edu/api/x"))).isEmpty();
        assertThat(HttpCredentials.forUrl(config, URI.create("https://repo.example.edu/api/x"), BINDING,
                Set.of("repo.example.edu"))).contains(BINDING);
    }

    @Test
    void binding_credentials_are_sent_to_the_allowed_host_and_never_to_another() throws Exception {
        // One real server under two names: "localhost" is allowed, "127.0.0.1" is a host a server could point us to.
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        int port = server.getPort();
        RepositoryConfig config = config();
        BoundedHttp http = HttpTestClient.http(1024);
        for (String url : List.of("http://localhost:" + port + "/api/records", "http://127.0.0.1:" + port + "/files/1")) {
            URI uri = URI.create(url);
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(readTimeout(10).duration()).GET();
            HttpCredentials.forUrl(config, uri, BINDING, Set.of("localhost"))
                    .ifPresent(c -> b.header("Authorization", c.authorization()));
            http.exchange(b.build(), CALL, readTimeout(10));
        }

        List<String> seen = new ArrayList<>();
        for (LoggedRequest r : server.findAll(RequestPatternBuilder.allRequests())) {
            seen.add(r.getUrl() + " " + (r.containsHeader("Authorization") ? r.getHeader("Authorization") : "-"));
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                "binding-user:binding-secret".getBytes(StandardCharsets.UTF_8));
        assertThat(seen).containsExactlyInAnyOrder("/api/records " + expected, "/files/1 -");
    }

    @Test
    void the_authorization_header_is_basic_and_to_string_never_shows_the_password() {
        BasicCredentials c = new BasicCredentials("dépôt", "s3cr3t:pw", "somewhere");

        assertThat(c.authorization()).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                "dépôt:s3cr3t:pw".getBytes(StandardCharsets.UTF_8)));
        assertThat(new BasicCredentials("u", null, "x").authorization())
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("u:".getBytes(StandardCharsets.UTF_8)));
        assertThat(c.toString()).doesNotContain("s3cr3t").contains("dépôt", "***", "somewhere");
        assertThat(HttpCredentials.forUrl(config(new AuthRealm("basic", "u", "realm-secret", "https://h/")),
                URI.create("https://h/x"), null, Set.of()).orElseThrow().toString()).doesNotContain("realm-secret");
    }
}
