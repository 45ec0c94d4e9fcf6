package org.depositservices.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The stored hash is BCrypt, checked in full the first time a password is presented for it; after that a matching
 * password is recognised without BCrypt's cost, and only for that hash.
 */
class PasswordsTest {
    final PasswordEncoder encoder = Passwords.encoder();

    @Test
    void aRememberedPasswordStillMatchesOnlyItsOwnHash() {
        String hash = encoder.encode("correct horse battery");
        assertThat(hash).startsWith("{bcrypt}$2a$10$");
        assertThat(new BCryptPasswordEncoder().matches("correct horse battery", hash.substring("{bcrypt}".length())))
                .as("a stock BCrypt check accepts our hash").isTrue();

        assertThat(encoder.matches("correct horse battery", hash)).isTrue();
        assertThat(encoder.matches("correct horse battery", hash)).as("remembered").isTrue();
        assertThat(encoder.matches("correct horse batterY", hash)).isFalse();
        assertThat(encoder.matches("", hash)).isFalse();
        assertThat(encoder.matches(null, hash)).isFalse();

        // The user changed the password: the new hash takes only the new password, the old one no longer works.
        String changed = encoder.encode("a different password");
        assertThat(encoder.matches("correct horse battery", changed)).isFalse();
        assertThat(encoder.matches("a different password", changed)).isTrue();
        // Another encoder (another process) knows nothing remembered here and checks in full.
        assertThat(Passwords.encoder().matches("correct horse battery", hash)).isTrue();
    }

    @Test
    void aPasswordBCryptWouldTruncateIsRefusedAndNeverMatches() {
        String longPassword = "x".repeat(Passwords.MAX_BYTES + 1);
        assertThatThrownBy(() -> encoder.encode(longPassword)).hasMessageContaining("longer than 72 bytes");
        String hash = encoder.encode("x".repeat(Passwords.MAX_BYTES));
        assertThat(encoder.matches(longPassword, hash)).as("BCrypt alone would say yes").isFalse();
    }
}
