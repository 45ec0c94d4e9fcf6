package org.depositservices.packaging.bagit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a serialized bag (zip, tar or tar.gz, told apart by their first bytes) so it can be validated. Safe with
 * archives from strangers: an entry whose name would leave the target directory, a link, or an archive that expands
 * beyond a limit is refused with an {@link IOException} saying which entry, before anything is written outside the
 * target.
 */
public final class BagArchives {
    private final long maxExpandedBytes;

    /** @param maxExpandedBytes the most bytes extraction may write; protects the disk from archive bombs */
    public BagArchives(long maxExpandedBytes) {
        this.maxExpandedBytes = maxExpandedBytes;
    }

    /**
     * Extracts {@code archive} into {@code target} and returns where the bag should be: {@code target} itself when
     * it holds bagit.txt, else its single top directory (RFC 8493 serializations unpack to one directory), else
     * {@code target} (and validating it reports the missing bagit.txt).
     *
     * @param target an empty or absent directory
     * @throws IOException naming the archive and the entry when it is not a zip/tar/tar.gz, an entry is unsafe, or
     *                     the limit is passed
     */
    public Path extract(Path archive, Path target) throws IOException {
        Files.createDirectories(target);
        Path root = target.toRealPath();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(root)) {
            if (d.iterator().hasNext()) {
                throw new IOException("cannot extract " + archive + " into " + target + ": the directory is not empty");
            }
        }
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(archive)) {
            n = in.readNBytes(head, 0, head.length);
        }
        long[] written = {0};
        if (n >= 4 && head[0] == 'P' && head[1] == 'K') {
            extractZip(archive, root, written);
        } else if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 65536)) {
                extractTar(archive, in, root, written);
            }
        } else if (n >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
                extractTar(archive, in, root, written);
            }
        } else {
            throw new IOException(archive + " is not a zip, tar or tar.gz archive");
        }
        return bagRoot(root);
    }

    private void extractZip(Path archive, Path root, long[] written) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile(), StandardCharsets.UTF_8)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                Path to = safeTarget(archive, root, e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(to);
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    write(archive, e.getName(), in, to, written);
                }
            }
        }
    }

    private void extractTar(Path archive, InputStream raw, Path root, long[] written) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(raw, StandardCharsets.UTF_8.name());
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            Path to = safeTarget(archive, root, e.getName());
            if (e.isDirectory()) {
                Files.createDirectories(to);
            } else if (e.isFile()) {
                write(archive, e.getName(), tar, to, written);
            } else {
                throw new IOException(archive + ": entry '" + e.getName() + "' is a link or special file; a bag holds"
                        + " regular files only");
            }
        }
    }

    private Path safeTarget(Path archive, Path root, String name) throws IOException {
        String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        String why = BagReader.outOfScope(path);
        Path to = root.resolve(path).normalize();
        if (why != null || !to.startsWith(root)) {
            throw new IOException(archive + ": entry '" + name + "' " + (why != null ? why : "leaves the target")
                    + "; the archive is refused");
        }
        return to;
    }

    private void write(Path archive, String name, InputStream in, Path to, long[] written) throws IOException {
        Files.createDirectories(to.getParent());
        byte[] buffer = new byte[65536];
        try (OutputStream out = Files.newOutputStream(to)) {
            int r;
            while ((r = in.read(buffer)) != -1) {
                written[0] += r;
                if (written[0] > maxExpandedBytes) {
                    throw new IOException(archive + " expands beyond " + maxExpandedBytes + " bytes (at entry '"
                            + name + "'); refused");
                }
                out.write(buffer, 0, r);
            }
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
