package org.depositservices.packaging.nihms;

import java.time.Instant;
import java.time.ZoneOffset;
import org.depositservices.packaging.FileNames;

/**
 * The base name of a NIHMS package: {@code <spec>_<yyyy-MM-dd_HH-mm-ss>_<submissionId>} (the assembler adds
 * {@code .tar.gz}), time in UTC. HH is the hour and mm the minutes (PASS wrote the month there). The id is made safe
 * for an FTP file name with {@link FileNames#safeToken}.
 */
public final class NihmsPackageName {

    private NihmsPackageName() {
    }

    public static String baseName(String spec, Instant when, String submissionId) {
        return FileNames.packageBaseName(spec, when.atZone(ZoneOffset.UTC), submissionId);
    }
}
