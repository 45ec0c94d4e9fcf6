package org.depositservices.transport;

import java.util.List;
import java.util.Optional;

/**
 * One protocol to reach repositories (filesystem, SWORDv2, FTP, SFTP, ...). A new repository integration is one
 * Transport plus an entry in repositories.json.
 *
 * <pre>{@code
 * try (TransportSession session = transport.open(config)) {
 *     TransportResponse r = session.send(assembler.assemble(submission, options), attempt);
 * }
 * }</pre>
 */
public interface Transport {

    /** The {@code protocol-binding.protocol} value this transport serves, compared ignoring case. */
    String protocol();

    /**
     * Problems with a repository's configuration for this transport, each naming its JSON path
     * (e.g. {@code my-repo.transport-config.protocol-binding.server-port: "abc" is not a port number}).
     * Called at startup; an empty list means the configuration is usable.
     */
    List<String> validate(RepositoryConfig config);

    /**
     * Opens a session.
     *
     * @throws TransientTransportException when the repository cannot be reached now
     * @throws PermanentTransportException when the configuration or credentials are refused
     */
    TransportSession open(RepositoryConfig config) throws TransportException;

    /** How this protocol learns custody after a SUBMITTED deposit, if it can. */
    default Optional<DepositStatusProcessor> statusProcessor(RepositoryConfig config) {
        return Optional.empty();
    }
}
