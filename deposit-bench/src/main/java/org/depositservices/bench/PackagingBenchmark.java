package org.depositservices.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.depositservices.model.FileRole;
import org.depositservices.model.SubmissionFile;
import org.depositservices.packaging.Assembler;
import org.depositservices.packaging.Assemblers;
import org.depositservices.packaging.ChecksumAlgorithm;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.packaging.PackageStream;

/**
 * How fast packages are built, and how much heap that takes. Generates incompressible files (like the PDFs and
 * images of real deposits) on disk, then for each spec and archive writes the package into a counting null stream,
 * through {@link PackageStream#writeTo} and through {@link PackageStream#open()} (the background writer and bounded
 * pipe a transport reads from). Baselines: reading the files, and reading them with one SHA-256, show what the
 * disk and one checksum cost alone. Prints a Markdown table. Run by hand (docs/benchmarks.md), never in CI timing.
 *
 * <pre>
 * --size-mib 256     total payload
 * --files 4          number of files sharing it
 * --specs bagit,simple
 * --archives zip,tar,tar.gz
 * --algorithms ...   e.g. sha256 (default: each spec's own)
 * --iterations 3 --warmup 1
 * --dir DIR          where to generate the files (default: a temporary directory, removed afterwards)
 * --extension bin    the files' extension: bin (an unknown type, which the packager samples: random bytes are not
 *                    deflated) or e.g. pdf (a type known to be compressed)
 * </pre>
 */
public final class PackagingBenchmark {

    /** What to run. */
    record Settings(long sizeBytes, int files, List<String> specs, List<String> archives,
                    List<ChecksumAlgorithm> algorithms, int iterations, int warmup, Path dir, String extension) {

        static Settings parse(List<String> args) {
            Map<String, String> a = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                String k = args.get(i);
                if (!k.startsWith("--") || i + 1 >= args.size()) {
                    throw new IllegalArgumentException("expected --name value pairs, got '" + k + "'");
                }
                a.put(k.substring(2), args.get(++i));
            }
            List<ChecksumAlgorithm> algorithms = new ArrayList<>();
            for (String n : split(a.getOrDefault("algorithms", ""))) {
                algorithms.add(ChecksumAlgorithm.parse(n));
            }
            Settings s = new Settings(Long.parseLong(a.getOrDefault("size-mib", "256")) * 1024 * 1024,
                    Integer.parseInt(a.getOrDefault("files", "4")),
                    split(a.getOrDefault("specs", "bagit,simple")),
                    split(a.getOrDefault("archives", "zip,tar,tar.gz")),
                    algorithms,
                    Integer.parseInt(a.getOrDefault("iterations", "3")),
                    Integer.parseInt(a.getOrDefault("warmup", "1")),
                    a.containsKey("dir") ? Path.of(a.get("dir")) : null,
                    a.getOrDefault("extension", "bin"));
            a.keySet().removeAll(List.of("size-mib", "files", "specs", "archives", "algorithms", "iterations",
                    "warmup", "dir", "extension"));
            if (!a.isEmpty()) {
                throw new IllegalArgumentException("unknown option(s): " + a.keySet());
            }
            return s;
        }

        private static List<String> split(String s) {
            return Stream.of(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        }
    }

    /** One measured row. */
    record Row(String what, long payloadBytes, long outputBytes, List<Long> nanos, long peakHeapBytes) {
        Row named(String name) {
            return new Row(name, payloadBytes, outputBytes, nanos, peakHeapBytes);
        }

        double bestMibPerSecond() {
            long best = nanos.stream().min(Long::compare).orElseThrow();
            return payloadBytes / (1024.0 * 1024.0) / (best / 1e9);
        }

        double medianSeconds() {
            List<Long> sorted = nanos.stream().sorted().toList();
            return sorted.get(sorted.size() / 2) / 1e9;
        }
    }

    private final Settings settings;
    private final Assemblers assemblers;
    private final PrintStream out;

