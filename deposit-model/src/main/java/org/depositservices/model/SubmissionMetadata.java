package org.depositservices.model;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything a submission says about the work, apart from its files and target repositories.
 *
 * @param tags free labels (e.g. {@code covid}); transports may use them as hints, e.g. SWORD's
 *             {@code collection-hints.<tag>} picks the collection
 */
public record SubmissionMetadata(
        Person submitter,
        Publication publication,
        List<Author> authors,
        List<Grant> grants,
        LocalDate embargoEndDate,
        List<String> tags) {
    public SubmissionMetadata {
        authors = authors == null ? List.of() : List.copyOf(authors);
        grants = grants == null ? List.of() : List.copyOf(grants);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Metadata without tags. */
    public SubmissionMetadata(Person submitter, Publication publication, List<Author> authors, List<Grant> grants,
                              LocalDate embargoEndDate) {
        this(submitter, publication, authors, grants, embargoEndDate, List.of());
    }

    /** The publication's title, or null when there is no publication. */
    public String title() {
        return publication == null ? null : publication.title();
    }
}
