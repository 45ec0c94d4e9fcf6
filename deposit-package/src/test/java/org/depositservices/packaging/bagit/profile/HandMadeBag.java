package org.depositservices.packaging.bagit.profile;

import java.io.IOException;
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

/**
 * Writes a small bag by hand, with real checksums, so a test controls every tag file: its version, bag-info
 * elements (repeats included), manifests, extra tag files and fetch.txt. Independent of the packaging code.
 */
final class HandMadeBag {
    private static final Map<String, String> JCA = Map.of("md5", "MD5", "sha1", "SHA-1", "sha256", "SHA-256",
            "sha512", "SHA-512");

    private String version = "1.0";
    private final List<String[]> info = new ArrayList<>();
    private final Map<String, byte[]> payload = new LinkedHashMap<>();
    private final Map<String, byte[]> tagFiles = new LinkedHashMap<>();
    private List<String> manifests = List.of("sha256");
    private List<String> tagManifests = List.of("sha256");
    private String fetch;

    HandMadeBag version(String v) {
        version = v;
        return this;
    }

    HandMadeBag info(String label, String value) {
        info.add(new String[] {label, value});
        return this;
    }

    HandMadeBag withoutInfo(String label) {
        info.removeIf(e -> e[0].equalsIgnoreCase(label));
        return this;
    }

    HandMadeBag payload(String name, String content) {
        payload.put(name, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    HandMadeBag clearPayload() {
        payload.clear();
        return this;
    }

    HandMadeBag manifests(String... algorithms) {
        manifests = List.of(algorithms);
        return this;
    }

    HandMadeBag tagManifests(String... algorithms) {
        tagManifests = List.of(algorithms);
        return this;
    }

    HandMadeBag tagFile(String path, String content) {
        tagFiles.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** One fetch.txt line for a payload file that is not in the bag. */
    HandMadeBag fetch(String url, String path) {
        fetch = url + " - " + path + "\n";
        return this;
    }

    /** Writes the bag into {@code root} (created) and returns it. */
    Path writeTo(Path root) throws IOException {
        Files.createDirectories(root.resolve("data"));
        Map<String, byte[]> tags = new LinkedHashMap<>();
        tags.put("bagit.txt", ("BagIt-Version: " + version + "\nTag-File-Character-Encoding: UTF-8\n")
                .getBytes(StandardCharsets.UTF_8));
        long octets = 0;
        for (byte[] b : payload.values()) {
            octets += b.length;
        }
        StringBuilder bagInfo = new StringBuilder();
        for (String[] e : info) {
            bagInfo.append(e[0]).append(": ").append(e[1].replace("{oxum}", octets + "." + payload.size()))
                    .append('\n');
        }
        tags.put("bag-info.txt", bagInfo.toString().getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> e : payload.entrySet()) {
            write(root.resolve("data").resolve(e.getKey()), e.getValue());
        }
        for (String a : manifests) {
            StringBuilder m = new StringBuilder();
            payload.forEach((name, bytes) -> m.append(hex(a, bytes)).append("  data/").append(name).append('\n'));
            tags.put("manifest-" + a + ".txt", m.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (fetch != null) {
            tags.put("fetch.txt", fetch.getBytes(StandardCharsets.UTF_8));
        }
        tags.putAll(tagFiles);
        for (Map.Entry<String, byte[]> e : tags.entrySet()) {
            write(root.resolve(e.getKey()), e.getValue());
        }
        for (String a : tagManifests) {
            StringBuilder m = new StringBuilder();
            tags.forEach((name, bytes) -> m.append(hex(a, bytes)).append("  ").append(name).append('\n'));
            write(root.resolve("tagmanifest-" + a + ".txt"), m.toString().getBytes(StandardCharsets.UTF_8));
        }
        return root;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(JCA.get(algorithm)).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
