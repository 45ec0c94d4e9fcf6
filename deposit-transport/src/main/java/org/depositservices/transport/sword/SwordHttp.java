package org.depositservices.transport.sword;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.TransportException;
import org.w3c.dom.Document;

/**
 * The HTTP side of SWORD for one repository: requests with the right credentials, User-Agent and On-Behalf-Of,
 * bounded response bodies, and every failure turned into a transient or permanent exception whose message tells an
 * operator what to fix. This is the one place that classifies SWORD failures:
 *
 * <ul>
 *   <li>transient: connect/read timeouts, connection refused or reset, unknown host (DNS may recover), HTTP 408,
 *   429, 5xx (507: the server is out of storage);</li>
 *   <li>permanent: every other 4xx (400, 401, 403, 404, 405, 412, 413, 415 ...), a failed TLS handshake, a
 *   redirect of a deposit, a document that is not what SWORD promises.</li>
 * </ul>
 */
final class SwordHttp {

    /** Receipts, statements and service documents are small; anything bigger is not one. */
    static final int MAX_BODY = 8 * 1024 * 1024;
    private static final int MAX_REDIRECTS = 5;
    private static final int MESSAGE_SNIPPET = 400;

    private final HttpClient client;
    private final SwordSettings settings;
    private final RepositoryConfig config;
    private final String userAgent;

    SwordHttp(HttpClient client, SwordSettings settings, RepositoryConfig config, String userAgent) {
        this.client = client;
        this.settings = settings;
        this.config = config;
        this.userAgent = userAgent;
    }

    SwordSettings settings() {
        return settings;
    }

    /**
     * What a request is for, in an operator's words ("fetching the service document"), and which configuration
     * key to check when the URL turns out wrong.
     */
    record Call(String what, String configHint) {
    }

    /** A package being deposited, for the 413 / 415 hints. */
    record Payload(long size, String packaging, String mimeType, String spec) {
    }

    /** A response with its body read (at most {@link #MAX_BODY} bytes kept). */
    record Exchange(URI uri, int status, HttpHeaders headers, byte[] body, boolean truncated) {
        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    /** A parsed XML document and the URI it was finally read from (after redirects). */
    record Fetched(URI uri, Document document, Exchange exchange) {
    }

    /** HTTP Basic credentials and where they were configured. {@link #toString()} hides the password. */
    record Credentials(String username, String password, String source) {
        String header() {
            String pair = username + ":" + (password == null ? "" : password);
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Credentials[" + username + ", ***, " + source + "]";
        }
    }

    /**
     * The credentials for a URL: the auth-realms entry whose url is its longest prefix, else the binding's
     * username/password, but the latter only on the configured SWORD hosts so they never leak to a host a server
     * points us to.
     */
    Optional<Credentials> credentialsFor(URI uri) {
        Optional<RepositoryConfig.AuthRealm> realm = config.realmFor(uri.toString())
                .filter(r -> r.mech() == null || r.mech().trim().equalsIgnoreCase("basic"));
        if (realm.isPresent()) {
            RepositoryConfig.AuthRealm r = realm.get();
            return Optional.of(new Credentials(r.username(), r.password(),
                    config.key() + ".transport-config.auth-realms entry " + r.url()));
        }
        if (settings.username() != null && settings.credentialHosts().contains(SwordSettings.host(uri))) {
            return Optional.of(new Credentials(settings.username(), settings.password(),
                    settings.path(SwordSettings.USERNAME) + "/" + SwordSettings.PASSWORD));
        }
        return Optional.empty();
    }

    /** A request to {@code uri} with User-Agent, credentials and On-Behalf-Of set. */
    HttpRequest.Builder request(URI uri, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", userAgent);
        credentialsFor(uri).ifPresent(c -> b.header("Authorization", c.header()));
        if (settings.onBehalfOf() != null) {
            b.header("On-Behalf-Of", settings.onBehalfOf());
        }
        return b;
    }

