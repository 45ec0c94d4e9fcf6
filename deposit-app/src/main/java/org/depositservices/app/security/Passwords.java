package org.depositservices.app.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords and API tokens: how they are made, checked and hashed. Passwords are hashed with BCrypt (adaptive:
 * its cost can be raised later; the {@code {bcrypt}} prefix lets a later hash replace it without a migration);
 * tokens are 256 random bits, so SHA-256 of the token is enough to keep them safe at rest and quick to look up.
 */
public final class Passwords {
    /** BCrypt reads only the first 72 bytes: a longer password would be silently truncated, so refuse it. */
    public static final int MAX_BYTES = 72;
    public static final int MIN_LENGTH = 8;
    /** Marks our tokens, so a leaked one can be recognised (by secret scanners, by eye). */
    public static final String TOKEN_PREFIX = "dsvc_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /**
     * The encoder of stored password hashes: {@code {bcrypt}$2a$10$...}. A BCrypt check costs tens of milliseconds
     * of CPU by design, too much to pay on every request of a script using HTTP Basic; so a password that matched a
     * stored hash is remembered, as an HMAC under a key made for this encoder, for that hash only. A changed
     * password is a new hash and is checked in full again; nothing of it outlives the process.
     */
    public static PasswordEncoder encoder() {
        DelegatingPasswordEncoder bcrypt = new DelegatingPasswordEncoder("bcrypt",
                Map.of("bcrypt", new BCryptPasswordEncoder()));
        VerifiedPasswords verified = new VerifiedPasswords();
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                String problem = problem(raw.toString());
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
                return bcrypt.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                // No stored hash can match a password we would have refused to hash.
                if (raw == null || encoded == null || utf8Length(raw) > MAX_BYTES) {
                    return false;
                }
                if (verified.matches(raw, encoded)) {
                    return true;
                }
                boolean ok = bcrypt.matches(raw, encoded);
                if (ok) {
                    verified.remember(raw, encoded);
                }
                return ok;
            }

            @Override
            public boolean upgradeEncoding(String encoded) {
                return bcrypt.upgradeEncoding(encoded);
            }
        };
    }

    /** Why a password cannot be used, or null when it can. */
    public static String problem(String password) {
        if (password == null || password.isEmpty()) {
            return "the password is empty";
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return "the password is shorter than " + MIN_LENGTH + " characters";
        }
        if (utf8Length(password) > MAX_BYTES) {
            return "the password is longer than " + MAX_BYTES + " bytes (UTF-8), more than the password hash reads";
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            return "the password contains a control character (a line end, tab, ...)";
        }
        return null;
    }

    /** A new random password: 24 random bytes, URL-safe Base64 (32 characters, no shell-special characters). */
    public static String generate() {
        return random(24);
    }

    /** A new API token: the prefix and 32 random bytes. */
    public static String newToken() {
        return TOKEN_PREFIX + random(32);
    }

    /** What the store keeps of a token: SHA-256, hex. */
    public static String tokenHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static int utf8Length(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** Passwords known to match a stored hash: stored hash → HMAC-SHA256 of the password, at most a few thousand. */
    private static final class VerifiedPasswords {
        private static final int MAX_ENTRIES = 4096;
        private final SecretKeySpec key;
        private final Map<String, byte[]> byHash = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > MAX_ENTRIES;
            }
        };

        VerifiedPasswords() {
            byte[] k = new byte[32];
            RANDOM.nextBytes(k);
            key = new SecretKeySpec(k, "HmacSHA256");
        }

        boolean matches(CharSequence raw, String encoded) {
            byte[] known;
            synchronized (byHash) {
                known = byHash.get(encoded);
            }
            return known != null && MessageDigest.isEqual(known, mac(raw));
        }

        void remember(CharSequence raw, String encoded) {
            byte[] m = mac(raw);
            synchronized (byHash) {
                byHash.put(encoded, m);
            }
        }

        private byte[] mac(CharSequence raw) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac.doFinal(raw.toString().getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every JVM has HmacSHA256", e);
            }
        }
    }
}
