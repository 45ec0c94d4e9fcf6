package org.depositservices.model;

/**
 * A file of a submission. {@code location} says where its bytes are kept (a content-store key); {@code size},
 * {@code sha256} and {@code md5} were computed when the bytes were stored.
 */
public record SubmissionFile(
        String name,
        FileRole role,
        String description,
        String mimeType,
        long size,
        String sha256,
        String md5,
        String location) {
}
