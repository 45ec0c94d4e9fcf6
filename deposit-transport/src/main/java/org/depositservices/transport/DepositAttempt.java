package org.depositservices.transport;

/**
 * Which deposit attempt a send belongs to. The token is recorded in the store before sending, so a transport that
 * is asked to send again with the same token can first check whether that attempt already arrived (SWORD Slug,
 * FTP/SFTP final name and size, the filesystem's final name) and continue instead of sending twice.
 *
 * @param attemptNumber 1 for the first attempt
 */
public record DepositAttempt(String depositId, String submissionId, String attemptToken, int attemptNumber) {
}
