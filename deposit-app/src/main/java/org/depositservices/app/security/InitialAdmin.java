package org.depositservices.app.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;
import org.depositservices.store.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The first start with no user creates {@code admin}: with the password given in {@code PASS_DEPOSIT_ADMIN_PASSWORD}
 * (containers), or with a random one written to {@code <data dir>/initial-admin-password}, readable by this user
 * only. The log says where the password is, never what it is.
 */
public final class InitialAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(InitialAdmin.class);
    public static final String USER = "admin";
    public static final String FILE_NAME = "initial-admin-password";
    static final String PASSWORD_VARIABLE = "PASS_DEPOSIT_ADMIN_PASSWORD";

    private final UserStore users;
    private final PasswordEncoder encoder;
    private final Path dataDir;
    private final String givenPassword;

    /** @param givenPassword the configured admin password, or null/blank to generate one */
    public InitialAdmin(UserStore users, PasswordEncoder encoder, Path dataDir, String givenPassword) {
        this.users = users;
        this.encoder = encoder;
        this.dataDir = dataDir;
        this.givenPassword = givenPassword == null || givenPassword.isBlank() ? null : givenPassword;
    }

    public static Path passwordFile(Path dataDir) {
        return dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
    }

    /** Creates the admin when the store has no user at all; does nothing otherwise. */
    public void ensure() {
        if (givenPassword != null) {
            String problem = Passwords.problem(givenPassword);
            if (problem != null) {
                throw new IllegalStateException(PASSWORD_VARIABLE + " cannot be used: " + problem);
            }
            if (users.createIfNoUsers(USER, encoder.encode(givenPassword), Set.of(UserStore.Role.ADMIN), () -> { })) {
                LOG.info("Created user '{}' (role admin) with the password set in {}", USER, PASSWORD_VARIABLE);
            }
            return;
        }
        String password = Passwords.generate();
        Path file = passwordFile(dataDir);
        // The file is written before the user commits: a user whose password was never written down cannot exist.
        if (users.createIfNoUsers(USER, encoder.encode(password), Set.of(UserStore.Role.ADMIN),
                () -> writeSecret(file, password))) {
            LOG.info("Created user '{}' (role admin); its password is in {} (readable only by this OS user). "
                    + "Change it with the users mode: users passwd {}", USER, file, USER);
        }
    }

    /** Writes {@code secret} to {@code file} (mode 0600, its directory 0700 when created here), durably. */
    static void writeSecret(Path file, String secret) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            Path tmp = dir.resolve(file.getFileName() + ".tmp-" + UUID.randomUUID());
            FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            try {
                try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE), attrs)) {
                    ch.write(ByteBuffer.wrap((secret + "\n").getBytes(StandardCharsets.UTF_8)));
                    ch.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            if (posix) {
                try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                    d.force(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
