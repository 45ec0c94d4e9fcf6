package org.depositservices.packaging.bagit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks a serialized bag (zip, tar or tar.gz, told apart by their first bytes) so it can be validated. Safe with
 * archives from strangers: an entry whose name would leave the target directory, a link (tar symbolic or hard link,
 * zip entry whose Unix mode says symbolic link), a device or FIFO is refused with an {@link UnsafeEntryException}
 * naming the entry, before anything of it is written; an archive that would expand beyond its
 * {@link ExpansionLimit} is refused with an {@link ExpansionLimitException} as soon as the limit is reached (a zip
 * whose listed sizes already pass it, before anything is written). On any failure, what was written is removed.
 */
public final class BagArchives {
    private static final int UNIX_TYPE = 0170000;
    private static final int UNIX_FILE = 0100000;
    private static final int UNIX_DIR = 0040000;
    private static final int UNIX_SYMLINK = 0120000;

    private final ExpansionLimit limit;

    /** @param maxExpandedBytes the most bytes extraction may write, whatever the archive's size */
    public BagArchives(long maxExpandedBytes) {
        this(ExpansionLimit.absolute(maxExpandedBytes));
    }

    /** @param limit how much extraction may write, relative to the archive's size and absolutely */
    public BagArchives(ExpansionLimit limit) {
        this.limit = limit;
    }

    /** An entry that is a link, a device, or whose name would leave the target: the archive is not a safe bag. */
    public static final class UnsafeEntryException extends IOException {
        private final String entry;
        private final String reason;

        UnsafeEntryException(Path archive, String entry, String reason) {
            super(archive + ": entry '" + entry + "' " + reason + "; the archive is refused");
            this.entry = entry;
            this.reason = reason;
        }

        /** The entry's name as the archive gives it. */
        public String entry() {
            return entry;
        }

        /** Why it is refused, e.g. "is a symbolic link to '/etc/passwd'; a bag holds regular files only". */
        public String reason() {
            return reason;
        }
    }

    /** The archive would expand beyond the limit; extraction stopped and what it wrote was removed. */
    public static final class ExpansionLimitException extends IOException {
        private final long limitBytes;

        ExpansionLimitException(String message, long limitBytes) {
            super(message);
            this.limitBytes = limitBytes;
        }

        /** The limit that was reached, in bytes. */
        public long limitBytes() {
            return limitBytes;
        }
    }

