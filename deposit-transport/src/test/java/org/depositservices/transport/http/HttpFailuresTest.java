package org.depositservices.transport.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.depositservices.transport.http.HttpTestClient.BINDING;
import static org.depositservices.transport.http.HttpTestClient.CALL;
import static org.depositservices.transport.http.HttpTestClient.CONNECT;
import static org.depositservices.transport.http.HttpTestClient.readTimeout;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.net.ssl.SSLHandshakeException;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which HTTP failures are transient and which permanent, and what their messages say, against a real server. */
class HttpFailuresTest {

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(WireMockConfiguration.options().dynamicPort()).build();

    /** The exchange a real server gives for {@code response}. */
    private static Exchange answer(ResponseDefinitionBuilder response) throws TransportException {
        server.stubFor(get(urlEqualTo("/records/1")).willReturn(response));
        return HttpTestClient.http(64 * 1024).exchange(
                HttpTestClient.get(server.baseUrl() + "/records/1", readTimeout(10)), CALL, readTimeout(10));
    }

    private String prefix() {
        return "fetching the record: " + server.baseUrl() + "/records/1 answered HTTP ";
    }

    @ParameterizedTest(name = "HTTP {0} is transient")
    @CsvSource(delimiter = '|', value = {
        "408|408 Request Timeout. The server timed out waiting for the request; it will be retried",
        "429|429 Too Many Requests. The server is limiting the request rate; it will be retried",
        "500|500 Internal Server Error. The repository server failed; it will be retried",
        "502|502 Bad Gateway. The repository server failed; it will be retried",
        "503|503 Service Unavailable. The repository server failed; it will be retried",
        "504|504 Gateway Timeout. The repository server failed; it will be retried",
        "507|507 Insufficient Storage. The repository server is out of storage: its administrators must free disk space; the deposit will be retried",
        "599|599. The repository server failed; it will be retried",
    })
    void timeouts_rate_limits_and_server_errors_are_transient(int status, String message) throws Exception {
        TransportException e = HttpFailures.failure(CALL, answer(aResponse().withStatus(status)), null);

        assertThat(e).isInstanceOf(TransientTransportException.class).hasMessage(prefix() + message);
        assertThat(HttpFailures.isTransient(status)).isTrue();
    }

    @ParameterizedTest(name = "HTTP {0} is permanent")
    @CsvSource(delimiter = '|', value = {
        "400|400 Bad Request. The server did not understand the request; its message above says what it expected",
        "401|401 Unauthorized. The server refused the request; a retry cannot help",
        "403|403 Forbidden. The server refused the request; a retry cannot help",
        "404|404 Not Found. Nothing is there: check my-repo.transport-config.protocol-binding.api-url",
        "409|409. The server refused the request; a retry cannot help",
        "410|410 Gone. Nothing is there: check my-repo.transport-config.protocol-binding.api-url",
        "413|413 Content Too Large. The server refused the request; a retry cannot help",
        "422|422. The server refused the request; a retry cannot help",
    })
    void other_client_errors_are_permanent(int status, String message) throws Exception {
        TransportException e = HttpFailures.failure(CALL, answer(aResponse().withStatus(status)), null);

        assertThat(e).isInstanceOf(PermanentTransportException.class).hasMessage(prefix() + message);
        assertThat(HttpFailures.isTransient(status)).isFalse();
    }

    @Test
    void a_redirect_is_permanent_and_names_its_target_and_the_key_to_set() throws Exception {
        Exchange ex = answer(aResponse().withStatus(301).withHeader("Location", "https://new.example.edu/api"));

        assertThat(HttpFailures.failure(CALL, ex, null)).isInstanceOf(PermanentTransportException.class)
                .hasMessage(prefix() + "301. The server redirects to https://new.example.edu/api: set " + BINDING
                        + "api-url to that URL");
        assertThat(HttpFailures.failure(CALL, answer(aResponse().withStatus(307)), null))
                .hasMessageEndingWith("The server redirects to (no Location): set " + BINDING + "api-url to that URL");
    }

    @Test
    void an_integration_hint_replaces_the_generic_one_for_permanent_statuses_only() throws Exception {
        HttpFailures.Hint hint = s -> s == 401 || s == 503 ? "check " + BINDING + "token" : null;

        assertThat(HttpFailures.failure(CALL, answer(aResponse().withStatus(401)), hint))
                .hasMessage(prefix() + "401 Unauthorized. check " + BINDING + "token");
        assertThat(HttpFailures.failure(CALL, answer(aResponse().withStatus(404)), hint))
                .hasMessageEndingWith("Nothing is there: check " + BINDING + "api-url");
        assertThat(HttpFailures.failure(CALL, answer(aResponse().withStatus(503)), hint))
                .isInstanceOf(TransientTransportException.class)
                .hasMessageEndingWith("The repository server failed; it will be retried");
        assertThat(HttpFailures.failure(CALL, answer(aResponse().withStatus(400)), " (what the server said)", hint))
                .hasMessageStartingWith(prefix() + "400 Bad Request (what the server said). ");
    }

    @Test
    void retry_after_in_delta_seconds_is_reported() throws Exception {
        Exchange ex = answer(aResponse().withStatus(503).withHeader("Retry-After", " 120 "));

        assertThat(HttpFailures.retryAfter(ex)).contains(120L);
        assertThat(HttpFailures.failure(CALL, ex, null))
                .hasMessageEndingWith("it will be retried; the server asks to retry after 120 s");
        assertThat(HttpFailures.retryAfter(answer(aResponse().withStatus(429).withHeader("Retry-After", "-5"))))
                .contains(0L);
    }