    /**
     * GETs an XML document, following up to five redirects (credentials are chosen afresh for each URL).
     *
     * @throws TransientTransportException / PermanentTransportException as the class says
     */
    Fetched getXml(URI uri, String accept, Call call) throws TransportException {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest req = request(current, settings.readTimeout()).header("Accept", accept).GET().build();
            Exchange ex = exchange(req, call, settings.readTimeout(), SwordSettings.READ_TIMEOUT);
            if (isRedirect(ex.status()) && ex.header("Location").isPresent()) {
                current = current.resolve(ex.header("Location").get().trim());
                continue;
            }
            if (ex.status() / 100 != 2) {
                throw failure(call, ex, null);
            }
            return new Fetched(current, parseXml(ex, call), ex);
        }
        throw new PermanentTransportException(call.what() + ": " + uri + " redirected more than " + MAX_REDIRECTS
                + " times; check " + call.configHint());
    }

    /** Parses a successful response's body. */
    Document parseXml(Exchange ex, Call call) throws PermanentTransportException {
        if (ex.truncated()) {
            throw new PermanentTransportException(call.what() + ": " + ex.uri() + " answered HTTP " + ex.status()
                    + " with a body over " + MAX_BODY / (1024 * 1024) + " MiB, which is not a SWORD document; check "
                    + call.configHint());
        }
        try {
            return SwordXml.parse(new java.io.ByteArrayInputStream(ex.body()));
        } catch (SwordXml.MalformedException | IOException e) {
            throw new PermanentTransportException(call.what() + ": " + ex.uri() + " answered HTTP " + ex.status()
                    + " with " + contentType(ex) + " that is " + e.getMessage() + "; check " + call.configHint()
                    + snippet(ex), e);
        }
    }

