package org.depositservices.transport.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.TransportException;

/**
 * The one place that says which HTTP failures are worth a retry, for every HTTP integration:
 *
 * <ul>
 *   <li>transient: connect/read timeouts, connection refused or reset, unknown host (DNS may recover), HTTP 408,
 *   429, 5xx (507: the server is out of storage);</li>
 *   <li>permanent: every other status (400, 401, 403, 404, 405, 409, 412, 413, 415 ...), a redirect where none is
 *   followed, a failed TLS handshake.</li>
 * </ul>
 *
 * Messages say what was being done ({@link Call#what()}), what the server answered, and what to fix; an integration
 * adds what only it knows (its error documents, hints naming its keys) through {@link #failure}'s parameters.
 */
public final class HttpFailures {

    /** How much of a server's own words a message quotes. */
    public static final int MESSAGE_SNIPPET = 400;

    private HttpFailures() {
    }

    /**
     * The integration's hint for a permanent status, in the operator's words, naming its configuration keys.
     *
     * <pre>{@code
     * Hint hint = status -> status == 401 ? "check my-repo.transport-config.auth-realms" : null;
     * }</pre>
     */
    @FunctionalInterface
    public interface Hint {
        /** The hint for {@code status}, or null for the generic one. */
        String forStatus(int status);
    }

    /** True for the statuses a retry may get past: 408, 429 and 5xx. */
    public static boolean isTransient(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    public static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** {@link #failure(Call, Exchange, String, Hint)} quoting a {@link #snippet} of the body. */
    public static TransportException failure(Call call, Exchange ex, Hint hint) {
        return failure(call, ex, snippet(ex), hint);
    }

    /**
     * Turns an HTTP error status into the exception an operator can act on:
     * {@code <what>: <uri> answered HTTP <status> <reason><detail>. <hint>[; the server asks to retry after N s]}.
     * Transient statuses get a fixed hint and the server's Retry-After; permanent ones the integration's hint, else
     * a generic one (a redirect's target, "nothing is there", "a retry cannot help").
     *
     * @param detail what the server said, appended right after the status, e.g. {@code " (Quota exceeded)"};
     *               "" for nothing
     * @param hint   the integration's hints for permanent statuses; null for the generic ones only
     */
    public static TransportException failure(Call call, Exchange ex, String detail, Hint hint) {
        int s = ex.status();
        String phrase = reasonPhrase(s);
        StringBuilder m = new StringBuilder(call.what()).append(": ").append(ex.uri()).append(" answered HTTP ")
                .append(s).append(phrase.isEmpty() ? "" : " " + phrase).append(detail).append(". ");
        if (isTransient(s)) {
            String retryAfter = retryAfter(ex).map(secs -> "; the server asks to retry after " + secs + " s")
                    .orElse("");
            String what = switch (s) {
                case 408 -> "The server timed out waiting for the request; it will be retried";
                case 429 -> "The server is limiting the request rate; it will be retried";
                case 507 -> "The repository server is out of storage: its administrators must free disk space; the "
                        + "deposit will be retried";
                default -> "The repository server failed; it will be retried";
            };
            return new TransientTransportException(m.append(what).append(retryAfter).toString());
        }
        String h = hint == null ? null : hint.forStatus(s);
        return new PermanentTransportException(m.append(h != null ? h : genericHint(call, ex)).toString());
    }

    private static String genericHint(Call call, Exchange ex) {
        int s = ex.status();
        if (isRedirect(s)) {
            return "The server redirects to " + ex.header("Location").orElse("(no Location)") + ": set "
                    + call.configHint() + " to that URL";
        }
        return switch (s) {
            case 404, 410 -> "Nothing is there: check " + call.configHint();
            case 400 -> "The server did not understand the request; its message above says what it expected";
            default -> "The server refused the request; a retry cannot help";
        };
    }

    /**
     * Turns a connection-level failure into the exception an operator can act on.
     *
     * @param timeout the request's timeout, named when it expires
     * @param connect the client's connect timeout, named when connecting takes longer
     */
    public static TransportException ioFailure(Call call, URI uri, IOException e, Timeout timeout, Timeout connect) {
        String hostPort = hostPort(uri);
        if (e instanceof HttpConnectTimeoutException) {
            return new TransientTransportException(call.what() + ": could not connect to " + hostPort + " within "
                    + connect.duration().toSeconds() + " s (" + connect.name()
                    + "); is the server up and reachable from here?", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new TransientTransportException(call.what() + ": " + uri + " did not answer within "
                    + timeout.duration().toSeconds() + " s (" + timeout.name()
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

    /** Retry-After as seconds from now, from delta-seconds or an HTTP date; never negative. */
    public static Optional<Long> retryAfter(Exchange ex) {
        return retryAfter(ex, InstantSource.system());
    }

    /** As {@link #retryAfter(Exchange)}, an HTTP date counted from {@code clock}'s now. */
    public static Optional<Long> retryAfter(Exchange ex, InstantSource clock) {
        Optional<String> v = ex.header("Retry-After").map(String::trim);
        if (v.isEmpty() || v.get().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Math.max(0, Long.parseLong(v.get())));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(Math.max(0, Duration.between(clock.instant(), at.toInstant()).toSeconds()));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    /** The reason phrase of the statuses an operator is likely to meet ("Not Found"); "" for the others. */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 410 -> "Gone";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 507 -> "Insufficient Storage";
            default -> "";
        };
    }

    /**
     * A short, tag-free excerpt of an error body, as {@code " (excerpt)"}, or "" when there is nothing to quote: an
     * HTML error page often names the cause. Only the first 16 KiB are looked at.
     */
    public static String snippet(Exchange ex) {
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

    /** The first {@value #MESSAGE_SNIPPET} characters of a server's words, "..." marking a cut. */
    public static String abbreviate(String s) {
        return s.length() <= MESSAGE_SNIPPET ? s : s.substring(0, MESSAGE_SNIPPET) + "...";
    }

    /** The port a request to {@code uri} goes to: the explicit one, else the scheme's default. */
    public static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** {@code host:port} of a URI, for messages about connections. */
    public static String hostPort(URI uri) {
        return uri.getHost() + ":" + port(uri);
    }

    /** True when {@code t} or one of its causes is a {@code type}. */
    public static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause as {@code SimpleName: message}: the JDK's outer exceptions rarely say what went wrong. */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return root.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }
}
