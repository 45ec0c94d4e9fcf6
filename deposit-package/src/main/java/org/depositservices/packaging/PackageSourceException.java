package org.depositservices.packaging;

import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.depositservices.model.SubmissionFile;

/**
 * A submission file could not be read from where Deposit Services stored it: our side's failure, never the
 * target's. Packaging raises it (directly, or as the cause of the IOException a package stream's reader gets),
 * transports let it pass, and the engine alone decides what it means ({@link Kind}).
 */
public final class PackageSourceException extends PackagingException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the stored copy. */
    public enum Kind {
        /** It is not there any more: no retry brings it back. */
        MISSING,
        /** It is there but reading it failed (an I/O error, a permission): a later attempt may read it. */
        UNREADABLE,
        /** It is there but is not what was recorded when it was stored (size, checksum): upload it again. */
        DAMAGED
    }

    private final Kind kind;
    private final String fileName;

    private PackageSourceException(Kind kind, String fileName, String message, String field, Throwable cause) {
        super(message, field);
        this.kind = kind;
        this.fileName = fileName;
        if (cause != null) {
            initCause(cause);
        }
    }

    /** Reading {@code file} (files[{@code index}] of submission {@code submissionId}) failed with {@code e}. */
    public static PackageSourceException unreadable(String submissionId, SubmissionFile file, int index,
                                                    IOException e) {
        boolean missing = e instanceof NoSuchFileException || e instanceof FileNotFoundException;
        String what = missing ? "is missing from the content store" : "cannot be read from the content store";
        return new PackageSourceException(missing ? Kind.MISSING : Kind.UNREADABLE, file.name(),
                "file '" + file.name() + "' (files[" + index + "], location " + file.location() + ") of submission "
                        + submissionId + " " + what + ": " + e.getMessage(), "files[" + index + "]", e);
    }

    /** The stored copy of {@code file} is not what was recorded; {@code problem} says how. */
    public static PackageSourceException damaged(String submissionId, SubmissionFile file, String field,
                                                 String problem) {
        return new PackageSourceException(Kind.DAMAGED, file.name(), "file '" + file.name() + "' of submission "
                + submissionId + " " + problem + "; upload it again", field, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The submission file's name. */
    public String fileName() {
        return fileName;
    }

    /** The first PackageSourceException in {@code t}, its causes or their suppressed exceptions. */
    public static Optional<PackageSourceException> find(Throwable t) {
        Deque<Throwable> todo = new ArrayDeque<>();
        Set<Throwable> seen = new HashSet<>();
        if (t != null) {
            todo.add(t);
        }
        while (!todo.isEmpty()) {
            Throwable x = todo.poll();
            if (!seen.add(x)) {
                continue;
            }
            if (x instanceof PackageSourceException p) {
                return Optional.of(p);
            }
            if (x.getCause() != null) {
                todo.add(x.getCause());
            }
            todo.addAll(List.of(x.getSuppressed()));
        }
        return Optional.empty();
    }

    /**
     * Rethrows the PackageSourceException {@code t} carries, if any: what a transport does first in a catch block
     * around reading the package, so a source failure is never worded as the target's.
     */
    public static void rethrowIfSource(Throwable t) {
        Optional<PackageSourceException> p = find(t);
        if (p.isPresent()) {
            throw p.get();
        }
    }

    /**
     * A file source whose failures, on open and on every read, are PackageSourceExceptions: what a transport that
     * reads the submission's files itself (spec {@code none}) is given.
     */
    public static DepositSubmission.FileSource guard(String submissionId, List<SubmissionFile> files,
                                                     DepositSubmission.FileSource source) {
        return file -> open(submissionId, file, files.indexOf(file), source);
    }

    /**
     * Opens the stored bytes of {@code file} (files[{@code index}]); failing to open or read them is a
     * PackageSourceException.
     */
    public static InputStream open(String submissionId, SubmissionFile file, int index,
                                   DepositSubmission.FileSource source) {
        InputStream in;
        try {
            in = source.open(file);
        } catch (IOException e) {
            throw unreadable(submissionId, file, index, e);
        }
        if (in == null) {
            throw unreadable(submissionId, file, index, new IOException("the file source returned nothing"));
        }
        return guarded(submissionId, file, index, in);
    }

    /** {@code in}, whose read failures are PackageSourceExceptions naming {@code file}. */
    public static InputStream guarded(String submissionId, SubmissionFile file, int index, InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw unreadable(submissionId, file, index, e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    throw unreadable(submissionId, file, index, e);
                }
            }
        };
    }
}