    /**
     * Sends a request and reads its response body (bounded). The whole exchange is bounded by the request's timeout
     * plus the read timeout for the body.
     *
     * @param timeoutKey the binding key of the timeout that applies, named when it expires
     */
    Exchange exchange(HttpRequest req, Call call, Duration timeout, String timeoutKey) throws TransportException {
        CompletableFuture<HttpResponse<BoundedBody>> future =
                client.sendAsync(req, info -> HttpResponse.BodySubscribers.fromSubscriber(new BoundedBody(MAX_BODY), b -> b));
        try {
            HttpResponse<BoundedBody> resp = future.get(timeout.plus(settings.readTimeout()).toMillis(),
                    TimeUnit.MILLISECONDS);
            BoundedBody body = resp.body();
            return new Exchange(req.uri(), resp.statusCode(), resp.headers(), body.bytes(), body.truncated());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw ioFailure(call, req.uri(), io, timeout, timeoutKey);
            }
            throw new TransientTransportException(call.what() + ": request to " + req.uri() + " failed: " + cause,
                    cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new TransientTransportException(call.what() + ": " + req.uri() + " did not finish answering within "
                    + timeout.plus(settings.readTimeout()).toSeconds() + " s (" + settings.path(timeoutKey) + " plus "
                    + SwordSettings.READ_TIMEOUT + "); the server may be overloaded, or raise the timeout", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransientTransportException(call.what() + ": interrupted while waiting for " + req.uri(), e);
        }
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Turns a connection-level failure into the exception an operator can act on. */
    TransportException ioFailure(Call call, URI uri, IOException e, Duration timeout, String timeoutKey) {
        String hostPort = uri.getHost() + ":" + port(uri);
        if (e instanceof HttpConnectTimeoutException) {
            return new TransientTransportException(call.what() + ": could not connect to " + hostPort + " within "
                    + settings.connectTimeout().toSeconds() + " s (" + settings.path(SwordSettings.CONNECT_TIMEOUT)
                    + "); is the server up and reachable from here?", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new TransientTransportException(call.what() + ": " + uri + " did not answer within "
                    + timeout.toSeconds() + " s (" + settings.path(timeoutKey)
                    + "); the server may be overloaded, or raise the timeout", e);
        }
        if (hasCause(e, UnresolvedAddressException.class) || hasCause(e, UnknownHostException.class)) {
            // Transient: DNS outages pass; a host name typo does not, and the message says where to look.
            return new TransientTransportException(call.what() + ": unknown host '" + uri.getHost()
                    + "': check the host name in " + call.configHint() + " and this machine's DNS", e);
        }
        if (hasCause(e, SSLHandshakeException.class)) {
            return new PermanentTransportException(call.what() + ": TLS handshake with " + hostPort + " failed ("
                    + rootMessage(e) + "): check the server's certificate is valid and trusted by this JVM's trust "
                    + "store", e);
        }
        if (e instanceof ConnectException || hasCause(e, ConnectException.class)) {
            return new TransientTransportException(call.what() + ": could not connect to " + hostPort
                    + " (connection refused or closed): is the server running, and is the port in "
                    + call.configHint() + " right?", e);
        }
        return new TransientTransportException(call.what() + ": the connection to " + hostPort + " failed ("
                + rootMessage(e) + "); a later attempt may succeed", e);
    }

    /**
     * Turns an HTTP error status into the exception an operator can act on: the status, the SWORD error (href and
     * summary) when the server sent one, and a hint.
     *
     * @param payload the package being deposited, when the request was a deposit
     */
    TransportException failure(Call call, Exchange ex, Payload payload) {
        int s = ex.status();
        Optional<SwordErrorDocument> err = SwordErrorDocument.parse(ex.truncated() ? null : ex.body());
        StringBuilder m = new StringBuilder(call.what()).append(": ").append(ex.uri()).append(" answered HTTP ")
                .append(s).append(reason(s));
        if (err.isPresent()) {
            SwordErrorDocument d = err.get();
            m.append("; SWORD error ").append(d.href() == null ? "(no href)" : d.href());
            if (d.summary() != null) {
                m.append(": ").append(abbreviate(d.summary()));
            } else if (d.title() != null) {
                m.append(": ").append(abbreviate(d.title()));
            }
            if (d.verboseDescription() != null) {
                m.append(" (").append(abbreviate(d.verboseDescription())).append(")");
            }
        } else {
            m.append(snippet(ex));
        }
        String errName = err.map(SwordErrorDocument::shortName).orElse("");
        String retryAfter = retryAfter(ex).map(secs -> "; the server asks to retry after " + secs + " s").orElse("");
        m.append(". ");
        if (s == 408) {
            return new TransientTransportException(m.append("The server timed out waiting for the request; it will be "
                    + "retried").append(retryAfter).toString());
        }
        if (s == 429) {
            return new TransientTransportException(m.append("The server is limiting the request rate; it will be "
                    + "retried").append(retryAfter).toString());
        }
        if (s == 507) {
            return new TransientTransportException(m.append("The repository server is out of storage: its "
                    + "administrators must free disk space; the deposit will be retried").append(retryAfter).toString());
        }
        if (s >= 500) {
            return new TransientTransportException(m.append("The repository server failed; it will be retried")
                    .append(retryAfter).toString());
        }
        Optional<Credentials> creds = credentialsFor(ex.uri());
        String hint = switch (s) {
            case 401 -> creds.map(c -> "The server refused the credentials of user '" + c.username() + "' (from "
                            + c.source() + "): check username and password in "
                            + config.key() + ".transport-config.auth-realms or protocol-binding")
                    .orElse("No credentials were sent for " + ex.uri() + ": add an entry to " + config.key()
                            + ".transport-config.auth-realms whose url is a prefix of it, or set "
                            + settings.path(SwordSettings.USERNAME) + " and password");
            case 403 -> errName.equals("TargetOwnerUnknown")
                    ? "The server does not know the On-Behalf-Of user '" + settings.onBehalfOf() + "': fix "
                    + settings.path(SwordSettings.ON_BEHALF_OF)
                    : "User '" + creds.map(Credentials::username).orElse("(none)") + "' may not do this: check the "
                    + "credentials in " + config.key() + ".transport-config.auth-realms and the user's rights on "
                    + "the collection in the repository";
            case 404, 410 -> "Nothing is there: check " + call.configHint();
            case 405 -> "The server does not allow this method there: check " + call.configHint()
                    + " is a SWORD collection IRI (Col-IRI)";
            case 412 -> switch (errName) {
                case "ErrorChecksumMismatch" -> "The server's MD5 of the body differs from the Content-MD5 we sent: "
                        + "something between us and the server altered the package (a proxy?)";
                case "MediationNotAllowed" -> "The server does not allow mediated deposit: remove "
                        + settings.path(SwordSettings.ON_BEHALF_OF);
                default -> "A precondition was refused: the checksum (Content-MD5) or mediated deposit "
                        + "(On-Behalf-Of)";
            };
            case 413 -> "The package" + (payload == null ? "" : " (" + mib(payload.size()) + ")")
                    + " is too large for the server: raise the server's upload limit (DSpace: max-upload-size in "
                    + "swordv2-server.cfg, and any proxy's body limit) or deposit a smaller package";
            case 415 -> "The server refused the packaging or content type"
                    + (payload == null ? "" : " (Packaging " + payload.packaging() + ", Content-Type "
                    + payload.mimeType() + ")") + ": check that " + config.key() + ".assembler.specification is a "
                    + "packaging the collection accepts (sword:acceptPackaging in the service document)";
            case 400 -> "The server did not understand the request; its message above says what it expected";
            default -> "The server refused the request; a retry cannot help";
        };
        if (isRedirect(s)) {
            hint = "The server redirects to " + ex.header("Location").orElse("(no Location)") + ": set "
                    + call.configHint() + " to that URL";
        }
        return new PermanentTransportException(m.append(hint).toString());
    }

    /** Retry-After as seconds, from delta-seconds or an HTTP date. */
    static Optional<Long> retryAfter(Exchange ex) {
        Optional<String> v = ex.header("Retry-After").map(String::trim);
        if (v.isEmpty() || v.get().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Math.max(0, Long.parseLong(v.get())));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toSeconds()));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> " Bad Request";
            case 401 -> " Unauthorized";
            case 403 -> " Forbidden";
            case 404 -> " Not Found";
            case 405 -> " Method Not Allowed";
            case 408 -> " Request Timeout";
            case 410 -> " Gone";
            case 412 -> " Precondition Failed";
            case 413 -> " Content Too Large";
            case 415 -> " Unsupported Media Type";
            case 429 -> " Too Many Requests";
            case 500 -> " Internal Server Error";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            case 504 -> " Gateway Timeout";
            case 507 -> " Insufficient Storage";
            default -> "";
        };
    }

