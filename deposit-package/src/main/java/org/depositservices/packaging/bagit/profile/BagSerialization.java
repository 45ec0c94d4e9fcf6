package org.depositservices.packaging.bagit.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.depositservices.packaging.PackageOptions;

/**
 * How a bag travels: as a directory, or serialized as one zip, tar or gzip-compressed tar file. Each serialization
 * knows the MIME types a profile's {@code Accept-Serialization} may name it by; profiles in use write the same
 * format several ways ({@code application/tar}, {@code application/x-tar}; {@code application/gzip},
 * {@code application/tar+gzip}, ...).
 */
public enum BagSerialization {
    DIRECTORY(List.of()),
    ZIP(List.of("application/zip", "application/x-zip", "application/x-zip-compressed")),
    TAR(List.of("application/x-tar", "application/tar")),
    TAR_GZIP(List.of("application/gzip", "application/x-gzip", "application/tar+gzip", "application/x-tar+gzip",
            "application/x-gtar", "application/x-compressed-tar", "application/tgz", "application/x-tgz"));

    private final List<String> mimeTypes;

    BagSerialization(List<String> mimeTypes) {
        this.mimeTypes = mimeTypes;
    }

    /** The MIME types this serialization answers to, the usual one first; none for a directory. */
    public List<String> mimeTypes() {
        return mimeTypes;
    }

    /** Whether {@code mimeType} (any case, parameters ignored) names this serialization. */
    public boolean answersTo(String mimeType) {
        String m = mimeType.toLowerCase(Locale.ROOT);
        int semicolon = m.indexOf(';');
        return mimeTypes.contains((semicolon < 0 ? m : m.substring(0, semicolon)).strip());
    }

    /** The serialization an archive package with these options gets; DIRECTORY for archive none. */
    public static BagSerialization of(PackageOptions options) {
        if (options.archive() == null || options.archive() == PackageOptions.Archive.NONE) {
            return DIRECTORY;
        }
        if (options.archive() == PackageOptions.Archive.ZIP) {
            return ZIP;
        }
        return options.compression() == PackageOptions.Compression.GZIP ? TAR_GZIP : TAR;
    }

    /**
     * How {@code bag} is serialized, told by content (not by name): a directory, or a zip, tar or gzip file.
     *
     * @throws IOException when {@code bag} is a file of none of these kinds, or cannot be read
     */
    public static BagSerialization of(Path bag) throws IOException {
        if (Files.isDirectory(bag)) {
            return DIRECTORY;
        }
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(bag)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K') {
            return ZIP;
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return TAR_GZIP;
        }
        if (n >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            return TAR;
        }
        throw new IOException(bag + " is neither a directory nor a zip, tar or tar.gz file");
    }

    /** The {@code assembler.options} that make this serialization, for messages: {@code archive "tar", ...}. */
    String options() {
        return switch (this) {
            case DIRECTORY -> "archive \"none\"";
            case ZIP -> "archive \"zip\"";
            case TAR -> "archive \"tar\", compression \"none\"";
            case TAR_GZIP -> "archive \"tar\", compression \"gzip\"";
        };
    }
}
