package org.depositservices.engine.intake;

/** What makes a file name unsafe to carry into packages and repositories. */
public final class FileNames {
    private FileNames() {
    }

    /** Why {@code name} is not acceptable as a file name, or null when it is. */
    public static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "file name is missing";
        }
        if (name.contains("/") || name.contains("\\")) {
            return "file name '" + printable(name) + "' contains a path separator";
        }
        if (name.equals(".") || name.contains("..")) {
            return "file name '" + printable(name) + "' contains '..'";
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return "file name '" + printable(name) + "' contains a control character";
            }
        }
        if (name.length() > 255) {
            return "file name is longer than 255 characters";
        }
        return null;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
