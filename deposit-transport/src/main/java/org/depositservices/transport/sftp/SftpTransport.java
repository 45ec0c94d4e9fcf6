package org.depositservices.transport.sftp;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.depositservices.transport.IntegrationEnvironment;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.Transport;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.TransportProvider;
import org.depositservices.transport.TransportSession;
import org.depositservices.transport.remote.BindingReader;
import org.depositservices.transport.remote.RemoteDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deposits packages on an SFTP server (protocol {@code sftp}), e.g. a BagIt receiver. Binding keys:
 * {@link SftpSettings}. The server's host key is checked against a known_hosts file unless
 * {@code strict-host-key-checking} is false; login is by password, private key, or both. Host and user keys may be
 * ed25519, ECDSA (nistp256/384/521) or RSA signed with SHA-2 ({@link SshAlgorithms}); a server sharing no algorithm
 * with us fails with what it offered and what we support.
 *
 * <p>Each package goes to {@code default-directory} (relative to the login directory unless absolute, created if
 * missing, {@code %s} = today in UTC) under a temporary name, then is renamed; a file already there under the
 * package's name with its size counts as delivered ({@link RemoteDelivery}). Custody stays SUBMITTED. The status
 * reference is {@code sftp://host[:port]/abs/dir/name}.
 *
 * <p>Lifecycle: {@link #open} connects, checks the host key and logs in; the session sends any number of packages;
 * close ends the connection. Failures: {@link SftpFailures}. Thread-safe; sessions are not.
 *
 * <pre>{@code
 * try (TransportSession s = new SftpTransport().open(config)) {
 *     TransportResponse r = s.send(pkg, attempt); // r.depositStatusRef() = sftp://host/home/dep/incoming/x.zip
 * }
 * }</pre>
 */
public final class SftpTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(SftpTransport.class);

    private final Clock clock;
    private final Path spoolDirectory;

    /** The system clock, spooling (rarely) to {@code java.io.tmpdir}. */
    public SftpTransport() {
        this(Clock.systemUTC(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @param clock          gives today's date for {@code %s} in default-directory
     * @param spoolDirectory where a package is spooled when a file of its name is already on the server
     */
    public SftpTransport(Clock clock, Path spoolDirectory) {
        this.clock = clock;
        this.spoolDirectory = spoolDirectory;
    }

    @Override
    public String protocol() {
        return "sftp";
    }

    @Override
    public List<String> validate(RepositoryConfig config) {
        BindingReader reader = SftpSettings.reader(config);
        SftpSettings settings = SftpSettings.read(reader);
        for (String key : config.protocolBinding().keySet()) {
            if (!SftpSettings.KEYS.contains(key)) {
                LOG.warn("{}: unknown key, ignored (known: {})", reader.path(key), SftpSettings.KEYS);
            }
        }
        if (reader.ok() && settings.privateKey() != null) {
            try {
                SftpTransportSession.loadPrivateKey(settings, new SftpFailures(settings));
            } catch (TransportException e) {
                reader.problem("private-key", e.getMessage());
            }
        }
        return reader.problems();
    }

    @Override
    public TransportSession open(RepositoryConfig config) throws TransportException {
        BindingReader reader = SftpSettings.reader(config);
        SftpSettings settings = SftpSettings.read(reader);
        if (!reader.ok()) {
            throw new PermanentTransportException("SFTP configuration of " + config.key() + " is not usable: "
                    + String.join("; ", reader.problems()));
        }
        SftpTransportSession session = new SftpTransportSession(settings,
                new RemoteDelivery(settings.directory(), clock, spoolDirectory, true, settings.reconcileDays()));
        session.connect();
        return session;
    }

    /** Found through META-INF/services: protocol {@code sftp}. */
    public static final class Provider implements TransportProvider {
        @Override
        public Transport create(IntegrationEnvironment environment) {
            return new SftpTransport(environment.clock(), environment.spoolDirectory());
        }
    }
}
