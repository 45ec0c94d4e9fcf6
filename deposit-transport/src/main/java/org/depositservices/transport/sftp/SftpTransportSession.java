package org.depositservices.transport.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.depositservices.packaging.PackageStream;
import org.depositservices.transport.DepositAttempt;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.TransportRequest;
import org.depositservices.transport.TransportResponse;
import org.depositservices.transport.TransportSession;
import org.depositservices.transport.remote.RemoteDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSH connection with an SFTP channel. It owns its SSH client (and its I/O threads), so closing the session
 * releases everything. {@link #send} reconnects first when an earlier failure broke the connection.
 */
final class SftpTransportSession implements TransportSession {

    private static final Logger LOG = LoggerFactory.getLogger(SftpTransportSession.class);

    private final SftpSettings settings;
    private final RemoteDelivery delivery;
    private final SftpFailures failures;
    private SshClient client;
    private ClientSession session;
    private SftpClient sftp;
    private SftpFiles files;

    SftpTransportSession(SftpSettings settings, RemoteDelivery delivery) {
        this.settings = settings;
        this.delivery = delivery;
        this.failures = new SftpFailures(settings);
    }

    /** Reads the private key, if any; a failure is permanent. */
    static List<KeyPair> loadPrivateKey(SftpSettings s, SftpFailures failures) throws TransportException {
        if (s.privateKey() == null) {
            return List.of();
        }
        FilePasswordProvider passphrase = s.passphrase() == null
                ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(s.passphrase());
        try (InputStream in = Files.newInputStream(s.privateKey())) {
            List<KeyPair> keys = new ArrayList<>();
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null,
                    NamedResource.ofName(s.privateKey().toString()), in, passphrase);
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
            if (keys.isEmpty()) {
                throw new IOException("no key found in the file");
            }
            return keys;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw failures.privateKey(e);
        }
    }

    /** Connects, checks the host key, logs in and opens the SFTP channel; on failure nothing stays open. */
    void connect() throws TransportException {
        List<KeyPair> keys = loadPrivateKey(settings, failures);
        try {
            InetAddress.getAllByName(settings.host()); // an unknown host gets its own message
        } catch (UnknownHostException e) {
            throw failures.connect("connecting", e);
        }
        HostKeyCheck hostKeys = new HostKeyCheck(settings);
        KexCheck kex = new KexCheck();
        SshClient c = SshClient.setUpDefaultClient();
        c.setSignatureFactories(SshAlgorithms.forServer(settings));
        c.addSessionListener(kex);
        c.setServerKeyVerifier(hostKeys.verifier());
        // Only what the binding says: no ~/.ssh/config, no default identities from ~/.ssh.
        c.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        c.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        CoreModuleProperties.IDLE_TIMEOUT.set(c, settings.dataTimeout());
        CoreModuleProperties.AUTH_TIMEOUT.set(c, settings.connectTimeout());
        c.start();
        ClientSession s = null;
        String step = "connecting";
        try {
            s = c.connect(settings.username(), settings.host(), settings.port())
                    .verify(settings.connectTimeout()).getSession();
            if (settings.password() != null) {
                s.addPasswordIdentity(settings.password());
            }
            for (KeyPair key : keys) {
                s.addPublicKeyIdentity(key);
            }
            step = "logging in as '" + settings.username() + "'";
            AuthFuture auth = s.auth();
            if (!auth.await(settings.connectTimeout())) {
                throw failures.connect(step, new TimeoutException("no answer to the login"));
            }
            if (!auth.isSuccess()) {
                throw loginFailure(kex, hostKeys, s, auth.getException(), step);
            }
            step = "opening the SFTP channel";
            SftpClient channel = SftpClientFactory.instance().createSftpClient(s);
            this.client = c;
            this.session = s;
            this.sftp = channel;
            this.files = new SftpFiles(channel, settings, failures);
            LOG.debug("connected to SFTP server {} as '{}'", settings.address(), settings.username());
        } catch (IOException | RuntimeException e) {
            closeQuietly(s, c);
            if (!kex.mismatches().isEmpty()) {
                throw failures.negotiation(kex, e);
            }
            if (hostKeys.refusal() != null) {
                throw failures.hostKey(hostKeys.refusal(), e);
            }
            throw failures.connect(step, e);
        } catch (TransportException e) {
            closeQuietly(s, c);
            throw e;
        }
    }

    private TransportException loginFailure(KexCheck kex, HostKeyCheck hostKeys, ClientSession s, Throwable cause,
                                            String step) {
        // The key exchange comes before the login: a session that failed it never offered a credential.
        if (!kex.mismatches().isEmpty()) {
            return failures.negotiation(kex, cause);
        }
        if (hostKeys.refusal() != null) {
            return failures.hostKey(hostKeys.refusal(), cause);
        }
        // The server answered and turned every offered method down: the credentials are wrong. A session that
        // closed instead was cut off, which a retry may get past.
        String m = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        if (s.isOpen() || m.contains("No more authentication methods available")) {
            return failures.login(cause);
        }
        return failures.connect(step, cause == null ? new IOException("session closed during login") : cause);
    }

    @Override
    public TransportResponse send(TransportRequest request) throws TransportException {
        return deliver(request.requirePackage("sftp"), request.attempt());
    }

    private TransportResponse deliver(PackageStream pkg, DepositAttempt attempt) throws TransportException {
        if (files == null || files.broken() || session == null || !session.isOpen()) {
            close();
            connect();
        }
        try {
            return delivery.deliver(files, pkg, attempt).toResponse();
        } finally {
            if (files.broken()) {
                close(); // reconnect on the next send
            }
        }
    }

    @Override
    public void close() {
        if (sftp != null) {
            try {
                sftp.close();
            } catch (IOException e) {
                LOG.debug("closing the SFTP channel to {} failed: {}", settings.address(), e.toString());
            }
        }
        closeQuietly(session, client);
        sftp = null;
        session = null;
        client = null;
    }

    private void closeQuietly(ClientSession s, SshClient c) {
        try {
            if (s != null) {
                s.close(true);
            }
        } finally {
            if (c != null) {
                c.stop();
            }
        }
    }
}
