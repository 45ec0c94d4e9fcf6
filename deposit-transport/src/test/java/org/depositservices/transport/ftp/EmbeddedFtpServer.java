package org.depositservices.transport.ftp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.filesystem.nativefs.NativeFileSystemFactory;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.apache.ftpserver.ftplet.UserManager;

/**
 * A real Apache FtpServer on a free loopback port, serving {@code home} as "/". Besides plain FTP it can speak
 * explicit FTPS, answer STOR with 452 (disk full), and cut the data connection of the next upload after N bytes,
 * the way a network failure would. It records every command it receives.
 */
final class EmbeddedFtpServer implements AutoCloseable {

    static final String USER = "depositor";
    static final String PASSWORD = "s3cret-Pa55word";
    static final String READ_ONLY_USER = "reader";
    static final String READ_ONLY_PASSWORD = "reader-pw";

    /** "STOR /path", "RNFR /path", ... in arrival order. */
    final List<String> commands = new CopyOnWriteArrayList<>();
    /** While true, every STOR is answered 452. */
    final AtomicBoolean diskFull = new AtomicBoolean();
    /** When not negative, the next upload's data connection is cut after this many bytes (once). */
    final AtomicLong cutAfterBytes = new AtomicLong(-1);
    volatile Boolean lastUploadControlSecure;
    volatile Boolean lastUploadDataSecure;

    static {
        // FtpServer logs every command at INFO; keep test output readable (read when its loggers are created).
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.ftpserver", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.mina", "warn");
    }

    private final FtpServer server;
    private final int port;
    private volatile FtpSession uploading;

    EmbeddedFtpServer(Path home, TlsMaterial tls) throws FtpException {
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        if (tls != null) {
            SslConfigurationFactory ssl = new SslConfigurationFactory();
            ssl.setKeystoreFile(tls.keyStore().toFile());
            ssl.setKeystorePassword(tls.keyStorePassword());
            ssl.setKeystoreType("PKCS12");
            listener.setSslConfiguration(ssl.createSslConfiguration());
            listener.setImplicitSsl(false);
        }
        factory.addListener("default", listener.createListener());

        PropertiesUserManagerFactory users = new PropertiesUserManagerFactory();
        users.setPasswordEncryptor(new ClearTextPasswordEncryptor());
        UserManager manager = users.createUserManager();
        manager.save(user(USER, PASSWORD, home, true));
        manager.save(user(READ_ONLY_USER, READ_ONLY_PASSWORD, home, false));
        factory.setUserManager(manager);

        NativeFileSystemFactory nativeFs = new NativeFileSystemFactory();
        factory.setFileSystem(user -> new CuttingView(nativeFs.createFileSystemView(user)));
        factory.setFtplets(new java.util.HashMap<>(Map.of("probe", new Probe()))); // FtpServer clears it on stop
        server = factory.createServer();
        server.start();
        port = ((DefaultFtpServer) server).getListener("default").getPort();
    }

    private static BaseUser user(String name, String password, Path home, boolean write) {
        BaseUser u = new BaseUser();
        u.setName(name);
        u.setPassword(password);
        u.setHomeDirectory(home.toString());
        u.setAuthorities(write ? List.of(new WritePermission()) : List.of());
        return u;
    }

    int port() {
        return port;
    }

    long count(String command) {
        return commands.stream().filter(c -> c.startsWith(command + " ")).count();
    }

    @Override
    public void close() {
        if (!server.isStopped()) {
            server.stop();
        }
    }

    private final class Probe extends DefaultFtplet {
        @Override
        public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
            commands.add(request.getCommand() + " " + request.getArgument());
            if (request.getCommand().equals("STOR") && diskFull.get()) {
                session.write(new DefaultFtpReply(452, "Insufficient storage space on the server"));
                return FtpletResult.SKIP;
            }
            return super.beforeCommand(session, request);
        }

        @Override
        public FtpletResult onUploadStart(FtpSession session, FtpRequest request) {
            uploading = session;
            lastUploadControlSecure = session.isSecure();
            lastUploadDataSecure = session.getDataConnection().isSecure();
            return FtpletResult.DEFAULT;
        }
    }

    /** Closes the data connection mid-transfer when armed, as a dropped network connection would. */
    private final class CuttingStream extends FilterOutputStream {
        private long written;

        CuttingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            long limit = cutAfterBytes.get();
            if (limit >= 0 && written + len > limit && cutAfterBytes.compareAndSet(limit, -1)) {
                int allowed = (int) Math.max(0, limit - written);
                out.write(b, off, allowed);
                written += allowed;
                out.flush();
                FtpSession s = uploading;
                if (s != null) {
                    s.getDataConnection().closeDataConnection();
                }
                throw new SocketException("test: data connection cut after " + limit + " bytes");
            }
            out.write(b, off, len);
            written += len;
        }
    }

    private final class CuttingView implements FileSystemView {
        private final FileSystemView view;

        CuttingView(FileSystemView view) {
            this.view = view;
        }

        @Override
        public FtpFile getHomeDirectory() throws FtpException {
            return new CuttingFile(view.getHomeDirectory());
        }

        @Override
        public FtpFile getWorkingDirectory() throws FtpException {
            return new CuttingFile(view.getWorkingDirectory());
        }

        @Override
        public boolean changeWorkingDirectory(String dir) throws FtpException {
            return view.changeWorkingDirectory(dir);
        }

        @Override
        public FtpFile getFile(String file) throws FtpException {
            return new CuttingFile(view.getFile(file));
        }

        @Override
        public boolean isRandomAccessible() throws FtpException {
            return view.isRandomAccessible();
        }

        @Override
        public void dispose() {
            view.dispose();
        }
    }

    private final class CuttingFile implements FtpFile {
        private final FtpFile file;

        CuttingFile(FtpFile file) {
            this.file = file;
        }

        @Override
        public OutputStream createOutputStream(long offset) throws IOException {
            return new CuttingStream(file.createOutputStream(offset));
        }

        @Override
        public boolean move(FtpFile destination) {
            return file.move(destination instanceof CuttingFile c ? c.file : destination);
        }

        // Plain delegation below.
        @Override public String getAbsolutePath() { return file.getAbsolutePath(); }
        @Override public String getName() { return file.getName(); }
        @Override public boolean isHidden() { return file.isHidden(); }
        @Override public boolean isDirectory() { return file.isDirectory(); }
        @Override public boolean isFile() { return file.isFile(); }
        @Override public boolean doesExist() { return file.doesExist(); }
        @Override public boolean isReadable() { return file.isReadable(); }
        @Override public boolean isWritable() { return file.isWritable(); }
        @Override public boolean isRemovable() { return file.isRemovable(); }
        @Override public String getOwnerName() { return file.getOwnerName(); }
        @Override public String getGroupName() { return file.getGroupName(); }
        @Override public int getLinkCount() { return file.getLinkCount(); }
        @Override public long getLastModified() { return file.getLastModified(); }
        @Override public boolean setLastModified(long time) { return file.setLastModified(time); }
        @Override public long getSize() { return file.getSize(); }
        @Override public Object getPhysicalFile() { return file.getPhysicalFile(); }
        @Override public boolean mkdir() { return file.mkdir(); }
        @Override public boolean delete() { return file.delete(); }
        @Override public List<? extends FtpFile> listFiles() { return file.listFiles(); }
        @Override public InputStream createInputStream(long offset) throws IOException {
            return file.createInputStream(offset);
        }
    }
}
