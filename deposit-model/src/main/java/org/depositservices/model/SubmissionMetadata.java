package org.depositservices.model;

import java.time.LocalDate;
import java.util.List;

/** Everything a submission says about the work, apart from its files and target repositories. */
public record SubmissionMetadata(
        Person submitter,
        Publication publication,
        List<Author> authors,
        List<Grant> grants,
        LocalDate embargoEndDate) {
    public SubmissionMetadata {
        authors = authors == null ? List.of() : List.copyOf(authors);
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    /** The publication's title, or null when there is no publication. */
    public String title() {
        return publication == null ? null : publication.title();
    }
}
