package org.depositservices.packaging.cli;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes given on the command line: {@code 1048576}, {@code 512MB}, {@code 10 GB} (powers of 1000), {@code 4GiB}. */
final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("kb", 1000L), Map.entry("mb", 1000L * 1000), Map.entry("gb", 1000L * 1000 * 1000),
            Map.entry("tb", 1000L * 1000 * 1000 * 1000),
            Map.entry("kib", 1L << 10), Map.entry("mib", 1L << 20), Map.entry("gib", 1L << 30),
            Map.entry("tib", 1L << 40));

    private ByteSize() {
    }

    /** @throws IllegalArgumentException naming {@code option} when {@code text} is not a size */
    static long parse(String option, String text) {
        Matcher m = SIZE.matcher(text.strip());
        Long unit = m.matches() ? UNITS.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
        if (unit == null) {
            throw new IllegalArgumentException("--" + option + " '" + text + "' is not a size; give bytes, or a"
                    + " number with KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB, e.g. 10GB");
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " '" + text + "' is too large");
        }
    }
}
