package org.depositservices.example.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.depositservices.model.SubmissionFile;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.transport.DepositAttempt;
import org.depositservices.transport.IntegrationEnvironment;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.Transport;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.TransportProvider;
import org.depositservices.transport.TransportRequest;
import org.depositservices.transport.TransportResponse;
import org.depositservices.transport.TransportSession;

/**
 * The worked example of docs/extending.md: a repository integration that lives only in this test package, with
 * its line in META-INF/services and an entry in a repositories.json, and nothing else. Protocol {@code inbox}:
 * each deposit becomes a directory {@code <directory>/<deposit name>/} holding the submission's files as they are
 * (spec {@code none}: no package) and a {@code title.txt}; a directory already there is an earlier attempt's
 * delivery, so a retry completes instead of writing twice.
 */
public final class InboxTransport implements Transport {

    /** Found through META-INF/services. */
    public static final class Provider implements TransportProvider {
        @Override
        public Transport create(IntegrationEnvironment environment) {
            return new InboxTransport();
        }
    }

    @Override
    public String protocol() {
        return "inbox";
    }

    @Override
    public boolean sendsPackage() {
        return false;
    }

    @Override
    public List<String> validate(RepositoryConfig config) {
        String dir = config.binding("directory", null);
        return dir == null ? List.of(config.key() + ".transport-config.protocol-binding.directory: missing")
                : List.of();
    }

    @Override
    public TransportSession open(RepositoryConfig config) {
        Path root = Path.of(config.binding("directory", null));
        return new TransportSession() {
            @Override
            public TransportResponse send(TransportRequest request) throws TransportException {
                DepositSubmission s = request.requireSubmission(protocol());
                DepositAttempt attempt = request.attempt();
                Path target = root.resolve(attempt.packageName());
                if (Files.isDirectory(target)) {
                    return delivered(config, target, "already delivered by an earlier attempt");
                }
                Path part = root.resolve(attempt.packageName() + ".part-" + attempt.attemptToken());
                try {
                    Files.createDirectories(part);
                    for (SubmissionFile f : s.files()) {
                        try (InputStream in = s.source().open(f)) {
                            Files.copy(in, part.resolve(f.name()), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                    Files.writeString(part.resolve("title.txt"), s.metadata().publication().title());
                    Files.move(part, target);
                } catch (IOException e) {
                    throw new TransientTransportException("writing " + target + " failed: " + e.getMessage(), e);
                }
                return delivered(config, target, "delivered");
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Delivered: custody at once, unless the repository names a custody method (its curators decide later, and the
     * method is asked with the delivered directory as status reference).
     */
    private static TransportResponse delivered(RepositoryConfig config, Path dir, String what) {
        boolean later = config.custodyMethod() != null;
        return new TransportResponse(later ? TransportResponse.Custody.SUBMITTED : TransportResponse.Custody.ACCEPTED,
                later ? dir.toString() : null, dir.toUri().toString(), List.of(dir.getFileName().toString()),
                what + " to " + dir);
    }
}
