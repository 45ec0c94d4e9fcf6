package org.depositservices.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials inside database and broker URLs: taken out before a URL reaches a library that logs it (Flyway prints
 * the JDBC URL at start-up), and masked wherever we show one.
 */
public final class JdbcUrls {
    private static final Pattern USER_INFO = Pattern.compile("(//)([^/@?#]*)@");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "([?&;](?:password|passwd|pwd|sslpassword|secret|token)=)[^&;#]*", Pattern.CASE_INSENSITIVE);

    private JdbcUrls() {
    }

    /** A URL without its password and user parameters, and the two values (null when absent). */
    public record Parts(String url, String user, String password) {
    }

    /** Splits {@code user} and {@code password} query parameters out of a JDBC URL. */
    public static Parts split(String url) {
        if (url == null) {
            return new Parts(null, null, null);
        }
        int q = url.indexOf('?');
        if (q < 0) {
            return new Parts(url, null, null);
        }
        String user = null;
        String password = null;
        List<String> kept = new ArrayList<>();
        for (String param : url.substring(q + 1).split("&")) {
            int eq = param.indexOf('=');
            String key = (eq < 0 ? param : param.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(param.substring(eq + 1),
                    java.nio.charset.StandardCharsets.UTF_8);
            switch (key) {
                case "user" -> user = value;
                case "password" -> password = value;
                default -> {
                    if (!param.isEmpty()) {
                        kept.add(param);
                    }
                }
            }
        }
        String base = url.substring(0, q);
        return new Parts(kept.isEmpty() ? base : base + "?" + String.join("&", kept), user, password);
    }

    /** The URL with any password (user-info or a password-like parameter) replaced by {@code ****}. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = USER_INFO.matcher(url);
        String s = url;
        if (m.find()) {
            String info = m.group(2);
            int colon = info.indexOf(':');
            String masked = colon < 0 ? info : info.substring(0, colon) + ":****";
            s = url.substring(0, m.start(2)) + masked + url.substring(m.end(2));
        }
        return SECRET_PARAM.matcher(s).replaceAll("$1****");
    }
}
