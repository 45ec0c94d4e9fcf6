package org.depositservices.packaging.bagit.profile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds and parses BagIt Profiles, each once: a profile is configuration, and the specification asks that its URI
 * be versioned, so a changed profile is a new location (or a restart).
 *
 * <p>A location is one of: a file path ({@code conf/profile.json}, relative to the working directory), a
 * {@code file:} URI, a {@code classpath:} resource ({@code classpath:profiles/x.json}), or, when the loader was made
 * with network access, an {@code http:} or {@code https:} URI, fetched with {@code Accept: application/json}.
 * Profiles larger than {@link #MAX_PROFILE_BYTES} are refused.
 *
 * <p>Lifecycle: one loader per application (or per provider), shared by threads. Failures are not cached, so a
 * location that could not be read is tried again on the next call.
 */
public final class BagItProfileLoader {
    /** A profile is a few KiB; anything this large is not one. */
    public static final int MAX_PROFILE_BYTES = 1024 * 1024;
    private static final String CLASSPATH = "classpath:";

    private final BagItProfileParser parser = new BagItProfileParser();
    private final ClassLoader classLoader;
    private final boolean network;
    private final Duration timeout;
    private final Map<String, BagItProfile> loaded = new ConcurrentHashMap<>();
    private HttpClient http;

    /** Reads files, {@code file:} and {@code classpath:} locations, and fetches http(s) URIs (30 s timeout). */
    public BagItProfileLoader() {
        this(BagItProfileLoader.class.getClassLoader(), true, Duration.ofSeconds(30));
    }

    /**
     * @param classLoader finds {@code classpath:} locations
     * @param network     whether http(s) locations may be fetched; when false they are refused with a message
     *                    asking for a local copy
     * @param timeout     for connecting to and reading an http(s) location
     */
    public BagItProfileLoader(ClassLoader classLoader, boolean network, Duration timeout) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        this.network = network;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** A loader that never uses the network: files, {@code file:} and {@code classpath:} only. */
    public static BagItProfileLoader localOnly() {
        return new BagItProfileLoader(BagItProfileLoader.class.getClassLoader(), false, Duration.ofSeconds(30));
    }

    /**
     * The profile at {@code location}, read and parsed on the first call for that location.
     *
     * @throws IOException           when the location cannot be read (missing file, HTTP error, too large), naming it
     * @throws BagItProfileException when what it holds is not a valid profile, naming the field
     */
    public BagItProfile load(String location) throws IOException {
        Objects.requireNonNull(location, "location");
        String key = location.strip();
        BagItProfile p = loaded.get(key);
        if (p == null) {
            try (InputStream in = open(key)) {
                p = parser.parse(in, key);
            }
            loaded.putIfAbsent(key, p);
        }
        return p;
    }

    private InputStream open(String location) throws IOException {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith(CLASSPATH)) {
            String resource = location.substring(CLASSPATH.length());
            while (resource.startsWith("/")) {
                resource = resource.substring(1);
            }
            InputStream in = classLoader.getResourceAsStream(resource);
            if (in == null) {
                throw new NoSuchFileException(location, null, "no such resource on the class path");
            }
            return limited(in, location);
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return fetch(location);
        }
        Path file;
        try {
            file = lower.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        } catch (IllegalArgumentException e) {
            throw new IOException(location + " is neither a file path nor a file:, classpath: or http(s): URI", e);
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toAbsolutePath().toString(), null, "no BagIt Profile file there");
        }
        if (Files.size(file) > MAX_PROFILE_BYTES) {
            throw new IOException(location + " is larger than " + MAX_PROFILE_BYTES + " bytes: not a BagIt Profile");
        }
        return Files.newInputStream(file);
    }

    private InputStream fetch(String location) throws IOException {
        if (!network) {
            throw new IOException(location + ": this loader does not use the network; save the profile and give"
                    + " its file path instead");
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(location)).timeout(timeout)
                    .header("Accept", "application/json").GET().build();
        } catch (IllegalArgumentException e) {
            throw new IOException(location + " is not a valid URI: " + e.getMessage(), e);
        }
        HttpResponse<InputStream> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + location, e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("fetching " + location + " answered HTTP " + response.statusCode()
                    + "; expected 200 with the profile's JSON");
        }
        return limited(response.body(), location);
    }

    private synchronized HttpClient client() {
        // Made on first use: most deployments never fetch, and a client holds threads.
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return http;
    }

    /** The whole stream, refused when larger than a profile can be. */
    private static InputStream limited(InputStream in, String location) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_PROFILE_BYTES + 1);
            if (bytes.length > MAX_PROFILE_BYTES) {
                throw new IOException(location + " is larger than " + MAX_PROFILE_BYTES
                        + " bytes: not a BagIt Profile");
            }
            return new ByteArrayInputStream(bytes);
        }
    }

    @Override
    public String toString() {
        return "BagItProfileLoader[" + loaded.size() + " loaded, network " + (network ? "on" : "off") + "]";
    }
}
