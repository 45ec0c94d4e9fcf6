package org.depositservices.store;

/** The store could not do what was asked (database unreachable, disk full, ...). Usually transient. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
