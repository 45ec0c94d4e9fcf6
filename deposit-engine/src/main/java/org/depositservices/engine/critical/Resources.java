package org.depositservices.engine.critical;

import java.util.Optional;
import org.depositservices.model.Deposit;
import org.depositservices.model.Submission;
import org.depositservices.store.StateStore;

/** {@link CriticalPath.Access} for the store's submissions and deposits. */
public final class Resources {
    private Resources() {
    }

    public static CriticalPath.Access<Submission> submissions(StateStore store, String actor) {
        return new CriticalPath.Access<>() {
            @Override
            public Optional<Submission> read(String id) {
                return store.findSubmission(id);
            }

            @Override
            public Submission write(Submission s) {
                return store.updateSubmission(s, actor);
            }
        };
    }

    public static CriticalPath.Access<Deposit> deposits(StateStore store, String actor) {
        return new CriticalPath.Access<>() {
            @Override
            public Optional<Deposit> read(String id) {
                return store.findDeposit(id);
            }

            @Override
            public Deposit write(Deposit d) {
                return store.updateDeposit(d, actor);
            }
        };
    }
}
