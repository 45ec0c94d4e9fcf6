package org.depositservices.transport.sftp;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the server's host key against a known_hosts file and remembers why it refused one, so that the failure
 * can name the key the server presented and the file to fix. Never writes to the file. One per session.
 */
final class HostKeyCheck {

    private static final Logger LOG = LoggerFactory.getLogger(HostKeyCheck.class);

    /** Why a host key was refused. */
    record Refusal(Kind kind, String presented, String recorded) {
        enum Kind { UNKNOWN, CHANGED, REVOKED }
    }

    private final SftpSettings settings;
    private volatile Refusal refusal;

    HostKeyCheck(SftpSettings settings) {
        this.settings = settings;
    }

    Refusal refusal() {
        return refusal;
    }

    ServerKeyVerifier verifier() {
        if (!settings.strictHostKeys()) {
            return (session, address, key) -> {
                LOG.warn("SFTP to {}: host key {} accepted WITHOUT checking (strict-host-key-checking false): for "
                        + "tests only, never in production", settings.address(), describe(key));
                return true;
            };
        }
        return new Verifier(settings.knownHosts());
    }

    static String describe(PublicKey key) {
        return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
    }

    private final class Verifier extends KnownHostsServerKeyVerifier {
        Verifier(Path file) {
            super(RejectAllServerKeyVerifier.INSTANCE, file);
            setModifiedServerKeyAcceptor(this);
        }

        @Override
        protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remote, PublicKey key) {
            refusal = new Refusal(Refusal.Kind.UNKNOWN, describe(key), null);
            return false;
        }

        @Override
        public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remote, KnownHostEntry entry,
                                               PublicKey expected, PublicKey actual) {
            refusal = new Refusal(Refusal.Kind.CHANGED, describe(actual),
                    expected == null ? entry.getConfigLine() : describe(expected));
            return false;
        }

        @Override
        protected void handleRevokedKey(ClientSession session, SocketAddress remote, PublicKey key) {
            refusal = new Refusal(Refusal.Kind.REVOKED, describe(key), null);
            super.handleRevokedKey(session, remote, key);
        }
    }
}
