package org.depositservices.transport.config;

import java.util.List;
import java.util.function.Function;

/** {@code ${name}} and {@code ${name:default}} (defaults may hold placeholders too), as in PASS's examples. */
final class Placeholders {
    private Placeholders() {
    }

    static String resolve(String s, Function<String, String> lookup, String path, List<String> problems) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int start = s.indexOf("${", i);
            if (start < 0) {
                out.append(s, i, s.length());
                break;
            }
            out.append(s, i, start);
            int end = matchingBrace(s, start + 2);
            if (end < 0) {
                problems.add(path + ": unclosed placeholder in '" + s + "'");
                return s;
            }
            String body = s.substring(start + 2, end);
            int colon = topLevelColon(body);
            String name = colon < 0 ? body : body.substring(0, colon);
            String value = lookup.apply(name.trim());
            if (value == null && colon >= 0) {
                value = resolve(body.substring(colon + 1), lookup, path, problems);
            }
            if (value == null) {
                problems.add(path + ": no value for ${" + name + "} (set it as an environment variable or property,"
                        + " or give a default with ${" + name + ":default})");
                value = "";
            }
            out.append(value);
            i = end + 1;
        }
        return out.toString();
    }

    private static int matchingBrace(String s, int from) {
        int depth = 1;
        for (int i = from; i < s.length(); i++) {
            if (s.startsWith("${", i)) {
                depth++;
                i++;
            } else if (s.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int topLevelColon(String body) {
        int depth = 0;
        for (int i = 0; i < body.length(); i++) {
            if (body.startsWith("${", i)) {
                depth++;
                i++;
            } else if (body.charAt(i) == '}') {
                depth--;
            } else if (body.charAt(i) == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
