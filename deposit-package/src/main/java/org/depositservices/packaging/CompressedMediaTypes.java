package org.depositservices.packaging;

import java.util.Locale;
import java.util.Set;

/**
 * Media types whose bytes are already compressed (PDF, JPEG, PNG, zip-based office files, audio, video): deflating
 * them again costs most of the packaging time and saves almost nothing, so zip entries of these types are stored.
 */
final class CompressedMediaTypes {
    private static final Set<String> TYPES = Set.of(
            "application/pdf", "application/zip", "application/gzip", "application/x-gzip", "application/x-bzip2",
            "application/x-xz", "application/zstd", "application/x-7z-compressed", "application/x-rar-compressed",
            "application/vnd.rar", "application/epub+zip", "application/java-archive",
            "image/jpeg", "image/png", "image/gif", "image/webp", "image/jp2", "image/heic", "image/avif",
            "audio/mpeg", "audio/mp4", "audio/ogg", "audio/flac", "audio/aac", "audio/opus");
    private static final String[] PREFIXES = {
        "video/", "application/vnd.openxmlformats-officedocument.", "application/vnd.oasis.opendocument."};

    private CompressedMediaTypes() {
    }

    static boolean isCompressed(String mediaType) {
        if (mediaType == null) {
            return false;
        }
        String t = mediaType.toLowerCase(Locale.ROOT);
        if (TYPES.contains(t)) {
            return true;
        }
        for (String p : PREFIXES) {
            if (t.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
