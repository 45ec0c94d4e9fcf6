package org.depositservices.transport.spool;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.depositservices.packaging.ChecksumAlgorithm;
import org.depositservices.packaging.PackageSourceException;
import org.depositservices.packaging.PackageStream;
import org.depositservices.packaging.PackagingException;
import org.depositservices.transport.TransientTransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A package written once to a temporary file, its MD5 and size computed in that same pass, for a transport that
 * must know them before it sends: SWORD wants Content-Length and Content-MD5 before the body, FTP and SFTP compare
 * the size with a file already on the server. A streamed package knows neither until it has been written; spooling
 * to disk keeps memory bounded whatever the package's size. The file is readable by its owner only, and
 * {@link #close()} always deletes it.
 *
 * <p>Failures: the spool directory's (cannot create, disk full) are transient, naming the directory; the package
 * source's ({@link PackageSourceException}) and other packaging failures pass unchanged, for the engine to judge.
 */
public final class PackageSpool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PackageSpool.class);
    private static final int BUFFER = 64 * 1024;

    private final Path file;
    private final long size;
    private final String md5;

    private PackageSpool(Path file, long size, String md5) {
        this.file = file;
        this.size = size;
        this.md5 = md5;
    }

    /**
     * Writes {@code pkg} to a new file in {@code dir}.
     *
     * @throws TransientTransportException when the spool file cannot be written (disk full, no permission) or the
     *                                     package writer stopped; the file is deleted
     * @throws org.depositservices.packaging.PackagingException unchanged (a {@link PackageSourceException} among
     *                                     them), when the package cannot be built or its sources read
     */
    public static PackageSpool write(PackageStream pkg, Path dir) throws TransientTransportException {
        Path file;
        try {
            Files.createDirectories(dir);
            // createTempFile makes the file readable by its owner only: packages hold unpublished manuscripts.
            file = Files.createTempFile(dir, "deposit-spool-", ".tmp");
        } catch (IOException e) {
            throw new TransientTransportException("could not create a spool file for package " + pkg.name() + " in "
                    + dir + " (" + e + "): check that the directory exists, is writable and has free space", e);
        }
        MessageDigest md5 = ChecksumAlgorithm.MD5.newDigest();
        TrackingOutputStream tracking = null;
        boolean written = false;
        boolean ok = false;
        try {
            try (OutputStream fileOut = Files.newOutputStream(file)) {
                tracking = new TrackingOutputStream(new BufferedOutputStream(fileOut, BUFFER));
                DigestOutputStream digesting = new DigestOutputStream(tracking, md5);
                pkg.writeTo(digesting);
                digesting.flush();
                written = true;
            }
            ok = true;
            return new PackageSpool(file, tracking.count, HexFormat.of().formatHex(md5.digest()));
        } catch (IOException e) {
            PackageSourceException.rethrowIfSource(e);
            if (tracking == null || tracking.failure != null || written) {
                throw new TransientTransportException("could not spool package " + pkg.name() + " to " + dir + " ("
                        + e.getMessage() + "): free disk space there or point the spool directory elsewhere", e);
            }
            // Neither the spool nor a source: the package writer itself stopped (interrupted at shutdown, ...).
            throw new TransientTransportException("package " + pkg.name() + " could not be written while spooling"
                    + " it: " + e.getMessage(), e);
        } finally {
            if (!ok) {
                delete(file);
            }
        }
    }

    public Path file() {
        return file;
    }

    public long size() {
        return size;
    }

    /** Hex, lower case. */
    public String md5() {
        return md5;
    }

    /** Copies the spooled package to {@code out} (which is not closed). */
    public void copyTo(OutputStream out) throws IOException {
        Files.copy(file, out);
    }

    @Override
    public void close() {
        delete(file);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete spool file {}: {}; delete it by hand", file, e.toString());
        }
    }

    /** Counts bytes and remembers whether a write to the spool itself failed, to tell disk trouble from source trouble. */
    private static final class TrackingOutputStream extends FilterOutputStream {
        long count;
        IOException failure;

        TrackingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            count += len;
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() {
            // The file stream is closed by its owner; closing here would hide a flush failure's origin.
        }
    }
}
