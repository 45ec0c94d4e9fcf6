package org.depositservices.transport.ftp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.TransportException;

/**
 * The FTP transport's failure contract in one place: which server replies and I/O errors a retry can cure
 * (transient) and which it cannot (permanent), with what the operator should do about each. Never includes the
 * password: messages carry only the server's reply text, the host, the port and the user name.
 *
 * <table>
 *   <tr><th>transient</th><td>connection refused, reset or closed, timeouts, unknown host (DNS may recover),
 *   421, 425, 426, 450, 451, 452 (disk full), 552 (quota), any other 4xx</td></tr>
 *   <tr><th>permanent</th><td>530 (login), 532, 550 (permission denied / no such file), 553 (name not allowed),
 *   a failed TLS handshake, a refused AUTH TLS / PBSZ / PROT (other than 421), any other 5xx</td></tr>
 * </table>
 */
final class FtpFailures {

    private final FtpSettings settings;

    FtpFailures(FtpSettings settings) {
        this.settings = settings;
    }

    /** A negative or unexpected reply {@code code} (with the server's {@code replyText}) to {@code action}. */
    TransportException reply(String action, int code, String replyText) {
        String reply = oneLine(replyText, code);
        String where = "FTP server " + settings.address() + ": " + action + " failed (" + reply + ")";
        String user = "'" + settings.username() + "'";
        return switch (code) {
            case 421 -> new TransientTransportException(where
                    + ": the server is closing the connection (too busy or shutting down); will retry");
            case 425 -> new TransientTransportException(where + ": the data connection could not be opened; will "
                    + "retry (if this persists, check firewalls and use-pasv)");
            case 426 -> new TransientTransportException(where
                    + ": the data connection was closed and the transfer aborted; will retry");
            case 450 -> new TransientTransportException(where + ": the file is busy or unavailable; will retry");
            case 451 -> new TransientTransportException(where + ": the server had a local error; will retry");
            case 452 -> new TransientTransportException(where + ": disk full on the server (insufficient storage); "
                    + "ask the repository's operators to free space; will retry");
            case 552 -> new TransientTransportException(where + ": storage quota of user " + user
                    + " exceeded (disk full for this account); ask the repository's operators to free space or raise "
                    + "the quota; will retry");
            case 530 -> new PermanentTransportException(where + ": login refused; "
                    + (mentionsTls(reply) && !settings.tls()
                        ? "the server requires TLS: set use-tls to true for " + settings.host()
                        : "check username/password for " + settings.host() + " (user " + user + ")"));
            case 532 -> new PermanentTransportException(where + ": the server wants an account (ACCT) to store files,"
                    + " which this transport does not send; ask for an account without one");
            case 534, 431 -> new PermanentTransportException(where + ": the server refuses TLS; check use-tls and "
                    + "whether " + settings.host() + " supports explicit FTPS (AUTH TLS)");
            case 550 -> new PermanentTransportException(where + ": permission denied or no such file or directory; "
                    + "check that user " + user + " may create and write files there (default-directory)");
            case 553 -> new PermanentTransportException(where + ": the server does not allow this file name; check "
                    + "default-directory and the package name, and that user " + user + " may write there");
            default -> code >= 400 && code < 500 || code <= 0
                    ? new TransientTransportException(where + ": a temporary refusal; will retry")
                    : new PermanentTransportException(where + ": an unexpected refusal; see the server's message");
        };
    }

    /** An I/O error during {@code action}. */
    TransportException io(String action, IOException e) {
        String where = "FTP server " + settings.address() + ": " + action + " failed";
        if (e instanceof UnknownHostException) {
            return new TransientTransportException("FTP: " + action + " failed: cannot resolve host '" + settings.host()
                    + "' (server-fqdn); check the name and DNS; will retry", e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new TransientTransportException(where + ": " + e.getMessage() + " (is the FTP server running and "
                    + "is server-port " + settings.port() + " right?); will retry", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new TransientTransportException(where + ": timed out (connect-timeout-ms "
                    + settings.connectTimeout().toMillis() + ", data-timeout-ms " + settings.dataTimeout().toMillis()
                    + "); will retry", e);
        }
        if (e instanceof SSLHandshakeException) {
            return new PermanentTransportException(where + ": TLS handshake failed (" + e.getMessage() + "); the "
                    + "server's certificate is not trusted or does not name " + settings.host() + ": add it (or its CA)"
                    + " to trust-store, or check server-fqdn against the certificate", e);
        }
        if (e instanceof SSLException && isReply(e.getMessage()) && !e.getMessage().startsWith("421")) {
            // Commons Net reports a refused AUTH/PBSZ/PROT as an SSLException carrying the reply (431, 504, 534...).
            return new PermanentTransportException(where + ": the server refused TLS (" + oneLine(e.getMessage(), 0)
                    + "); check use-tls and whether " + settings.host() + " supports explicit FTPS (AUTH TLS)", e);
        }
        if (e instanceof FTPConnectionClosedException) {
            return new TransientTransportException(where + ": the server closed the connection; will retry", e);
        }
        return new TransientTransportException(where + ": " + e + "; will retry", e);
    }

    private static boolean mentionsTls(String reply) {
        String r = reply.toLowerCase(Locale.ROOT);
        return r.contains("tls") || r.contains("ssl") || r.contains("encrypt") || r.contains("secure");
    }

    private static boolean isReply(String message) {
        return message != null && message.length() >= 3 && (message.charAt(0) == '4' || message.charAt(0) == '5')
                && Character.isDigit(message.charAt(1)) && Character.isDigit(message.charAt(2));
    }

    private static String oneLine(String text, int code) {
        if (text == null || text.isBlank()) {
            return code > 0 ? String.valueOf(code) : "no reply";
        }
        String s = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
