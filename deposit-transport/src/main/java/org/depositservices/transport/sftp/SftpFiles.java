package org.depositservices.transport.sftp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.remote.RemoteFiles;
import org.depositservices.transport.remote.RemoteIOException;
import org.depositservices.transport.remote.ServerOutputStream;

/**
 * {@link RemoteFiles} over one MINA SSHD SFTP client. A failure that is not a plain SFTP status (the connection
 * broke) marks it {@link #broken()}, so the session reconnects before its next use.
 */
final class SftpFiles implements RemoteFiles {

    private final SftpClient sftp;
    private final SftpSettings settings;
    private final SftpFailures failures;
    private volatile boolean broken;

    SftpFiles(SftpClient sftp, SftpSettings settings, SftpFailures failures) {
        this.sftp = sftp;
        this.settings = settings;
        this.failures = failures;
    }

    boolean broken() {
        return broken || !sftp.isOpen();
    }

    @Override
    public String url(String absolutePath) {
        int port = settings.port() == SftpSettings.DEFAULT_PORT ? -1 : settings.port();
        try {
            return new URI("sftp", null, settings.host(), port, absolutePath, null, null).toASCIIString();
        } catch (URISyntaxException e) {
            return "sftp://" + settings.address() + absolutePath;
        }
    }

    @Override
    public String loginDirectory() throws TransportException {
        return call("finding the login directory", () -> sftp.canonicalPath("."));
    }

    @Override
    public void makeDirectory(String absoluteDir) throws TransportException {
        try {
            sftp.mkdir(absoluteDir);
        } catch (IOException e) {
            // Another client may have created it meanwhile.
            if (!isDirectory(absoluteDir)) {
                throw classify("creating directory " + absoluteDir, e);
            }
        }
    }

    @Override
    public boolean isDirectory(String absoluteDir) throws TransportException {
        SftpClient.Attributes attrs = stat(absoluteDir);
        return attrs != null && attrs.isDirectory();
    }

    @Override
    public List<String> listNames(String absoluteDir) throws TransportException {
        return call("listing " + absoluteDir, () -> {
            List<String> names = new ArrayList<>();
            for (SftpClient.DirEntry entry : sftp.readDir(absoluteDir)) {
                String n = entry.getFilename();
                if (!n.equals(".") && !n.equals("..")) {
                    names.add(n);
                }
            }
            return names;
        });
    }

    @Override
    public OptionalLong size(String absolutePath) throws TransportException {
        SftpClient.Attributes attrs = stat(absolutePath);
        return attrs != null && attrs.isRegularFile() ? OptionalLong.of(attrs.getSize()) : OptionalLong.empty();
    }

    /** The attributes of {@code absolutePath}, or null when nothing is there. */
    private SftpClient.Attributes stat(String absolutePath) throws TransportException {
        try {
            return sftp.stat(absolutePath);
        } catch (IOException e) {
            if (missing(e)) {
                return null;
            }
            throw classify("looking up " + absolutePath, e);
        }
    }

    @Override
    public OutputStream create(String absolutePath) throws TransportException {
        // Default modes: create, write, truncate — a stale file of the same name is overwritten.
        OutputStream out = call("opening " + absolutePath + " for writing", () -> sftp.write(absolutePath));
        return new UploadStream(out, absolutePath);
    }

    @Override
    public void rename(String from, String to) throws TransportException {
        call("renaming " + from + " to " + to, () -> {
            sftp.rename(from, to);
            return null;
        });
    }

    @Override
    public void delete(String absolutePath) throws TransportException {
        try {
            sftp.remove(absolutePath);
        } catch (IOException e) {
            if (!missing(e)) {
                throw classify("deleting " + absolutePath, e);
            }
        }
    }

    private static boolean missing(IOException e) {
        return e instanceof SftpException s && (s.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE
                || s.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH);
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    private <T> T call(String what, Call<T> call) throws TransportException {
        try {
            return call.run();
        } catch (IOException e) {
            throw classify(what, e);
        }
    }

    private TransportException classify(String what, IOException e) {
        if (!(e instanceof SftpException)) {
            broken = true;
        }
        return failures.io(what, e);
    }

    /** Tags every failure of the upload stream as the server's (see {@link RemoteIOException}). */
    private final class UploadStream extends ServerOutputStream {
        private final String path;

        UploadStream(OutputStream out, String path) {
            super(out);
            this.path = path;
        }

        @Override
        protected RemoteIOException fail(IOException e) {
            return new RemoteIOException(classify("uploading " + path, e));
        }
    }
}
