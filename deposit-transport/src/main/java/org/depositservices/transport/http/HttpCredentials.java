package org.depositservices.transport.http;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.depositservices.transport.RepositoryConfig;

/**
 * Which credentials go with a URL. Ask afresh for every URL, including each redirect target: a server may point us
 * anywhere, and credentials must not follow it there.
 *
 * <pre>{@code
 * BasicCredentials binding = new BasicCredentials(user, password, "my-repo.transport-config.protocol-binding.username");
 * HttpCredentials.forUrl(config, uri, binding, Set.of("dspace.example.edu"))
 *         .ifPresent(c -> request.header("Authorization", c.authorization()));
 * }</pre>
 */
public final class HttpCredentials {

    private HttpCredentials() {
    }

    /**
     * The credentials for {@code uri}: those of the {@code auth-realms} entry whose url is its longest prefix (mech
     * basic or unset), else {@code fallback}, but the fallback only when the URL's host is one of
     * {@code allowedHosts}, so credentials meant for the configured server never leak to a host it points us to.
     * A realm entry needs no such check: its url already says where it belongs.
     *
     * @param fallback     the integration's own credentials (e.g. a binding's username/password); null for none
     * @param allowedHosts the hosts the fallback may be sent to (compared without case)
     */
    public static Optional<BasicCredentials> forUrl(RepositoryConfig config, URI uri, BasicCredentials fallback,
                                                    Set<String> allowedHosts) {
        Optional<BasicCredentials> realm = realm(config, uri);
        if (realm.isPresent()) {
            return realm;
        }
        String host = host(uri);
        if (fallback != null && allowedHosts.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).equals(host))) {
            return Optional.of(fallback);
        }
        return Optional.empty();
    }

    /**
     * The credentials of the {@code auth-realms} entry whose url is the longest prefix of {@code uri}, when its mech
     * is basic or unset. A longest entry of another mech yields none: it was meant for that URL, a shorter one
     * was not.
     */
    public static Optional<BasicCredentials> realm(RepositoryConfig config, URI uri) {
        return config.realmFor(uri.toString())
                .filter(r -> r.mech() == null || r.mech().trim().equalsIgnoreCase("basic"))
                .map(r -> new BasicCredentials(r.username(), r.password(),
                        realmsPath(config) + " entry " + r.url()));
    }

    /** The JSON path of a repository's auth-realms, for messages. */
    public static String realmsPath(RepositoryConfig config) {
        return config.key() + ".transport-config.auth-realms";
    }

    /** The URI's host in lower case, "" when it has none: the form {@code allowedHosts} is compared in. */
    public static String host(URI uri) {
        return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    }
}
