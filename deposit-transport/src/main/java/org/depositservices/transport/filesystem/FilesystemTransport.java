package org.depositservices.transport.filesystem;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.depositservices.packaging.PackageStream;
import org.depositservices.packaging.PackagingException;
import org.depositservices.transport.DepositAttempt;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.Transport;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.TransportResponse;
import org.depositservices.transport.TransportSession;

/**
 * Deposits into a directory (protocol {@code filesystem}). Binding keys:
 * <ul>
 *   <li>{@code baseDir} (required): the directory packages are written to;</li>
 *   <li>{@code createIfMissing} (default true): create {@code baseDir} when it does not exist;</li>
 *   <li>{@code overwrite} (default false): replace a package already there under the same name.</li>
 * </ul>
 * A package is written under a temporary name, fsynced and renamed, so the final name only ever holds a whole
 * package. Package names carry the submission id, so a final name that already exists is this deposit's earlier
 * attempt, completed: it is not written again (unless {@code overwrite}). Custody is immediate.
 */
public final class FilesystemTransport implements Transport {

    @Override
    public String protocol() {
        return "filesystem";
    }

    @Override
    public List<String> validate(RepositoryConfig config) {
        List<String> problems = new ArrayList<>();
        String at = config.key() + ".transport-config.protocol-binding.";
        String base = config.binding("baseDir", null);
        if (base == null) {
            problems.add(at + "baseDir: missing (the directory packages are written to)");
        } else {
            try {
                Path.of(base);
            } catch (InvalidPathException e) {
                problems.add(at + "baseDir: '" + base + "' is not a path: " + e.getReason());
            }
        }
        for (String flag : List.of("createIfMissing", "overwrite")) {
            String v = config.binding(flag, null);
            if (v != null && !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                problems.add(at + flag + ": '" + v + "' is not true or false");
            }
        }
        return problems;
    }

    @Override
    public TransportSession open(RepositoryConfig config) throws TransportException {
        Path base = Path.of(config.binding("baseDir", ".")).toAbsolutePath().normalize();
        boolean create = Boolean.parseBoolean(config.binding("createIfMissing", "true"));
        boolean overwrite = Boolean.parseBoolean(config.binding("overwrite", "false"));
        if (!Files.isDirectory(base)) {
            if (!create) {
                throw new PermanentTransportException("directory " + base + " does not exist and createIfMissing is"
                        + " false for repository " + config.key());
            }
            try {
                Files.createDirectories(base);
            } catch (IOException e) {
                throw new PermanentTransportException("cannot create directory " + base + ": " + e, e);
            }
        }
        return new Session(base, overwrite);
    }

    private static final class Session implements TransportSession {
        private final Path base;
        private final boolean overwrite;

        Session(Path base, boolean overwrite) {
            this.base = base;
            this.overwrite = overwrite;
        }

        @Override
        public TransportResponse send(PackageStream pkg, DepositAttempt attempt) throws TransportException {
            String name = pkg.name().contains(attempt.submissionId()) ? pkg.name()
                    : attempt.submissionId() + "-" + pkg.name();
            Path target = base.resolve(name);
            if (!target.normalize().startsWith(base) || name.contains("/")) {
                throw new PermanentTransportException("package name '" + pkg.name() + "' would leave " + base);
            }
            if (Files.exists(target) && !overwrite) {
                return accepted(target, "already delivered by an earlier attempt: " + target);
            }
            Path part = base.resolve("." + name + "." + attempt.attemptToken() + ".part");
            try {
                try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    OutputStream out = Channels.newOutputStream(ch);
                    pkg.writeTo(out);
                    out.flush();
                    ch.force(true);
                }
                try {
                    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return accepted(target, "written to " + target);
            } catch (PackagingException e) {
                throw new PermanentTransportException("cannot build the package: " + e.getMessage(), e);
            } catch (FileSystemException e) {
                String reason = e.getReason() == null ? e.toString() : e.getReason();
                // No space left is worth retrying once someone frees space; a permission problem is not.
                if (reason.contains("No space left")) {
                    throw new TransientTransportException("disk full while writing " + target
                            + ": free space on that file system", e);
                }
                throw new PermanentTransportException("cannot write " + target + ": " + reason, e);
            } catch (IOException e) {
                String msg = String.valueOf(e.getMessage());
                if (msg.contains("No space left")) {
                    throw new TransientTransportException("disk full while writing " + target
                            + ": free space on that file system", e);
                }
                throw new TransientTransportException("writing " + target + " failed: " + e, e);
            } finally {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException ignored) {
                    // a stale part file is harmless: the next attempt truncates or a new token avoids it
                }
            }
        }

        private static TransportResponse accepted(Path target, String message) {
            return new TransportResponse(TransportResponse.Custody.ACCEPTED, null, target.toUri().toString(),
                    List.of(target.toString()), message);
        }

        @Override
        public void close() {
            // nothing held open
        }
    }
}
