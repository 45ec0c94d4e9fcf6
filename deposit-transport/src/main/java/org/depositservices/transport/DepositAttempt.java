package org.depositservices.transport;

import java.util.List;

/**
 * Which deposit attempt a send belongs to. The token is recorded in the store before sending, so a transport that
 * is asked to send again with the same token can first check whether that attempt already arrived (SWORD Slug,
 * FTP/SFTP final name and size, the filesystem's final name) and continue instead of sending twice.
 *
 * @param depositId     the deposit's id: the same for every attempt and every incarnation of the deposit row
 * @param attemptNumber 1 for the first attempt
 * @param tags          the submission's tags, in the submission's order (e.g. {@code covid}); transports may use
 *                      them as hints (SWORDv2 picks a collection by {@code collection-hints.<tag>}); never null
 * @param packageName   the package's file name (with a package) or the deposit's stable name at the target (without
 *                      one, spec {@code none}); the same at every attempt, so a target can be asked whether an earlier
 *                      attempt arrived; null where a caller has none
 */
public record DepositAttempt(String depositId, String submissionId, String attemptToken, int attemptNumber,
                             List<String> tags, String packageName) {

    public DepositAttempt {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** An attempt without a stable name given (the transport takes the package's). */
    public DepositAttempt(String depositId, String submissionId, String attemptToken, int attemptNumber,
                          List<String> tags) {
        this(depositId, submissionId, attemptToken, attemptNumber, tags, null);
    }

    /** An attempt for a submission without tags (the original four-field form). */
    public DepositAttempt(String depositId, String submissionId, String attemptToken, int attemptNumber) {
        this(depositId, submissionId, attemptToken, attemptNumber, List.of(), null);
    }
}
