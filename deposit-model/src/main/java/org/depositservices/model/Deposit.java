package org.depositservices.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

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
 * @param nextAttemptAt    when a RETRY deposit is due again, or when the lease of an attempt in flight ends; null
 *                         otherwise
 * @param attemptOwner     the engine (node and incarnation) whose attempt is in flight; null when none is, so a
 *                         restarted node can tell its own interrupted attempts from other nodes' live ones
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
        Instant updatedAt,
        AttemptOwner attemptOwner) {

    /**
     * Who holds an attempt in flight.
     *
     * @param node        stable across restarts of one node (PASS_DEPOSIT_NODE_ID or the data directory's node-id)
     * @param incarnation new at every start of that node's engine
     */
    public record AttemptOwner(String node, String incarnation) {
    }

    /** A deposit with no attempt in flight recorded (the form before attempt owners existed). */
    public Deposit(String id, long version, String submissionId, String repositoryKey, DepositStatus status,
                   String statusMessage, String depositStatusRef, RepositoryCopy repositoryCopy, int attempts,
                   String attemptToken, Instant nextAttemptAt, Instant createdAt, Instant updatedAt) {
        this(id, version, submissionId, repositoryKey, status, statusMessage, depositStatusRef, repositoryCopy,
                attempts, attemptToken, nextAttemptAt, createdAt, updatedAt, null);
    }

    /**
     * The id of the one deposit of a submission into a repository: derived from both (a name-based UUID), never
     * drawn at random, so a deposit row made again (a commit lost and redone) is the same deposit downstream.
     * Submission ids hold no '/', so the input names one pair only.
     */
    public static String idFor(String submissionId, String repositoryKey) {
        return UUID.nameUUIDFromBytes(("deposit:" + submissionId + "/" + repositoryKey)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    public Deposit withStatus(DepositStatus newStatus, String message) {
        return new Deposit(id, version, submissionId, repositoryKey, newStatus, message, depositStatusRef,
                repositoryCopy, attempts, attemptToken, nextAttemptAt, createdAt, updatedAt, attemptOwner);
    }

    public Deposit withStatusRef(String ref) {
        return new Deposit(id, version, submissionId, repositoryKey, status, statusMessage, ref, repositoryCopy,
                attempts, attemptToken, nextAttemptAt, createdAt, updatedAt, attemptOwner);
    }

    public Deposit withRepositoryCopy(RepositoryCopy copy) {
        return new Deposit(id, version, submissionId, repositoryKey, status, statusMessage, depositStatusRef, copy,
                attempts, attemptToken, nextAttemptAt, createdAt, updatedAt, attemptOwner);
    }

    /** Records the start of a new attempt: the counter goes up and the token is the one the transport will use. */
    public Deposit withAttempt(int attemptCount, String token) {
        return new Deposit(id, version, submissionId, repositoryKey, status, statusMessage, depositStatusRef,
                repositoryCopy, attemptCount, token, nextAttemptAt, createdAt, updatedAt, attemptOwner);
    }

    public Deposit withNextAttemptAt(Instant when) {
        return new Deposit(id, version, submissionId, repositoryKey, status, statusMessage, depositStatusRef,
                repositoryCopy, attempts, attemptToken, when, createdAt, updatedAt, attemptOwner);
    }

    /** Records (or, with null, clears) who holds the attempt in flight. */
    public Deposit withAttemptOwner(AttemptOwner owner) {
        return new Deposit(id, version, submissionId, repositoryKey, status, statusMessage, depositStatusRef,
                repositoryCopy, attempts, attemptToken, nextAttemptAt, createdAt, updatedAt, owner);
    }

    /** A deposit never attempted yet. */
    public static Deposit newDeposit(String id, String submissionId, String repositoryKey) {
        return new Deposit(id, 0, submissionId, repositoryKey, null, null, null, null, 0, null, null, null, null);
    }
}
