package org.depositservices.packaging.mets;

import java.util.Locale;
import java.util.Objects;

/**
 * One content file as mets.xml lists it.
 *
 * @param path     the file's path inside the package, exactly as the archive entry is named
 * @param size     bytes
 * @param md5      MD5 of the bytes, hex (either case; written lower case)
 * @param mimeType media type; null is written as application/octet-stream
 */
public record MetsFile(String path, long size, String md5, String mimeType) {
    public MetsFile {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a METS file needs a non-empty path inside the package");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size of " + path + " is negative: " + size);
        }
        if (md5 == null || !md5.matches("[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("MD5 of " + path + " must be 32 hex digits, was '" + md5 + "'");
        }
        md5 = md5.toLowerCase(Locale.ROOT);
    }
}
