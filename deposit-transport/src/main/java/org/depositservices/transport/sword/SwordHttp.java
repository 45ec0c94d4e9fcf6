package org.depositservices.transport.sword;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.http.BasicCredentials;
import org.depositservices.transport.http.BoundedHttp;
import org.depositservices.transport.http.Call;
import org.depositservices.transport.http.Exchange;
import org.depositservices.transport.http.HttpCredentials;
import org.depositservices.transport.http.HttpFailures;
import org.depositservices.transport.http.Timeout;
import org.w3c.dom.Document;

/**
 * The HTTP side of SWORD for one repository: requests with the right credentials, User-Agent and On-Behalf-Of, and
 * what SWORD adds to the shared HTTP rules of {@link org.depositservices.transport.http}: its XML documents, its
 * error documents, and hints that name its binding keys. Which failures are transient and which permanent is
 * {@link HttpFailures}'s to say (timeouts, refused connections, 408, 429 and 5xx are transient; other 4xx, failed
 * TLS handshakes and redirected deposits permanent); a document that is not what SWORD promises is permanent.
 */
final class SwordHttp {

    /** Receipts, statements and service documents are small; anything bigger is not one. */
    static final int MAX_BODY = 8 * 1024 * 1024;
    private static final int MAX_REDIRECTS = 5;

    private final BoundedHttp http;
    private final SwordSettings settings;
    private final RepositoryConfig config;
    private final String userAgent;
    private final BasicCredentials bindingCredentials;

    SwordHttp(HttpClient client, SwordSettings settings, RepositoryConfig config, String userAgent) {
        // The body grace is named by its bare key: "... (<path of deposit-timeout-seconds> plus read-timeout-seconds)".
        this.http = new BoundedHttp(client, MAX_BODY,
                new Timeout(settings.connectTimeout(), settings.path(SwordSettings.CONNECT_TIMEOUT)),
                new Timeout(settings.readTimeout(), SwordSettings.READ_TIMEOUT));
        this.settings = settings;
        this.config = config;
        this.userAgent = userAgent;
        this.bindingCredentials = settings.username() == null ? null : new BasicCredentials(settings.username(),
                settings.password(), settings.path(SwordSettings.USERNAME) + "/" + SwordSettings.PASSWORD);
    }

    SwordSettings settings() {
        return settings;
    }

    /** A package being deposited, for the 413 / 415 hints. */
    record Payload(long size, String packaging, String mimeType, String spec) {
    }

    /** A parsed XML document and the URI it was finally read from (after redirects). */
    record Fetched(URI uri, Document document, Exchange exchange) {
    }

    /**
     * The credentials for a URL: the auth-realms entry whose url is its longest prefix, else the binding's
     * username/password, but the latter only on the configured SWORD hosts ({@link SwordSettings#credentialHosts}).
     */
    Optional<BasicCredentials> credentialsFor(URI uri) {
        return HttpCredentials.forUrl(config, uri, bindingCredentials, settings.credentialHosts());
    }

    /** A request to {@code uri} with User-Agent, credentials and On-Behalf-Of set. */
    HttpRequest.Builder request(URI uri, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", userAgent);
        credentialsFor(uri).ifPresent(c -> b.header("Authorization", c.authorization()));
        if (settings.onBehalfOf() != null) {
            b.header("On-Behalf-Of", settings.onBehalfOf());
        }
        return b;
    }

    /**
     * GETs an XML document, following up to five redirects (credentials are chosen afresh for each URL).
     *
     * @throws TransportException transient or permanent, as {@link HttpFailures} says
     */
    Fetched getXml(URI uri, String accept, Call call) throws TransportException {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest req = request(current, settings.readTimeout()).header("Accept", accept).GET().build();
            Exchange ex = exchange(req, call, settings.readTimeout(), SwordSettings.READ_TIMEOUT);
            if (HttpFailures.isRedirect(ex.status()) && ex.header("Location").isPresent()) {
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
            return SwordXml.parse(new ByteArrayInputStream(ex.body()));
        } catch (SwordXml.MalformedException | IOException e) {
            throw new PermanentTransportException(call.what() + ": " + ex.uri() + " answered HTTP " + ex.status()
                    + " with " + contentType(ex) + " that is " + e.getMessage() + "; check " + call.configHint()
                    + HttpFailures.snippet(ex), e);
        }
    }

    /**
     * Sends a request and reads its response body (bounded), as {@link BoundedHttp#exchange} does.
     *
     * @param timeoutKey the binding key of the timeout that applies, named when it expires
     */
    Exchange exchange(HttpRequest req, Call call, Duration timeout, String timeoutKey) throws TransportException {
        return http.exchange(req, call, new Timeout(timeout, settings.path(timeoutKey)));
    }

    /**
     * Turns an HTTP error status into the exception an operator can act on: the status, the SWORD error (href and
     * summary) when the server sent one, else an excerpt of the body, and a hint. Transient or permanent is
     * {@link HttpFailures#failure}'s to say.
     *
     * @param payload the package being deposited, when the request was a deposit
     */
    TransportException failure(Call call, Exchange ex, Payload payload) {
        Optional<SwordErrorDocument> err = SwordErrorDocument.parse(ex.truncated() ? null : ex.body());
        String detail = err.map(SwordHttp::describe).orElseGet(() -> HttpFailures.snippet(ex));
        String errName = err.map(SwordErrorDocument::shortName).orElse("");
        return HttpFailures.failure(call, ex, detail, status -> hint(status, call, ex, payload, errName));
    }

    /** What a SWORD error document says: its href and the server's words. */
    private static String describe(SwordErrorDocument d) {
        StringBuilder m = new StringBuilder("; SWORD error ").append(d.href() == null ? "(no href)" : d.href());
        if (d.summary() != null) {
            m.append(": ").append(HttpFailures.abbreviate(d.summary()));
        } else if (d.title() != null) {
            m.append(": ").append(HttpFailures.abbreviate(d.title()));
        }
        if (d.verboseDescription() != null) {
            m.append(" (").append(HttpFailures.abbreviate(d.verboseDescription())).append(")");
        }
        return m.toString();
    }

    /** The hints only SWORD can give, naming its keys; null leaves the status to the generic hint. */
    private String hint(int status, Call call, Exchange ex, Payload payload, String errName) {
        Optional<BasicCredentials> creds = credentialsFor(ex.uri());
        return switch (status) {
            case 401 -> creds.map(c -> "The server refused the credentials of user '" + c.username() + "' (from "
                            + c.source() + "): check username and password in "
                            + HttpCredentials.realmsPath(config) + " or protocol-binding")
                    .orElse("No credentials were sent for " + ex.uri() + ": add an entry to "
                            + HttpCredentials.realmsPath(config) + " whose url is a prefix of it, or set "
                            + settings.path(SwordSettings.USERNAME) + " and password");
            case 403 -> errName.equals("TargetOwnerUnknown")
                    ? "The server does not know the On-Behalf-Of user '" + settings.onBehalfOf() + "': fix "
                    + settings.path(SwordSettings.ON_BEHALF_OF)
                    : "User '" + creds.map(BasicCredentials::username).orElse("(none)") + "' may not do this: check "
                    + "the credentials in " + HttpCredentials.realmsPath(config) + " and the user's rights on the "
                    + "collection in the repository";
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
            default -> null;
        };
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static String contentType(Exchange ex) {
        return ex.header("Content-Type").map(t -> "a " + t + " body").orElse("a body");
    }
}
