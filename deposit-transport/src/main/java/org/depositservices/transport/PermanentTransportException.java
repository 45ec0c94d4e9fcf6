package org.depositservices.transport;

/** A failure no retry can fix: the deposit FAILS at once. See {@link TransportException}. */
public class PermanentTransportException extends TransportException {
    public PermanentTransportException(String message) {
        super(message, null);
    }

    public PermanentTransportException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
