package org.depositservices.transport.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.depositservices.transport.http.HttpTestClient.BINDING;
import static org.depositservices.transport.http.HttpTestClient.CALL;
import static org.depositservices.transport.http.HttpTestClient.readTimeout;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.remote.RemoteTestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests bounded in time and body against a real HTTP server (WireMock on a free port). */
class BoundedHttpTest {

    // One server per class, its stubs and journal reset after each test: starting Jetty costs more than a test.
    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(WireMockConfiguration.options().dynamicPort()).build();

    private static byte[] bytes(int size) {
        byte[] b = new byte[size];
        new SplittableRandom(7).nextBytes(b);
        return b;
    }

    @Test
    void a_body_over_the_limit_is_cut_at_the_limit_and_marked_truncated() throws Exception {
        byte[] big = bytes(3 * 1024 * 1024);
        server.stubFor(get(urlEqualTo("/big")).willReturn(aResponse().withStatus(200).withBody(big)));

        Exchange ex = HttpTestClient.http(64 * 1024).exchange(
                HttpTestClient.get(server.baseUrl() + "/big", readTimeout(10)), CALL, readTimeout(10));

        assertThat(ex.status()).isEqualTo(200);
        assertThat(ex.truncated()).isTrue();
        assertThat(ex.body()).hasSize(64 * 1024).isEqualTo(Arrays.copyOf(big, 64 * 1024));
    }

    @Test
    void a_body_within_the_limit_is_kept_whole_with_its_headers() throws Exception {
        byte[] small = bytes(1000);
        server.stubFor(get(urlEqualTo("/small")).willReturn(aResponse().withStatus(201)
                .withHeader("Location", "/items/1").withBody(small)));

        Exchange ex = HttpTestClient.http(1000).exchange(
                HttpTestClient.get(server.baseUrl() + "/small", readTimeout(10)), CALL, readTimeout(10));

        assertThat(ex.truncated()).isFalse();
        assertThat(ex.body()).isEqualTo(small);
        assertThat(ex.header("Location")).contains("/items/1");
        assertThat(ex.header("X-Absent")).isEmpty();
        assertThat(ex.uri()).hasToString(server.baseUrl() + "/small");
    }

    @Test
    void an_error_status_is_an_exchange_not_an_exception() throws Exception {
        server.stubFor(get(urlEqualTo("/gone")).willReturn(aResponse().withStatus(503)));

        Exchange ex = HttpTestClient.http(1024).exchange(
                HttpTestClient.get(server.baseUrl() + "/gone", readTimeout(10)), CALL, readTimeout(10));

        assertThat(ex.status()).isEqualTo(503);
    }

    @Test
    void a_server_that_does_not_answer_in_time_is_transient_and_names_the_configured_key() {
        server.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));

        assertThatThrownBy(() -> HttpTestClient.http(1024).exchange(
                HttpTestClient.get(server.baseUrl() + "/slow", readTimeout(1)), CALL, readTimeout(1)))
                .isInstanceOf(TransientTransportException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class)
                .hasMessage("fetching the record: " + server.baseUrl() + "/slow did not answer within 1 s ("
                        + BINDING + "read-timeout-seconds); the server may be overloaded, or raise the timeout");
    }

    @Test
    void a_body_that_trickles_past_the_deadline_is_transient_and_names_both_timeouts() {
        // The headers come at once, so the request's own timeout is met; the overall deadline stops the body.
        server.stubFor(get(urlEqualTo("/trickle")).willReturn(aResponse().withStatus(200)
                .withBody("x".repeat(2000)).withChunkedDribbleDelay(20, 5000)));

        assertThatThrownBy(() -> HttpTestClient.http(1024).exchange(
                HttpTestClient.get(server.baseUrl() + "/trickle", readTimeout(1)), CALL, readTimeout(1)))
                .isInstanceOf(TransientTransportException.class)
                .hasCauseInstanceOf(TimeoutException.class)
                .hasMessage("fetching the record: " + server.baseUrl() + "/trickle did not finish answering within "
                        + "2 s (" + BINDING + "read-timeout-seconds plus read-timeout-seconds); the server may be "
                        + "overloaded, or raise the timeout");
    }

    @Test
    void a_refused_connection_is_transient_and_names_the_host_the_port_and_where_it_is_configured() {
        int port = RemoteTestConfig.closedPort();

        assertThatThrownBy(() -> HttpTestClient.http(1024).exchange(
                HttpTestClient.get("http://localhost:" + port + "/x", readTimeout(5)), CALL, readTimeout(5)))
                .isInstanceOf(TransientTransportException.class)
                .hasCauseInstanceOf(ConnectException.class)
                .hasMessage("fetching the record: could not connect to localhost:" + port + " (connection refused or "
                        + "closed): is the server running, and is the port in " + BINDING + "api-url right?");
    }

    @Test
    void an_interrupted_wait_is_transient_and_keeps_the_interrupt() {
        server.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> HttpTestClient.http(1024).exchange(
                    HttpTestClient.get(server.baseUrl() + "/slow", readTimeout(5)), CALL, readTimeout(5)))
                    .isInstanceOf(TransientTransportException.class)
                    .hasMessage("fetching the record: interrupted while waiting for " + server.baseUrl() + "/slow");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
