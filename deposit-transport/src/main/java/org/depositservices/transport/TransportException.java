package org.depositservices.transport;

/**
 * A send failed. The subclass is the transport's whole failure contract, stated in one place:
 * <ul>
 *   <li>{@link TransientTransportException}: try again later (connection refused or reset, timeout, HTTP 5xx or
 *   429, a server's temporary refusal). The deposit goes to RETRY, then FAILED when retries run out.</li>
 *   <li>{@link PermanentTransportException}: trying again cannot help (bad credentials, unknown host key, HTTP
 *   400/401/403/412/413/415, a missing configuration value). The deposit goes to FAILED at once.</li>
 * </ul>
 * The message is for an operator: it says what failed and, where known, what to fix.
 */
public abstract class TransportException extends Exception {

    protected TransportException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when a later attempt may succeed. */
    public abstract boolean isTransient();
}
