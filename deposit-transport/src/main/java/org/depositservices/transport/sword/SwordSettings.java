package org.depositservices.transport.sword;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.http.HttpCredentials;

/**
 * A repository's SWORDv2 {@code transport-config.protocol-binding}, read and checked. Keys (all values strings):
 *
 * <table>
 *   <caption>protocol-binding keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>protocol</td><td>(required)</td><td>{@code SWORDv2}</td></tr>
 *   <tr><td>service-doc</td><td>(required)</td><td>the SWORD service document IRI</td></tr>
 *   <tr><td>default-collection</td><td>(required)</td><td>the Col-IRI deposits go to unless a hint picks another</td></tr>
 *   <tr><td>collection-hints.&lt;tag&gt;</td><td>none</td><td>a Col-IRI for submissions tagged {@code <tag>};
 *       one flat key per tag, e.g. {@code "collection-hints.covid": "https://host/swordv2/collection/123456789/7"}.
 *       Flat keys, not a nested object, because protocol-binding values are strings.</td></tr>
 *   <tr><td>username, password</td><td>none</td><td>HTTP Basic credentials, used for a URL that no
 *       {@code auth-realms} entry covers, and only on the hosts of service-doc, default-collection, the hints and
 *       server-fqdn (never sent to other hosts)</td></tr>
 *   <tr><td>server-fqdn, server-port</td><td>none</td><td>informational (as in PASS); the port is checked to be a port</td></tr>
 *   <tr><td>on-behalf-of</td><td>none</td><td>sent as {@code On-Behalf-Of} (mediated deposit)</td></tr>
 *   <tr><td>deposit-receipt</td><td>true</td><td>when the POST answers without a receipt, GET it from the
 *       Edit-IRI (Location); false skips that</td></tr>
 *   <tr><td>user-agent</td><td>the transport's default (PASS_DEPOSIT_HTTP_AGENT)</td><td>User-Agent header</td></tr>
 *   <tr><td>connect-timeout-seconds</td><td>30</td><td>TCP/TLS connect timeout</td></tr>
 *   <tr><td>read-timeout-seconds</td><td>60</td><td>time for a GET (service document, receipt, statement) to answer</td></tr>
 *   <tr><td>deposit-timeout-seconds</td><td>3600</td><td>time for the package POST to be uploaded and answered</td></tr>
 *   <tr><td>service-doc-ttl-seconds</td><td>300</td><td>how long a fetched service document is reused (0: never)</td></tr>
 * </table>
 *
 * {@link #toString()} never shows the password.
 */
