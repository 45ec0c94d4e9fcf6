package org.depositservices.transport;

import java.util.List;
import java.util.Optional;

/**
 * One protocol to reach repositories (filesystem, SWORDv2, FTP, SFTP, ...). A new repository integration is one
 * package holding its Transport, a {@link TransportProvider} named in {@code META-INF/services}, and an entry in
 * repositories.json; nothing outside the package names it (docs/extending.md).
 *
 * <pre>{@code
 * try (TransportSession session = transport.open(config)) {
 *     TransportResponse r = session.send(new TransportRequest(pkg, submission, attempt));
 * }
 * }</pre>
 *
 * <p><b>Failure contract</b>, the same for every transport:
 * <ul>
 *   <li>{@link TransientTransportException} when a later attempt may succeed: the target refused or reset the
 *   connection, timed out, answered HTTP 5xx or 429, was full or busy. The deposit goes to RETRY, then FAILED when
 *   retries run out.</li>
 *   <li>{@link PermanentTransportException} when no retry can help: credentials or host key refused, HTTP
 *   400/401/403/412/413/415/422, a configuration value missing or wrong, a spec this transport cannot deliver. The
 *   deposit goes to FAILED at once.</li>
 *   <li>A failure of <em>our</em> side while the package is read — a stored file missing, unreadable or damaged —
 *   is not the target's: it reaches the transport as a
 *   {@link org.depositservices.packaging.PackageSourceException} (or an IOException caused by one) while it reads
 *   the package stream or a submission file. Let it pass, unwrapped or as the cause of whatever you throw; never
 *   classify it, never word it as a failure of the target. The engine alone decides what it means.</li>
 *   <li>Anything else unchecked is a bug: the deposit goes to FAILED with the exception named in its message.</li>
 * </ul>
 * Messages are for an operator: what failed, at which target, and where known what to fix; never a secret.
 *
 * <p><b>Threads.</b> A Transport is shared by every worker and must be thread-safe; a {@link TransportSession} is
 * used by one thread at a time.
 */
public interface Transport {

    /** The {@code protocol-binding.protocol} value this transport serves, compared ignoring case. */
    String protocol();

    /**
     * Whether this transport delivers a package (an archive). False for a target that takes the submission's files
     * one by one and builds its item from the metadata; such a repository's spec is {@code none}.
     */
    default boolean sendsPackage() {
        return true;
    }

    /** The package spec of a repository whose {@code assembler.specification} is absent. */
    default String defaultSpec() {
        return sendsPackage() ? "simple" : "none";
    }

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
