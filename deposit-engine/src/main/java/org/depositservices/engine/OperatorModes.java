package org.depositservices.engine;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.store.StateStore;
import org.depositservices.transport.TransportException;

/**
 * The {@code retry} and {@code refresh} modes of PASS. Both take deposits by id or API URI (the last path
 * segment is the id), or act on every eligible deposit when none is given; both may run while {@code listen} runs
 * on the same database, since every change goes through a CriticalPath.
 *
 * <p>A deposit whose repository is not in the repositories.json the mode read is refused, untouched: the mode's
 * configuration differs from the one the deposit was made with, and acting on it would fail the deposit for the
 * mode's mistake.
 */
public final class OperatorModes {
    private final StateStore store;
    private final DepositTask task;
    private final CustodyRefresher custody;
    private final DepositProcessor deposits;
    private final RepositoryTargets targets;
    private final String configuration;
    private final String operator;

    /**
     * @param targets       the repositories this mode read
     * @param configuration where it read them (PASS_DEPOSIT_REPOSITORY_CONFIGURATION), named when one is missing
     */
    public OperatorModes(StateStore store, DepositTask task, CustodyRefresher custody, DepositProcessor deposits,
                         RepositoryTargets targets, String configuration, String operator) {
        this.store = store;
        this.targets = targets;
        // a location may be a URL with a user and password in it: never print those
        this.configuration = configuration == null ? "unknown" : configuration.replaceAll("//[^/@\\s]*@", "//***@");
        this.task = task;
        this.custody = custody;
        this.deposits = deposits;
        this.operator = operator;
    }

    /**
     * What a mode did, counted. {@code processed} counts the deposits the mode acted on; a refused one (not
     * eligible, no such deposit, its repository not configured) is an error and not processed. {@code failed}
     * counts retries that failed again (FAILED, or RETRY: the attempt failed and waits for its backoff).
     */
    public record Summary(int processed, int accepted, int submitted, int rejected, int unchanged, int failed,
                          int errors) {
        public String refreshLine() {
            return processed + " refreshed, " + accepted + " accepted, " + rejected + " rejected, " + unchanged
                    + " unchanged, " + errors + " errors";
        }

        /** No rejected count: a retry sends, and only a repository's later custody answer can reject. */
        public String retryLine() {
            return processed + " retried, " + accepted + " accepted, " + submitted + " submitted, " + unchanged
                    + " unchanged, " + failed + " failed, " + errors + " errors";
        }

        /** True when everything asked for was done: the mode then exits 0. */
        public boolean allDone() {
            return failed == 0 && errors == 0;
        }
    }

    /** Why a deposit must not be touched by this mode (its repository is not configured here); null when it may. */
    private String notConfigured(Deposit d) {
        if (targets.isConfigured(d.repositoryKey())) {
            return null;
        }
        return "its repository '" + d.repositoryKey() + "' is not in the repositories.json this mode read ("
                + configuration + "); not touched: run the mode with the configuration listen uses"
                + " (PASS_DEPOSIT_REPOSITORY_CONFIGURATION)";
    }

