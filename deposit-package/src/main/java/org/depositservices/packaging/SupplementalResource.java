package org.depositservices.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A file a spec adds to a package (a manifest, a metadata document). Held in memory: these are small, and their size
 * must be known before they are written into an archive.
 */
public final class SupplementalResource {
    private final String path;
    private final String mimeType;
    private final byte[] content;

    private SupplementalResource(String path, String mimeType, byte[] content) {
        this.path = Objects.requireNonNull(path, "path");
        this.mimeType = Objects.requireNonNull(mimeType, "mimeType");
        this.content = content;
    }

    /** A text file, encoded as UTF-8. */
    public static SupplementalResource text(String path, String mimeType, String text) {
        return new SupplementalResource(path, mimeType, text.getBytes(StandardCharsets.UTF_8));
    }

    public static SupplementalResource bytes(String path, String mimeType, byte[] content) {
        return new SupplementalResource(path, mimeType, content.clone());
    }

    /** The path inside the package. */
    public String path() {
        return path;
    }

    public String mimeType() {
        return mimeType;
    }

    public long size() {
        return content.length;
    }

    /** A copy of the content. */
    public byte[] content() {
        return content.clone();
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(content);
    }

    @Override
    public String toString() {
        return "SupplementalResource[" + path + ", " + mimeType + ", " + content.length + " bytes]";
    }
}
