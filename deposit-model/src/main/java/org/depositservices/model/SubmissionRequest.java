package org.depositservices.model;

import java.time.LocalDate;
import java.util.List;

/**
 * The JSON a client sends to create a submission (the API's {@code submission} part, and the file the
 * {@code package} command reads). Field names may be extended, never changed.
 */
public record SubmissionRequest(
        List<String> repositories,
        Person submitter,
        Publication publication,
        List<Author> authors,
        List<Grant> grants,
        LocalDate embargoEndDate,
        List<FileEntry> files,
        List<String> tags) {

    /** One file the request announces; its bytes come in a part whose filename equals {@code name}. */
    public record FileEntry(String name, FileRole role, String description) {
    }

    public SubmissionRequest {
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
        authors = authors == null ? List.of() : List.copyOf(authors);
        grants = grants == null ? List.of() : List.copyOf(grants);
        files = files == null ? List.of() : List.copyOf(files);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A request without tags. */
    public SubmissionRequest(List<String> repositories, Person submitter, Publication publication,
                             List<Author> authors, List<Grant> grants, LocalDate embargoEndDate,
                             List<FileEntry> files) {
        this(repositories, submitter, publication, authors, grants, embargoEndDate, files, List.of());
    }

    public SubmissionMetadata metadata() {
        return new SubmissionMetadata(submitter, publication, authors, grants, embargoEndDate, tags);
    }
}
