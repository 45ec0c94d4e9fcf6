package org.depositservices.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.depositservices.model.SubmissionFile;
import org.depositservices.model.SubmissionMetadata;

/**
 * The deposit-side view of a submission: its metadata, its files, and where to read each file's bytes.
 * This is what an {@link Assembler} packages.
 *
 * @param id     the submission's id (written into packages as their external identifier)
 * @param source opens a file's bytes; each call returns a new stream the caller closes
 */
public record DepositSubmission(String id, SubmissionMetadata metadata, List<SubmissionFile> files, FileSource source) {

    public DepositSubmission {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** Reads the bytes of a submission file. */
    @FunctionalInterface
    public interface FileSource {
        /**
         * @throws IOException when the bytes cannot be read (missing, unreadable); packaging then fails
         */
        InputStream open(SubmissionFile file) throws IOException;
    }
}
