package org.depositservices.transport.remote;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.depositservices.packaging.PackageSourceException;
import org.depositservices.packaging.PackageStream;
import org.depositservices.packaging.PackagingException;
import org.depositservices.transport.DepositAttempt;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.spool.PackageSpool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How FTP and SFTP put a package on a server so that a retry never leaves a duplicate or a partial file:
 * <ol>
 *   <li>The deposit directory ({@link DepositDirectory}, {@code %s} = today in UTC) is created if missing.</li>
 *   <li>Temporary files that interrupted attempts left for this package ({@code <name>.part-*}) are removed.</li>
 *   <li>If the final name (the package name) already exists with the package's size, an earlier try arrived
 *   (e.g. the process died after the rename but before recording it): nothing is sent, the delivery succeeds. The
 *   directories of the previous {@code reconcileDays} days are searched too, since a retry may come after
 *   midnight UTC, when {@code %s} names another directory.</li>
 *   <li>Otherwise the package is uploaded as {@code <name>.part-<attemptToken>}, its size on the server is checked
 *   against the bytes written, and it is renamed to the final name. A repository that picks up files by name
 *   therefore never sees a partial package.</li>
 * </ol>
 *
 * <p>The package's size is known only once it has been written. In the common case (final name absent) it is
 * streamed straight to the server and never touches the local disk; only when a file with the final name exists
 * is the package first spooled to a local temporary file, to learn its size before deciding whether to send it.
 * If today's file has another size it is not this package (perhaps one built from content since changed) and is
 * replaced; earlier days' files are left alone. Reconciling by name relies on the assembler giving the same name
 * to every try of one attempt.
 *
 * <p>Failure contract: the server's failures come out as the classified {@link TransportException}s of
 * {@link RemoteFiles}; a failure to produce the package's bytes (a source file unreadable, a packaging rule) comes
 * out unchanged, as the {@link PackagingException} it is, after the temporary file is removed. Immutable and
 * thread-safe.
 */
