package org.depositservices.engine;

import java.util.Optional;
import org.depositservices.engine.critical.CriticalPath;
import org.depositservices.engine.critical.CriticalResult;
import org.depositservices.engine.critical.Resources;
import org.depositservices.model.CopyStatus;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.model.RepositoryCopy;
import org.depositservices.transport.DepositStatusProcessor;
import org.depositservices.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a repository whether it took custody of a SUBMITTED deposit (its transport's {@link DepositStatusProcessor},
 * e.g. a SWORD statement) and moves the Deposit and its RepositoryCopy together: ACCEPTED/COMPLETE or
 * REJECTED/REJECTED. Used by the periodic custody job and the {@code refresh} mode.
 */
public final class CustodyRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(CustodyRefresher.class);

    private final org.depositservices.store.StateStore store;
    private final RepositoryTargets targets;
    private final CriticalPath critical;

    public CustodyRefresher(org.depositservices.store.StateStore store, RepositoryTargets targets,
                            CriticalPath critical) {
        this.store = store;
        this.targets = targets;
        this.critical = critical;
    }

    public enum Outcome { ACCEPTED, REJECTED, UNCHANGED, NOT_APPLICABLE }

    /**
     * @throws TransportException when the repository cannot be asked now (transient) or its answer cannot be used
     */
    public Outcome refresh(String depositId, String actor) throws TransportException {
        Deposit d = store.findDeposit(depositId).orElse(null);
        if (d == null || d.status() != DepositStatus.SUBMITTED || d.depositStatusRef() == null) {
            return Outcome.NOT_APPLICABLE;
        }
        var config = targets.repositories().find(d.repositoryKey()).orElse(null);
        if (config == null) {
            return Outcome.NOT_APPLICABLE;
        }
        Optional<DepositStatusProcessor> processor = targets.transport(config)
                .flatMap(t -> t.statusProcessor(config));
        if (processor.isEmpty()) {
            return Outcome.NOT_APPLICABLE;
        }
        DepositStatusProcessor.Custody custody = processor.get().process(d.depositStatusRef(), config);
        if (custody.status() == DepositStatus.SUBMITTED) {
            return Outcome.UNCHANGED;
        }
        boolean accepted = custody.status() == DepositStatus.ACCEPTED;
        CriticalResult<Deposit, Void> r = critical.perform(Resources.deposits(store, actor), depositId,
                x -> x.status() == DepositStatus.SUBMITTED,
                x -> {
                    RepositoryCopy c = x.repositoryCopy();
                    RepositoryCopy copy = new RepositoryCopy(c == null ? java.util.UUID.randomUUID().toString() : c.id(),
                            c == null ? 0 : c.version(), accepted ? CopyStatus.COMPLETE : CopyStatus.REJECTED,
                            custody.accessUrl() != null ? custody.accessUrl() : c == null ? null : c.accessUrl(),
                            custody.externalIds().isEmpty() && c != null ? c.externalIds() : custody.externalIds());
                    String msg = "repository state " + custody.state();
                    return CriticalPath.Change.write(x.withStatus(custody.status(), msg).withRepositoryCopy(copy),
                            null);
                },
                (x, v) -> true);
        if (!r.success()) {
            LOG.debug("Deposit {} custody not recorded: {}", depositId, r.outcome());
            return Outcome.UNCHANGED;
        }
        return accepted ? Outcome.ACCEPTED : Outcome.REJECTED;
    }
}
