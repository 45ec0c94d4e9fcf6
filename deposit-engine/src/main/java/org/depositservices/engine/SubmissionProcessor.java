package org.depositservices.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.depositservices.engine.critical.CriticalPath;
import org.depositservices.engine.critical.CriticalResult;
import org.depositservices.engine.critical.Resources;
import org.depositservices.model.AggregatedDepositStatus;
import org.depositservices.model.Deposit;
import org.depositservices.model.Submission;
import org.depositservices.model.SubmissionFile;
import org.depositservices.store.FileContentStore;
import org.depositservices.store.StateStore;
import org.depositservices.store.UpdateConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reacts to "submission ready": moves a NOT_STARTED submission to IN_PROGRESS and creates one Deposit per requested
 * repository in the same transaction, then hands each deposit to the workers. The stored status, not the message,
 * decides: a second delivery finds the submission IN_PROGRESS and does nothing.
 *
 * <p>PASS's submission failure rules set FAILED with the reason: the deposit-side model cannot be built (a
 * requested repository is not configured), there are no files, a file has no location (or its bytes are gone),
 * or the submission cannot be saved.
 */
public final class SubmissionProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionProcessor.class);
    private static final String ACTOR = "engine:submission";

    private final StateStore store;
    private final FileContentStore content;
    private final CriticalPath critical;
    private final Consumer<String> depositDispatcher;

    /** @param depositDispatcher hands a deposit id to the worker pool */
    public SubmissionProcessor(StateStore store, FileContentStore content, CriticalPath critical,
                               Consumer<String> depositDispatcher) {
        this.store = store;
        this.content = content;
        this.critical = critical;
        this.depositDispatcher = depositDispatcher;
    }

    public void process(String submissionId) {
        CriticalResult<Submission, String> checked = critical.perform(Resources.submissions(store, ACTOR),
                submissionId,
                s -> s.status() == AggregatedDepositStatus.NOT_STARTED,
                s -> {
                    String why = whyItCannotStart(s);
                    return why == null ? CriticalPath.Change.none(null)
                            : CriticalPath.Change.write(s.withStatus(AggregatedDepositStatus.FAILED, why), why);
                },
                (s, why) -> why == null);
        switch (checked.outcome()) {
            case NOT_FOUND -> {
                LOG.warn("Submission {} does not exist; message ignored", submissionId);
                return;
            }
            case PRECONDITION_FAILED -> {
                LOG.debug("Submission {} is {}; nothing to start", submissionId, checked.resource().status());
                return;
            }
            case POSTCONDITION_FAILED -> {
                LOG.warn("Submission {} FAILED: {}", submissionId, checked.result());
                return;
            }
            case SUCCESS -> {
                // fall through to start it
            }
            default -> throw new DepositServicesRuntimeException("cannot check submission " + submissionId,
                    checked.error(), DepositServicesRuntimeException.ResourceRef.submission(submissionId));
        }
        Submission s = checked.resource();
        List<Deposit> wanted = new ArrayList<>();
        for (String key : s.repositories()) {
            // the id follows from submission and repository: the same at every incarnation of this deposit
            wanted.add(Deposit.newDeposit(Deposit.idFor(s.id(), key), s.id(), key));
        }
        List<Deposit> deposits;
        try {
            deposits = store.startSubmission(s.withStatus(AggregatedDepositStatus.IN_PROGRESS, null), wanted, ACTOR);
        } catch (UpdateConflictException e) {
            LOG.debug("Submission {} was started by someone else", submissionId);
            return;
        } catch (RuntimeException e) {
            throw new DepositServicesRuntimeException("cannot save submission " + submissionId + " as IN_PROGRESS",
                    e, DepositServicesRuntimeException.ResourceRef.submission(submissionId));
        }
        LOG.info("Submission {} IN_PROGRESS with {} deposit(s)", submissionId, deposits.size());
        for (Deposit d : deposits) {
            if (d.status() == null) {
                depositDispatcher.accept(d.id());
            }
        }
    }

    /** The first of PASS's failure rules that applies, as a message; null when the submission can start. */
    private String whyItCannotStart(Submission s) {
        if (s.metadata() == null) {
            return "the submission has no metadata";
        }
        if (s.repositories().isEmpty()) {
            return "the submission names no repository";
        }
        // Whether each repository is configured was asked at intake; one dropped from repositories.json since then
        // fails its deposit alone, with that reason (RepositoryTargets), and the others still go.
        if (s.files().isEmpty()) {
            return "the submission has no files";
        }
        for (SubmissionFile f : s.files()) {
            if (f.location() == null || f.location().isBlank()) {
                return "file '" + f.name() + "' has no location";
            }
            if (!content.exists(f.location())) {
                return "the bytes of file '" + f.name() + "' are missing from the content store (" + f.location()
                        + ")";
            }
        }
        return null;
    }
}
