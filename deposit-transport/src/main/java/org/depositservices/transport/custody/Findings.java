package org.depositservices.transport.custody;

import org.depositservices.transport.DepositStatusProcessor.CustodyReport;
import org.depositservices.transport.TransientTransportException;

/** Where a {@link CustodyFeed} hands what it read; each call is durable when it returns. */
public interface Findings {

    /** Whether a finding named a deposit of this repository. */
    enum Match {
        /** Recorded on the deposit (or already recorded: the same finding again changes nothing). */
        RECORDED,
        /** No deposit of this repository has that package name. */
        UNKNOWN
    }

    /**
     * Records what the repository said about the deposit whose package is {@code packageName} (without extension),
     * e.g. SUBMITTED with the repository's id in {@code externalIds}, or REJECTED with its reason in the message.
     *
     * @throws TransientTransportException when it could not be recorded now: stop, and leave the source unmarked
     */
    Match record(String packageName, CustodyReport report) throws TransientTransportException;

    /**
     * Records something read that could not be used (a message that cannot be parsed, a line naming no package of
     * ours), so an operator sees it in the report and the console.
     *
     * @param source what it was, for the operator to find it (e.g. "message &lt;id&gt; from x of 2026-12-05 10:00,
     *               subject '...', moved to folder Unmatched")
     * @param reason why it could not be used
     * @throws TransientTransportException when it could not be recorded now
     */
    void unmatched(String source, String reason) throws TransientTransportException;
}
