package org.depositservices.transport.remote;

import java.io.IOException;
import org.depositservices.model.SubmissionFile;
import org.depositservices.packaging.PackageSourceException;

/**
 * What packaging raises when a submission file cannot be read from the content store, for test packages that
 * simulate such a failure without a real assembler.
 */
public final class SourceFailures {
    private SourceFailures() {
    }

    /**
     * Reading {@code fileName} (files[{@code index}] of submission {@code submissionId}) failed with {@code e}:
     * {@link PackageSourceException.Kind#MISSING} for a NoSuchFileException, else UNREADABLE.
     */
    public static PackageSourceException reading(String submissionId, String fileName, int index, IOException e) {
        SubmissionFile file = new SubmissionFile(fileName, null, null, null, 0, null, null, fileName);
        return PackageSourceException.unreadable(submissionId, file, index, e);
    }
}
