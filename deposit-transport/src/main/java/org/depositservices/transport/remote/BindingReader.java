package org.depositservices.transport.remote;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.depositservices.transport.RepositoryConfig;

/**
 * Reads {@code protocol-binding} values of one repository and collects every problem, each naming its JSON path
 * ({@code <key>.transport-config.protocol-binding.<name>}), so {@code Transport.validate} can report them all at
 * once and {@code Transport.open} can refuse with the same words. One reader per parse; not thread-safe.
 * Messages quote values, except those of keys listed as secret, which are never repeated.
 */
public final class BindingReader {

    private final RepositoryConfig config;
    private final Set<String> secretKeys;
    private final List<String> problems = new ArrayList<>();

    public BindingReader(RepositoryConfig config, Set<String> secretKeys) {
        this.config = config;
        this.secretKeys = Set.copyOf(secretKeys);
    }

    /** The JSON path of a binding key, for messages. */
    public String path(String key) {
        return config.key() + ".transport-config.protocol-binding." + key;
    }

    public void problem(String key, String what) {
        problems.add(path(key) + ": " + what);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The raw value, or null when absent or blank. */
    public String value(String key) {
        String v = config.protocolBinding().get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public String required(String key, String hint) {
        String v = value(key);
        if (v == null) {
            problem(key, "missing; " + hint);
        }
        return v;
    }

    public String optional(String key, String fallback) {
        String v = value(key);
        return v == null ? fallback : v;
    }

    /** The secret as written (not trimmed: spaces can be part of a password), or null when absent or empty. */
    public String secret(String key) {
        String v = config.protocolBinding().get(key);
        return v == null || v.isEmpty() ? null : v;
    }

    public int port(String key, int fallback) {
        String v = value(key);
        if (v == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(v);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(key, quote(key, v) + " is not a port number (1-65535)");
        return fallback;
    }

    public boolean bool(String key, boolean fallback) {
        String v = value(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> {
                problem(key, quote(key, v) + " is not true or false");
                yield fallback;
            }
        };
    }

    /** A whole number from 0 to {@code max}. */
    public int count(String key, int fallback, int max) {
        String v = value(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(key, quote(key, v) + " is not a whole number from 0 to " + max);
        return fallback;
    }

    /** A positive number of milliseconds. */
    public Duration millis(String key, Duration fallback) {
        String v = value(key);
        if (v == null) {
            return fallback;
        }
        try {
            long ms = Long.parseLong(v);
            if (ms > 0) {
                return Duration.ofMillis(ms);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(key, quote(key, v) + " is not a positive number of milliseconds");
        return fallback;
    }

    /** One of the enum's constants, written in lower case with '-' for '_'. */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        String v = value(key);
        if (v == null) {
            return fallback;
        }
        String wanted = v.toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        problem(key, quote(key, v) + " is not one of " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", ")));
        return fallback;
    }

    /** A path to a file that must exist and be readable now; null (with a problem) otherwise. */
    public Path readableFile(String key, String whatFor) {
        String v = value(key);
        if (v == null) {
            return null;
        }
        try {
            Path p = Path.of(v);
            if (!Files.isRegularFile(p)) {
                problem(key, "file " + p.toAbsolutePath() + " (" + whatFor + ") does not exist or is not a file");
                return null;
            }
            if (!Files.isReadable(p)) {
                problem(key, "file " + p.toAbsolutePath() + " (" + whatFor + ") is not readable by this process");
                return null;
            }
            return p;
        } catch (InvalidPathException e) {
            problem(key, quote(key, v) + " is not a valid file path");
            return null;
        }
    }

    private String quote(String key, String value) {
        return secretKeys.contains(key) ? "the value" : "\"" + value + "\"";
    }
}
