package org.depositservices.app.api;

import org.depositservices.engine.intake.UploadNames;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * The limits a submission request meets, with the setting that raises each; every refusal for size names one of
 * them as it is configured (never Spring's "-1").
 *
 * @param fileBytes        largest file ({@code PASS_DEPOSIT_MAX_FILE_SIZE})
 * @param jsonBytes        largest submission JSON, whatever its part's headers ({@code PASS_DEPOSIT_MAX_JSON_SIZE})
 * @param maxFiles         most file parts in one request ({@code PASS_DEPOSIT_MAX_FILES})
 * @param partHeaderBytes  largest header block of one part ({@code server.tomcat.max-part-header-size})
 */
public record UploadLimits(long fileBytes, long jsonBytes, int maxFiles, long partHeaderBytes) {

    public static UploadLimits from(Environment env) {
        return new UploadLimits(
                bytes(env, "spring.servlet.multipart.max-file-size", "512MB"),
                bytes(env, "pass.deposit.max-json-size", "2MB"),
                env.getProperty("pass.deposit.max-files", Integer.class, 1000),
                bytes(env, "server.tomcat.max-part-header-size", "512B"));
    }

    private static long bytes(Environment env, String property, String fallback) {
        return DataSize.parse(env.getProperty(property, fallback)).toBytes();
    }

    /** Tomcat counts every part; the submission JSON is one of them. */
    int maxParts() {
        return maxFiles + 1;
    }

    String fileTooLarge(String name) {
        return "file '" + UploadNames.printable(name) + "' is larger than the limit of " + describe(fileBytes)
                + ", set by PASS_DEPOSIT_MAX_FILE_SIZE";
    }

    String jsonTooLarge() {
        return "the submission JSON is larger than the limit of " + describe(jsonBytes)
                + ", set by PASS_DEPOSIT_MAX_JSON_SIZE";
    }

    String tooManyFiles() {
        return "the request has more than " + maxFiles + " files (more than " + maxParts()
                + " parts with the submission JSON); PASS_DEPOSIT_MAX_FILES raises the limit";
    }

    String partHeadersTooLarge() {
        return "the headers of a part are larger than the limit of " + describe(partHeaderBytes)
                + " (server.tomcat.max-part-header-size); a file name may be at most "
                + UploadNames.MAX_NAME_BYTES + " bytes of UTF-8";
    }

    /** "65536 bytes (64 KB)": the exact figure to compare with, and one a person reads at a glance. */
    static String describe(long bytes) {
        String[] units = {"KB", "MB", "GB", "TB"};
        long unit = 1024;
        String human = null;
        for (int i = 0; i < units.length && bytes >= unit; i++, unit *= 1024) {
            human = bytes % unit == 0 ? (bytes / unit) + " " + units[i]
                    : String.format(java.util.Locale.ROOT, "%.1f %s", bytes / (double) unit, units[i]);
        }
        return bytes + " bytes" + (human == null ? "" : " (" + human + ")");
    }
}
