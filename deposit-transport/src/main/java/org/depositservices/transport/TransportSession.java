package org.depositservices.transport;

import org.depositservices.packaging.PackageStream;

/**
 * An open connection to one repository. Lifecycle: {@link Transport#open} → {@link #send} (once or more) →
 * {@link #close}. A session is used by one thread at a time; see {@link Transport} for the failure contract.
 */
public interface TransportSession extends AutoCloseable {

    /**
     * Delivers one deposit attempt. Before sending, a transport that can tell whether the attempt already arrived
     * (a retry after a crash: the same deposit id and package name, an earlier token) checks, and then completes that
     * attempt instead of sending again.
     *
     * @throws TransientTransportException when a later attempt may succeed
     * @throws PermanentTransportException when no retry can help
     */
    TransportResponse send(TransportRequest request) throws TransportException;

    /** Sends a package alone (tools and tests): {@link #send(TransportRequest)} without the submission. */
    default TransportResponse send(PackageStream pkg, DepositAttempt attempt) throws TransportException {
        return send(new TransportRequest(pkg, null, attempt));
    }

    /** Releases the connection; never throws for a connection that is already gone. */
    @Override
    void close();
}
