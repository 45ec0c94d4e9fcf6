package org.depositservices.transport;

import org.depositservices.packaging.PackageStream;

/**
 * An open connection to one repository. Lifecycle: {@link Transport#open} → {@link #send} (once or more) →
 * {@link #close}. A session is used by one thread at a time.
 */
public interface TransportSession extends AutoCloseable {

    /**
     * Sends one package. Before sending, a transport that can tell whether {@code attempt} already arrived (a
     * retry after a crash) checks, and then completes that attempt instead of sending the bytes again.
     *
     * @throws TransientTransportException when a later attempt may succeed
     * @throws PermanentTransportException when no retry can help
     */
    TransportResponse send(PackageStream pkg, DepositAttempt attempt) throws TransportException;

    /** Releases the connection; never throws for a connection that is already gone. */
    @Override
    void close();
}
