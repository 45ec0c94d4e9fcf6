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

    private static final String CHECK_FAILED = "custody check failed: ";

    public enum Finding { ACCEPTED, REJECTED, UNCHANGED, NOT_APPLICABLE }

    private static RepositoryCopy copy(Deposit x, CopyStatus status, DepositStatusProcessor.CustodyReport custody) {
        RepositoryCopy c = x.repositoryCopy();
        return new RepositoryCopy(c == null ? java.util.UUID.randomUUID().toString() : c.id(),
                c == null ? 0 : c.version(), status,
                custody.accessUrl() != null ? custody.accessUrl() : c == null ? null : c.accessUrl(),
                custody.externalIds().isEmpty() && c != null ? c.externalIds() : custody.externalIds());
    }

    /**
     * As in PASS: an error reading or parsing a deposit's status fails the deposit. A transient one (the repository
     * is unreachable) only leaves a note: the deposit stays SUBMITTED and is asked again next time. A permanent
     * one (an answer that cannot be understood, a state missing from deposit-config.mapping) makes it FAILED with
     * the reason, so an operator sees what to fix and can {@code retry} or {@code refresh} it after fixing.
     */
    private void note(String depositId, String actor, TransportException e) {
        String msg = CHECK_FAILED + e.getMessage();
        critical.perform(Resources.deposits(store, actor), depositId,
                x -> x.status() == DepositStatus.SUBMITTED || x.status() == DepositStatus.FAILED,
                x -> CriticalPath.Change.write(e.isTransient() && x.status() == DepositStatus.SUBMITTED ? x.withStatus(DepositStatus.SUBMITTED, msg)
                        : x.withStatus(DepositStatus.FAILED, msg).withRepositoryCopy(null), null),
                (x, v) -> true);
    }

    /**
     * @throws TransportException when the repository cannot be asked now (transient) or its answer cannot be used
     */
    public Finding refresh(String depositId, String actor) throws TransportException {
        return refresh(depositId, actor, false);
    }

    /** Whether a deposit is one custody can be asked about: SUBMITTED, or (for an operator) FAILED after delivery. */
    public static boolean refreshable(Deposit d, boolean operator) {
        return d.depositStatusRef() != null && (d.status() == DepositStatus.SUBMITTED
                || operator && d.status() == DepositStatus.FAILED);
    }

    /**
     * @param operator an explicit operator refresh: a deposit FAILED by an earlier custody check (it has a status
     *                 reference: it reached the repository) is asked again, and moves to what the repository says
     */
    public Finding refresh(String depositId, String actor, boolean operator) throws TransportException {
        Deposit d = store.findDeposit(depositId).orElse(null);
        if (d == null || !refreshable(d, operator)) {
            return Finding.NOT_APPLICABLE;
        }
        var config = targets.repositories().find(d.repositoryKey()).orElse(null);
        if (config == null) {
            return Finding.NOT_APPLICABLE;
        }
        Optional<DepositStatusProcessor> processor = targets.statusProcessor(config);
        if (processor.isEmpty()) {
            return Finding.NOT_APPLICABLE;
        }
        DepositStatusProcessor.CustodyReport custody;
        try {
            custody = processor.get().process(d.depositStatusRef(), config);
        } catch (TransportException e) {
            note(depositId, actor, e);
            throw e;
        }
        return apply(d, custody, actor);
    }

    /**
     * Records what a repository said about a deposit read as {@code d} (SUBMITTED, or FAILED for an operator's
     * refresh): ACCEPTED or REJECTED move the deposit and its copy together; SUBMITTED is written only when it brings
     * news (the repository's words, or an earlier failed check's note to replace), so a quiet poll writes nothing.
     * Nothing is written if the deposit has moved meanwhile.
     */
    public Finding apply(Deposit d, DepositStatusProcessor.CustodyReport custody, String actor) {
        String depositId = d.id();
        if (custody.status() == DepositStatus.SUBMITTED) {
            boolean news = d.status() == DepositStatus.FAILED || !custody.statusMessage().equals(d.statusMessage())
                    && (custody.message() != null || d.statusMessage() != null
                    && d.statusMessage().startsWith(CHECK_FAILED));
            if (news) {
                critical.perform(Resources.deposits(store, actor), depositId, x -> x.status() == d.status(),
                        x -> CriticalPath.Change.write(x.withStatus(DepositStatus.SUBMITTED, custody.statusMessage())
                                .withRepositoryCopy(copy(x, CopyStatus.IN_PROGRESS, custody)), null),
                        (x, v) -> true);
            }
            return Finding.UNCHANGED;
        }
        boolean accepted = custody.status() == DepositStatus.ACCEPTED;
        CriticalResult<Deposit, Void> r = critical.perform(Resources.deposits(store, actor), depositId,
                x -> x.status() == d.status(),
                x -> CriticalPath.Change.write(x.withStatus(custody.status(), custody.statusMessage())
                        .withRepositoryCopy(copy(x, accepted ? CopyStatus.COMPLETE : CopyStatus.REJECTED, custody)),
                        null),
                (x, v) -> true);
        if (!r.success()) {
            LOG.debug("Deposit {} custody not recorded: {}", depositId, r.outcome());
            return Finding.UNCHANGED;
        }
        return accepted ? Finding.ACCEPTED : Finding.REJECTED;
    }
}
