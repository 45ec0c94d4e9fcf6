package org.depositservices.transport.remote;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code default-directory} binding of the FTP and SFTP transports: a directory on the server, where every
 * {@code %s} stands for today's date in UTC as {@code yyyy-MM-dd} (PASS: {@code /logs/upload/%s}). A relative
 * directory is taken from the login directory; an empty one is the login directory itself.
 *
 * @param template the directory as configured, '/'-separated
 */
public record DepositDirectory(String template) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    public DepositDirectory {
        template = template == null ? "" : template.trim();
    }

    /** The directory for the day {@code clock} says it is in UTC. */
    public String forToday(Clock clock) {
        return forDay(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    }

    public String forDay(LocalDate day) {
        return template.replace("%s", day.format(DAY));
    }

    /**
     * The directories of the {@code days} days before today, latest first; empty when the template has no
     * {@code %s} (every day is the same directory).
     */
    public List<String> forEarlierDays(Clock clock, int days) {
        if (!template.contains("%s")) {
            return List.of();
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<String> dirs = new ArrayList<>();
        for (int i = 1; i <= days; i++) {
            dirs.add(forDay(today.minusDays(i)));
        }
        return dirs;
    }

    public boolean isAbsolute() {
        return template.startsWith("/");
    }

    /**
     * Joins {@code dir} to {@code base} when it is relative, and normalises separators: no empty components, no
     * trailing '/', "/" for the root.
     */
    public static String resolve(String base, String dir) {
        String joined = dir.startsWith("/") ? dir : base + "/" + dir;
        StringBuilder out = new StringBuilder();
        for (String part : joined.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            out.append('/').append(part);
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /** {@code dir/name} for an absolute, normalised {@code dir}. */
    public static String child(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
