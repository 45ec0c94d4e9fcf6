package org.depositservices.transport;

import java.util.Objects;
import java.util.Optional;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.PackageStream;

/**
 * Everything a transport is given to deliver one deposit attempt.
 *
 * @param pkg        the package to send; null when the repository's spec is {@code none} (a target that takes the
 *                   files one by one and builds its item from the metadata, such as a REST repository)
 * @param submission the deposit-side submission: its metadata and its files, each readable; null only where a
 *                   caller (a test, a tool) has just a package
 * @param attempt    which attempt this is: deposit id, stable package name, token, number, tags
 * @param checkpoint where the transport records what it created at the target before going on, and reads what an
 *                   earlier attempt of the deposit recorded; never null (an in-memory one when none is given)
 */
public record TransportRequest(PackageStream pkg, DepositSubmission submission, DepositAttempt attempt,
                               Checkpoint checkpoint) {

    public TransportRequest {
        Objects.requireNonNull(attempt, "attempt");
        if (pkg == null && submission == null) {
            throw new IllegalArgumentException("a request needs a package or a submission");
        }
        checkpoint = checkpoint == null ? Checkpoint.inMemory(null) : checkpoint;
    }

    /** A request whose checkpoints are kept in memory only (transports that never resume, tools, tests). */
    public TransportRequest(PackageStream pkg, DepositSubmission submission, DepositAttempt attempt) {
        this(pkg, submission, attempt, null);
    }

    public Optional<PackageStream> packageStream() {
        return Optional.ofNullable(pkg);
    }

    /**
     * The package, for a transport that sends one.
     *
     * @throws PermanentTransportException when there is none: the repository's {@code assembler.specification} is
     *                                     {@code none}, which this transport cannot deliver
     */
    public PackageStream requirePackage(String protocol) throws PermanentTransportException {
        if (pkg == null) {
            throw new PermanentTransportException("protocol " + protocol + " delivers a package, but the repository's"
                    + " assembler.specification is 'none'");
        }
        return pkg;
    }

    /**
     * The submission, for a transport that builds its item from the metadata and files.
     *
     * @throws PermanentTransportException when the caller gave only a package
     */
    public DepositSubmission requireSubmission(String protocol) throws PermanentTransportException {
        if (submission == null) {
            throw new PermanentTransportException("protocol " + protocol + " needs the submission's metadata and"
                    + " files, and was given only a package");
        }
        return submission;
    }
}
