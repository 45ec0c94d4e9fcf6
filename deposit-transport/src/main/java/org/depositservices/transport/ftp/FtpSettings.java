package org.depositservices.transport.ftp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.remote.BindingReader;
import org.depositservices.transport.remote.DepositDirectory;

/**
 * The FTP/FTPS {@code protocol-binding} of one repository, read and checked. {@link #toString()} never shows the
 * passwords.
 *
 * @param host              {@code server-fqdn}
 * @param port              {@code server-port}, default 21
 * @param directory         {@code default-directory}, default the login directory
 * @param tls               explicit FTPS (AUTH TLS, PBSZ 0, PROT P): {@code use-tls} or {@code ftps} true, or
 *                          protocol {@code ftps}
 * @param trustAll          {@code tls-trust-all}: accept any server certificate (tests only)
 * @param trustStore        {@code trust-store}: a key store file of trusted certificates; null = the JVM's
 * @param verifyHostname    {@code tls-verify-hostname}, default true: the certificate must name the host
 * @param connectTimeout    {@code connect-timeout-ms}, default 30 s
 * @param dataTimeout       {@code data-timeout-ms}, default 120 s: longest wait for a reply or data
 * @param reconcileDays     {@code reconcile-days}, default 2: earlier days' directories searched for a delivered
 *                          copy when default-directory has {@code %s}
 */
public record FtpSettings(
        String host,
        int port,
        String username,
        String password,
        DataType dataType,
        TransferMode transferMode,
        boolean passive,
        DepositDirectory directory,
        boolean tls,
        boolean trustAll,
        Path trustStore,
        String trustStorePassword,
        boolean verifyHostname,
        Duration connectTimeout,
        Duration dataTimeout,
        int reconcileDays) {

    public static final int DEFAULT_PORT = 21;
    public static final int DEFAULT_RECONCILE_DAYS = 2;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DATA_TIMEOUT = Duration.ofSeconds(120);

    /** Every binding key this transport reads. */
    public static final List<String> KEYS = List.of("protocol", "server-fqdn", "server-port", "username", "password",
            "data-type", "transfer-mode", "use-pasv", "default-directory", "use-tls", "ftps", "tls-trust-all",
            "trust-store", "trust-store-password", "tls-verify-hostname", "connect-timeout-ms", "data-timeout-ms",
            "reconcile-days");

    private static final Set<String> SECRETS = Set.of("password", "trust-store-password");

    /** Reads the binding; problems, each naming its JSON path, are left in {@code reader}. */
    static FtpSettings read(BindingReader r, String defaultProtocol) {
        String protocol = r.optional("protocol", defaultProtocol).toLowerCase(Locale.ROOT);
        String host = r.required("server-fqdn", "set it to the FTP server's host name");
        int port = r.port("server-port", DEFAULT_PORT);
        String username = r.required("username", "set the FTP account's user name");
        String password = r.secret("password");
        if (password == null) {
            r.problem("password", "missing; set the FTP account's password");
        }
        DataType dataType = r.choice("data-type", DataType.class, DataType.BINARY);
        TransferMode mode = transferMode(r);
        boolean passive = r.bool("use-pasv", true);
        boolean ftpsKey = r.bool("ftps", false);
        boolean tls = r.bool("use-tls", protocol.equals("ftps") || ftpsKey);
        if (!tls && (protocol.equals("ftps") || ftpsKey)) {
            r.problem("use-tls", "is false but " + (ftpsKey ? r.path("ftps") + " is true" : "the protocol is ftps")
                    + ": remove one of them");
        }
        boolean trustAll = r.bool("tls-trust-all", false);
        Path trustStore = r.readableFile("trust-store", "trusted certificates for FTPS");
        String trustStorePassword = r.secret("trust-store-password");
        if (trustAll && r.value("trust-store") != null) {
            r.problem("tls-trust-all", "is true and a trust-store is set: trusting every certificate makes the "
                    + "trust-store pointless; remove one of them");
        }
        boolean verifyHostname = r.bool("tls-verify-hostname", true);
        Duration connectTimeout = r.millis("connect-timeout-ms", DEFAULT_CONNECT_TIMEOUT);
        Duration dataTimeout = r.millis("data-timeout-ms", DEFAULT_DATA_TIMEOUT);
        DepositDirectory directory = new DepositDirectory(r.optional("default-directory", ""));
        int reconcileDays = r.count("reconcile-days", DEFAULT_RECONCILE_DAYS, 31);
        return new FtpSettings(host, port, username, password, dataType, mode, passive, directory, tls, trustAll,
                trustStore, trustStorePassword, verifyHostname, connectTimeout, dataTimeout, reconcileDays);
    }

    static BindingReader reader(RepositoryConfig config) {
        return new BindingReader(config, SECRETS);
    }

    private static TransferMode transferMode(BindingReader r) {
        String v = r.value("transfer-mode");
        if (v != null && (v.equalsIgnoreCase("block") || v.equalsIgnoreCase("compressed"))) {
            r.problem("transfer-mode", "\"" + v + "\" is not supported: the FTP client would announce MODE "
                    + (v.equalsIgnoreCase("block") ? "B" : "C") + " but send stream data, corrupting the upload; "
                    + "use \"stream\" (or \"deflate\" for MODE Z)");
            return TransferMode.STREAM;
        }
        return r.choice("transfer-mode", TransferMode.class, TransferMode.STREAM);
    }

    /** "host:port", for messages. */
    String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "FtpSettings[host=" + host + ", port=" + port + ", username=" + username + ", password=***"
                + ", dataType=" + dataType + ", transferMode=" + transferMode + ", passive=" + passive
                + ", directory=" + directory.template() + ", tls=" + tls + ", trustAll=" + trustAll
                + ", trustStore=" + trustStore + ", verifyHostname=" + verifyHostname
                + ", connectTimeout=" + connectTimeout + ", dataTimeout=" + dataTimeout
                + ", reconcileDays=" + reconcileDays + "]";
    }
}