    @Test
    void retry_after_as_an_http_date_is_counted_from_now() throws Exception {
        Exchange ex = answer(aResponse().withStatus(429).withHeader("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"));
        InstantSource ninetySecondsBefore = InstantSource.fixed(Instant.parse("2026-10-21T07:26:30Z"));

        assertThat(HttpFailures.retryAfter(ex, ninetySecondsBefore)).contains(90L);
        assertThat(HttpFailures.retryAfter(ex, InstantSource.fixed(Instant.parse("2026-10-22T00:00:00Z"))))
                .as("a date in the past: retry at once").contains(0L);

        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(Instant.now().plusSeconds(121).atOffset(ZoneOffset.UTC));
        Exchange live = answer(aResponse().withStatus(503).withHeader("Retry-After", inTwoMinutes));
        assertThat(HttpFailures.retryAfter(live)).hasValueSatisfying(s -> assertThat(s).isBetween(100L, 121L));
        assertThat(HttpFailures.failure(CALL, live, null)).hasMessageContaining("; the server asks to retry after 1");
    }

    @Test
    void a_retry_after_that_is_neither_form_is_left_out() throws Exception {
        Exchange ex = answer(aResponse().withStatus(503).withHeader("Retry-After", "soon"));

        assertThat(HttpFailures.retryAfter(ex)).isEmpty();
        assertThat(HttpFailures.failure(CALL, ex, null))
                .hasMessage(prefix() + "503 Service Unavailable. The repository server failed; it will be retried");
        assertThat(HttpFailures.retryAfter(answer(aResponse().withStatus(503)))).isEmpty();
    }

    @Test
    void an_html_error_page_is_quoted_without_tags_scripts_or_styles() throws Exception {
        Exchange ex = answer(aResponse().withStatus(500).withHeader("Content-Type", "text/html").withBody(
                "<html><head><style>p { color: red }</style><script>var x = '<b>';</script></head>"
                        + "<body><h1>Oops</h1>\n  <p>Quota   exceeded</p></body></html>"));

        assertThat(HttpFailures.snippet(ex)).isEqualTo(" (Oops Quota exceeded)");
        assertThat(HttpFailures.failure(CALL, ex, null))
                .hasMessage(prefix() + "500 Internal Server Error (Oops Quota exceeded). The repository server "
                        + "failed; it will be retried");
    }

    @Test
    void a_long_body_is_cut_short_and_an_empty_one_quotes_nothing() throws Exception {
        String snippet = HttpFailures.snippet(answer(aResponse().withStatus(500).withBody("word ".repeat(200))));

        assertThat(snippet).hasSize(" (".length() + HttpFailures.MESSAGE_SNIPPET + "...)".length()).endsWith("...)");
        assertThat(HttpFailures.snippet(answer(aResponse().withStatus(500)))).isEmpty();
        assertThat(HttpFailures.snippet(answer(aResponse().withStatus(500).withBody("<p> </p>")))).isEmpty();
    }

    @Test
    void connection_failures_name_the_timeout_or_the_certificate() {
        URI uri = URI.create("https://repo.example.edu/api/records");

        assertThat(HttpFailures.ioFailure(CALL, uri, new HttpConnectTimeoutException("connect timed out"),
                readTimeout(60), CONNECT))
                .isInstanceOf(TransientTransportException.class)
                .hasMessage("fetching the record: could not connect to repo.example.edu:443 within 5 s (" + BINDING
                        + "connect-timeout-seconds); is the server up and reachable from here?");
        assertThat(HttpFailures.ioFailure(CALL, uri, new IOException("handshake", new SSLHandshakeException(
                "PKIX path building failed")), readTimeout(60), CONNECT))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("TLS handshake with repo.example.edu:443 failed (SSLHandshakeException: PKIX "
                        + "path building failed)");
        assertThat(HttpFailures.ioFailure(CALL, uri, new IOException("connection reset"), readTimeout(60), CONNECT))
                .isInstanceOf(TransientTransportException.class)
                .hasMessage("fetching the record: the connection to repo.example.edu:443 failed (IOException: "
                        + "connection reset); a later attempt may succeed");
    }

    @Test
    void an_unknown_host_is_transient_and_says_where_the_host_name_is_configured() {
        TransportException e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> HttpTestClient.http(1024)
                .exchange(HttpTestClient.get("http://repo.no-such-host.invalid:8080/x", readTimeout(5)), CALL,
                        readTimeout(5)), TransportException.class);

        assertThat(e).isInstanceOf(TransientTransportException.class)
                .hasMessage("fetching the record: unknown host 'repo.no-such-host.invalid': check the host name in "
                        + BINDING + "api-url and this machine's DNS");
    }

    @Test
    void ports_default_by_scheme() {
        assertThat(HttpFailures.port(URI.create("http://h/x"))).isEqualTo(80);
        assertThat(HttpFailures.port(URI.create("https://h/x"))).isEqualTo(443);
        assertThat(HttpFailures.port(URI.create("https://h:8443/x"))).isEqualTo(8443);
        assertThat(HttpFailures.hostPort(URI.create("http://h/x"))).isEqualTo("h:80");
    }

    @Test
    void the_root_cause_is_found_through_the_chain() {
        IOException e = new IOException("outer", new RuntimeException("middle", new SSLHandshakeException("inner")));

        assertThat(HttpFailures.hasCause(e, SSLHandshakeException.class)).isTrue();
        assertThat(HttpFailures.hasCause(e, IllegalStateException.class)).isFalse();
        assertThat(HttpFailures.rootMessage(e)).isEqualTo("SSLHandshakeException: inner");
        assertThat(HttpFailures.rootMessage(new IOException())).isEqualTo("IOException");
    }
}
