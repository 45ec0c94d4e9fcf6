package org.depositservices.transport;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What the host gives every integration (transport, custody method) when it creates one: the same for all, so an
 * integration's constructor never grows with the host's wiring.
 *
 * @param clock          the time (file dates, directory names, custody ages); tests fix it
 * @param spoolDirectory where a package may be spooled to disk (a checksum that must precede the upload, a resend)
 * @param userAgent      the HTTP {@code User-Agent} to send unless a repository's configuration names its own
 * @param http           makes HTTP clients with the host's defaults (proxy, TLS); the integration sets its timeouts
 */
public record IntegrationEnvironment(Clock clock, Path spoolDirectory, String userAgent, HttpClientFactory http) {

    /** The default user agent: this project and its version. */
    public static final String DEFAULT_USER_AGENT = "deposit-services/0.1.0";

    public IntegrationEnvironment {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        userAgent = userAgent == null || userAgent.isBlank() ? DEFAULT_USER_AGENT : userAgent;
        http = http == null ? HttpClient::newBuilder : http;
    }

    /** The system clock, {@code java.io.tmpdir} as spool, the default user agent, plain JDK HTTP clients. */
    public static IntegrationEnvironment defaults() {
        return new IntegrationEnvironment(Clock.systemUTC(), Path.of(System.getProperty("java.io.tmpdir")), null,
                null);
    }

    /** The same environment with another clock (tests). */
    public IntegrationEnvironment withClock(Clock other) {
        return new IntegrationEnvironment(other, spoolDirectory, userAgent, http);
    }

    /** Makes the builder of an HTTP client, preset with what the host decides. */
    @FunctionalInterface
    public interface HttpClientFactory {
        HttpClient.Builder newBuilder();
    }
}
