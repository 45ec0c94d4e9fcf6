package org.depositservices.transport.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.TransportException;

/**
 * Sends requests with bounded time and bounded response bodies, and turns every way a request can fail to get an
 * answer into a transient or permanent exception ({@link HttpFailures#ioFailure}). An HTTP error status is not a
 * failure here: the {@link Exchange} carries it, and the integration decides, usually with
 * {@link HttpFailures#failure}.
 *
 * <pre>{@code
 * BoundedHttp http = new BoundedHttp(client, 1024 * 1024,
 *         new Timeout(Duration.ofSeconds(30), "my-repo.transport-config.protocol-binding.connect-timeout-seconds"),
 *         new Timeout(Duration.ofSeconds(60), "read-timeout-seconds"));
 * Call call = new Call("fetching the record", "my-repo.transport-config.protocol-binding.api-url");
 * Exchange ex = http.exchange(request, call, readTimeout);
 * if (ex.status() / 100 != 2) throw HttpFailures.failure(call, ex, null);
 * }</pre>
 *
 * <p>Thread-safe when its client is; holds nothing per request.
 */
public final class BoundedHttp {

    private final HttpClient client;
    private final int maxBody;
    private final Timeout connect;
    private final Timeout bodyGrace;

    /**
     * @param client    the client; its connect timeout should be {@code connect}
     * @param maxBody   the most bytes of a response body kept ({@link Exchange#truncated()} beyond)
     * @param connect   the client's connect timeout, named when connecting takes longer
     * @param bodyGrace added to a request's timeout for reading the body: the JDK's request timeout stops at the
     *                  headers, and a server that trickles its body must not hold a thread for ever
     */
    public BoundedHttp(HttpClient client, int maxBody, Timeout connect, Timeout bodyGrace) {
        this.client = Objects.requireNonNull(client, "client");
        this.maxBody = maxBody;
        this.connect = Objects.requireNonNull(connect, "connect");
        this.bodyGrace = Objects.requireNonNull(bodyGrace, "bodyGrace");
    }

    public int maxBody() {
        return maxBody;
    }

    /**
     * Sends a request and reads its response body (bounded). The whole exchange is bounded by {@code timeout} plus
     * the body grace.
     *
     * @param timeout the timeout set on {@code req}, named when it expires
     * @throws TransientTransportException / PermanentTransportException when no answer arrived, as
     *                                     {@link HttpFailures#ioFailure} says
     */
    public Exchange exchange(HttpRequest req, Call call, Timeout timeout) throws TransportException {
        CompletableFuture<HttpResponse<BoundedBody>> future =
                client.sendAsync(req, info -> HttpResponse.BodySubscribers.fromSubscriber(new BoundedBody(maxBody), b -> b));
        Duration deadline = timeout.duration().plus(bodyGrace.duration());
        try {
            HttpResponse<BoundedBody> resp = future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            BoundedBody body = resp.body();
            return new Exchange(req.uri(), resp.statusCode(), resp.headers(), body.bytes(), body.truncated());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw HttpFailures.ioFailure(call, req.uri(), io, timeout, connect);
            }
            throw new TransientTransportException(call.what() + ": request to " + req.uri() + " failed: " + cause,
                    cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new TransientTransportException(call.what() + ": " + req.uri() + " did not finish answering within "
                    + deadline.toSeconds() + " s (" + timeout.name() + " plus " + bodyGrace.name()
                    + "); the server may be overloaded, or raise the timeout", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransientTransportException(call.what() + ": interrupted while waiting for " + req.uri(), e);
        }
    }
}