    public PackagingBenchmark(Settings settings, Assemblers assemblers, PrintStream out) {
        this.settings = settings;
        this.assemblers = assemblers;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("packaging benchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        new PackagingBenchmark(settings, Assemblers.discover(Clock.systemUTC()), System.out).run();
    }

    /** Generates the files, measures every configuration, prints the table; returns the rows. */
    public List<Row> run() throws Exception {
        Path dir = settings.dir() != null ? Files.createDirectories(settings.dir())
                : Files.createTempDirectory("packaging-bench-");
        try {
            DepositSubmission submission = generate(dir);
            Runtime rt = Runtime.getRuntime();
            out.printf(Locale.ROOT, "Packaging benchmark: %d random .%s file(s), %.0f MiB in all; Java %s, %d"
                            + " core(s), max heap %d MiB%n%n", settings.files(), settings.extension(),
                    settings.sizeBytes() / 1048576.0,
                    System.getProperty("java.version"), rt.availableProcessors(), rt.maxMemory() / 1048576);
            List<Row> rows = new ArrayList<>();
            rows.add(measure("baseline: read the files", () -> readAll(submission, false)));
            rows.add(measure("baseline: read + sha256", () -> readAll(submission, true)));
            for (String spec : settings.specs()) {
                Assembler assembler = assemblers.require(spec);
                for (String archive : settings.archives()) {
                    PackageOptions options = options(archive);
                    PackageStream pkg = assembler.assemble(submission, options);
                    Row write = measure("writeTo", () -> {
                        CountingStream c = new CountingStream();
                        pkg.writeTo(c);
                        return c.count;
                    });
                    Row open = measure("open", () -> {
                        try (InputStream in = pkg.open()) {
                            return in.transferTo(OutputStream.nullOutputStream());
                        }
                    });
                    // Known only after a write: the files' algorithms the spec's defaults filled in.
                    String label = spec + " " + archive + " " + pkg.metadata().resources().get(0).checksums()
                            .keySet().stream().sorted().map(ChecksumAlgorithm::bagitName).toList();
                    rows.add(write.named(label + " writeTo"));
                    rows.add(open.named(label + " open()"));
                }
            }
            print(rows);
            return rows;
        } finally {
            if (settings.dir() == null) {
                Payload.deleteTree(dir);
            }
        }
    }

    private PackageOptions options(String archive) {
        return switch (archive) {
            case "zip" -> new PackageOptions(PackageOptions.Archive.ZIP, PackageOptions.Compression.NONE,
                    settings.algorithms(), Map.of());
            case "tar" -> new PackageOptions(PackageOptions.Archive.TAR, PackageOptions.Compression.NONE,
                    settings.algorithms(), Map.of());
            case "tar.gz" -> new PackageOptions(PackageOptions.Archive.TAR, PackageOptions.Compression.GZIP,
                    settings.algorithms(), Map.of());
            default -> throw new IllegalArgumentException("unknown archive '" + archive + "' (zip, tar, tar.gz)");
        };
    }

    @FunctionalInterface
    private interface Work {
        long run() throws Exception;
    }

    private Row measure(String what, Work work) throws Exception {
        for (int i = 0; i < settings.warmup(); i++) {
            work.run();
        }
        List<Long> nanos = new ArrayList<>();
        long output = 0;
        long peak = 0;
        for (int i = 0; i < settings.iterations(); i++) {
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            output = work.run();
            nanos.add(System.nanoTime() - start);
            peak = Math.max(peak, heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum());
        }
        return new Row(what, settings.sizeBytes(), output, nanos, peak);
    }

    private void print(List<Row> rows) {
        out.println("| what | payload MiB/s (best) | median s | output MiB | peak heap MiB |");
        out.println("|---|---:|---:|---:|---:|");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.1f | %.0f |%n", r.what(), r.bestMibPerSecond(),
                    r.medianSeconds(), r.outputBytes() / 1048576.0, r.peakHeapBytes() / 1048576.0);
        }
    }

    /** Writes the payload as {@code files} files of random bytes and describes them as a submission. */
    private DepositSubmission generate(Path dir) throws IOException {
        Random random = new Random(42);
        byte[] block = new byte[1024 * 1024];
        List<SubmissionFile> files = new ArrayList<>();
        long left = settings.sizeBytes();
        for (int i = 0; i < settings.files(); i++) {
            long size = i == settings.files() - 1 ? left : settings.sizeBytes() / settings.files();
            left -= size;
            Path p = dir.resolve("file-" + i + "." + settings.extension());
            try (OutputStream o = Files.newOutputStream(p)) {
                for (long written = 0; written < size; ) {
                    random.nextBytes(block);
                    int n = (int) Math.min(block.length, size - written);
                    o.write(block, 0, n);
                    written += n;
                }
            }
            files.add(new SubmissionFile(p.getFileName().toString(), i == 0 ? FileRole.MANUSCRIPT
                    : FileRole.SUPPLEMENTAL, null, null, size, null, null, p.toString()));
        }
        return new DepositSubmission("bench", null, files, f -> Files.newInputStream(Path.of(f.location())));
    }

    private static long readAll(DepositSubmission s, boolean sha256) throws Exception {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (SubmissionFile f : s.files()) {
            MessageDigest d = sha256 ? MessageDigest.getInstance("SHA-256") : null;
            try (InputStream in = s.source().open(f)) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    if (d != null) {
                        d.update(buffer, 0, n);
                    }
                    total += n;
                }
            }
            if (d != null) {
                d.digest();
            }
        }
        return total;
    }

    /** Counts what a package writes, and throws it away. */
    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
