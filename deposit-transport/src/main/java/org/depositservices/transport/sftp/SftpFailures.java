package org.depositservices.transport.sftp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.TransportException;

/**
 * The SFTP transport's failure contract in one place. Never includes the password or passphrase.
 *
 * <table>
 *   <tr><th>permanent</th><td>no algorithm in common with the server (host key, key exchange, cipher or MAC);
 *   host key unknown, changed or revoked; login refused; private key unreadable;
 *   SSH_FX_PERMISSION_DENIED, SSH_FX_WRITE_PROTECT, SSH_FX_NO_SUCH_FILE / NO_SUCH_PATH, SSH_FX_OP_UNSUPPORTED
 *   and other refusals</td></tr>
 *   <tr><th>transient</th><td>unknown host (DNS may recover), connection refused, reset, closed or timed out;
 *   SSH_FX_NO_SPACE_ON_FILESYSTEM and SSH_FX_QUOTA_EXCEEDED (disk full); SSH_FX_FAILURE (OpenSSH, speaking
 *   SFTP v3, reports a full disk this way); SSH_FX_NO_CONNECTION, CONNECTION_LOST, LOCK_CONFLICT,
 *   FILE_ALREADY_EXISTS (a concurrent rename; the retry reconciles)</td></tr>
 * </table>
 */
final class SftpFailures {

    private final SftpSettings settings;

    SftpFailures(SftpSettings settings) {
        this.settings = settings;
    }

    TransportException hostKey(HostKeyCheck.Refusal refusal, Throwable cause) {
        String file = settings.knownHosts().toAbsolutePath().toString();
        String hostPattern = settings.port() == SftpSettings.DEFAULT_PORT
                ? settings.host() : "[" + settings.host() + "]:" + settings.port();
        String message = switch (refusal.kind()) {
            case UNKNOWN -> "host key of SFTP server " + settings.address() + " is not known: the server presented "
                    + refusal.presented() + ", and known_hosts file " + file + " has no key for " + hostPattern
                    + ". Check that fingerprint with the server's operators, then add the server's key to " + file
                    + " (e.g. ssh-keyscan -p " + settings.port() + " " + settings.host() + ")";
            case CHANGED -> "host key of SFTP server " + settings.address() + " does not match known_hosts file "
                    + file + ": the server presented " + refusal.presented() + " but the file records "
                    + refusal.recorded() + " for " + hostPattern + ". If the server's key changed legitimately "
                    + "(confirm with its operators), replace its line in " + file
                    + "; otherwise someone may be intercepting the connection";
            case REVOKED -> "host key of SFTP server " + settings.address() + " (" + refusal.presented()
                    + ") is marked @revoked in known_hosts file " + file + "; ask the server's operators for its "
                    + "new key";
        };
        return new PermanentTransportException(message, cause);
    }

    /** The key exchange found no common algorithm: say which kinds, what the server offered, what we support. */
    TransportException negotiation(KexCheck kex, Throwable cause) {
        String hint = kex.hostKeys() ? " (for host keys: an ed25519, ECDSA or RSA key, RSA signed with SHA-2; "
                + "OpenSSH's sshd offers all three unless its HostKey or HostKeyAlgorithms lines say otherwise)" : "";
        return new PermanentTransportException("SFTP server " + settings.address() + " and this client have no "
                + "algorithm in common for " + String.join("; and for ", kex.mismatches()) + ". Ask the server's "
                + "operators to enable one of ours" + hint + "; no login was attempted", cause);
    }

    TransportException login(Throwable cause) {
        return new PermanentTransportException("SFTP login to " + settings.address() + " as '" + settings.username()
                + "' was refused: check username/password or private-key for " + settings.host(), cause);
    }

    TransportException privateKey(Exception cause) {
        return new PermanentTransportException("cannot read private-key " + settings.privateKey().toAbsolutePath()
                + " for SFTP to " + settings.address() + ": " + cause.getMessage() + " (it must be an OpenSSH or PEM "
                + "private key; if it is encrypted, check passphrase)", cause);
    }

    /** A failure to connect, exchange keys or log in that is neither a host key nor a credential refusal. */
    TransportException connect(String step, Throwable e) {
        String where = "SFTP server " + settings.address() + ": " + step + " failed";
        if (has(e, UnknownHostException.class)) {
            return new TransientTransportException("SFTP: " + step + " failed: cannot resolve host '" + settings.host()
                    + "' (server-fqdn); check the name and DNS; will retry", e);
        }
        if (has(e, ConnectException.class) || has(e, NoRouteToHostException.class)) {
            return new TransientTransportException(where + ": connection refused (is the SSH server running and is "
                    + "server-port " + settings.port() + " right?); will retry", e);
        }
        if (timedOut(e)) {
            return new TransientTransportException(where + ": timed out after connect-timeout-ms "
                    + settings.connectTimeout().toMillis() + "; will retry", e);
        }
        return new TransientTransportException(where + ": " + e.getMessage() + "; will retry", e);
    }

    /** A failed SFTP request ({@code action} names it and its path) or a lost connection. */
    TransportException io(String action, IOException e) {
        String where = "SFTP server " + settings.address() + ": " + action + " failed";
        SftpException sftp = find(e, SftpException.class);
        if (sftp == null) {
            if (timedOut(e)) {
                return new TransientTransportException(where + ": timed out (data-timeout-ms "
                        + settings.dataTimeout().toMillis() + "); will retry", e);
            }
            return new TransientTransportException(where + ": the connection was lost (" + e.getMessage()
                    + "); will retry", e);
        }
        String status = SftpConstants.getStatusName(sftp.getStatus()) + " " + sftp.getMessage();
        String user = "'" + settings.username() + "'";
        return switch (sftp.getStatus()) {
            case SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM -> new TransientTransportException(where + " ("
                    + status + "): disk full on the server; ask the repository's operators to free space; "
                    + "will retry", e);
            case SftpConstants.SSH_FX_QUOTA_EXCEEDED -> new TransientTransportException(where + " (" + status
                    + "): quota of user " + user + " exceeded (disk full for this account); ask the repository's "
                    + "operators to free space or raise the quota; will retry", e);
            case SftpConstants.SSH_FX_FAILURE -> new TransientTransportException(where + " (" + status
                    + "): the server gave no reason (OpenSSH reports a full disk this way); will retry", e);
            case SftpConstants.SSH_FX_NO_CONNECTION, SftpConstants.SSH_FX_CONNECTION_LOST ->
                    new TransientTransportException(where + " (" + status + "): the connection was lost; "
                            + "will retry", e);
            case SftpConstants.SSH_FX_LOCK_CONFLICT, SftpConstants.SSH_FX_FILE_ALREADY_EXISTS ->
                    new TransientTransportException(where + " (" + status + "): another client is using the file; "
                            + "will retry", e);
            case SftpConstants.SSH_FX_PERMISSION_DENIED, SftpConstants.SSH_FX_WRITE_PROTECT ->
                    new PermanentTransportException(where + " (" + status + "): permission denied; check that user "
                            + user + " may create and write files there (default-directory)", e);
            case SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH ->
                    new PermanentTransportException(where + " (" + status + "): no such file or directory; check "
                            + "default-directory", e);
            default -> new PermanentTransportException(where + " (" + status + "): the server refused", e);
        };
    }

    private static boolean timedOut(Throwable e) {
        if (has(e, SocketTimeoutException.class) || has(e, TimeoutException.class)) {
            return true;
        }
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    static boolean has(Throwable e, Class<? extends Throwable> type) {
        return find(e, type) != null;
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
