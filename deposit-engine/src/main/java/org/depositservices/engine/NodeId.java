package org.depositservices.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A node's id: the same at every start of the node, so that at start-up it can tell its own interrupted attempts
 * from other nodes' attempts in flight. Given ({@code PASS_DEPOSIT_NODE_ID}), or generated once and kept in
 * {@code <data dir>/node-id}. Two nodes must never share one: each would take the other's live attempts for its own
 * interrupted ones.
 */
public final class NodeId {
    public static final String FILE_NAME = "node-id";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private NodeId() {
    }

    /**
     * @param override the configured id, or null/blank to use the data directory's file
     * @throws IllegalArgumentException when the configured id, or the file's content, is not a valid id
     */
    public static String resolve(Path dataDir, String override, String overrideName) {
        if (override != null && !override.isBlank()) {
            return check(override.trim(), overrideName);
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return check(Files.readString(file, StandardCharsets.UTF_8).trim(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the node id file " + file + ": " + e.getMessage()
                    + " (or set " + overrideName + ")", e);
        }
    }

    private static String check(String id, String where) {
        if (!VALID.matcher(id).matches()) {
            throw new IllegalArgumentException("node id '" + id + "' from " + where + " is not valid: 1 to 128 of"
                    + " letters, digits and . _ : @ -");
        }
        return id;
    }

    /** Written under a temporary name, fsynced and linked into place, so a crash never leaves a half-written id. */
    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + FILE_NAME + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(StandardCharsets.UTF_8.encode(UUID.randomUUID() + "\n"));
                ch.force(true);
            }
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: its default permissions apply
            }
            try {
                // A hard link never replaces an existing file: when two processes race, the first id written wins
                // and both read it (a rename would let the second replace it after the first had read it).
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // another process created it first
            } catch (UnsupportedOperationException | FileSystemException e) {
                try {
                    Files.move(tmp, file);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
