package org.depositservices.transport.sftp;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real MINA SSHD server with the SFTP subsystem on a free loopback port, serving {@code root} as "/" with the
 * login directory {@value #LOGIN_DIR}, and a host key generated at start. It accepts {@value #USER} by password or
 * by one authorized public key, and can answer writes with "no space", refuse opening files for writing, or drop
 * the whole connection after N bytes of an upload.
 */
final class EmbeddedSftpServer implements AutoCloseable {

    static final String USER = "depositor";
    static final String PASSWORD = "sftp-Pa55word";
    static final String LOGIN_DIR = "/home/depositor";

    static {
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.sshd", "warn");
    }

    final AtomicBoolean diskFull = new AtomicBoolean();
    final AtomicBoolean permissionDenied = new AtomicBoolean();
    /** When not negative, the connection is dropped once an upload passes this many bytes (once). */
    final AtomicLong cutAfterBytes = new AtomicLong(-1);
    /** Files opened for writing. */
    final AtomicInteger writeOpens = new AtomicInteger();

    private final KeyPair hostKey;
    private final SshServer sshd;

    EmbeddedSftpServer(Path root, PublicKey authorizedKey) throws IOException, GeneralSecurityException {
        this(root, authorizedKey, newKeyPair(), null);
    }

    /** With its host key given, offered only with {@code signatures} when not null. */
    EmbeddedSftpServer(Path root, PublicKey authorizedKey, KeyPair hostKey, List<BuiltinSignatures> signatures)
            throws IOException {
        this.hostKey = hostKey;
        Files.createDirectories(root.resolve(LOGIN_DIR.substring(1)));
        sshd = SshServer.setUpDefaultServer();
        if (signatures != null) {
            sshd.setSignatureFactories(List.copyOf(signatures));
        }
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        sshd.setPublickeyAuthenticator((user, key, session) ->
                USER.equals(user) && authorizedKey != null && KeyUtils.compareKeys(key, authorizedKey));
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory() {
            @Override
            public Command createSubsystem(ChannelSession channel) throws IOException {
                // As a real server's: the login directory is the user's home, not "/".
                SftpSubsystem subsystem = new SftpSubsystem(channel, this) {
                    @Override
                    public void setFileSystem(FileSystem fileSystem) {
                        super.setFileSystem(fileSystem);
                        defaultDir = fileSystem.getPath(LOGIN_DIR);
                    }
                };
                getRegisteredListeners().forEach(subsystem::addSftpEventListener);
                return subsystem;
            }
        };
        sftp.addSftpEventListener(new Probe());
        sshd.setSubsystemFactories(List.of(sftp));
        sshd.start();
    }

    static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    int port() {
        return sshd.getPort();
    }

    PublicKey hostKey() {
        return hostKey.getPublic();
    }

    /** A known_hosts line for this server with {@code key} (its own, or another to simulate a changed key). */
    String knownHostsLine(PublicKey key) {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key);
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }

    private final class Probe implements SftpEventListener {
        @Override
        public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
            if (localHandle instanceof FileHandle f && f.getOpenOptions().contains(StandardOpenOption.WRITE)) {
                if (permissionDenied.get()) {
                    throw new AccessDeniedException(localHandle.getFile().toString());
                }
                writeOpens.incrementAndGet();
            }
        }

        @Override
        public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                            byte[] data, int dataOffset, int dataLen) throws IOException {
            if (diskFull.get()) {
                throw new SftpException(SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM, "No space left on device");
            }
            long limit = cutAfterBytes.get();
            if (limit >= 0 && offset + dataLen > limit && cutAfterBytes.compareAndSet(limit, -1)) {
                session.close(true);
                throw new IOException("test: connection dropped after " + limit + " bytes");
            }
        }
    }
}
