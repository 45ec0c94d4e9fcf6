package org.depositservices.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A package that is written while it is read. Nothing is built until {@link #writeTo} or {@link #open} is called;
 * then every source file is read once, its checksums computed in that same pass, and memory stays bounded.
 *
 * <p>A PackageStream may be written more than once (each time re-reading the sources); {@link #metadata()} describes
 * the last complete write.
 *
 * <pre>{@code
 * PackageStream pkg = assembler.assemble(submission, options);
 * try (OutputStream out = Files.newOutputStream(dir.resolve(pkg.name()))) {
 *     pkg.writeTo(out);
 * }
 * long size = pkg.metadata().size();
 * }</pre>
 */
public interface PackageStream {

    /** The package's file name (e.g. {@code nihms-native-2017-07_2026-11-23_10-01-02_<id>.tar.gz}), known up front. */
    String name();

    /** The spec identifier this package follows. */
    String spec();

    /** The media type of the whole package (application/zip, application/gzip, application/x-tar, ...). */
    String mimeType();

    /**
     * Writes the whole package to {@code out} (which is not closed).
     *
     * @throws IOException        when a source cannot be read or {@code out} cannot be written
     * @throws PackagingException when the submission cannot make a valid package of this spec
     */
    void writeTo(OutputStream out) throws IOException;

    /**
     * The package as a stream to read; a background writer fills a bounded buffer as it is read. An error while
     * writing surfaces as an IOException from {@code read}. Closing early stops the writer.
     */
    InputStream open() throws IOException;

    /** Size and checksums of the whole package and what went into it; complete only once a write has finished. */
    PackageMetadata metadata();
}
