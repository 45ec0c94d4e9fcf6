package org.depositservices.packaging;

import java.util.List;
import java.util.Map;

/**
 * What a finished write of a {@link PackageStream} produced.
 *
 * @param size      bytes of the whole package
 * @param checksums of the whole package, hex, lower case
 * @param resources every file in the package (custodial and supplemental) with its own size and checksums
 * @param renames   user files renamed because their names collided with supplemental files: original → new name
 */
public record PackageMetadata(String name, String spec, String mimeType, long size,
                              Map<ChecksumAlgorithm, String> checksums, List<Resource> resources,
                              Map<String, String> renames) {
    public PackageMetadata {
        checksums = checksums == null ? Map.of() : Map.copyOf(checksums);
        resources = resources == null ? List.of() : List.copyOf(resources);
        renames = renames == null ? Map.of() : Map.copyOf(renames);
    }
}
