package org.depositservices.packaging;

import org.depositservices.model.SubmissionFile;

/**
 * A user file as it was written into the package: the submission's file (role, description, name as uploaded) and
 * the resource it became (path in the package, size, detected media type, checksums).
 */
public record PackagedFile(SubmissionFile file, Resource resource) {

    /** The file's name in the package: the last segment of its path (may differ from the uploaded name). */
    public String packagedName() {
        String p = resource.path();
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
