package org.depositservices.packaging;

import java.util.Map;

/**
 * One file inside a package.
 *
 * @param path         its path inside the package
 * @param supplemental true for files the assembler generated (manifests, metadata), false for the user's files
 * @param mimeType     detected from the first bytes (Tika) for user files
 * @param checksums    hex, lower case
 */
public record Resource(String path, boolean supplemental, String mimeType, long size,
                       Map<ChecksumAlgorithm, String> checksums) {
    public Resource {
        checksums = checksums == null ? Map.of() : Map.copyOf(checksums);
    }
}
