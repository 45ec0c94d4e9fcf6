package org.depositservices.transport.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/** What the tests of this package share: a client as the transports build it, and named timeouts. */
final class HttpTestClient {

    static final String BINDING = "my-repo.transport-config.protocol-binding.";
    static final Timeout CONNECT = new Timeout(Duration.ofSeconds(5), BINDING + "connect-timeout-seconds");
    static final Timeout GRACE = new Timeout(Duration.ofSeconds(1), "read-timeout-seconds");
    static final Call CALL = new Call("fetching the record", BINDING + "api-url");

    private HttpTestClient() {
    }

    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(CONNECT.duration())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    static BoundedHttp http(int maxBody) {
        return new BoundedHttp(client(), maxBody, CONNECT, GRACE);
    }

    static Timeout readTimeout(long seconds) {
        return new Timeout(Duration.ofSeconds(seconds), BINDING + "read-timeout-seconds");
    }

    static HttpRequest get(String url, Timeout timeout) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout.duration()).GET().build();
    }
}
