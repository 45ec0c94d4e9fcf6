package org.depositservices.transport.sftp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signature algorithms the SFTP client offers, for the server's host key and for the user's key: those of
 * OpenSSH's own client. ssh-rsa (RSA with SHA-1) and ssh-dss are not offered, as OpenSSH has not offered them
 * since 8.8; an RSA key is used with rsa-sha2-512 or rsa-sha2-256.
 */
final class SshAlgorithms {

    private static final Logger LOG = LoggerFactory.getLogger(SshAlgorithms.class);

    /** In order of preference, as OpenSSH's client. ssh-ed25519 needs the EdDSA provider on the class path. */
    static final List<BuiltinSignatures> SUPPORTED = List.of(BuiltinSignatures.ed25519, BuiltinSignatures.nistp256,
            BuiltinSignatures.nistp384, BuiltinSignatures.nistp521, BuiltinSignatures.rsaSHA512,
            BuiltinSignatures.rsaSHA256);

    private SshAlgorithms() {
    }

    /** The names we can use here (what the error for a server with none of them lists). */
    static List<String> names() {
        return available().stream().map(BuiltinSignatures::getName).toList();
    }

    private static List<BuiltinSignatures> available() {
        return SUPPORTED.stream().filter(BuiltinSignatures::isSupported).toList();
    }

    /**
     * The supported algorithms, those of the key types {@code knownHosts} records for this server first. A server
     * usually has several host keys (stock Debian: ed25519, ECDSA and RSA) and presents the one of the first
     * algorithm we propose that it has; OpenSSH's client likewise prefers the types it already knows, so that a
     * known_hosts file holding only the server's ECDSA key keeps working.
     */
    static List<NamedFactory<Signature>> forServer(SftpSettings settings) {
        if (!BuiltinSignatures.ed25519.isSupported()) {
            LOG.warn("SFTP to {}: ssh-ed25519 keys cannot be used: the EdDSA provider (net.i2p.crypto:eddsa) is "
                    + "missing from the class path", settings.address());
        }
        Set<String> known = settings.knownHosts() == null ? Set.of()
                : recordedKeyTypes(settings.knownHosts(), settings.host(), settings.port());
        List<NamedFactory<Signature>> first = new ArrayList<>();
        List<NamedFactory<Signature>> rest = new ArrayList<>();
        for (BuiltinSignatures s : available()) {
            (known.contains(keyType(s)) ? first : rest).add(s);
        }
        first.addAll(rest);
        return first;
    }

    /** The key type whose keys sign with {@code s}: rsa-sha2-* are signatures by ssh-rsa keys. */
    private static String keyType(BuiltinSignatures s) {
        return s.getName().startsWith("rsa-sha2-") ? "ssh-rsa" : s.getName();
    }

    private static Set<String> recordedKeyTypes(Path file, String host, int port) {
        Set<String> types = new LinkedHashSet<>();
        try {
            for (KnownHostEntry e : KnownHostEntry.readKnownHostEntries(file)) {
                AuthorizedKeyEntry key = e.getKeyEntry();
                // @revoked and @cert-authority lines are not keys this server may present.
                if (e.getMarker() == null && key != null && e.isHostMatch(host, port)) {
                    types.add(key.getKeyType());
                }
            }
        } catch (IOException | RuntimeException e) {
            // The host key check reads the file again and reports what is wrong with it.
            LOG.debug("reading {} to order host key algorithms failed: {}", file, e.toString());
        }
        return types;
    }
}
