package org.depositservices.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The embedded broker's generated password, for when its TCP port is open and SPRING_ACTIVEMQ_PASSWORD is unset:
 * made once, kept in {@code credentials.properties} (mode 0600) in the broker's directory, so that clients in other
 * processes can be given it and it stays the same across restarts.
 */
final class BrokerCredentials {
    private BrokerCredentials() {
    }

    static Path file(Path brokerDir) {
        return brokerDir.resolve("credentials.properties");
    }

    static synchronized String password(Path brokerDir) {
        Path f = file(brokerDir);
        try {
            if (Files.exists(f)) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(f)) {
                    p.load(in);
                }
                String existing = p.getProperty("password");
                if (existing != null && !existing.isBlank()) {
                    return existing;
                }
            }
            Files.createDirectories(brokerDir);
            byte[] b = new byte[24];
            new SecureRandom().nextBytes(b);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, "# The embedded broker's TCP password; keep private.\npassword=" + password + "\n",
                    StandardOpenOption.WRITE);
            Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the broker password in " + f + ": " + e.getMessage(), e);
        }
    }
}
