package org.depositservices.transport.filesystem;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.depositservices.packaging.PackageSourceException;
import org.depositservices.packaging.PackageStream;
import org.depositservices.packaging.PackagingException;
import org.depositservices.transport.DepositAttempt;
import org.depositservices.transport.IntegrationEnvironment;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.Transport;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.TransportProvider;
import org.depositservices.transport.TransportRequest;
import org.depositservices.transport.TransportResponse;
import org.depositservices.transport.TransportSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deposits into a directory (protocol {@code filesystem}). Binding keys:
 * <ul>
 *   <li>{@code baseDir} (required): the directory packages are written to;</li>
 *   <li>{@code createIfMissing} (default true): create {@code baseDir} when it does not exist;</li>
 *   <li>{@code overwrite} (default false): replace a package already there under the same name;</li>
 *   <li>{@code partMaxAgeHours} (default 24): temporary files ({@code .<name>.<attempt>.part}) older than this are
 *   removed when a session first opens on the directory.</li>
 * </ul>
 * A package is written under a temporary name, fsynced and renamed, so the final name only ever holds a whole
 * package; a write that fails removes its temporary file. Package names carry the submission id, so a final name
 * that already exists is this deposit's earlier attempt, completed: it is not written again (unless
 * {@code overwrite}). Custody is immediate. A package gets the mode any new file in the directory gets (0666 less
 * the process's umask, or the directory's default ACL), as a file copied there by hand would.
 *
 * <p>A process killed mid-write leaves its temporary file behind, and a retry has another attempt token, so it does
 * not reuse it. The first session on a directory (per transport, that is per process) removes temporary files last
 * modified more than {@code partMaxAgeHours} ago; younger ones may be another node's write in progress.
 */
public final class FilesystemTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(FilesystemTransport.class);
    private static final int DEFAULT_PART_MAX_AGE_HOURS = 24;
    private static final long MAX_PART_MAX_AGE_HOURS = 100L * 366 * 24; // beyond it, "never" in practice
    private static final String PART_SUFFIX = ".part";

    /** Directories swept of old temporary files by this transport already. */
    private final Set<Path> swept = ConcurrentHashMap.newKeySet();

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
        String age = config.binding("partMaxAgeHours", null);
        if (age != null && partMaxAge(age) == null) {
            problems.add(at + "partMaxAgeHours: '" + age + "' is not a whole number of hours of at least 1");
        }
        return problems;
    }

    /** {@code partMaxAgeHours} as a duration, or null when it is not a whole number of at least 1. */
    private static Duration partMaxAge(String hours) {
        try {
            long h = Long.parseLong(hours.trim());
            return h >= 1 && h <= MAX_PART_MAX_AGE_HOURS ? Duration.ofHours(h) : null;
        } catch (NumberFormatException e) {
            return null;
        }
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
        Duration maxAge = partMaxAge(config.binding("partMaxAgeHours", String.valueOf(DEFAULT_PART_MAX_AGE_HOURS)));
        if (maxAge == null) {
            throw new PermanentTransportException("partMaxAgeHours of repository " + config.key() + " is '"
                    + config.binding("partMaxAgeHours", null) + "', not a whole number of hours of at least 1");
        }
        if (swept.add(base)) {
            removeOldParts(base, maxAge);
        }
        return new Session(base, overwrite);
    }

    /**
     * Best effort: a temporary file left in place is only clutter, so failing to remove one does not fail the
     * deposit. Only regular files named like ours; a link or directory is left alone.
     */
    private static void removeOldParts(Path base, Duration maxAge) {
        Instant cutoff = Instant.now().minus(maxAge);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, ".*" + PART_SUFFIX)) {
            for (Path p : entries) {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile() && a.lastModifiedTime().toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(p);
                        LOG.info("removed {}: a temporary file of an interrupted write, last modified {} (older "
                                + "than partMaxAgeHours {})", p, a.lastModifiedTime(), maxAge.toHours());
                    }
                } catch (IOException e) {
                    LOG.warn("could not remove old temporary file {}: {}", p, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.warn("could not look for old temporary files in {}: {}", base, e.toString());
        }
    }

    private static final class Session implements TransportSession {
        private final Path base;
        private final boolean overwrite;

        Session(Path base, boolean overwrite) {
            this.base = base;
            this.overwrite = overwrite;
        }

        @Override
        public TransportResponse send(TransportRequest request) throws TransportException {
            return deliver(request.requirePackage("filesystem"), request.attempt());
        }

        private TransportResponse deliver(PackageStream pkg, DepositAttempt attempt) throws TransportException {
            String name = pkg.name().contains(attempt.submissionId()) ? pkg.name()
                    : attempt.submissionId() + "-" + pkg.name();
            Path target = base.resolve(name);
            if (!target.normalize().startsWith(base) || name.contains("/")) {
                throw new PermanentTransportException("package name '" + pkg.name() + "' would leave " + base);
            }
            if (Files.exists(target) && !overwrite) {
                return accepted(target, "already delivered by an earlier attempt: " + target);
            }
            Path part = base.resolve("." + name + "." + attempt.attemptToken() + PART_SUFFIX);
            try {
                // No file attributes: the package gets the directory's normal creation mode (not 0600).
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
                throw e; // the package's failure (a source among them), not this directory's: the engine judges it
            } catch (FileSystemException e) {
                String reason = e.getReason() == null ? e.toString() : e.getReason();
                // No space left is worth retrying once someone frees space; a permission problem is not.
                if (reason.contains("No space left")) {
                    throw new TransientTransportException("disk full while writing " + target
                            + ": free space on that file system", e);
                }
                throw new PermanentTransportException("cannot write " + target + ": " + reason, e);
            } catch (IOException e) {
                PackageSourceException.rethrowIfSource(e);
                String msg = String.valueOf(e.getMessage());
                if (msg.contains("No space left")) {
                    throw new TransientTransportException("disk full while writing " + target
                            + ": free space on that file system", e);
                }
                throw new TransientTransportException("writing " + target + " failed: " + e, e);
            } finally {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException e) {
                    // Left for the age-based sweep when a later session opens on this directory.
                    LOG.warn("could not remove temporary file {} after the write: {}", part, e.toString());
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

    /** Found through META-INF/services: protocol {@code filesystem}. */
    public static final class Provider implements TransportProvider {
        @Override
        public Transport create(IntegrationEnvironment environment) {
            return new FilesystemTransport();
        }
    }
}
