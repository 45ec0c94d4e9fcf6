package org.depositservices.transport;

import java.util.List;
import java.util.Map;

/**
 * One repository's entry in repositories.json (PASS's shape), with {@code ${...}} placeholders resolved.
 *
 * <pre>{@code
 * "my-repo": {
 *   "deposit-config": { "processing": {...}, "mapping": { "<state>": "accepted|rejected|submitted", "default-mapping": "submitted" } },
 *   "assembler": { "specification": "bagit", "options": { ... } },
 *   "transport-config": { "auth-realms": [ {mech, username, password, url} ], "protocol-binding": { "protocol": "...", ... } }
 * }
 * }</pre>
 *
 * @param key             the top-level key: a repositoryKey, a full URI, a URI path or an id
 * @param name            a display name ({@code name}, optional; defaults to the key)
 * @param spec            {@code assembler.specification}, as written (short name or spec URI); null when absent
 * @param assemblerOptions {@code assembler.options}
 * @param protocolBinding {@code transport-config.protocol-binding}: values as strings, null values kept as null
 * @param authRealms      {@code transport-config.auth-realms}
 * @param statusMapping   {@code deposit-config.mapping}: repository state → accepted / rejected / submitted
 * @param processing      {@code deposit-config.processing}
 * @param custody         {@code deposit-config.custody}: how custody is learned when not from the transport
 *                        ({@code method} names a {@link org.depositservices.transport.custody.CustodyProvider}, the
 *                        other keys are the method's); empty for the transport's own way
 */
public record RepositoryConfig(
        String key,
        String name,
        String spec,
        Map<String, Object> assemblerOptions,
        Map<String, String> protocolBinding,
        List<AuthRealm> authRealms,
        Map<String, String> statusMapping,
        Map<String, Object> processing,
        Map<String, Object> custody) {

    public RepositoryConfig {
        assemblerOptions = assemblerOptions == null ? Map.of() : assemblerOptions;
        protocolBinding = protocolBinding == null ? Map.of() : protocolBinding;
        authRealms = authRealms == null ? List.of() : List.copyOf(authRealms);
        statusMapping = statusMapping == null ? Map.of() : statusMapping;
        processing = processing == null ? Map.of() : processing;
        custody = custody == null ? Map.of() : custody;
    }

    /** A repository whose custody comes from its transport. */
    public RepositoryConfig(String key, String name, String spec, Map<String, Object> assemblerOptions,
                            Map<String, String> protocolBinding, List<AuthRealm> authRealms,
                            Map<String, String> statusMapping, Map<String, Object> processing) {
        this(key, name, spec, assemblerOptions, protocolBinding, authRealms, statusMapping, processing, Map.of());
    }

    /** {@code deposit-config.custody.method}, or null when custody comes from the transport. */
    public String custodyMethod() {
        Object m = custody.get("method");
        return m == null ? null : m.toString();
    }

    /** {@code protocol-binding.protocol}. */
    public String protocol() {
        return protocolBinding.get("protocol");
    }

    /** A binding value, or {@code fallback} when absent or blank. */
    public String binding(String key, String fallback) {
        String v = protocolBinding.get(key);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The realm whose url is the longest prefix of {@code url}, if any. */
    public java.util.Optional<AuthRealm> realmFor(String url) {
        return authRealms.stream()
                .filter(r -> r.url() != null && url.startsWith(r.url()))
                .max(java.util.Comparator.comparingInt(r -> r.url().length()));
    }

    /** One {@code auth-realms} entry. {@link #toString()} never shows the password. */
    public record AuthRealm(String mech, String username, String password, String url) {
        @Override
        public String toString() {
            return "AuthRealm[mech=" + mech + ", username=" + username + ", password=***, url=" + url + "]";
        }
    }

    @Override
    public String toString() {
        // Never print secrets: bindings may hold passwords and passphrases.
        return "RepositoryConfig[key=" + key + ", protocol=" + protocol() + ", spec=" + spec + "]";
    }
}
