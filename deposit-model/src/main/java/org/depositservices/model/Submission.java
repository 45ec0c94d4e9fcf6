package org.depositservices.model;

import java.time.Instant;
import java.util.List;

/**
 * A submission: a work, its files and the repositories it must reach.
 *
 * @param version        optimistic-lock version; an update from a stale read is refused by the store
 * @param statusMessage  why the submission FAILED, or what needs attention; null otherwise
 * @param needsAttention every deposit is terminal but the outcomes are mixed (docs/DESIGN.md)
 * @param repositories   the repositoryKeys the submission must be deposited into
 */
public record Submission(
        String id,
        long version,
        AggregatedDepositStatus status,
        String statusMessage,
        boolean needsAttention,
        List<String> repositories,
        SubmissionMetadata metadata,
        List<SubmissionFile> files,
        Instant createdAt,
        Instant updatedAt) {

    public Submission {
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
        files = files == null ? List.of() : List.copyOf(files);
    }

    public Submission withStatus(AggregatedDepositStatus newStatus, String message) {
        return new Submission(id, version, newStatus, message, needsAttention, repositories, metadata, files,
                createdAt, updatedAt);
    }

    public Submission withNeedsAttention(boolean attention, String message) {
        return new Submission(id, version, status, message, attention, repositories, metadata, files, createdAt,
                updatedAt);
    }
}
