package org.depositservices.model;

/**
 * A status of a Submission, Deposit or RepositoryCopy. Each value is either intermediate (the resource is still in
 * its workflow and may change) or terminal (the workflow has ended and the resource is read-only for automation).
 *
 * @param <S> the enum implementing it
 */
public interface Status<S extends Enum<S> & Status<S>> {

    /** True when the resource has reached the end of its workflow. */
    boolean isTerminal();

    default boolean isIntermediate() {
        return !isTerminal();
    }

    /**
     * Whether automation may move a resource from this status to {@code next}. Staying in the same status is always
     * allowed (an idempotent re-write). Operator actions that leave a terminal status are not automation and are
     * checked by {@link #canOperatorMoveTo(Enum)}.
     */
    boolean canMoveTo(S next);

    /** Whether an explicit, recorded operator action may move the resource to {@code next}. */
    default boolean canOperatorMoveTo(S next) {
        return canMoveTo(next);
    }
}
