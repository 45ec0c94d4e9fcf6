package org.depositservices.transport.ftp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPCmd;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.remote.RemoteFiles;
import org.depositservices.transport.remote.RemoteIOException;
import org.depositservices.transport.remote.ServerOutputStream;

/**
 * {@link RemoteFiles} over one logged-in Commons Net client. Any I/O failure marks the connection
 * {@link #broken()}, so the session reconnects before its next use.
 */
final class FtpFiles implements RemoteFiles {

    private final FTPClient client;
    private final FtpSettings settings;
    private final FtpFailures failures;
    private boolean broken;

    FtpFiles(FTPClient client, FtpSettings settings, FtpFailures failures) {
        this.client = client;
        this.settings = settings;
        this.failures = failures;
    }

    boolean broken() {
        return broken;
    }

    @Override
    public String url(String absolutePath) {
        int port = settings.port() == FtpSettings.DEFAULT_PORT ? -1 : settings.port();
        try {
            return new URI(settings.tls() ? "ftps" : "ftp", null, settings.host(), port, absolutePath, null, null)
                    .toASCIIString();
        } catch (URISyntaxException e) {
            return (settings.tls() ? "ftps://" : "ftp://") + settings.address() + absolutePath;
        }
    }

    @Override
    public String loginDirectory() throws TransportException {
        String pwd = call("PWD", () -> client.printWorkingDirectory());
        if (pwd == null) {
            throw failures.reply("finding the login directory (PWD)", client.getReplyCode(), client.getReplyString());
        }
        return pwd;
    }

    @Override
    public boolean isDirectory(String absoluteDir) throws TransportException {
        return call("CWD " + absoluteDir, () -> client.changeWorkingDirectory(absoluteDir));
    }

    @Override
    public void makeDirectory(String absoluteDir) throws TransportException {
        if (!call("MKD " + absoluteDir, () -> client.makeDirectory(absoluteDir))) {
            int code = client.getReplyCode();
            String text = client.getReplyString();
            if (!isDirectory(absoluteDir)) {
                throw failures.reply("creating directory " + absoluteDir, code, text);
            }
        }
    }

    @Override
    public List<String> listNames(String absoluteDir) throws TransportException {
        String[] names = call("NLST " + absoluteDir, () -> client.listNames(absoluteDir));
        if (names == null) {
            int code = client.getReplyCode();
            if (code == 450 || code == 550 || FTPReply.isPositiveCompletion(code)) {
                return List.of(); // many servers answer an empty listing this way
            }
            throw failures.reply("listing " + absoluteDir, code, client.getReplyString());
        }
        List<String> out = new ArrayList<>(names.length);
        for (String n : names) {
            out.add(n.substring(n.lastIndexOf('/') + 1)); // some servers return paths, some names
        }
        return out;
    }

    @Override
    public OptionalLong size(String absolutePath) throws TransportException {
        int code = call("SIZE " + absolutePath, () -> client.sendCommand(FTPCmd.SIZE, absolutePath));
        if (code == FTPReply.FILE_STATUS) {
            String reply = client.getReplyString().trim();
            try {
                return OptionalLong.of(Long.parseLong(reply.substring(4).trim()));
            } catch (RuntimeException e) {
                throw failures.reply("reading the size of " + absolutePath, 500, reply);
            }
        }
        if (code == 550 || code == 450) {
            return OptionalLong.empty();
        }
        if (code != 500 && code != 501 && code != 502 && code != 504) {
            throw failures.reply("reading the size of " + absolutePath, code, client.getReplyString());
        }
        // SIZE is an extension (RFC 3659); fall back to a listing of the file itself.
        FTPFile[] files = call("LIST " + absolutePath, () -> client.listFiles(absolutePath));
        String name = absolutePath.substring(absolutePath.lastIndexOf('/') + 1);
        for (FTPFile f : files == null ? new FTPFile[0] : files) {
            if (f != null && f.isFile() && (f.getName().equals(name) || f.getName().endsWith("/" + name))) {
                return OptionalLong.of(f.getSize());
            }
        }
        return OptionalLong.empty();
    }

    @Override
    public OutputStream create(String absolutePath) throws TransportException {
        OutputStream out = call("STOR " + absolutePath, () -> client.storeFileStream(absolutePath));
        if (out == null) {
            throw failures.reply("storing " + absolutePath, client.getReplyCode(), client.getReplyString());
        }
        return new UploadStream(out, absolutePath);
    }

    @Override
    public void rename(String from, String to) throws TransportException {
        if (!call("RNFR " + from, () -> client.rename(from, to))) {
            throw failures.reply("renaming " + from + " to " + to, client.getReplyCode(), client.getReplyString());
        }
    }

    @Override
    public void delete(String absolutePath) throws TransportException {
        if (!call("DELE " + absolutePath, () -> client.deleteFile(absolutePath))) {
            int code = client.getReplyCode();
            String text = client.getReplyString();
            if (size(absolutePath).isPresent()) {
                throw failures.reply("deleting " + absolutePath, code, text);
            }
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    private <T> T call(String what, Call<T> call) throws TransportException {
        try {
            return call.run();
        } catch (IOException e) {
            broken = true;
            throw failures.io(what, e);
        }
    }

    /**
     * The data connection of one STOR. Closing it ends the transfer and waits for the server's verdict; after a
     * failed write it only drops the data connection, because the control connection's state is then unknown.
     */
    private final class UploadStream extends ServerOutputStream {
        private final String path;
        private boolean failed;
        private boolean closed;

        UploadStream(OutputStream out, String path) {
            super(out);
            this.path = path;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (failed) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the connection is already known to be broken
                }
                return;
            }
            try {
                out.close();
                if (!client.completePendingCommand()) {
                    throw new RemoteIOException(failures.reply("uploading " + path, client.getReplyCode(),
                            client.getReplyString()));
                }
            } catch (RemoteIOException e) {
                throw e;
            } catch (IOException e) {
                throw fail(e);
            }
        }

        @Override
        protected RemoteIOException fail(IOException e) {
            failed = true;
            broken = true;
            return new RemoteIOException(failures.io("uploading " + path, e));
        }
    }
}
