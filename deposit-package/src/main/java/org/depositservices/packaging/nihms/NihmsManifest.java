package org.depositservices.packaging.nihms;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code manifest.txt} of a NIHMS bulk submission: one line per file, {@code type<TAB>label<TAB>filename},
 * the {@code bulk_meta.xml} line first.
 *
 * <p>Rules it enforces: tabs, carriage returns and line feeds become spaces in labels (they would break the line
 * format); a label NIHMS requires (figure, table, supplement) that is blank falls back to the file name; labels of
 * one type are made unique by appending " (2)", " (3)", ... in the order files are added. A file name cannot be
 * changed here (it must match the archive entry), so a name containing a tab or line break is refused; the
 * assembler names such files safely first (see {@link #isSafeFileName(String)}).
 *
 * <p>Not thread-safe; build one per package.
 */
public final class NihmsManifest {

    /** One manifest line. */
    public record Entry(NihmsFileType type, String label, String fileName) {
        public Entry {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(fileName, "fileName");
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<NihmsFileType, Set<String>> labelsByType = new EnumMap<>(NihmsFileType.class);

    /** Starts a manifest whose first line is the metadata file, {@code bulk_meta.xml}. */
    public NihmsManifest(String bulkMetaFileName) {
        add(NihmsFileType.BULKSUB_META_XML, null, bulkMetaFileName);
    }

    /**
     * Adds a file.
     *
     * @param label    the label NIHMS shows (a file's description); may be null or blank
     * @param fileName the file's name at the archive root
     * @return the entry as it will be written (with the label made safe and unique)
     * @throws IllegalArgumentException when the file name is unsafe or already listed
     */
    public Entry add(NihmsFileType type, String label, String fileName) {
        Objects.requireNonNull(type, "type");
        if (!isSafeFileName(fileName)) {
            throw new IllegalArgumentException("NIHMS manifest cannot list file name '" + fileName
                    + "': it is empty, contains a tab, line break or '/', or is a reserved name");
        }
        for (Entry e : entries) {
            if (e.fileName().equals(fileName)) {
                throw new IllegalArgumentException("NIHMS manifest already lists a file named '" + fileName + "'");
            }
        }
        if (type == NihmsFileType.BULKSUB_META_XML && !entries.isEmpty()) {
            throw new IllegalArgumentException("the manifest has its bulk_meta.xml line already");
        }
        String clean = cleanField(label);
        if (clean.isEmpty() && type.labelRequired()) {
            clean = cleanField(fileName);
        }
        if (!clean.isEmpty()) {
            clean = unique(type, clean);
        }
        Entry e = new Entry(type, clean, fileName);
        entries.add(e);
        return e;
    }

    /** The lines so far, in order. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Writes the manifest (UTF-8, LF line ends) to {@code out}, which is flushed but not closed. */
    public void writeTo(OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (Entry e : entries) {
            w.write(e.type().code());
            w.write('\t');
            w.write(e.label());
            w.write('\t');
            w.write(e.fileName());
            w.write('\n');
        }
        w.flush();
    }

    /** True when a name can be written in the manifest's last column and is a plain name at the archive root. */
    public static boolean isSafeFileName(String name) {
        return name != null && !name.isBlank() && name.indexOf('\t') < 0 && name.indexOf('\n') < 0
                && name.indexOf('\r') < 0 && name.indexOf('/') < 0 && !name.equals(".") && !name.equals("..");
    }

    /** A value fit for a TAB-separated field: tabs and line breaks become spaces, runs of spaces one, trimmed. */
    public static String cleanField(String value) {
        if (value == null) {
            return "";
        }
        return value.replaceAll("[\\t\\r\\n\\u0085\\u2028\\u2029]+", " ").replaceAll(" {2,}", " ").trim();
    }

    private String unique(NihmsFileType type, String label) {
        Set<String> used = labelsByType.computeIfAbsent(type, t -> new HashSet<>());
        String candidate = label;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = label + " (" + n + ")";
        }
        return candidate;
    }
}
