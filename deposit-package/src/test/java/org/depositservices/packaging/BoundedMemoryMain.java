package org.depositservices.packaging;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.depositservices.model.FileRole;
import org.depositservices.model.SubmissionFile;

/**
 * Run in a JVM with a small heap by {@link BoundedMemoryTest}: packages one generated file much larger than the heap,
 * through {@link PackageStream#open()}, and prints the package size.
 */
public final class BoundedMemoryMain {
    private BoundedMemoryMain() {
    }

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]);
        SubmissionFile file = new SubmissionFile("huge.bin", FileRole.SUPPLEMENTAL, null, null, size, null, null, "g");
        DepositSubmission s = new DepositSubmission("big", null, List.of(file), f -> new GeneratedInputStream(size, 3));
        PackageStream pkg = Assemblers.discover(Clock.systemUTC()).require("bagit").assemble(s,
                new PackageOptions(PackageOptions.Archive.TAR, null, List.of(ChecksumAlgorithm.SHA256), Map.of()));
        long read;
        try (InputStream in = pkg.open()) {
            read = in.transferTo(OutputStream.nullOutputStream());
        }
        System.out.println("read=" + read + " size=" + pkg.metadata().size() + " maxHeap="
                + Runtime.getRuntime().maxMemory());
    }
}
