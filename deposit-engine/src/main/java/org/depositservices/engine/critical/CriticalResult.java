package org.depositservices.engine.critical;

/**
 * How a {@link CriticalPath} ended.
 *
 * @param resource the resource as stored at the end (or as last read, when nothing was stored)
 * @param result   what the critical function returned, if it ran
 * @param error    the exception, for ERROR and CONFLICT
 */
public record CriticalResult<T, R>(Outcome outcome, T resource, R result, Throwable error) {

    public enum Outcome {
        SUCCESS, NOT_FOUND, PRECONDITION_FAILED, POSTCONDITION_FAILED, CONFLICT, ERROR
    }

    static <T, R> CriticalResult<T, R> of(Outcome o, T resource, R result, Throwable error) {
        return new CriticalResult<>(o, resource, result, error);
    }

    public boolean success() {
        return outcome == Outcome.SUCCESS;
    }
}
