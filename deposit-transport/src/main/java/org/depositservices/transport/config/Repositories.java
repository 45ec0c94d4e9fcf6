package org.depositservices.transport.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.depositservices.packaging.Assemblers;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.Transport;
import org.depositservices.transport.TransportRegistry;
import org.depositservices.transport.custody.CustodyRegistry;
import org.depositservices.transport.custody.StateMapping;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The repositories Deposit Services can deposit into, read from repositories.json (PASS's format).
 *
 * <p>Loading resolves {@code ${name}} and {@code ${name:default}} in every string from the given lookup
 * (environment and properties), then checks every entry: a protocol some {@link Transport} serves, a known
 * assembler spec, and the transport's own checks. Any problem stops loading with every problem listed, each naming
 * its JSON path.
 *
 * <p>A repository is found by its top-level key, which may be a repositoryKey, a full URI, a URI path or an id: a
 * reference matches a key equal to it, or a key that is the reference's URI path, or its last path segment.
 */
public final class Repositories {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, RepositoryConfig> byKey;

    private Repositories(Map<String, RepositoryConfig> byKey) {
        this.byKey = byKey;
    }

    /**
     * @param location       {@code classpath:...}, {@code file:...}, {@code http(s)://...} or a plain path
     * @param lookup         resolves placeholder names; null when unknown
     * @param transports     the transports available, by protocol
     * @param knownSpec      whether an assembler specification (short name or URI) is supported
     */
    public static Repositories load(String location, Function<String, String> lookup, Collection<Transport> transports,
                                    Predicate<String> knownSpec) {
        return load(location, lookup, new TransportRegistry(transports), knownSpec);
    }

    /**
     * @param location   {@code classpath:...}, {@code file:...}, {@code http(s)://...} or a plain path
     * @param lookup     resolves placeholder names; null when unknown
     * @param transports the transports available, by protocol
     * @param knownSpec  whether an assembler specification (short name or URI) is supported
     */
    public static Repositories load(String location, Function<String, String> lookup, TransportRegistry transports,
                                    Predicate<String> knownSpec) {
        return load(location, lookup, transports, knownSpec, CustodyRegistry.none());
    }

    /** @param custody the custody methods a repository's {@code deposit-config.custody.method} may name */
    public static Repositories load(String location, Function<String, String> lookup, TransportRegistry transports,
                                    Predicate<String> knownSpec, CustodyRegistry custody) {
        String json;
        try {
            json = read(location);
        } catch (IOException e) {
            throw new ConfigurationException(location, List.of("cannot read it: " + e.getMessage()));
        }
        return parse(location, json, lookup, transports, knownSpec, custody);
    }

    public static Repositories parse(String source, String json, Function<String, String> lookup,
                                     Collection<Transport> transports, Predicate<String> knownSpec) {
        return parse(source, json, lookup, new TransportRegistry(transports), knownSpec);
    }

    public static Repositories parse(String source, String json, Function<String, String> lookup,
                                     TransportRegistry transports, Predicate<String> knownSpec) {
        return parse(source, json, lookup, transports, knownSpec, CustodyRegistry.none());
    }

    public static Repositories parse(String source, String json, Function<String, String> lookup,
                                     TransportRegistry transports, Predicate<String> knownSpec,
                                     CustodyRegistry custody) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new ConfigurationException(source, List.of("not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigurationException(source, List.of("$: must be a JSON object of repositories"));
        }
        root = resolve(root, "", lookup, problems);
        Map<String, RepositoryConfig> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            RepositoryConfig rc = toConfig(e.getKey(), e.getValue(), problems);
            if (rc == null) {
                continue;
            }
            String protocol = rc.protocol();
            String at = e.getKey() + ".transport-config.protocol-binding.protocol";
            Optional<Transport> t = transports.find(protocol);
            if (protocol == null || protocol.isBlank()) {
                problems.add(at + ": missing (one of " + protocols(transports) + ")");
            } else if (t.isEmpty()) {
                problems.add(at + ": unknown protocol '" + protocol + "' (one of " + protocols(transports) + ")");
            } else {
                problems.addAll(t.get().validate(rc));
            }
            String specAt = e.getKey() + ".assembler.specification";
            if (rc.spec() != null && Assemblers.isNone(rc.spec())) {
                if (t.isPresent() && t.get().sendsPackage()) {
                    problems.add(specAt + ": 'none' sends no package, but protocol " + t.get().protocol()
                            + " delivers one; name a package specification");
                }
            } else if (rc.spec() != null && !knownSpec.test(rc.spec())) {
                problems.add(specAt + ": unknown package specification '" + rc.spec() + "'");
            } else if (rc.spec() != null && t.isPresent() && !t.get().sendsPackage()) {
                problems.add(specAt + ": protocol " + t.get().protocol() + " builds its item from the submission's"
                        + " files and metadata, so the specification must be 'none' or absent");
            }
            problems.addAll(StateMapping.problems(rc));
            problems.addAll(custody.problems(rc));
            out.put(e.getKey(), rc);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(source, problems);
        }
        return new Repositories(out);
    }

    /** Every configured repository, in file order. */
    public List<RepositoryConfig> all() {
        return List.copyOf(byKey.values());
    }

    /** The repository a reference (repositoryKey, full URI, URI path or id) names. */
    public Optional<RepositoryConfig> find(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        RepositoryConfig exact = byKey.get(ref);
        if (exact != null) {
            return Optional.of(exact);
        }
        String path = ref;
        try {
            URI u = URI.create(ref);
            if (u.getPath() != null && u.getScheme() != null) {
                path = u.getPath();
            }
        } catch (IllegalArgumentException ignored) {
            // not a URI: compare as is
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        for (Map.Entry<String, RepositoryConfig> e : byKey.entrySet()) {
            String k = e.getKey();
            if (k.equals(trimmed) || k.equals(last) || (k.startsWith("/") && trimmed.endsWith(k))) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    static String read(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length()).replaceFirst("^/+", "");
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            try (InputStream in = (cl != null ? cl : Repositories.class.getClassLoader()).getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("no classpath resource " + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        if (location.startsWith("http://") || location.startsWith("https://")) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(location))
                        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IOException("HTTP " + r.statusCode() + " from " + location);
                }
                return r.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + location, e);
            }
        }
        Path p = location.startsWith("file:") ? Path.of(URI.create(location.startsWith("file://") ? location
                : "file://" + Path.of(location.substring(5)).toAbsolutePath())) : Path.of(location);
        return Files.readString(p);
    }

    private static RepositoryConfig toConfig(String key, JsonNode node, List<String> problems) {
        if (!node.isObject()) {
            problems.add(key + ": must be an object");
            return null;
        }
        JsonNode assembler = node.path("assembler");
        String spec = text(assembler.get("specification"));
        Map<String, Object> options = assembler.has("options") ? toMap(assembler.get("options")) : Map.of();
        JsonNode tc = node.path("transport-config");
        Map<String, String> binding = new LinkedHashMap<>();
        JsonNode pb = tc.path("protocol-binding");
        if (pb.isMissingNode()) {
            problems.add(key + ".transport-config.protocol-binding: missing");
        } else if (!pb.isObject()) {
            problems.add(key + ".transport-config.protocol-binding: must be an object");
        } else {
            for (Map.Entry<String, JsonNode> b : pb.properties()) {
                JsonNode v = b.getValue();
                binding.put(b.getKey(), v.isNull() ? null : v.isValueNode() ? v.asString() : v.toString());
            }
        }
        List<RepositoryConfig.AuthRealm> realms = new ArrayList<>();
        JsonNode ar = tc.path("auth-realms");
        if (ar.isArray()) {
            int i = 0;
            for (JsonNode r : ar) {
                String url = text(r.get("url"));
                if (url == null) {
                    problems.add(key + ".transport-config.auth-realms[" + i + "].url: missing");
                }
                realms.add(new RepositoryConfig.AuthRealm(text(r.get("mech")), text(r.get("username")),
                        text(r.get("password")), url));
                i++;
            }
        } else if (!ar.isMissingNode()) {
            problems.add(key + ".transport-config.auth-realms: must be an array");
        }
        JsonNode dc = node.path("deposit-config");
        Map<String, String> mapping = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> m : dc.path("mapping").properties()) {
            mapping.put(m.getKey(), text(m.getValue()));
        }
        Map<String, Object> processing = dc.has("processing") ? toMap(dc.get("processing")) : Map.of();
        Map<String, Object> custody = Map.of();
        if (dc.has("custody")) {
            if (dc.get("custody").isObject()) {
                custody = toMap(dc.get("custody"));
            } else {
                problems.add(key + ".deposit-config.custody: must be an object");
            }
        }
        String name = text(node.get("name"));
        return new RepositoryConfig(key, name == null ? key : name, spec, options, binding, realms, mapping,
                processing, custody);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode n) {
        return n.isObject() ? JSON.convertValue(n, LinkedHashMap.class) : Map.of();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.isValueNode() ? n.asString() : n.toString();
    }

    private static String protocols(TransportRegistry transports) {
        return String.join(", ", transports.protocols());
    }

    /** A copy of {@code n} with placeholders resolved in every string. */
    private static JsonNode resolve(JsonNode n, String path, Function<String, String> lookup, List<String> problems) {
        if (n.isString()) {
            return JSON.getNodeFactory().stringNode(Placeholders.resolve(n.asString(), lookup, path, problems));
        }
        if (n.isObject()) {
            ObjectNode o = JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                o.set(e.getKey(), resolve(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), lookup,
                        problems));
            }
            return o;
        }
        if (n.isArray()) {
            var a = JSON.createArrayNode();
            int i = 0;
            for (JsonNode x : n) {
                a.add(resolve(x, path + "[" + i++ + "]", lookup, problems));
            }
            return a;
        }
        return n;
    }
}
