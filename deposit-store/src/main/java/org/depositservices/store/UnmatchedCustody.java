package org.depositservices.store;

import java.time.Instant;

/**
 * Something a custody feed read and could not use.
 *
 * @param source where it is (e.g. the e-mail's Message-ID, sender, date, subject and the folder it was moved to)
 * @param reason why it could not be used
 */
public record UnmatchedCustody(long id, String repositoryKey, String source, String reason, Instant recordedAt) {
}
