package org.depositservices.transport.sword;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.depositservices.packaging.PackageMetadata;
import org.depositservices.packaging.PackageStream;
import org.depositservices.testkit.Corpus;
import org.depositservices.transport.RepositoryConfig;

/** Test fixtures: DSpace-shaped SWORD documents, repository configurations and packages made of known bytes. */
final class SwordFixtures {

    static final String KEY = "JScholarship";
    static final String COLLECTION = "/swordv2/collection/123456789/2";
    static final String COVID_COLLECTION = "/swordv2/collection/123456789/7";
    static final String BAGIT_COLLECTION = "/swordv2/collection/123456789/9";
    static final String SERVICE_DOC = "/swordv2/servicedocument";
    static final String EDIT = "/swordv2/edit/e2881568-2b84-451a-8a98-24900107a34a";
    static final String ATOM_STATEMENT = "/swordv2/statement/e2881568-2b84-451a-8a98-24900107a34a.atom";

    private SwordFixtures() {
    }

    static byte[] corpusStatement(String name) {
        try {
            return Files.readAllBytes(Corpus.resolve("sword/dspace-statements").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = SwordFixtures.class.getResourceAsStream("/sword/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource sword/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service document with the server's base URL and, when not null, a maxUploadSize in kB. */
    static String serviceDocument(String base, Long maxUploadKb) {
        String doc = resource("servicedocument.xml").replace("{{base}}", base);
        return maxUploadKb == null
                ? doc.replace("<sword:maxUploadSize>{{maxUploadKb}}</sword:maxUploadSize>", "")
                : doc.replace("{{maxUploadKb}}", Long.toString(maxUploadKb));
    }

    static String receipt(String base) {
        return resource("receipt.xml").replace("{{base}}", base);
    }

    static String error(String href, String summary, String verbose) {
        return resource("error.xml").replace("{{href}}", href).replace("{{summary}}", summary)
                .replace("{{verbose}}", verbose);
    }

    /** A PASS-shaped configuration for a SWORD server at {@code base}, built up by the test. */
    static final class Config {
        final Map<String, String> binding = new LinkedHashMap<>();
        final List<RepositoryConfig.AuthRealm> realms = new ArrayList<>();
        final Map<String, String> mapping = new LinkedHashMap<>();

        Config(String base) {
            binding.put("protocol", "SWORDv2");
            binding.put("username", "binding-user");
            binding.put("password", "binding-secret");
            binding.put("server-fqdn", java.net.URI.create(base).getHost());
            binding.put("server-port", Integer.toString(java.net.URI.create(base).getPort()));
            binding.put("service-doc", base + SERVICE_DOC);
            binding.put("default-collection", base + COLLECTION);
            binding.put("on-behalf-of", null);
            binding.put("deposit-receipt", "true");
            binding.put("user-agent", "pass-deposit/1.2.3");
            mapping.put("http://dspace.org/state/archived", "accepted");
            mapping.put("http://dspace.org/state/withdrawn", "rejected");
            mapping.put("default-mapping", "submitted");
        }

        Config bind(String key, String value) {
            binding.put(key, value);
            return this;
        }

        Config without(String key) {
            binding.remove(key);
            return this;
        }

        Config realm(String url, String user, String password) {
            realms.add(new RepositoryConfig.AuthRealm("basic", user, password, url));
            return this;
        }

        Config map(String state, String verdict) {
            mapping.put(state, verdict);
            return this;
        }

        Config unmap(String state) {
            mapping.remove(state);
            return this;
        }

        RepositoryConfig build() {
            return new RepositoryConfig(KEY, KEY, "dspace-mets", Map.of(), binding, realms, mapping, Map.of());
        }
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Files left in a spool directory (there should be none after a send, whatever its outcome). */
    static List<Path> filesIn(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** A package of known bytes, written in 8 KiB chunks like a real assembler would. */
    static class BytesPackage implements PackageStream {
        private final String name;
        private final String spec;
        private final String mimeType;
        private final byte[] content;

        BytesPackage(String name, String spec, String mimeType, byte[] content) {
            this.name = name;
            this.spec = spec;
            this.mimeType = mimeType;
            this.content = content;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String spec() {
            return spec;
        }

        @Override
        public String mimeType() {
            return mimeType;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            for (int off = 0; off < content.length; off += 8192) {
                out.write(content, off, Math.min(8192, content.length - off));
            }
        }

        @Override
        public InputStream open() {
            return new java.io.ByteArrayInputStream(content);
        }

        @Override
        public PackageMetadata metadata() {
            return new PackageMetadata(name, spec, mimeType, content.length, Map.of(), List.of(), Map.of());
        }
    }

    /** Some bytes that are not all alike, so a misplaced chunk changes the MD5. */
    static byte[] someBytes(int size, long seed) {
        byte[] b = new byte[size];
        new java.util.SplittableRandom(seed).nextBytes(b);
        return b;
    }
}
