package org.depositservices.packaging.bagit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Computes every checksum a bag asks of one file in a single read. */
final class BagDigests {
    private BagDigests() {
    }

    static int hexLength(String jcaName) {
        return newDigest(jcaName).getDigestLength() * 2;
    }

    /** JCA name → lower-case hex digest of {@code file}, reading it once. */
    static Map<String, String> of(Path file, Set<String> jcaNames) throws IOException {
        Map<String, MessageDigest> digests = new LinkedHashMap<>();
        for (String n : jcaNames) {
            digests.put(n, newDigest(n));
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buffer)) != -1) {
                for (MessageDigest d : digests.values()) {
                    d.update(buffer, 0, r);
                }
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        digests.forEach((n, d) -> out.put(n, HexFormat.of().formatHex(d.digest())));
        return out;
    }

    private static MessageDigest newDigest(String jcaName) {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks " + jcaName, e);
        }
    }
}
