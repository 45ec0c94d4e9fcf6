package org.depositservices.transport.custody;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.depositservices.transport.DepositStatusProcessor;
import org.depositservices.transport.IntegrationEnvironment;
import org.depositservices.transport.RepositoryConfig;

/**
 * A way of learning custody that is not the transport's own (a repository that answers by e-mail, a report to
 * fetch), chosen per repository by {@code deposit-config.custody.method} in repositories.json. Found like
 * transports: each implementation is named in
 * {@code META-INF/services/org.depositservices.transport.custody.CustodyProvider} and loaded by
 * {@link CustodyRegistry}; public, a public no-argument constructor, no state.
 */
public interface CustodyProvider {

    /** The {@code deposit-config.custody.method} value this provider serves, compared ignoring case. */
    String method();

    /**
     * Problems with a repository's {@code deposit-config.custody} for this method, each naming its JSON path
     * (e.g. {@code nihms.deposit-config.custody.imap-host: missing}); checked at start-up with the rest.
     */
    List<String> validate(RepositoryConfig config);

    /** The processor asked about each SUBMITTED deposit of such a repository. Called once per host. */
    DepositStatusProcessor create(IntegrationEnvironment environment);

    /**
     * For a method that learns custody from what the repository sends (e-mail), the feed the host polls for each
     * repository using it, at {@link #pollInterval}; empty for a method that asks about each deposit. Called once
     * per host.
     */
    default Optional<CustodyFeed> feed(IntegrationEnvironment environment) {
        return Optional.empty();
    }

    /** How often the host polls a repository's feed (e.g. its {@code deposit-config.custody.interval-ms}). */
    default Duration pollInterval(RepositoryConfig config) {
        return Duration.ofMinutes(5);
    }
}
