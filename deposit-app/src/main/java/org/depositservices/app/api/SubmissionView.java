package org.depositservices.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.depositservices.model.AggregatedDepositStatus;
import org.depositservices.model.Author;
import org.depositservices.model.CopyStatus;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.model.FileRole;
import org.depositservices.model.Grant;
import org.depositservices.model.Person;
import org.depositservices.model.Publication;
import org.depositservices.model.Submission;

/** What GET /api/submissions/{id} answers: the submission, its files and where each deposit stands. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmissionView(
        String id,
        AggregatedDepositStatus aggregatedDepositStatus,
        String statusMessage,
        boolean needsAttention,
        List<String> repositories,
        Person submitter,
        Publication publication,
        List<Author> authors,
        List<Grant> grants,
        LocalDate embargoEndDate,
        List<String> tags,
        List<FileView> files,
        List<DepositView> deposits,
        Instant createdAt,
        Instant updatedAt) {

    /** A stored file with the digests the content store computed; sha512 and crc32 are null for older files. */
    public record FileView(String name, FileRole role, String description, String mimeType, long size, String sha256,
                           String md5, String sha512, String crc32) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DepositView(String id, String submission, String repository, DepositStatus depositStatus, String statusMessage,
                              String depositStatusRef, int attempts, Instant nextAttemptAt, CopyView repositoryCopy,
                              Instant updatedAt) {
    }

    public record CopyView(CopyStatus copyStatus, String accessUrl, List<String> externalIds) {
    }

    public static DepositView deposit(Deposit d) {
        return new DepositView(d.id(), d.submissionId(), d.repositoryKey(), d.status(), d.statusMessage(),
                d.depositStatusRef(), d.attempts(), d.nextAttemptAt(),
                d.repositoryCopy() == null ? null : new CopyView(d.repositoryCopy().status(),
                        d.repositoryCopy().accessUrl(), d.repositoryCopy().externalIds()),
                d.updatedAt());
    }

    public static SubmissionView of(Submission s, List<Deposit> deposits) {
        var m = s.metadata();
        return new SubmissionView(s.id(), s.status(), s.statusMessage(), s.needsAttention(), s.repositories(),
                m.submitter(), m.publication(), m.authors(), m.grants(), m.embargoEndDate(), m.tags(),
                s.files().stream().map(f -> new FileView(f.name(), f.role(), f.description(), f.mimeType(), f.size(),
                        f.sha256(), f.md5(), f.sha512(), f.crc32())).toList(),
                deposits.stream().map(SubmissionView::deposit).toList(),
                s.createdAt(), s.updatedAt());
    }
}
