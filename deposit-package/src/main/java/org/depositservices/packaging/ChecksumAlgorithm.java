package org.depositservices.packaging;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/** Checksum algorithms a package can carry, with their JCA names and their BagIt manifest names. */
public enum ChecksumAlgorithm {
    MD5("MD5", "md5"),
    SHA1("SHA-1", "sha1"),
    SHA256("SHA-256", "sha256"),
    SHA512("SHA-512", "sha512");

    private final String jcaName;
    private final String bagitName;

    ChecksumAlgorithm(String jcaName, String bagitName) {
        this.jcaName = jcaName;
        this.bagitName = bagitName;
    }

    public String jcaName() {
        return jcaName;
    }

    /** The name used in {@code manifest-<name>.txt}. */
    public String bagitName() {
        return bagitName;
    }

    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JCA lacks " + jcaName, e);
        }
    }

    /** Parses "sha512", "SHA-512", "sha-256", "md5", ... */
    public static ChecksumAlgorithm parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace("-", "");
        for (ChecksumAlgorithm a : values()) {
            if (a.bagitName.equals(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown checksum algorithm '" + name + "' (expected md5, sha1, sha256 or sha512)");
    }
}
