package org.depositservices.engine;

import java.time.Clock;
import java.util.random.RandomGenerator;
import org.depositservices.engine.critical.CriticalPath;
import org.depositservices.model.Deposit;
import org.depositservices.store.FileContentStore;
import org.depositservices.store.StateStore;

/**
 * The engine's object graph, built in one place for every host: the {@code listen} engine, the operator modes and
 * the tests get the same deposit task, custody refresher, deposit processor and error handler, on one CriticalPath.
 *
 * @param owner recorded on every claim the task makes (node and incarnation)
 */
public record EngineParts(StateStore store, RepositoryTargets targets, CriticalPath critical, DepositTask task,
                          CustodyRefresher custody, DepositProcessor deposits, ErrorHandler errors,
                          Deposit.AttemptOwner owner) {

    /** How many times a CriticalPath reads again after losing a race on a version. */
    static final int CONFLICT_ATTEMPTS = 5;

    public static EngineParts build(StateStore store, FileContentStore content, RepositoryTargets targets,
                                    EngineSettings settings, Clock clock, RandomGenerator random,
                                    Deposit.AttemptOwner owner) {
        CriticalPath critical = new CriticalPath(CriticalPath.ConflictHandler.retryUpTo(CONFLICT_ATTEMPTS));
        DepositTask task = new DepositTask(store, content, targets, critical, settings.retry(),
                settings.attemptLease(), clock, random, owner);
        return new EngineParts(store, targets, critical, task, new CustodyRefresher(store, targets, critical),
                new DepositProcessor(store, critical), new ErrorHandler(store, critical), owner);
    }

    /**
     * The {@code retry} and {@code refresh} modes on these parts.
     *
     * @param configuration where the repositories were read, named when a deposit's repository is missing
     * @param operator      the person running the mode, recorded in each deposit's history
     */
    public OperatorModes operatorModes(String configuration, String operator) {
        return new OperatorModes(store, task, custody, deposits, targets, configuration, operator);
    }
}