record SwordSettings(
        String repositoryKey,
        URI serviceDoc,
        URI defaultCollection,
        Map<String, URI> collectionHints,
        String username,
        String password,
        String onBehalfOf,
        String userAgent,
        boolean depositReceipt,
        Duration connectTimeout,
        Duration readTimeout,
        Duration depositTimeout,
        Duration serviceDocTtl,
        Set<String> credentialHosts) {

    static final String PROTOCOL = "SWORDv2";
    static final String SERVICE_DOC = "service-doc";
    static final String DEFAULT_COLLECTION = "default-collection";
    static final String HINT_PREFIX = "collection-hints.";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String SERVER_FQDN = "server-fqdn";
    static final String SERVER_PORT = "server-port";
    static final String ON_BEHALF_OF = "on-behalf-of";
    static final String DEPOSIT_RECEIPT = "deposit-receipt";
    static final String USER_AGENT = "user-agent";
    static final String CONNECT_TIMEOUT = "connect-timeout-seconds";
    static final String READ_TIMEOUT = "read-timeout-seconds";
    static final String DEPOSIT_TIMEOUT = "deposit-timeout-seconds";
    static final String SERVICE_DOC_TTL = "service-doc-ttl-seconds";

    static final long DEFAULT_CONNECT_TIMEOUT_S = 30;
    static final long DEFAULT_READ_TIMEOUT_S = 60;
    static final long DEFAULT_DEPOSIT_TIMEOUT_S = 3600;
    static final long DEFAULT_SERVICE_DOC_TTL_S = 300;

    SwordSettings {
        collectionHints = Collections.unmodifiableMap(new LinkedHashMap<>(collectionHints));
        credentialHosts = Set.copyOf(credentialHosts);
    }

    /** The JSON path of a binding key, for messages. */
    static String path(RepositoryConfig config, String key) {
        return config.key() + ".transport-config.protocol-binding." + key;
    }

    String path(String key) {
        return repositoryKey + ".transport-config.protocol-binding." + key;
    }

    /**
     * Reads a configuration that {@link #problems} finds no fault in.
     *
     * @throws PermanentTransportException listing every problem, when there are any
     */
    static SwordSettings of(RepositoryConfig config) throws PermanentTransportException {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new PermanentTransportException("SWORDv2 configuration of " + config.key() + " is not usable: "
                    + String.join("; ", problems));
        }
        Map<String, String> b = config.protocolBinding();
        Map<String, URI> hints = new TreeMap<>();
        b.forEach((k, v) -> {
            if (k.startsWith(HINT_PREFIX) && v != null && !v.isBlank()) {
                hints.put(k.substring(HINT_PREFIX.length()), URI.create(v.trim()));
            }
        });
        URI serviceDoc = URI.create(b.get(SERVICE_DOC).trim());
        URI collection = URI.create(b.get(DEFAULT_COLLECTION).trim());
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(HttpCredentials.host(serviceDoc));
        hosts.add(HttpCredentials.host(collection));
        hints.values().forEach(u -> hosts.add(HttpCredentials.host(u)));
        String fqdn = config.binding(SERVER_FQDN, null);
        if (fqdn != null) {
            hosts.add(fqdn.trim().toLowerCase(Locale.ROOT));
        }
        return new SwordSettings(
                config.key(),
                serviceDoc,
                collection,
                hints,
                config.binding(USERNAME, null),
                config.binding(PASSWORD, null),
                config.binding(ON_BEHALF_OF, null),
                config.binding(USER_AGENT, null),
                !"false".equalsIgnoreCase(config.binding(DEPOSIT_RECEIPT, "true").trim()),
                seconds(config, CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT_S),
                seconds(config, READ_TIMEOUT, DEFAULT_READ_TIMEOUT_S),
                seconds(config, DEPOSIT_TIMEOUT, DEFAULT_DEPOSIT_TIMEOUT_S),
                seconds(config, SERVICE_DOC_TTL, DEFAULT_SERVICE_DOC_TTL_S),
                hosts);
    }

    private static Duration seconds(RepositoryConfig config, String key, long fallback) {
        String v = config.binding(key, null);
        return Duration.ofSeconds(v == null ? fallback : Long.parseLong(v.trim()));
    }

    /** Every problem of the configuration for SWORDv2, each naming its JSON path; empty when usable. */
    static List<String> problems(RepositoryConfig config) {
        List<String> out = new ArrayList<>();
        Map<String, String> b = config.protocolBinding();

        // An unresolved ${...} would otherwise surface later as a puzzling "not a URL"; say what it is.
        b.forEach((k, v) -> {
            if (v != null && v.contains("${")) {
                out.add(path(config, k) + ": \"" + v + "\" has an unresolved placeholder; set the property or "
                        + "environment variable it names");
            }
        });
        String protocol = config.protocol();
        if (protocol == null || !protocol.trim().equalsIgnoreCase(PROTOCOL)) {
            out.add(path(config, "protocol") + ": " + (protocol == null ? "missing" : "\"" + protocol + "\"")
                    + ", expected " + PROTOCOL);
        }
        checkUrl(config, SERVICE_DOC, true, out);
        checkUrl(config, DEFAULT_COLLECTION, true, out);
        b.keySet().stream().filter(k -> k.startsWith(HINT_PREFIX)).sorted().forEach(k -> {
            if (k.length() == HINT_PREFIX.length()) {
                out.add(path(config, k) + ": the tag is missing; write collection-hints.<tag>");
            } else {
                checkUrl(config, k, true, out);
            }
        });
        if (b.containsKey("collection-hints")) {
            out.add(path(config, "collection-hints") + ": write one flat key per tag instead, e.g. "
                    + "\"collection-hints.covid\": \"<collection IRI>\"");
        }
        String port = b.get(SERVER_PORT);
        if (port != null && !port.isBlank() && !port.contains("${")) {
            try {
                int p = Integer.parseInt(port.trim());
                if (p < 1 || p > 65535) {
                    out.add(path(config, SERVER_PORT) + ": " + p + " is not a port number (1-65535)");
                }
            } catch (NumberFormatException e) {
                out.add(path(config, SERVER_PORT) + ": \"" + port + "\" is not a port number (1-65535)");
            }
        }
        String user = config.binding(USERNAME, null);
        String pass = config.binding(PASSWORD, null);
        if (user != null && pass == null) {
            out.add(path(config, PASSWORD) + ": missing, while " + USERNAME + " is set");
        }
        if (user == null && pass != null) {
            out.add(path(config, USERNAME) + ": missing, while " + PASSWORD + " is set");
        }
        positiveSeconds(config, CONNECT_TIMEOUT, false, out);
        positiveSeconds(config, READ_TIMEOUT, false, out);
        positiveSeconds(config, DEPOSIT_TIMEOUT, false, out);
        positiveSeconds(config, SERVICE_DOC_TTL, true, out);
        String receipt = config.binding(DEPOSIT_RECEIPT, null);
        if (receipt != null && !receipt.trim().equalsIgnoreCase("true") && !receipt.trim().equalsIgnoreCase("false")) {
            out.add(path(config, DEPOSIT_RECEIPT) + ": \"" + receipt + "\" is not true or false");
        }

        List<RepositoryConfig.AuthRealm> realms = config.authRealms();
        for (int i = 0; i < realms.size(); i++) {
            RepositoryConfig.AuthRealm r = realms.get(i);
            String p = config.key() + ".transport-config.auth-realms[" + i + "]";
            if (r.mech() != null && !r.mech().trim().equalsIgnoreCase("basic")) {
                out.add(p + ".mech: \"" + r.mech() + "\" is not supported by SWORDv2; use basic");
            }
            if (r.url() == null || r.url().isBlank()) {
                out.add(p + ".url: missing");
            } else if (absoluteHttp(r.url()) == null) {
                out.add(p + ".url: \"" + r.url() + "\" is not an http(s) URL");
            }
            if (r.username() == null || r.username().isBlank()) {
                out.add(p + ".username: missing");
            }
            if (r.password() == null) {
                out.add(p + ".password: missing");
            }
        }
        // Every SWORD server we know of (DSpace, EPrints, Dataverse) authenticates; a deposit without credentials
        // can only end in 401, so say so at startup.
        String sd = config.binding(SERVICE_DOC, null);
        if (sd != null && absoluteHttp(sd) != null && user == null && config.realmFor(sd.trim()).isEmpty()) {
            out.add(path(config, USERNAME) + ": no credentials for " + sd.trim() + "; set username and password, or "
                    + "add an auth-realms entry whose url is a prefix of it");
        }
        return out;
    }

    private static void checkUrl(RepositoryConfig config, String key, boolean required, List<String> out) {
        String v = config.protocolBinding().get(key);
        if (v == null || v.isBlank()) {
            if (required) {
                out.add(path(config, key) + ": missing");
            }
            return;
        }
        if (v.contains("${")) {
            return; // Already reported as an unresolved placeholder.
        }
        if (absoluteHttp(v) == null) {
            out.add(path(config, key) + ": \"" + v + "\" is not an http(s) URL");
        }
    }

    /** The value as an absolute http(s) URI with a host, or null. */
    static URI absoluteHttp(String v) {
        try {
            URI u = new URI(v.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null ? u : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static void positiveSeconds(RepositoryConfig config, String key, boolean zeroAllowed, List<String> out) {
        String v = config.binding(key, null);
        if (v == null || v.contains("${")) {
            return;
        }
        try {
            long s = Long.parseLong(v.trim());
            if (s < 0 || s == 0 && !zeroAllowed || s > Duration.ofDays(7).toSeconds()) {
                out.add(path(config, key) + ": " + s + " is not a number of seconds between " + (zeroAllowed ? 0 : 1)
                        + " and 604800");
            }
        } catch (NumberFormatException e) {
            out.add(path(config, key) + ": \"" + v + "\" is not a whole number of seconds");
        }
    }

    @Override
    public String toString() {
        return "SwordSettings[" + repositoryKey + ", serviceDoc=" + serviceDoc + ", defaultCollection="
                + defaultCollection + ", hints=" + collectionHints.keySet() + ", username=" + username
                + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
