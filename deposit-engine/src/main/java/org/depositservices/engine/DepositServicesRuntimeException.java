package org.depositservices.engine;

/**
 * PASS's DepositServicesRuntimeException: thrown with a resource, it asks the {@link ErrorHandler} to mark that
 * resource failed (unless it is already terminal); thrown without one, it is only logged.
 */
public class DepositServicesRuntimeException extends RuntimeException {

    /** The resource an error is about. */
    public record ResourceRef(Kind kind, String id) {
        public enum Kind { SUBMISSION, DEPOSIT }

        public static ResourceRef submission(String id) {
            return new ResourceRef(Kind.SUBMISSION, id);
        }

        public static ResourceRef deposit(String id) {
            return new ResourceRef(Kind.DEPOSIT, id);
        }
    }

    private final transient ResourceRef resource;

    public DepositServicesRuntimeException(String message, Throwable cause, ResourceRef resource) {
        super(message, cause);
        this.resource = resource;
    }

    /** The resource to mark failed; null when nothing should be. */
    public ResourceRef resource() {
        return resource;
    }
}
