package org.depositservices.packaging.bagit.profile;

/**
 * One way a bag fails a BagIt Profile.
 *
 * @param field   the profile field the bag fails, e.g. {@code Bag-Info.Source-Organization},
 *                {@code Manifests-Required}, {@code Accept-BagIt-Version}
 * @param subject what in the bag it is about: a bag-info label, an algorithm, a tag file's path, a MIME type or
 *                version; null when the field says it all
 * @param message what is wrong and what the profile wants
 */
public record ProfileViolation(Kind kind, String field, String subject, String message) {

    /** What kind of violation; {@link #fatal()} ones make the rest of the bag unverifiable, per the specification. */
    public enum Kind {
        /** The bag's BagIt version is not in Accept-BagIt-Version. */
        VERSION_NOT_ACCEPTED(true),
        /** The bag is a directory and the profile requires a serialized bag. */
        SERIALIZATION_REQUIRED(true),
        /** The bag is serialized and the profile forbids it. */
        SERIALIZATION_FORBIDDEN(true),
        /** The bag's archive type is not in Accept-Serialization. */
        SERIALIZATION_NOT_ACCEPTED(true),
        /** bag-info.txt lacks BagIt-Profile-Identifier. */
        MISSING_PROFILE_IDENTIFIER(false),
        /** bag-info.txt's BagIt-Profile-Identifier names other profiles only. */
        WRONG_PROFILE_IDENTIFIER(false),
        /** A required bag-info.txt element is absent or blank. */
        MISSING_TAG(false),
        /** A bag-info.txt value is not one of the profile's values. */
        VALUE_NOT_ALLOWED(false),
        /** A bag-info.txt element the profile says is not repeatable appears more than once. */
        TAG_REPEATED(false),
        MISSING_MANIFEST(false),
        MANIFEST_NOT_ALLOWED(false),
        MISSING_TAG_MANIFEST(false),
        TAG_MANIFEST_NOT_ALLOWED(false),
        /** A file of Tag-Files-Required is not in the bag. */
        MISSING_TAG_FILE(false),
        /** A tag file no pattern of Tag-Files-Allowed matches. */
        TAG_FILE_NOT_ALLOWED(false),
        /** fetch.txt is present and Allow-Fetch.txt is false. */
        FETCH_NOT_ALLOWED(false),
        /** fetch.txt is absent and Fetch.txt-Required is true. */
        FETCH_REQUIRED(false),
        /** Data-Empty is true and the payload holds more than one empty file. */
        DATA_NOT_EMPTY(false);

        private final boolean fatal;

        Kind(boolean fatal) {
            this.fatal = fatal;
        }

        /** Serialization and version failures: the specification says processing should stop there. */
        public boolean fatal() {
            return fatal;
        }
    }

    @Override
    public String toString() {
        return kind + " (" + field + "): " + message;
    }
}
