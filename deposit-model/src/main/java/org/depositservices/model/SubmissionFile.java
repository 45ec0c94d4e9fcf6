package org.depositservices.model;

/**
 * A file of a submission. {@code location} says where its bytes are kept (a content-store key); {@code size} and
 * the digests were computed when the bytes were stored. Every digest is lower-case hex; {@code crc32} is 8 hex
 * digits. {@code sha512} and {@code crc32} are null for files stored before the store recorded them (and for
 * hand-written submissions): packaging then re-checks a stored copy with SHA-256 or MD5 instead, at some extra cost.
 */
public record SubmissionFile(
        String name,
        FileRole role,
        String description,
        String mimeType,
        long size,
        String sha256,
        String md5,
        String location,
        String sha512,
        String crc32) {

    /** A file whose store recorded only SHA-256 and MD5 (or no digests at all). */
    public SubmissionFile(String name, FileRole role, String description, String mimeType, long size, String sha256,
                          String md5, String location) {
        this(name, role, description, mimeType, size, sha256, md5, location, null, null);
    }
}
