package org.depositservices.packaging.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A temporary directory that says which process owns it, so a later run can remove the ones whose process was
 * killed before it could clean up (an unpacked bag can be gigabytes). Its name is {@code <prefix><pid>-<random>}
 * and it holds {@value #OWNER_FILE}: the owner's pid and start time, so a directory whose pid was later reused by
 * another process is still recognised as abandoned.
 */
final class ScratchDirectory implements AutoCloseable {
    static final String OWNER_FILE = ".owner";

    private final Path dir;

    private ScratchDirectory(Path dir) {
        this.dir = dir;
    }

    /** Creates a directory under {@code parent} owned by this process (mode 0700 on POSIX systems). */
    static ScratchDirectory create(Path parent, String prefix) throws IOException {
        ProcessHandle me = ProcessHandle.current();
        Path dir = Files.createTempDirectory(parent, prefix + me.pid() + "-");
        Files.writeString(dir.resolve(OWNER_FILE), owner(me) + "\n");
        return new ScratchDirectory(dir);
    }

    Path path() {
        return dir;
    }

    /** Removes the directory and everything in it; failures are ignored (the next run removes it). */
    @Override
    public void close() {
        deleteTree(dir);
    }

    /**
     * Removes every directory under {@code parent} named {@code <prefix><pid>-...} whose owning process is gone:
     * no process has that pid, or the one that has it started at another time than the owner file says.
     * Directories of live processes, and anything not named so, are left alone.
     *
     * @return the directories removed
     */
    static List<Path> removeAbandoned(Path parent, String prefix) {
        Pattern name = Pattern.compile(Pattern.quote(prefix) + "(\\d+)-.*");
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(parent, prefix + "*")) {
            for (Path p : d) {
                Matcher m = name.matcher(p.getFileName().toString());
                if (m.matches() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !ownerAlive(p, m.group(1))) {
                    deleteTree(p);
                    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                        removed.add(p);
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Cleaning up after others is a courtesy; it must not stop this run.
        }
        return removed;
    }

    private static boolean ownerAlive(Path dir, String pidInName) {
        long pid;
        String started = null;
        try {
            String[] owner = Files.readString(dir.resolve(OWNER_FILE)).strip().split(" ");
            pid = Long.parseLong(owner[0]);
            started = owner.length > 1 ? owner[1] : null;
        } catch (IOException | RuntimeException e) {
            // Not written yet (the owner is between creating the directory and writing the file) or unreadable.
            pid = Long.parseLong(pidInName);
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return false;
        }
        Optional<String> actual = process.get().info().startInstant().map(i -> Long.toString(i.toEpochMilli()));
        // Where the platform gives no start time, a live pid is taken to be the owner.
        return started == null || actual.isEmpty() || actual.get().equals(started);
    }

    /** {@code <pid> <start time in epoch milliseconds>}, or the pid alone when the start time is unknown. */
    static String owner(ProcessHandle process) {
        return process.pid() + process.info().startInstant().map(i -> " " + i.toEpochMilli()).orElse("");
    }

    private static void deleteTree(Path dir) {
        // Files.walk does not follow links, so a link planted inside cannot make this delete outside.
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // Left for the next run.
        }
    }
}
