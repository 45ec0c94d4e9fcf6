package org.depositservices.transport.sftp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.remote.BindingReader;
import org.depositservices.transport.remote.DepositDirectory;

/**
 * The SFTP {@code protocol-binding} of one repository, read and checked. {@link #toString()} never shows the
 * password or the passphrase.
 *
 * @param port           {@code server-port}, default 22
 * @param password       {@code password}; may be null when a private key is given
 * @param privateKey     {@code private-key}: an OpenSSH or PEM private key file; may be null when a password is given
 * @param passphrase     {@code passphrase} of the private key, if it is encrypted
 * @param knownHosts     {@code known-hosts}: an OpenSSH known_hosts file; required when strict checking is on
 * @param strictHostKeys {@code strict-host-key-checking}, default true: unknown or changed host keys are refused
 * @param directory      {@code default-directory}, relative to the login directory unless absolute
 * @param connectTimeout {@code connect-timeout-ms}, default 30 s: connect, key exchange and login each
 * @param dataTimeout    {@code data-timeout-ms}, default 120 s: a session silent that long is closed
 * @param reconcileDays  {@code reconcile-days}, default 2: earlier days' directories searched for a delivered copy
 *                       when default-directory has {@code %s}
 */
public record SftpSettings(
        String host,
        int port,
        String username,
        String password,
        Path privateKey,
        String passphrase,
        Path knownHosts,
        boolean strictHostKeys,
        DepositDirectory directory,
        Duration connectTimeout,
        Duration dataTimeout,
        int reconcileDays) {

    public static final int DEFAULT_PORT = 22;
    public static final int DEFAULT_RECONCILE_DAYS = 2;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DATA_TIMEOUT = Duration.ofSeconds(120);

    /** Every binding key this transport reads. */
    public static final List<String> KEYS = List.of("protocol", "server-fqdn", "server-port", "username", "password",
            "private-key", "passphrase", "known-hosts", "strict-host-key-checking", "default-directory",
            "connect-timeout-ms", "data-timeout-ms", "reconcile-days");

    private static final Set<String> SECRETS = Set.of("password", "passphrase");

    static BindingReader reader(RepositoryConfig config) {
        return new BindingReader(config, SECRETS);
    }

    /** Reads the binding; problems, each naming its JSON path, are left in {@code r}. */
    static SftpSettings read(BindingReader r) {
        String host = r.required("server-fqdn", "set it to the SFTP server's host name");
        int port = r.port("server-port", DEFAULT_PORT);
        String username = r.required("username", "set the SSH account's user name");
        String password = r.secret("password");
        Path privateKey = r.readableFile("private-key", "the SSH private key");
        if (password == null && r.value("private-key") == null) {
            r.problem("password", "neither password nor private-key is set; set one of them (or both)");
        }
        String passphrase = r.secret("passphrase");
        boolean strict = r.bool("strict-host-key-checking", true);
        Path knownHosts = r.readableFile("known-hosts", "known_hosts of the SFTP server");
        if (strict && r.value("known-hosts") == null) {
            r.problem("known-hosts", "missing while strict-host-key-checking is true; set it to a known_hosts file "
                    + "holding the server's host key (e.g. made with: ssh-keyscan -p " + port + " "
                    + (host == null ? "<server-fqdn>" : host) + "), or set strict-host-key-checking to false "
                    + "(tests only)");
        }
        Duration connectTimeout = r.millis("connect-timeout-ms", DEFAULT_CONNECT_TIMEOUT);
        Duration dataTimeout = r.millis("data-timeout-ms", DEFAULT_DATA_TIMEOUT);
        DepositDirectory directory = new DepositDirectory(r.optional("default-directory", ""));
        int reconcileDays = r.count("reconcile-days", DEFAULT_RECONCILE_DAYS, 31);
        return new SftpSettings(host, port, username, password, privateKey, passphrase, knownHosts, strict,
                directory, connectTimeout, dataTimeout, reconcileDays);
    }

    String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "SftpSettings[host=" + host + ", port=" + port + ", username=" + username
                + ", password=" + (password == null ? "none" : "***") + ", privateKey=" + privateKey
                + ", passphrase=" + (passphrase == null ? "none" : "***") + ", knownHosts=" + knownHosts
                + ", strictHostKeys=" + strictHostKeys + ", directory=" + directory.template()
                + ", connectTimeout=" + connectTimeout + ", dataTimeout=" + dataTimeout
                + ", reconcileDays=" + reconcileDays + "]";
    }
}
