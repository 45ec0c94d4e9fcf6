package org.depositservices.transport.custody;

import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TransportException;

/**
 * Custody learned from what a repository sends of its own accord (NIHMS's bulk-submission e-mails), not by asking
 * about each deposit. The host polls it at the repository's interval and hands it a {@link Findings} that records
 * each finding against the deposit it names. Shared by every repository of its method and polled by one thread at a
 * time per repository.
 */
public interface CustodyFeed {

    /**
     * Reads what arrived since the last poll and hands every finding to {@code findings}. What was read is marked
     * done at the source only after {@code findings} has recorded all of it; a poll that stops half-way (a crash, an
     * exception from {@code findings}) leaves the rest to be read again next time, which records nothing twice.
     *
     * @throws org.depositservices.transport.TransientTransportException when the source cannot be read now
     * @throws org.depositservices.transport.PermanentTransportException when the configuration or credentials are
     *                                                                   refused (the operator must fix them)
     */
    void poll(RepositoryConfig config, Findings findings) throws TransportException;
}
