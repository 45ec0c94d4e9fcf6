package org.depositservices.transport.ftp;

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
 * Deposits packages on an FTP server (protocol {@code ftp}) or an explicit FTPS server (protocol {@code ftps}, or
 * {@code ftp} with {@code use-tls}), as PASS does for NIHMS. Binding keys: {@link FtpSettings}.
 *
 * <p>Each package is uploaded as {@code <name>.part-<attemptToken>} into {@code default-directory} (created if
 * missing, {@code %s} = today in UTC) and renamed to its name once complete; a file already there under that name
 * with the package's size counts as delivered ({@link RemoteDelivery}). Custody stays SUBMITTED: the repository
 * reports later (NIHMS by e-mail). The status reference is {@code ftp://host[:port]/dir/name}.
 *
 * <p>Lifecycle: {@link #open} connects and logs in; the session sends any number of packages; close logs out.
 * Failures: {@link FtpFailures}. Thread-safe; sessions are not.
 *
 * <pre>{@code
 * Transport ftp = new FtpTransport();
 * try (TransportSession s = ftp.open(config)) {
 *     TransportResponse r = s.send(pkg, attempt); // r.depositStatusRef() = ftp://host/logs/upload/2026-11-23/x.tar.gz
 * }
 * }</pre>
 */
public final class FtpTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(FtpTransport.class);

    private final String protocol;
    private final Clock clock;
    private final Path spoolDirectory;

    /** Protocol {@code ftp}, the system clock, spooling (rarely) to {@code java.io.tmpdir}. */
    public FtpTransport() {
        this("ftp", Clock.systemUTC(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @param protocol       "ftp" or "ftps" (the latter turns TLS on unless configured otherwise)
     * @param clock          gives today's date for {@code %s} in default-directory
     * @param spoolDirectory where a package is spooled when a file of its name is already on the server
     */
    public FtpTransport(String protocol, Clock clock, Path spoolDirectory) {
        this.protocol = protocol;
        this.clock = clock;
        this.spoolDirectory = spoolDirectory;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public List<String> validate(RepositoryConfig config) {
        BindingReader reader = FtpSettings.reader(config);
        FtpSettings.read(reader, protocol);
        for (String key : config.protocolBinding().keySet()) {
            if (!FtpSettings.KEYS.contains(key)) {
                LOG.warn("{}: unknown key, ignored (known: {})", reader.path(key), FtpSettings.KEYS);
            }
        }
        return reader.problems();
    }

    @Override
    public TransportSession open(RepositoryConfig config) throws TransportException {
        BindingReader reader = FtpSettings.reader(config);
        FtpSettings settings = FtpSettings.read(reader, protocol);
        if (!reader.ok()) {
            throw new PermanentTransportException("FTP configuration of " + config.key() + " is not usable: "
                    + String.join("; ", reader.problems()));
        }
        RemoteDelivery delivery = new RemoteDelivery(settings.directory(), clock, spoolDirectory,
                settings.dataType().preservesSize(), settings.reconcileDays());
        FtpTransportSession session = new FtpTransportSession(settings, delivery);
        session.connect();
        return session;
    }

    /** Found through META-INF/services: protocol {@code ftp}. */
    public static final class Provider implements TransportProvider {
        @Override
        public Transport create(IntegrationEnvironment environment) {
            return new FtpTransport("ftp", environment.clock(), environment.spoolDirectory());
        }
    }

    /** Found through META-INF/services: protocol {@code ftps}. */
    public static final class TlsProvider implements TransportProvider {
        @Override
        public Transport create(IntegrationEnvironment environment) {
            return new FtpTransport("ftps", environment.clock(), environment.spoolDirectory());
        }
    }
}
