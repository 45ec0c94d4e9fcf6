package org.depositservices.packaging.bagit;

/**
 * One thing wrong with a bag. An ERROR makes the bag invalid; a WARNING is worth knowing (a name that differs only
 * by case, an md5sum marker, an operating system's metadata file) but the bag is still valid.
 *
 * @param path    the file the problem is about, relative to the bag (e.g. {@code data/a.txt}, {@code bagit.txt})
 * @param message what is wrong and, where it helps, what to do
 */
public record BagProblem(Severity severity, Kind kind, String path, String message) {

    public enum Severity { ERROR, WARNING }

    /** What kind of problem; lets a caller (a test, the SWORD server) act on a class of problems. */
    public enum Kind {
        /** bagit.txt is missing, or the path is not a directory. */
        MISSING_DECLARATION,
        /** bagit.txt is not exactly the two required lines. */
        BAD_DECLARATION,
        /** A byte-order mark where RFC 8493 forbids one (bagit.txt) or does not expect one. */
        BYTE_ORDER_MARK,
        UNSUPPORTED_VERSION,
        /** The declared tag file encoding is unknown, or a tag file is not in it. */
        BAD_ENCODING,
        /** A line of bag-info.txt is not {@code Label: value}. */
        MALFORMED_TAG_LINE,
        /** A bag-info.txt element meant to appear once appears again. */
        REPEATED_ELEMENT,
        MALFORMED_OXUM,
        OXUM_MISMATCH,
        MISSING_PAYLOAD_DIRECTORY,
        NO_PAYLOAD_MANIFEST,
        UNSUPPORTED_ALGORITHM,
        MALFORMED_MANIFEST_LINE,
        MALFORMED_FETCH_LINE,
        /** A path that would leave the bag or its payload directory (.., absolute, ~, drive letters, backslashes). */
        PATH_OUT_OF_SCOPE,
        /** A path listed twice in one manifest. */
        DUPLICATE_ENTRY,
        /** A path written in the binary-mode style of md5sum ({@code *data/x}). */
        MD5SUM_MARKER,
        /** A path written as {@code ./data/x}. */
        DOT_SLASH_PATH,
        /** A listed name that matches a file only when case or Unicode normalization is ignored. */
        NON_PORTABLE_NAME,
        /** A file listed in a manifest that the bag does not have. */
        MISSING_FILE,
        /** A file listed in fetch.txt that has not been fetched. */
        INCOMPLETE,
        /** A payload file missing from a payload manifest. */
        UNLISTED_FILE,
        CHECKSUM_MISMATCH,
        /** A symbolic link, device or other non-regular file in the bag. */
        NOT_A_REGULAR_FILE,
        /** An operating system's metadata file (.DS_Store, Thumbs.db, ...) in the payload. */
        SYSTEM_FILE,
        /** A file too large to be a tag file. */
        TAG_FILE_TOO_LARGE
    }

    static BagProblem error(Kind kind, String path, String message) {
        return new BagProblem(Severity.ERROR, kind, path, message);
    }

    static BagProblem warning(Kind kind, String path, String message) {
        return new BagProblem(Severity.WARNING, kind, path, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity + " " + kind + " " + path + ": " + message;
    }
}
