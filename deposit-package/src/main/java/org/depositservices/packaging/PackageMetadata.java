package org.depositservices.packaging;

import java.util.List;
import java.util.Map;

/**
 * What a finished write of a {@link PackageStream} produced.
 *
 * @param size      bytes of the whole package
 * @param checksums of the whole package, hex, lower case
 * @param resources every file in the package (custodial and supplemental) with its own size and checksums
 * @param renames       user files whose name in the package differs from the uploaded one: original → new name
 * @param renameReasons original name → why it was changed (characters the format or common file systems cannot
 *                      hold, a name taken ignoring case, a spec's own rule)
 */
public record PackageMetadata(String name, String spec, String mimeType, long size,
                              Map<ChecksumAlgorithm, String> checksums, List<Resource> resources,
                              Map<String, String> renames, Map<String, String> renameReasons) {
    public PackageMetadata {
        checksums = checksums == null ? Map.of() : Map.copyOf(checksums);
        resources = resources == null ? List.of() : List.copyOf(resources);
        renames = renames == null ? Map.of() : Map.copyOf(renames);
        renameReasons = renameReasons == null ? Map.of() : Map.copyOf(renameReasons);
    }

    /** Metadata without reasons for its renames. */
    public PackageMetadata(String name, String spec, String mimeType, long size,
                           Map<ChecksumAlgorithm, String> checksums, List<Resource> resources,
                           Map<String, String> renames) {
        this(name, spec, mimeType, size, checksums, resources, renames, Map.of());
    }
}