public final class RemoteDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteDelivery.class);
    static final String TEMP_MARK = ".part-";

    private final DepositDirectory directory;
    private final Clock clock;
    private final Path spoolDirectory;
    private final boolean sizesComparable;
    private final int reconcileDays;

    /**
     * @param spoolDirectory  where a package is spooled when its size must be known before sending
     * @param sizesComparable false when the server may store a different number of bytes than were sent (FTP
     *                        ASCII type): sizes are then not checked, and an existing final file is replaced
     * @param reconcileDays   how many earlier days' directories (when the directory has {@code %s}) are also
     *                        searched for an earlier try that arrived
     */
    public RemoteDelivery(DepositDirectory directory, Clock clock, Path spoolDirectory, boolean sizesComparable,
                          int reconcileDays) {
        this.directory = directory;
        this.reconcileDays = reconcileDays;
        this.clock = clock;
        this.spoolDirectory = spoolDirectory;
        this.sizesComparable = sizesComparable;
    }

    /** The temporary name of a package while attempt {@code attempt} uploads it. */
    public static String tempName(String packageName, DepositAttempt attempt) {
        String token = attempt.attemptToken() == null ? "" : attempt.attemptToken().replaceAll("[^A-Za-z0-9_-]", "");
        if (token.isEmpty()) {
            token = "attempt" + attempt.attemptNumber();
        }
        return packageName + TEMP_MARK + (token.length() > 40 ? token.substring(0, 40) : token);
    }

    public Delivery deliver(RemoteFiles files, PackageStream pkg, DepositAttempt attempt) throws TransportException {
        String name = checkedName(pkg.name());
        String base = directory.isAbsolute() ? "/" : files.loginDirectory();
        String dir = DepositDirectory.resolve(base, directory.forToday(clock));
        files.makeDirectories(dir);
        String target = DepositDirectory.child(dir, name);
        String temp = DepositDirectory.child(dir, tempName(name, attempt));
        List<String> removed = removeStaleTemps(files, dir, name);

        OptionalLong existing = files.size(target);
        if (sizesComparable) {
            List<Found> found = new ArrayList<>();
            existing.ifPresent(size -> found.add(new Found(target, size)));
            // A retry may come after midnight UTC: the earlier try went to an earlier day's directory.
            for (String earlier : directory.forEarlierDays(clock, reconcileDays)) {
                String path = DepositDirectory.child(DepositDirectory.resolve(base, earlier), name);
                files.size(path).ifPresent(size -> found.add(new Found(path, size)));
            }
            if (!found.isEmpty()) {
                return reconcile(files, pkg, target, temp, removed, existing.isPresent(), found);
            }
        }
        long sent = upload(files, temp, pkg::writeTo, name);
        verify(files, temp, sent);
        Delivery.Kind kind = Delivery.Kind.SENT;
        if (existing.isPresent()) {
            // Only with ASCII type, where sizes say nothing: the package is sent again and replaces the file.
            LOG.warn("{} already exists and its size cannot be compared in ASCII type: replacing it",
                    files.url(target));
            files.delete(target);
            kind = Delivery.Kind.REPLACED;
        }
        files.rename(temp, target);
        LOG.info("deposit {} attempt {}: uploaded {} ({} bytes)", attempt.depositId(), attempt.attemptNumber(),
                files.url(target), sent);
        return new Delivery(kind, target, files.url(target), sent, removed);
    }

    /** A file with the package's name, today's or an earlier day's. */
    private record Found(String path, long size) {
    }

    /**
     * Files with the package's name exist: spool to learn the package's size. One of the same size is an earlier
     * try that arrived; otherwise the package is sent, replacing today's file of another size if there is one.
     */
    private Delivery reconcile(RemoteFiles files, PackageStream pkg, String target, String temp, List<String> removed,
                               boolean targetExists, List<Found> found) throws TransportException {
        try (PackageSpool spool = PackageSpool.write(pkg, spoolDirectory)) {
            for (Found f : found) {
                if (f.size() == spool.size()) {
                    LOG.info("{} already holds {} bytes, the size of the package: an earlier try arrived, not "
                            + "sending again", files.url(f.path()), f.size());
                    return new Delivery(Delivery.Kind.ALREADY_PRESENT, f.path(), files.url(f.path()), f.size(),
                            removed);
                }
            }
            long sent = upload(files, temp, spool::copyTo, pkg.name());
            verify(files, temp, sent);
            if (targetExists) {
                LOG.warn("{} held a file of {} bytes, not the package's {} bytes: replacing it", files.url(target),
                        found.get(0).size(), sent);
                files.delete(target);
            }
            files.rename(temp, target);
            return new Delivery(targetExists ? Delivery.Kind.REPLACED : Delivery.Kind.SENT, target,
                    files.url(target), sent, removed);
        }
    }

    private static String checkedName(String name) throws PermanentTransportException {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.equals(".")
                || name.equals("..")) {
            throw new PermanentTransportException("package name '" + name
                    + "' cannot be used as a file name on the server: the assembler must give a plain file name");
        }
        return name;
    }

    /** Best effort: a leftover temporary file is harmless, so failing to remove one does not fail the deposit. */
    private static List<String> removeStaleTemps(RemoteFiles files, String dir, String name) {
        List<String> removed = new ArrayList<>();
        try {
            for (String entry : files.listNames(dir)) {
                if (entry.startsWith(name + TEMP_MARK)) {
                    String stale = DepositDirectory.child(dir, entry);
                    files.delete(stale);
                    removed.add(stale);
                    LOG.info("removed {} left by an interrupted attempt", files.url(stale));
                }
            }
        } catch (TransportException e) {
            LOG.warn("could not remove temporary files of earlier attempts in {}: {}", files.url(dir), e.getMessage());
        }
        return removed;
    }

    @FunctionalInterface
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static long upload(RemoteFiles files, String temp, Content content, String name)
            throws TransportException {
        OutputStream remote = files.create(temp);
        CountingOutputStream counter = new CountingOutputStream(remote);
        try {
            try (counter) {
                content.writeTo(counter);
            }
            return counter.count();
        } catch (IOException | RuntimeException e) {
            RemoteIOException serverFailure = RemoteIOException.find(e);
            if (serverFailure != null) {
                throw serverFailure.failure();
            }
            deleteQuietly(files, temp);
            PackageSourceException.rethrowIfSource(e);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            // Neither the server nor a source: the package writer itself stopped (interrupted at shutdown, ...).
            throw new TransientTransportException("package " + name + " could not be written while uploading it to "
                    + files.url(temp) + ": " + e.getMessage(), e);
        }
    }

    /** A cut connection can leave the server believing a short upload completed: compare before renaming. */
    private void verify(RemoteFiles files, String temp, long sent) throws TransportException {
        if (!sizesComparable) {
            return;
        }
        OptionalLong stored = files.size(temp);
        if (stored.isEmpty()) {
            throw new TransientTransportException("upload of " + files.url(temp)
                    + " looked complete but the server has no such file afterwards; will retry");
        }
        if (stored.getAsLong() != sent) {
            throw new TransientTransportException("upload of " + files.url(temp) + " is incomplete: the server stored "
                    + stored.getAsLong() + " of " + sent + " bytes (the connection was probably cut); will retry");
        }
    }

    private static void deleteQuietly(RemoteFiles files, String path) {
        try {
            files.delete(path);
        } catch (TransportException e) {
            LOG.warn("could not remove {} after a failed upload: {}", files.url(path), e.getMessage());
        }
    }

    private static final class CountingOutputStream extends FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }
    }
}
