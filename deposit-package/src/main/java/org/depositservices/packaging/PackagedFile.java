package org.depositservices.packaging;

import org.depositservices.model.SubmissionFile;

/**
 * A user file as it was written into the package: the submission's file (role, description, name as uploaded) and
 * the resource it became (path in the package, size, detected media type, checksums).
 *
 * @param renameReason why its name in the package differs from the uploaded one; null when it does not
 */
public record PackagedFile(SubmissionFile file, Resource resource, String renameReason) {

    /** A file packaged under the name it was uploaded with. */
    public PackagedFile(SubmissionFile file, Resource resource) {
        this(file, resource, null);
    }

    /** The file's name in the package: the last segment of its path (may differ from the uploaded name). */
    public String packagedName() {
        String p = resource.path();
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
