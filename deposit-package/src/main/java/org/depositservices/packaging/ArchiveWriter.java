package org.depositservices.packaging;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes entries of one archive format. {@link #close()} closes the stream it writes to; callers that must keep
 * theirs open give it one whose close only flushes. Entry metadata is fixed (one time, mode
 * 0644, no owner), so writing the same package twice gives the same bytes.
 */
abstract sealed class ArchiveWriter implements Closeable {

    /** @param out receives the archive; {@link #finish()} completes it without closing {@code out} */
    static ArchiveWriter of(PackageOptions.Archive archive, OutputStream out, Instant time) {
        return switch (archive) {
            case ZIP -> new Zip(out, time);
            case TAR -> new Tar(out, time);
            case NONE -> throw new IllegalArgumentException("archive NONE has no entries");
        };
    }

    /**
     * Starts an entry of {@code size} bytes; its content is then written to {@link #content()}.
     *
     * @param compressible false for content already compressed (see {@link CompressedMediaTypes}), which a zip
     *                     then does not deflate again
     * @param crc32        the content's CRC-32 when known in advance, else null: a zip then stores incompressible
     *                     content as is (method STORED), and {@link #end()} fails with a
     *                     {@link java.util.zip.ZipException} if the bytes written do not have that CRC
     */
    abstract void begin(String path, long size, boolean compressible, Long crc32) throws IOException;

    /** Starts an entry whose CRC-32 is not known in advance (supplemental files). */
    final void begin(String path, long size, boolean compressible) throws IOException {
        begin(path, size, compressible, null);
    }

    /** Where the current entry's content goes. */
    abstract OutputStream content();

    abstract void end() throws IOException;

    /** Writes the archive's trailer. */
    abstract void finish() throws IOException;

    /** Releases the archive's resources and closes the stream it writes to. */
    @Override
    public abstract void close() throws IOException;

    static final class Zip extends ArchiveWriter {
        private final ZipArchiveOutputStream zip;
        private final FileTime time;

        Zip(OutputStream out, Instant time) {
            this.zip = new ZipArchiveOutputStream(out);
            this.zip.setEncoding(StandardCharsets.UTF_8.name());
            this.zip.setUseLanguageEncodingFlag(true);
            // The output is not seekable: known sizes let the writer choose Zip64 per entry only where needed.
            this.zip.setUseZip64(Zip64Mode.AsNeeded);
            this.time = FileTime.from(time);
        }

        @Override
        void begin(String path, long size, boolean compressible, Long crc32) throws IOException {
            ZipArchiveEntry e = new ZipArchiveEntry(path);
            e.setSize(size);
            e.setLastModifiedTime(time);
            e.setUnixMode(0100644);
            if (!compressible && crc32 != null) {
                // On a stream that cannot seek back, STORED needs size and CRC in the local header, before the
                // bytes; the writer checks the CRC of what passes when the entry closes.
                e.setMethod(ZipArchiveEntry.STORED);
                e.setCompressedSize(size);
                e.setCrc(crc32);
            } else {
                // Without the CRC up front, level-0 deflate passes incompressible bytes through almost as cheaply.
                e.setMethod(ZipArchiveEntry.DEFLATED);
                zip.setLevel(compressible ? Deflater.DEFAULT_COMPRESSION : Deflater.NO_COMPRESSION);
            }
            zip.putArchiveEntry(e);
        }

        @Override
        OutputStream content() {
            return zip;
        }

        @Override
        void end() throws IOException {
            zip.closeArchiveEntry();
        }

        @Override
        void finish() throws IOException {
            zip.finish();
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }

    static final class Tar extends ArchiveWriter {
        private final TarArchiveOutputStream tar;
        private final FileTime time;

        Tar(OutputStream out, Instant time) {
            this.tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
            this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            this.tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            this.tar.setAddPaxHeadersForNonAsciiNames(true);
            this.time = FileTime.from(time);
        }

        @Override
        void begin(String path, long size, boolean compressible, Long crc32) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(path, true);
            e.setSize(size);
            e.setModTime(time);
            e.setMode(0100644);
            e.setIds(0, 0);
            e.setUserName("");
            e.setGroupName("");
            tar.putArchiveEntry(e);
        }

        @Override
        OutputStream content() {
            return tar;
        }

        @Override
        void end() throws IOException {
            tar.closeArchiveEntry();
        }

        @Override
        void finish() throws IOException {
            tar.finish();
        }

        @Override
        public void close() throws IOException {
            tar.close();
        }
    }
}
