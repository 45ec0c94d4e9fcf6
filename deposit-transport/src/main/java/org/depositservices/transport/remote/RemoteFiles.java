package org.depositservices.transport.remote;

import java.io.OutputStream;
import java.util.List;
import java.util.OptionalLong;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.TransportException;

/**
 * The few file operations {@link RemoteDelivery} needs from a logged-in FTP or SFTP connection. Paths are
 * absolute and '/'-separated. Lifecycle: owned by one session, used by one thread at a time.
 *
 * <p>Failure contract: every method reports a server's refusal or a broken connection as an already classified
 * {@link TransportException} ({@link TransientTransportException} when a later attempt may succeed,
 * {@link PermanentTransportException} when it cannot), whose message names the server and the path.
 */
public interface RemoteFiles {

    /** A URL for {@code absolutePath} on this server (no credentials), e.g. {@code ftp://host/dir/name}. */
    String url(String absolutePath);

    /** The login directory, used to resolve a relative deposit directory. */
    String loginDirectory() throws TransportException;

    /** Whether {@code absoluteDir} exists and is a directory. */
    boolean isDirectory(String absoluteDir) throws TransportException;

    /**
     * Creates {@code absoluteDir}, whose parent exists. Fails only when the directory still does not exist
     * afterwards: another client may have created it meanwhile.
     */
    void makeDirectory(String absoluteDir) throws TransportException;

    /** Creates {@code absoluteDir} and any missing parent, one component at a time; no-op when it exists. */
    default void makeDirectories(String absoluteDir) throws TransportException {
        if (isDirectory(absoluteDir)) {
            return;
        }
        StringBuilder prefix = new StringBuilder();
        for (String part : absoluteDir.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            prefix.append('/').append(part);
            String dir = prefix.toString();
            if (!isDirectory(dir)) {
                makeDirectory(dir);
            }
        }
    }

    /** Names (not paths) of the entries of {@code absoluteDir}; empty when the server lists nothing. */
    List<String> listNames(String absoluteDir) throws TransportException;

    /** The size of a file, or empty when there is no such file. */
    OptionalLong size(String absolutePath) throws TransportException;

    /**
     * Opens {@code absolutePath} for writing, replacing it. Closing the stream completes the transfer. Every
     * failure of the returned stream (write or close) is a {@link RemoteIOException} carrying the classified
     * failure, so a caller can tell the server's failures from those of the bytes' source.
     */
    OutputStream create(String absolutePath) throws TransportException;

    /** Renames {@code from} to {@code to}; {@code to} does not exist. */
    void rename(String from, String to) throws TransportException;

    /** Deletes a file. */
    void delete(String absolutePath) throws TransportException;
}
