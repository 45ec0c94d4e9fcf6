package org.depositservices.engine;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.store.StateStore;
import org.depositservices.transport.TransportException;

/**
 * The {@code retry} and {@code refresh} modes of seed 002. Both take deposits by id or API URI (the last path
 * segment is the id), or act on every eligible deposit when none is given; both may run while {@code listen} runs
 * on the same database, since every change goes through a CriticalPath.
 */
public final class OperatorModes {
    private final StateStore store;
    private final DepositTask task;
    private final CustodyRefresher custody;
    private final DepositProcessor deposits;
    private final String operator;

    public OperatorModes(StateStore store, DepositTask task, CustodyRefresher custody, DepositProcessor deposits,
                         String operator) {
        this.store = store;
        this.task = task;
        this.custody = custody;
        this.deposits = deposits;
        this.operator = operator;
    }

    /** What a mode did, counted. {@code errors} also counts refs that name no eligible deposit. */
    public record Summary(int processed, int accepted, int submitted, int rejected, int unchanged, int errors) {
        public String refreshLine() {
            return processed + " refreshed, " + accepted + " accepted, " + rejected + " rejected, " + unchanged
                    + " unchanged, " + errors + " errors";
        }

        public String retryLine() {
            return processed + " retried, " + accepted + " accepted, " + submitted + " submitted, " + rejected
                    + " rejected, " + unchanged + " unchanged, " + errors + " errors";
        }
    }

    /**
     * Re-runs FAILED or RETRY deposits now: the explicit operator action that may move a FAILED deposit, recorded in
     * its history with the operator's name. Without refs: every FAILED and RETRY deposit.
     */
    public Summary retry(List<String> refs, PrintStream out, Progress progress) {
        List<String> ids = refs.isEmpty() ? eligible(DepositStatus.FAILED, DepositStatus.RETRY) : idsOf(refs);
        int accepted = 0, submitted = 0, rejected = 0, unchanged = 0, errors = 0;
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
            store.recordEvent("deposit", id, "operator:" + operator, String.valueOf(d.status()), null,
                    "operator " + operator + " retried the deposit (was " + d.status() + ": " + d.statusMessage()
                            + ")");
            try {
                DepositTask.Outcome o = task.retryNow(id, operator);
                Deposit after = store.findDeposit(id).orElseThrow();
                out.println(id + ": " + o + (after.statusMessage() == null ? "" : " - " + after.statusMessage()));
                switch (o) {
                    case ACCEPTED -> accepted++;
                    case SUBMITTED -> submitted++;
                    case FAILED, RETRY, NOT_DUE, LOST_CLAIM -> unchanged++;
                }
                deposits.recompute(after.submissionId());
            } catch (RuntimeException e) {
                out.println(id + ": error - " + e.getMessage());
                errors++;
            }
        }
        progress.update(ids.size(), ids.size());
        return new Summary(ids.size(), accepted, submitted, rejected, unchanged, errors);
    }

    /** Re-reads custody of SUBMITTED deposits. Without refs: every SUBMITTED deposit. */
    public Summary refresh(List<String> refs, PrintStream out, Progress progress) {
        List<String> ids = refs.isEmpty() ? eligible(DepositStatus.SUBMITTED) : idsOf(refs);
        if (refs.isEmpty()) {
            store.findDepositsByStatus(DepositStatus.FAILED).stream()
                    .filter(d -> CustodyRefresher.refreshable(d, true)).forEach(d -> ids.add(d.id()));
        }
        int accepted = 0, rejected = 0, unchanged = 0, errors = 0;
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
            try {
                CustodyRefresher.Outcome o = custody.refresh(id, "operator:" + operator, true);
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
        return new Summary(ids.size(), accepted, 0, rejected, unchanged, errors);
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
