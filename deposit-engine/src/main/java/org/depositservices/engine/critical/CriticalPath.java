package org.depositservices.engine.critical;

import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import org.depositservices.store.UpdateConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PASS's CriticalRepositoryInteraction, isolated by the store's versions instead of a JVM lock, so that any
 * number of threads and nodes may race on one resource:
 * <ol>
 *   <li>read the resource;</li>
 *   <li>test the pre-condition on what was read (false: stop, nothing written);</li>
 *   <li>apply the critical function: a pure change of state, plus a result;</li>
 *   <li>store it naming the version read, and re-read — a stale version throws {@link UpdateConflictException};
 *       the {@link ConflictHandler} then decides whether to start again from step 1;</li>
 *   <li>test the post-condition on the stored resource and the result.</li>
 * </ol>
 * Because a conflict may replay steps 1–4, the critical function must have no side effects outside the resource
 * (sending a package is done between two CriticalPaths, never inside one).
 */
public final class CriticalPath {
    private static final Logger LOG = LoggerFactory.getLogger(CriticalPath.class);

    private final ConflictHandler conflicts;

    public CriticalPath(ConflictHandler conflicts) {
        this.conflicts = conflicts;
    }

    /** How to read and write one kind of resource. */
    public interface Access<T> {
        Optional<T> read(String id);

        /** Stores {@code t}, read at its version, and returns what is stored now; throws on a stale version. */
        T write(T t);
    }

    /** What the critical function decided: the resource to store (null: store nothing) and a result. */
    public record Change<T, R>(T resource, R result) {
        public static <T, R> Change<T, R> write(T resource, R result) {
            return new Change<>(resource, result);
        }

        /** Nothing to store: the resource is already as it should be. */
        public static <T, R> Change<T, R> none(R result) {
            return new Change<>(null, result);
        }
    }

    /** Decides, after a conflict on attempt {@code attempt} (1-based), whether to read again and retry. */
    @FunctionalInterface
    public interface ConflictHandler {
        boolean retry(UpdateConflictException conflict, int attempt);

        /** Retries up to {@code maxAttempts} in all. */
        static ConflictHandler retryUpTo(int maxAttempts) {
            return (e, attempt) -> attempt < maxAttempts;
        }
    }

    public <T, R> CriticalResult<T, R> perform(Access<T> access, String id, Predicate<T> precondition,
                                               Function<T, Change<T, R>> critical,
                                               BiPredicate<T, R> postcondition) {
        for (int attempt = 1; ; attempt++) {
            Optional<T> read = access.read(id);
            if (read.isEmpty()) {
                return CriticalResult.of(CriticalResult.Outcome.NOT_FOUND, null, null, null);
            }
            T resource = read.get();
            if (!precondition.test(resource)) {
                return CriticalResult.of(CriticalResult.Outcome.PRECONDITION_FAILED, resource, null, null);
            }
            Change<T, R> change;
            try {
                change = critical.apply(resource);
            } catch (RuntimeException e) {
                return CriticalResult.of(CriticalResult.Outcome.ERROR, resource, null, e);
            }
            T stored = resource;
            if (change.resource() != null) {
                try {
                    stored = access.write(change.resource());
                } catch (UpdateConflictException e) {
                    if (conflicts.retry(e, attempt)) {
                        LOG.debug("Conflict on {} (attempt {}), reading again", id, attempt);
                        continue;
                    }
                    return CriticalResult.of(CriticalResult.Outcome.CONFLICT, resource, change.result(), e);
                }
            }
            boolean ok = postcondition.test(stored, change.result());
            return CriticalResult.of(ok ? CriticalResult.Outcome.SUCCESS : CriticalResult.Outcome.POSTCONDITION_FAILED,
                    stored, change.result(), null);
        }
    }
}
