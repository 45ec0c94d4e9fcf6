package org.depositservices.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * File bytes, kept under one directory. A file is streamed to a temp file while its SHA-256, MD5, SHA-512 and
 * CRC-32 are computed, fsynced, then renamed into place, so a stored location always holds complete bytes; it is
 * never held whole in memory.
 *
 * <p>Locations look like {@code ab/cd/<uuid>}: opaque to callers, checked before use. Files are 0600 and
 * directories 0700 (on POSIX file systems): uploads are private to the service's user.
 */
public final class FileContentStore {
    private static final int BUFFER = 64 * 1024;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path base;
    private final Path tmp;

    public FileContentStore(Path base) {
        this.base = base.toAbsolutePath().normalize();
        this.tmp = this.base.resolve("tmp");
        try {
            createPrivateDirectories(tmp);
        } catch (IOException e) {
            throw new StoreException("cannot create content store directory " + tmp + ": " + e.getMessage(), e);
        }
    }

    /** What was stored, with the digests of its bytes (lower-case hex; {@code crc32} as 8 hex digits). */
    public record StoredContent(String location, long size, String sha256, String md5, String sha512, String crc32) {
    }

    /** The stream held more than the allowed number of bytes; nothing was kept. */
    public static class ContentTooLargeException extends IOException {
        private final long limit;

        public ContentTooLargeException(long limit) {
            super("content exceeds the limit of " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    /**
     * Stores everything {@code in} holds (not closing it).
     *
     * @param maxBytes refuse content larger than this (≤ 0: no limit)
     * @throws ContentTooLargeException when {@code in} holds more than {@code maxBytes}; nothing is kept
     */
    public StoredContent store(InputStream in, long maxBytes) throws IOException {
        // Every digest packaging may want, in this one pass: a package then checks the stored copy with a digest
        // it computes anyway (SHA-512 for BagIt, SHA-256 for NIHMS, MD5 for METS) and can store zip entries.
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest md5 = digest("MD5");
        MessageDigest sha512 = digest("SHA-512");
        CRC32 crc32 = new CRC32();
        String id = UUID.randomUUID().toString();
        Path part = tmp.resolve(id + ".part");
        long size = 0;
        try {
            try (FileChannel ch = FileChannel.open(part, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    privateFile())) {
                OutputStream out = Channels.newOutputStream(ch);
                byte[] buf = new byte[BUFFER];
                int n;
                while ((n = in.read(buf)) != -1) {
                    size += n;
                    if (maxBytes > 0 && size > maxBytes) {
                        throw new ContentTooLargeException(maxBytes);
                    }
                    sha256.update(buf, 0, n);
                    md5.update(buf, 0, n);
                    sha512.update(buf, 0, n);
                    crc32.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
                out.flush();
                ch.force(true);
            }
            String location = id.substring(0, 2) + "/" + id.substring(2, 4) + "/" + id;
            Path target = resolve(location);
            createPrivateDirectories(target.getParent());
            move(part, target);
            fsyncDirectory(target.getParent());
            HexFormat hex = HexFormat.of();
            return new StoredContent(location, size, hex.formatHex(sha256.digest()), hex.formatHex(md5.digest()),
                    hex.formatHex(sha512.digest()), hex.toHexDigits((int) crc32.getValue()));
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** The bytes at {@code location}. */
    public InputStream open(String location) throws IOException {
        Path p = resolve(location);
        try {
            return Files.newInputStream(p);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(location, null, "no content stored at this location");
        }
    }

    public boolean exists(String location) {
        return isLocation(location) && Files.isRegularFile(resolve(location));
    }

    /** Removes the bytes at {@code location}, if any (used to undo a rejected upload). */
    public void delete(String location) throws IOException {
        Files.deleteIfExists(resolve(location));
    }

    public Path baseDirectory() {
        return base;
    }

    /** What {@link #cleanUp} removed. */
    public record CleanUp(int partialUploads, int unreferencedFiles) {
    }

    /**
     * Removes what crashes leave behind, when older than {@code minAge} (younger ones may belong to an upload in
     * progress on this or another node): {@code tmp/*.part} files of uploads that never finished, and stored files
     * that no submission references (their upload was stored but its submission never committed).
     *
     * @param referenced given a batch of locations, answers which of them a submission references
     */
    public CleanUp cleanUp(Duration minAge, Function<List<String>, Set<String>> referenced) throws IOException {
        Instant cutoff = Instant.now().minus(minAge);
        int parts = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(tmp, "*.part")) {
            for (Path p : s) {
                if (olderThan(p, cutoff) && Files.deleteIfExists(p)) {
                    parts++;
                }
            }
        }
        List<String> candidates = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(base, 3)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String location = base.relativize(p).toString().replace('\\', '/');
                if (isLocation(location) && Files.isRegularFile(p) && olderThan(p, cutoff)) {
                    candidates.add(location);
                }
            }
        }
        int orphans = 0;
        for (int i = 0; i < candidates.size(); i += 500) {
            List<String> batch = candidates.subList(i, Math.min(candidates.size(), i + 500));
            Set<String> keep = referenced.apply(batch);
            for (String location : batch) {
                if (!keep.contains(location) && Files.deleteIfExists(resolve(location))) {
                    orphans++;
                }
            }
        }
        return new CleanUp(parts, orphans);
    }

    private static boolean olderThan(Path p, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(p).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false; // gone meanwhile
        }
    }

    /** Creates missing directories as 0700 (POSIX), whatever the umask. */
    static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getParent() != null) {
            createPrivateDirectories(dir.getParent());
        }
        if (!POSIX) {
            Files.createDirectories(dir);
            return;
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
        } catch (FileAlreadyExistsException e) {
            return;
        }
        Files.setPosixFilePermissions(dir, PRIVATE_DIR);
    }

    private static FileAttribute<?>[] privateFile() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE_FILE)}
                : new FileAttribute<?>[0];
    }

    private static boolean isLocation(String location) {
        return location != null && location.matches("[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f-]{36}");
    }

    private Path resolve(String location) {
        if (!isLocation(location)) {
            throw new IllegalArgumentException("not a content-store location: " + location);
        }
        return base.resolve(location);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void fsyncDirectory(Path dir) {
        // Makes the rename durable on Linux; not supported on every platform, where the rename is still atomic.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static MessageDigest digest(String alg) {
        try {
            return MessageDigest.getInstance(alg);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
