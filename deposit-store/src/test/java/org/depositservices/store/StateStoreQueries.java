package org.depositservices.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.depositservices.model.Deposit;

/**
 * What tests ask of the state store and the main code never does: the outbox as it stands, every submission, a
 * deposit left as a crash would leave it. Uses the store's own rows (the same SQL) and transactions; shared with
 * the other modules' tests through deposit-store's test-jar.
 */
public final class StateStoreQueries {
    private final DataSource dataSource;
    private final Outbox outbox;
    private final DepositRows deposits;

    public StateStoreQueries(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.outbox = new Outbox(clock);
        this.deposits = new DepositRows(clock);
    }

    /** Committed events not yet marked sent, oldest first (without claiming them, as a relay would). */
    public List<OutboxEvent> unsentEvents(int limit) {
        return Transactions.run(dataSource, c -> outbox.unsent(c, limit, false));
    }

    /** Marks events sent, as the relay does once it has published them. */
    public void markSent(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Transactions.run(dataSource, c -> {
            outbox.markSent(c, ids);
            return null;
        });
    }

    /** Every submission's id, oldest first. */
    public List<String> allSubmissionIds() {
        return Transactions.run(dataSource, c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM submission ORDER BY created_at, id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    /**
     * Writes {@code d} (read at {@code d.version()}) and its copy over the stored deposit as a crash or a lost
     * commit would have left it: without the status rules, no history, no outbox event. Only for tests that need
     * such a state; everything else goes through {@link StateStore#updateDeposit}.
     *
     * @throws UpdateConflictException when the stored version is no longer {@code d.version()}
     */
    public Deposit overwriteDeposit(Deposit d) {
        return Transactions.run(dataSource, c -> {
            if (!deposits.update(c, d)) {
                throw new UpdateConflictException("deposit", d.id(), d.version());
            }
            deposits.writeCopy(c, d.id(), d.repositoryCopy());
            return deposits.byId(c, d.id()).orElseThrow();
        });
    }
}
