package org.depositservices.transport.remote;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import org.depositservices.packaging.PackageMetadata;
import org.depositservices.packaging.PackageStream;

/**
 * A test package of given bytes, needing no corpus: what reached the target is compared with {@link #bytes()}.
 * It can fail after some bytes, as a package whose source file became unreadable mid-write does, or as a package
 * writer that stops for another reason (interrupted at shutdown) does.
 */
public final class BytesPackage implements PackageStream {

    /** The submission file a {@link #failingAfter} package cannot read: files[0] of {@value #SUBMISSION_ID}. */
    public static final String SOURCE_FILE = "article.pdf";
    public static final String SUBMISSION_ID = "sub-1";

    private final String name;
    private final byte[] bytes;
    private final int failAfter;
    private final boolean sourceFault;

    private BytesPackage(String name, byte[] bytes, int failAfter, boolean sourceFault) {
        this.name = name;
        this.bytes = bytes;
        this.failAfter = failAfter;
        this.sourceFault = sourceFault;
    }

    public static BytesPackage of(String name, byte[] bytes) {
        return new BytesPackage(name, bytes.clone(), -1, false);
    }

    /** {@code size} pseudo-random bytes (the same for one seed), large enough to need several SFTP writes. */
    public static BytesPackage random(String name, int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return new BytesPackage(name, b, -1, false);
    }

    /**
     * Writes {@code failAfter} of {@code bytes}, then fails as packaging does when the content store cannot read a
     * submission file: a PackageSourceException (UNREADABLE) naming {@value #SOURCE_FILE}, "source vanished".
     */
    public static BytesPackage failingAfter(String name, byte[] bytes, int failAfter) {
        return new BytesPackage(name, bytes.clone(), failAfter, true);
    }

    /**
     * Writes {@code stopAfter} of {@code bytes}, then fails with a plain IOException "writer interrupted": neither the
     * target's failure nor a source's, as when the package writer is stopped.
     */
    public static BytesPackage stoppingAfter(String name, byte[] bytes, int stopAfter) {
        return new BytesPackage(name, bytes.clone(), stopAfter, false);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String spec() {
        return "simple";
    }

    @Override
    public String mimeType() {
        return "application/zip";
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        if (failAfter >= 0) {
            out.write(bytes, 0, failAfter);
            if (sourceFault) {
                throw SourceFailures.reading(SUBMISSION_ID, SOURCE_FILE, 0, new IOException("source vanished"));
            }
            throw new IOException("writer interrupted");
        }
        out.write(bytes);
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public PackageMetadata metadata() {
        return null;
    }
}
