package org.depositservices.transport;

/** A failure a later attempt may not meet: the deposit is retried with backoff. See {@link TransportException}. */
public class TransientTransportException extends TransportException {
    public TransientTransportException(String message) {
        super(message, null);
    }

    public TransientTransportException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