    private static String contentType(Exchange ex) {
        return ex.header("Content-Type").map(t -> "a " + t + " body").orElse("a body");
    }

    /** A short, tag-free excerpt of a non-SWORD error body (an HTML error page often names the cause). */
    static String snippet(Exchange ex) {
        if (ex.body() == null || ex.body().length == 0) {
            return "";
        }
        String text = new String(ex.body(), 0, Math.min(ex.body().length, 16 * 1024), StandardCharsets.UTF_8)
                .replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ")
                .replaceAll("<[^>]*>", " ")
                .replaceAll("\\s+", " ")
                .trim();
        return text.isEmpty() ? "" : " (" + abbreviate(text) + ")";
    }

    private static String abbreviate(String s) {
        return s.length() <= MESSAGE_SNIPPET ? s : s.substring(0, MESSAGE_SNIPPET) + "...";
    }

    static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return root.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    /**
     * Collects at most {@code limit} bytes of a body and drains the rest, so a huge or hostile body costs bounded
     * memory while the connection still finishes normally.
     */
    static final class BoundedBody implements Flow.Subscriber<List<ByteBuffer>> {
        private final int limit;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private boolean truncated;

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                int room = limit - out.size();
                int n = Math.min(room, b.remaining());
                if (n < b.remaining()) {
                    truncated = true;
                }
                if (n > 0) {
                    byte[] chunk = new byte[n];
                    b.get(chunk);
                    out.write(chunk, 0, n);
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // The HTTP client completes the response future exceptionally; nothing to keep here.
        }

        @Override
        public void onComplete() {
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        boolean truncated() {
            return truncated;
        }
    }
}