    /**
     * Re-runs FAILED or RETRY deposits now: the explicit operator action that may move a FAILED deposit, recorded in
     * its history with the operator's name. Without refs: every FAILED and RETRY deposit.
     */
    public Summary retry(List<String> refs, PrintStream out, Progress progress) {
        List<String> ids = refs.isEmpty() ? eligible(DepositStatus.FAILED, DepositStatus.RETRY) : idsOf(refs);
        int processed = 0, accepted = 0, submitted = 0, unchanged = 0, failed = 0, errors = 0;
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            progress.update(i, ids.size());
            Deposit d = store.findDeposit(id).orElse(null);
            if (d == null || !(d.status() == DepositStatus.FAILED || d.status() == DepositStatus.RETRY)) {
                out.println(id + ": " + (d == null ? "no such deposit" : "is " + d.status()
                        + "; only FAILED or RETRY deposits are retried"));
                errors++;
                continue;
            }
            if (d.depositStatusRef() != null) {
                // It reached the repository; sending again would make a second copy there.
                out.println(id + ": reached the repository (" + d.depositStatusRef() + "); its custody check"
                        + " failed: " + d.statusMessage() + " - fix that, then use refresh, not retry");
                errors++;
                continue;
            }
            String missing = notConfigured(d);
            if (missing != null) {
                out.println(id + ": " + missing);
                errors++;
                continue;
            }
            try {
                DepositTask.AttemptResult o = task.retryNow(id, operator);
                Deposit after = store.findDeposit(id).orElseThrow();
                out.println(id + ": " + o + (after.statusMessage() == null ? "" : " - " + after.statusMessage()));
                switch (o) {
                    case ACCEPTED -> accepted++;
                    case SUBMITTED -> submitted++;
                    case FAILED, RETRY -> failed++;
                    // not retried: someone else (listen, another operator) holds it or has just moved it
                    case NOT_DUE, LOST_CLAIM -> unchanged++;
                }
                if (o != DepositTask.AttemptResult.NOT_DUE && o != DepositTask.AttemptResult.LOST_CLAIM) {
                    processed++;
                }
                deposits.recompute(after.submissionId());
            } catch (RuntimeException e) {
                out.println(id + ": error - " + e.getMessage());
                errors++;
            }
        }
        progress.update(ids.size(), ids.size());
        return new Summary(processed, accepted, submitted, 0, unchanged, failed, errors);
    }

    /** Re-reads custody of SUBMITTED deposits. Without refs: every SUBMITTED deposit. */
    public Summary refresh(List<String> refs, PrintStream out, Progress progress) {
        List<String> ids = refs.isEmpty() ? eligible(DepositStatus.SUBMITTED) : idsOf(refs);
        if (refs.isEmpty()) {
            store.findDepositsByStatus(DepositStatus.FAILED).stream()
                    .filter(d -> CustodyRefresher.refreshable(d, true)).forEach(d -> ids.add(d.id()));
        }
        int processed = 0, accepted = 0, rejected = 0, unchanged = 0, errors = 0;
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            progress.update(i, ids.size());
            Deposit d = store.findDeposit(id).orElse(null);
            if (d == null || !CustodyRefresher.refreshable(d, true)) {
                out.println(id + ": " + (d == null ? "no such deposit" : "is " + d.status()
                        + "; only SUBMITTED deposits (or FAILED ones whose custody check failed) are refreshed"));
                errors++;
                continue;
            }
            String missing = notConfigured(d);
            if (missing != null) {
                out.println(id + ": " + missing);
                errors++;
                continue;
            }
            processed++;
            try {
                CustodyRefresher.Finding o = custody.refresh(id, "operator:" + operator, true);
                out.println(id + ": " + o);
                switch (o) {
                    case ACCEPTED -> accepted++;
                    case REJECTED -> rejected++;
                    case UNCHANGED -> unchanged++;
                    case NOT_APPLICABLE -> {
                        out.println(id + ": its repository reports no custody status (no status reference or no"
                                + " status processor for its protocol)");
                        unchanged++;
                    }
                }
                deposits.recompute(d.submissionId());
            } catch (TransportException | RuntimeException e) {
                out.println(id + ": error - " + e.getMessage());
                errors++;
                deposits.recompute(d.submissionId());
            }
        }
        progress.update(ids.size(), ids.size());
        return new Summary(processed, accepted, 0, rejected, unchanged, 0, errors);
    }

    private List<String> eligible(DepositStatus... statuses) {
        List<String> ids = new ArrayList<>();
        for (DepositStatus s : statuses) {
            store.findDepositsByStatus(s).forEach(d -> ids.add(d.id()));
        }
        return ids;
    }

    /** A deposit's id from an id or a URI such as {@code http://host/api/deposits/<id>}. */
    static List<String> idsOf(List<String> refs) {
        List<String> ids = new ArrayList<>();
        for (String r : refs) {
            String t = r.trim();
            while (t.endsWith("/")) {
                t = t.substring(0, t.length() - 1);
            }
            ids.add(t.substring(t.lastIndexOf('/') + 1));
        }
        return ids;
    }

    /** Reports progress; {@link #terminal} draws a bar on a terminal, {@link #none} draws nothing. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);

        static Progress none() {
            return (done, total) -> { };
        }

        static Progress terminal(PrintStream err) {
            return (done, total) -> {
                int width = 30;
                int filled = total == 0 ? width : done * width / total;
                err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
                if (done == total) {
                    err.println();
                }
                err.flush();
            };
        }
    }
}
