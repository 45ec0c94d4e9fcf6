package org.depositservices.model;

import java.time.Instant;

/**
 * One transfer of a submission's content to one repository.
 *
 * @param status           null until the first attempt, then a {@link DepositStatus}
 * @param statusMessage    why it is RETRY, FAILED or REJECTED, in words an operator can act on
 * @param depositStatusRef where the repository reports custody (a SWORD statement IRI, ...)
 * @param repositoryCopy   the copy in the repository, or null when there is none
 * @param attempts         how many transfers have been attempted
 * @param attemptToken     identifies the current attempt, recorded before sending, so a retry can ask the
 *                         repository whether that attempt already arrived instead of sending twice
 * @param nextAttemptAt    when a RETRY deposit is due again; null otherwise
 */
public record Deposit(
        String id,
        long version,
        String submissionId,
        String repositoryKey,
        DepositStatus status,
        String statusMessage,
        String depositStatusRef,
        RepositoryCopy repositoryCopy,
        int attempts,
        String attemptToken,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant updatedAt) {

    public Deposit withStatus(DepositStatus newStatus, String message) {
        return new Deposit(id, version, submissionId, repositoryKey, newStatus, message, depositStatusRef,
                repositoryCopy, attempts, attemptToken, nextAttemptAt, createdAt, updatedAt);
    }

    public Deposit withStatusRef(String ref) {
        return new Deposit(id, version, submissionId, repositoryKey, status, statusMessage, ref, repositoryCopy,
                attempts, attemptToken, nextAttemptAt, createdAt, updatedAt);
    }

    public Deposit withRepositoryCopy(RepositoryCopy copy) {
        return new Deposit(id, version, submissionId, repositoryKey, status, statusMessage, depositStatusRef, copy,
                attempts, attemptToken, nextAttemptAt, createdAt, updatedAt);
    }

    /** Records the start of a new attempt: the counter goes up and the token is the one the transport will use. */
    public Deposit withAttempt(int attemptCount, String token) {
        return new Deposit(id, version, submissionId, repositoryKey, status, statusMessage, depositStatusRef,
                repositoryCopy, attemptCount, token, nextAttemptAt, createdAt, updatedAt);
    }

    public Deposit withNextAttemptAt(Instant when) {
        return new Deposit(id, version, submissionId, repositoryKey, status, statusMessage, depositStatusRef,
                repositoryCopy, attempts, attemptToken, when, createdAt, updatedAt);
    }

    /** A deposit never attempted yet. */
    public static Deposit newDeposit(String id, String submissionId, String repositoryKey) {
        return new Deposit(id, 0, submissionId, repositoryKey, null, null, null, null, 0, null, null, null, null);
    }
}