    /**
     * Extracts {@code archive} into {@code target} and returns where the bag should be: {@code target} itself when
     * it holds bagit.txt, else its single top directory (RFC 8493 serializations unpack to one directory), else
     * {@code target} (and validating it reports the missing bagit.txt).
     *
     * @param target an empty or absent directory
     * @throws UnsafeEntryException    naming the entry that is a link, a device or leaves the target
     * @throws ExpansionLimitException when the archive expands beyond the limit
     * @throws IOException             naming the archive when it is not a zip/tar/tar.gz or cannot be read
     */
    public Path extract(Path archive, Path target) throws IOException {
        boolean created = !Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        Files.createDirectories(target);
        Path root = target.toRealPath();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(root)) {
            if (d.iterator().hasNext()) {
                throw new IOException("cannot extract " + archive + " into " + target + ": the directory is not empty");
            }
        }
        try {
            return bagRoot(unpack(archive, root));
        } catch (IOException | RuntimeException e) {
            removeWritten(root, created);
            throw e;
        }
    }

    private Path unpack(Path archive, Path root) throws IOException {
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(archive)) {
            n = in.readNBytes(head, 0, head.length);
        }
        Budget budget = new Budget(archive, Files.size(archive));
        if (n >= 4 && head[0] == 'P' && head[1] == 'K') {
            extractZip(archive, root, budget);
        } else if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 65536)) {
                extractTar(archive, in, root, budget);
            }
        } else if (n >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
                extractTar(archive, in, root, budget);
            }
        } else {
            throw new IOException(archive + " is not a zip, tar or tar.gz archive");
        }
        return root;
    }

    private void extractZip(Path archive, Path root, Budget budget) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).setCharset(StandardCharsets.UTF_8).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
            // Every entry is judged before anything is written: the central directory lists them all.
            long listed = 0;
            for (ZipArchiveEntry e : entries) {
                safeTarget(archive, root, e.getName());
                String special = zipSpecial(zip, e);
                if (special != null) {
                    throw new UnsafeEntryException(archive, e.getName(), special);
                }
                listed += Math.max(0, e.getSize());
            }
            budget.refuseListed(listed);
            for (ZipArchiveEntry e : entries) {
                Path to = safeTarget(archive, root, e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(to);
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    write(e.getName(), in, to, budget);
                }
            }
        }
    }

    /** Why a zip entry is not a directory or regular file, or null. Only Unix-made zips record the file type. */
    private static String zipSpecial(ZipFile zip, ZipArchiveEntry e) throws IOException {
        int type = e.getUnixMode() & UNIX_TYPE;
        if (type == 0 || type == UNIX_FILE || type == UNIX_DIR) {
            return null;
        }
        if (type == UNIX_SYMLINK) {
            String to;
            try (InputStream in = zip.getInputStream(e)) {
                to = new String(in.readNBytes(1024), StandardCharsets.UTF_8);
            }
            return "is a symbolic link to '" + to + "'; a bag holds regular files only";
        }
        return "is a device, FIFO or socket (Unix file type " + Integer.toOctalString(type)
                + "); a bag holds regular files only";
    }

    private void extractTar(Path archive, InputStream raw, Path root, Budget budget) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(raw, StandardCharsets.UTF_8.name());
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            Path to = safeTarget(archive, root, e.getName());
            // isFile() is true for link entries too (any type but directory): ask for each kind explicitly.
            if (e.isSymbolicLink()) {
                throw new UnsafeEntryException(archive, e.getName(), "is a symbolic link to '" + e.getLinkName()
                        + "'; a bag holds regular files only");
            } else if (e.isLink()) {
                throw new UnsafeEntryException(archive, e.getName(), "is a hard link to '" + e.getLinkName()
                        + "'; a bag holds regular files only");
            } else if (e.isDirectory()) {
                Files.createDirectories(to);
            } else if (isRegular(e)) {
                write(e.getName(), tar, to, budget);
            } else {
                throw new UnsafeEntryException(archive, e.getName(), "is a device, FIFO or other special file (tar"
                        + " type '" + (char) e.getLinkFlag() + "'); a bag holds regular files only");
            }
        }
    }

    private static boolean isRegular(TarArchiveEntry e) {
        byte type = e.getLinkFlag();
        return type == TarArchiveEntry.LF_NORMAL || type == TarArchiveEntry.LF_OLDNORM
                || type == TarArchiveEntry.LF_CONTIG;
    }

    private static Path safeTarget(Path archive, Path root, String name) throws IOException {
        String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        String why = BagReader.outOfScope(path);
        Path to = root.resolve(path).normalize();
        if (why != null || !to.startsWith(root)) {
            throw new UnsafeEntryException(archive, name, why != null ? why : "leaves the target");
        }
        return to;
    }

    private static void write(String name, InputStream in, Path to, Budget budget) throws IOException {
        Files.createDirectories(to.getParent());
        byte[] buffer = new byte[65536];
        // CREATE_NEW: an entry listed twice, or one a directory's name already took, is not written over.
        try (OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int r;
            while ((r = in.read(buffer)) != -1) {
                budget.spend(r, name);
                out.write(buffer, 0, r);
            }
        } catch (FileAlreadyExistsException e) {
            throw new UnsafeEntryException(budget.archive, name, "is in the archive twice (or names a directory);"
                    + " which copy a bag holds would depend on the tool that unpacks it");
        }
    }

    /** Bytes written so far against the limit for this archive. */
    private final class Budget {
        private final Path archive;
        private final long archiveBytes;
        private final long limitBytes;
        private long written;

        Budget(Path archive, long archiveBytes) {
            this.archive = archive;
            this.archiveBytes = archiveBytes;
            this.limitBytes = limit.bytesFor(archiveBytes);
        }

        void refuseListed(long listed) throws ExpansionLimitException {
            if (listed > limitBytes) {
                throw new ExpansionLimitException(archive + " lists " + listed + " bytes of files, beyond the"
                        + " limit of " + limit.describe(archiveBytes) + "; nothing was extracted", limitBytes);
            }
        }

        /** Counts {@code n} more bytes, refusing them when they pass the limit; nothing beyond it is written. */
        void spend(int n, String entry) throws ExpansionLimitException {
            if (written + n > limitBytes) {
                throw new ExpansionLimitException(archive + " expands beyond the limit of "
                        + limit.describe(archiveBytes) + " (at entry '" + entry + "'); extraction stopped and"
                        + " what it wrote was removed", limitBytes);
            }
            written += n;
        }
    }

    /** Deletes what extraction wrote under {@code root}, and {@code root} itself when extraction created it. */
    private static void removeWritten(Path root, boolean removeRoot) {
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> all = new ArrayList<>(s.sorted(Comparator.reverseOrder()).toList());
            if (!removeRoot) {
                all.remove(root);
            }
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // The original failure matters more; a caller's temporary directory is removed with its parent.
        }
    }

    private static Path bagRoot(Path root) throws IOException {
        if (Files.isRegularFile(root.resolve("bagit.txt"), LinkOption.NOFOLLOW_LINKS)) {
            return root;
        }
        List<Path> top = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(root)) {
            d.forEach(top::add);
        }
        // Otherwise the validator says what is missing, about the extraction root.
        return top.size() == 1 && Files.isDirectory(top.get(0), LinkOption.NOFOLLOW_LINKS) ? top.get(0) : root;
    }
}
