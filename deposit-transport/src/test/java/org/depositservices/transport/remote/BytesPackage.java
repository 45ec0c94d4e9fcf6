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
 * It can fail after some bytes, as a package whose source file became unreadable mid-write does.
 */
public final class BytesPackage implements PackageStream {

    private final String name;
    private final byte[] bytes;
    private final int failAfter;

    private BytesPackage(String name, byte[] bytes, int failAfter) {
        this.name = name;
        this.bytes = bytes;
        this.failAfter = failAfter;
    }

    public static BytesPackage of(String name, byte[] bytes) {
        return new BytesPackage(name, bytes.clone(), -1);
    }

    /** {@code size} pseudo-random bytes (the same for one seed), large enough to need several SFTP writes. */
    public static BytesPackage random(String name, int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return new BytesPackage(name, b, -1);
    }

    /** Writes {@code failAfter} of {@code bytes}, then fails with "source vanished". */
    public static BytesPackage failingAfter(String name, byte[] bytes, int failAfter) {
        return new BytesPackage(name, bytes.clone(), failAfter);
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
            throw new IOException("source vanished");
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
