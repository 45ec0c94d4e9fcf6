package org.depositservices.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.depositservices.packaging.Assemblers;
import org.depositservices.packaging.ChecksumAlgorithm;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.packaging.PackageStream;
import org.depositservices.packaging.Resource;

/**
 * Packaging throughput against a floor and two peers: a payload of random files (8 x 128 MiB by default) packaged as a BagIt zip
 * (SHA-512) and a NIHMS tar.gz, each written to a real file, against (a) one plain SHA-512 pass over the same files
 * in the same JVM, (b) {@code sha512sum} of the same files and (c) bagit-java 5.2.0 bagging a copy in place and
 * java.util.zip zipping it; and, in a JVM of its own with a small heap, a large payload (4 GiB) packaged both ways
 * with the peak heap it took. bench/package-bench.sh runs the three commands in order; docs/benchmarks.md has the
 * figures.
 *
 * <pre>
 * generate --dir D [--files 8] [--file-mib 128] [--extension pdf] [--seed 42]
 *     writes the payload and the store's record of it (size, sha256, md5) to D
 * timing --dir D [--extension pdf|bin] [--iterations 3] [--steps all|goals]
 *     warms up on 8 x 1 MiB, then measures every step (or only those the goals compare) --iterations times,
 *     interleaved, and prints the table
 * heap --dir D
 *     packages D's payload as BagIt zip and NIHMS tar.gz to files in D, printing time and peak heap of each
 * </pre>
 *
 * Exit status: 0 when every step ran (whether or not a goal was met), 1 when a package failed, 2 on bad arguments.
 */
public final class PackageThroughputBenchmark {
    static final long MIB = 1024L * 1024;
    static final double FLOOR_GOAL = 1.1;
    static final double LOC_GOAL = 2.0;
    /** What the goals compare: {@code --steps goals} measures only these, for longer runs. */
    static final Set<Step> GOAL_STEPS = Collections.unmodifiableSet(EnumSet.of(Step.FLOOR, Step.BAGIT, Step.NIHMS,
            Step.LOC, Step.LOC_CREATE, Step.LOC_ZIP));
    static final PackageOptions BAGIT_ZIP = new PackageOptions(PackageOptions.Archive.ZIP,
            PackageOptions.Compression.NONE, List.of(ChecksumAlgorithm.SHA512), Map.of());
    /** NIHMS's own defaults (tar, gzip, sha256) and the mapping that puts the submission's NIH grant in bulk_meta. */
    static final PackageOptions NIHMS = new PackageOptions(null, null, List.of(),
            Map.of("funder-mapping", Map.of(Payload.FUNDER_KEY, "nih")));

    /** The steps of a timing run, in the order they run within an iteration. */
    enum Step {
        FLOOR("(a) SHA-512 of the files, one pass in this JVM (the floor)"),
        BAGIT_DIGESTS("digests our BagIt zip computes: files SHA-512, package SHA-256"),
        NIHMS_DIGESTS("digests our NIHMS tar.gz computes: files SHA-256, package SHA-256"),
        SHA512SUM("(b) sha512sum of the files"),
        BAGIT("ours: BagIt zip [sha512] -> file"),
        BAGIT_OLDER("ours: BagIt zip [sha512] -> file, files stored with only sha256 + md5 recorded"),
        NIHMS("ours: NIHMS tar.gz [sha256] -> file"),
        LOC("(c) bagit-java bagInPlace SHA-512 + java.util.zip -> file"),
        LOC_CREATE("(c) of which bagInPlace"),
        LOC_ZIP("(c) of which java.util.zip");

        final String label;

        Step(String label) {
            this.label = label;
        }
    }

    /** One row: a step's times over the iterations, its output size and the largest peak heap seen. */
    record Row(Step step, List<Long> nanos, long outputBytes, long peakHeapBytes) {
        long best() {
            return nanos.stream().min(Long::compare).orElseThrow();
        }

        long median() {
            List<Long> s = nanos.stream().sorted().toList();
            int n = s.size();
            return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        }
    }

    /** What a timing run found; ratios are of best times, medians alongside. */
    record Report(long payloadBytes, Map<Step, Row> rows, List<String> mediaTypes) {
        double ratio(Step a, Step b, boolean median) {
            Row x = rows.get(a);
            Row y = rows.get(b);
            return median ? (double) x.median() / y.median() : (double) x.best() / y.best();
        }

        /**
         * The median over iterations of {@code a}'s time over {@code b}'s in the same iteration: the host's speed
         * drifts by tens of per cent from one second to the next here, and steps measured seconds apart share more
         * of it than best or median times taken from different iterations.
         */
        double pairedRatio(Step a, Step b) {
            List<Double> r = pairedRatios(a, b);
            int n = r.size();
            return n % 2 == 1 ? r.get(n / 2) : (r.get(n / 2 - 1) + r.get(n / 2)) / 2;
        }

        /** {@code a}'s time over {@code b}'s in each iteration, sorted. */
        List<Double> pairedRatios(Step a, Step b) {
            List<Long> x = rows.get(a).nanos();
            List<Long> y = rows.get(b).nanos();
            List<Double> r = new ArrayList<>();
            for (int i = 0; i < x.size(); i++) {
                r.add((double) x.get(i) / y.get(i));
            }
            r.sort(Double::compare);
            return r;
        }

        boolean bagitWithinFloorGoal() {
            return ratio(Step.BAGIT, Step.FLOOR, false) <= FLOOR_GOAL;
        }

        boolean nihmsWithinFloorGoal() {
            return ratio(Step.NIHMS, Step.FLOOR, false) <= FLOOR_GOAL;
        }

        boolean twiceAsFastAsLoc() {
            return ratio(Step.LOC, Step.BAGIT, false) >= LOC_GOAL;
        }
    }

    private final Assemblers assemblers;
    private final PrintStream out;

    public PackageThroughputBenchmark(Assemblers assemblers, PrintStream out) {
        this.assemblers = assemblers;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: PackageThroughputBenchmark generate|timing|heap --dir DIR [options] (see the javadoc)");
            System.exit(2);
        }
        List<String> rest = List.of(args).subList(1, args.length);
        PackageThroughputBenchmark bench = new PackageThroughputBenchmark(Assemblers.discover(Clock.systemUTC()), System.out);
        try {
            switch (args[0]) {
                case "generate" -> {
                    Map<String, String> o = options(rest, Set.of("dir", "files", "file-mib", "extension", "seed"));
                    bench.generate(dir(o), Integer.parseInt(o.getOrDefault("files", "8")),
                            Long.parseLong(o.getOrDefault("file-mib", "128")) * MIB,
                            o.getOrDefault("extension", "pdf"), Long.parseLong(o.getOrDefault("seed", "42")));
                }
                case "timing" -> {
                    Map<String, String> o = options(rest, Set.of("dir", "extension", "iterations", "steps"));
                    bench.timing(dir(o), o.get("extension"), Integer.parseInt(o.getOrDefault("iterations", "3")),
                            steps(o.getOrDefault("steps", "all")));
                }
                case "heap" -> {
                    if (!bench.heap(dir(options(rest, Set.of("dir"))))) {
                        System.exit(1);
                    }
                }
                default -> throw new IllegalArgumentException("unknown command '" + args[0]
                        + "' (generate, timing or heap)");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("PackageThroughputBenchmark: " + e.getMessage());
            System.exit(2);
        }
    }

    private static Map<String, String> options(List<String> args, Set<String> allowed) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String k = args.get(i);
            if (!k.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + k + "'");
            }
            String name = k.substring(2);
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (known: " + allowed + ")");
            }
            a.put(name, args.get(++i));
        }
        return a;
    }

    private static Set<Step> steps(String name) {
        return switch (name) {
            case "all" -> EnumSet.allOf(Step.class);
            case "goals" -> GOAL_STEPS;
            default -> throw new IllegalArgumentException("--steps is all or goals, not '" + name + "'");
        };
    }

    private static Path dir(Map<String, String> o) {
        String d = o.get("dir");
        if (d == null) {
            throw new IllegalArgumentException("--dir is required: the directory of the payload");
        }
        return Path.of(d);
    }

    /** Writes the payload; prints what and how long. */
    Payload generate(Path dir, int files, long fileBytes, String extension, long seed) throws IOException {
        long start = System.nanoTime();
        Payload p = Payload.generate(dir, files, fileBytes, extension, seed);
        out.printf(Locale.ROOT, "generated %d random .%s files of %d MiB (%.0f MiB) in %s, with their sha256,"
                        + " md5, sha512 and crc32, in %.1f s%n", files, extension, fileBytes / MIB, p.totalBytes() / (double) MIB,
                dir, (System.nanoTime() - start) / 1e9);
        return p;
    }

    /**
     * Measures every {@link Step} on the payload in {@code dir} (as files with {@code extension}, hard-linked
     * under {@code dir/as-<ext>} when it differs from the generated one), prints the table and the goals.
     * Packages and bags go to {@code dir/out-<ext>} and are deleted after each step.
     */
    Report timing(Path dir, String extension, int iterations) throws Exception {
        return timing(dir, extension, iterations, EnumSet.allOf(Step.class));
    }

    /** As {@link #timing(Path, String, int)}, measuring only {@code steps}, which must include {@link #GOAL_STEPS}. */
    Report timing(Path dir, String extension, int iterations, Set<Step> steps) throws Exception {
        if (!steps.containsAll(GOAL_STEPS)) {
            throw new IllegalArgumentException("the steps must include " + GOAL_STEPS + ", which the goals compare");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be at least 1, was " + iterations);
        }
        Payload generated = Payload.load(dir);
        String ext = extension == null ? generated.extension() : extension;
        Path renamedDir = dir.resolve("as-" + ext);
        Path work = dir.resolve("out-" + ext);
        Path warmDir = dir.resolve("warmup-" + ext);
        try (HeapWatch heap = new HeapWatch()) {
            Payload payload = ext.equals(generated.extension()) ? generated : generated.renamedAs(ext, renamedDir);
            Files.createDirectories(work);
            Runtime rt = Runtime.getRuntime();
            out.printf(Locale.ROOT, "Packaging throughput benchmark: %d random .%s files, %.0f MiB in all; Java %s,"
                            + " %d core(s), max heap %d MiB, %s; load average %.2f%n", payload.files().size(), ext,
                    payload.totalBytes() / (double) MIB, System.getProperty("java.version"),
                    rt.availableProcessors(), rt.maxMemory() / MIB, HeapWatch.collectors(), loadAverage());

            // Warm-up: the same steps on 8 x 1 MiB, so the JIT, Tika and bagit-java are loaded before measuring.
            Payload warm = Payload.generate(warmDir, 8, MIB, ext, 7);
            new Run(warm, work, heap, steps).once(new HashMap<>());

            Map<Step, List<Long>> nanos = new LinkedHashMap<>();
            Map<Step, long[]> sizesAndPeaks = new LinkedHashMap<>();
            Run run = new Run(payload, work, heap, steps);
            for (int i = 0; i < iterations; i++) {
                Map<Step, long[]> results = new LinkedHashMap<>();
                run.once(results);
                for (Map.Entry<Step, long[]> e : results.entrySet()) {
                    nanos.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()[0]);
                    long[] sp = sizesAndPeaks.computeIfAbsent(e.getKey(), k -> new long[2]);
                    sp[0] = e.getValue()[1];
                    sp[1] = Math.max(sp[1], e.getValue()[2]);
                }
                out.printf(Locale.ROOT, "iteration %d of %d done; load average %.2f%n", i + 1, iterations,
                        loadAverage());
            }
            Map<Step, Row> rows = new LinkedHashMap<>();
            for (Step s : Step.values()) {
                if (nanos.containsKey(s)) {
                    rows.put(s, new Row(s, List.copyOf(nanos.get(s)), sizesAndPeaks.get(s)[0],
                            sizesAndPeaks.get(s)[1]));
                }
            }
            Report report = new Report(payload.totalBytes(), rows, List.copyOf(run.mediaTypes));
            print(report, iterations, ext);
            return report;
        } finally {
            Payload.deleteTree(work);
            Payload.deleteTree(warmDir);
            Payload.deleteTree(renamedDir);
        }
    }

    /** One pass over every step on one payload; results are {nanos, output bytes, peak heap} per step. */
    private final class Run {
        private final Payload payload;
        private final Path work;
        private final HeapWatch heap;
        private final Set<Step> steps;
        private final DepositSubmission recorded;
        private final DepositSubmission older;
        /** Each file's SHA-512 as this JVM computed it, to check sha512sum's answer against. */
        private final Map<String, String> sha512 = new HashMap<>();
        final Set<String> mediaTypes = new java.util.TreeSet<>();

        Run(Payload payload, Path work, HeapWatch heap, Set<Step> steps) {
            this.steps = steps;
            this.payload = payload;
            this.work = work;
            this.heap = heap;
            this.recorded = payload.submission("bench-1", Payload.Recorded.ALL);
            this.older = payload.submission("bench-2", Payload.Recorded.OLDER);
        }

        void once(Map<Step, long[]> results) throws Exception {
            for (Step s : steps) {
                if (s == Step.LOC_CREATE || s == Step.LOC_ZIP) {
                    continue;
                }
                heap.reset();
                long[] r = switch (s) {
                    case FLOOR -> digests(true, ChecksumAlgorithm.SHA512);
                    case BAGIT_DIGESTS -> digests(false, ChecksumAlgorithm.SHA512, ChecksumAlgorithm.SHA256);
                    case NIHMS_DIGESTS -> digests(false, ChecksumAlgorithm.SHA256, ChecksumAlgorithm.SHA256);
                    case SHA512SUM -> sha512sum();
                    case BAGIT -> ours("bagit", recorded, BAGIT_ZIP);
                    case BAGIT_OLDER -> ours("bagit", older, BAGIT_ZIP);
                    case NIHMS -> ours("nihms", recorded, NIHMS);
                    case LOC -> loc(results);
                    default -> throw new IllegalStateException("no measurement for " + s);
                };
                results.put(s, new long[] {r[0], r[1], heap.peakUsed()});
            }
        }

        /** Reads every file once through a 64 KiB buffer (as the packager does), feeding each digest. */
        private long[] digests(boolean keep, ChecksumAlgorithm... algorithms) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            long start = System.nanoTime();
            for (Payload.PayloadFile f : payload.files()) {
                MessageDigest[] d = new MessageDigest[algorithms.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = algorithms[i].newDigest();
                }
                try (InputStream in = Files.newInputStream(payload.path(f))) {
                    int n;
                    while ((n = in.read(buffer)) != -1) {
                        for (MessageDigest m : d) {
                            m.update(buffer, 0, n);
                        }
                        total += n;
                    }
                }
                String hex = java.util.HexFormat.of().formatHex(d[0].digest());
                if (keep) {
                    sha512.put(f.name(), hex);
                }
            }
            return new long[] {System.nanoTime() - start, total};
        }

        /** Runs sha512sum on every file in one process, and checks it agrees with this JVM's SHA-512. */
        private long[] sha512sum() throws Exception {
            List<String> command = new ArrayList<>(List.of("sha512sum"));
            payload.paths().forEach(p -> command.add(p.toString()));
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("sha512sum failed (is coreutils installed?): " + output);
            }
            long nanos = System.nanoTime() - start;
            for (String line : output.split("\n")) {
                String[] f = line.split("\\s+\\*?", 2);
                String name = Path.of(f[1]).getFileName().toString();
                if (!f[0].equals(sha512.get(name))) {
                    throw new IllegalStateException("sha512sum says " + f[0] + " for " + name + ", this JVM "
                            + sha512.get(name) + ": the benchmark would compare different work");
                }
            }
            return new long[] {nanos, payload.totalBytes()};
        }

        /** Assembles and writes one of our packages to a file (not synced: as a transport's temp file would be). */
        private long[] ours(String spec, DepositSubmission submission, PackageOptions options) throws IOException {
            long start = System.nanoTime();
            PackageStream pkg = assemblers.require(spec).assemble(submission, options);
            Path file = work.resolve(pkg.name());
            try (OutputStream o = Files.newOutputStream(file)) {
                pkg.writeTo(o);
            }
            long nanos = System.nanoTime() - start;
            long size = Files.size(file);
            if (size != pkg.metadata().size()) {
                throw new IllegalStateException(file + " has " + size + " bytes but the package reported "
                        + pkg.metadata().size());
            }
            for (Resource r : pkg.metadata().resources()) {
                if (!r.supplemental()) {
                    mediaTypes.add(spec + ": " + r.mimeType());
                }
            }
            Files.delete(file);
            return new long[] {nanos, size};
        }

        /** bagit-java on a hard-linked copy of the payload (prepared untimed), then java.util.zip. */
        private long[] loc(Map<Step, long[]> results) throws IOException {
            Path bag = work.resolve("loc-bag");
            Path zip = work.resolve("loc-bag.zip");
            Payload.deleteTree(bag);
            payload.linkInto(bag);
            heap.reset();
            LocBagitZip.Result r = LocBagitZip.bagAndZip(bag, zip);
            long peak = heap.peakUsed();
            results.put(Step.LOC_CREATE, new long[] {r.createNanos(), 0, peak});
            results.put(Step.LOC_ZIP, new long[] {r.zipNanos(), r.zipBytes(), peak});
            Files.delete(zip);
            Payload.deleteTree(bag);
            return new long[] {r.totalNanos(), r.zipBytes()};
        }
    }

    private void print(Report r, int iterations, String ext) {
        double mib = r.payloadBytes() / (double) MIB;
        out.println();
        out.printf(Locale.ROOT, "%.0f MiB payload, %d iteration(s) (best and median); x floor = time / time of (a)"
                + "%n%n", mib, iterations);
        out.println("| step | best s | median s | MiB/s (best) | x floor (best) | x floor (median) | output MiB"
                + " | peak heap MiB |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Row row : r.rows().values()) {
            out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.0f | %.2f | %.2f | %s | %.0f |%n", row.step().label,
                    row.best() / 1e9, row.median() / 1e9, mib / (row.best() / 1e9),
                    r.ratio(row.step(), Step.FLOOR, false), r.ratio(row.step(), Step.FLOOR, true),
                    row.outputBytes() == 0 ? "" : String.format(Locale.ROOT, "%.1f", row.outputBytes() / (double) MIB),
                    row.peakHeapBytes() / (double) MIB);
        }
        out.println();
        out.println("media types our packager detected for the files: " + String.join("; ", r.mediaTypes()));
        out.printf(Locale.ROOT, "goal: package time <= %.1fx one SHA-512 pass: BagIt zip %.2fx (median %.2fx, paired"
                        + " %.2fx) -> %s; NIHMS tar.gz %.2fx (median %.2fx, paired %.2fx) -> %s%n", FLOOR_GOAL,
                r.ratio(Step.BAGIT, Step.FLOOR, false), r.ratio(Step.BAGIT, Step.FLOOR, true),
                r.pairedRatio(Step.BAGIT, Step.FLOOR), r.bagitWithinFloorGoal() ? "MET" : "NOT MET",
                r.ratio(Step.NIHMS, Step.FLOOR, false), r.ratio(Step.NIHMS, Step.FLOOR, true),
                r.pairedRatio(Step.NIHMS, Step.FLOOR), r.nihmsWithinFloorGoal() ? "MET" : "NOT MET");
        // LocBagitZip skips deflate for .pdf names as ours does; any other name it deflates, as java.util.zip does.
        String reference = LocBagitZip.ALREADY_COMPRESSED.test("x." + ext)
                ? "told to skip deflate for ." + ext + " as ours does" : "deflating every file, as it comes";
        out.printf(Locale.ROOT, "goal: at least %.0fx faster than bagit-java + java.util.zip (%s): bagit-java takes"
                        + " %.2fx our BagIt zip's time (median %.2fx, paired %.2fx) -> %s%n", LOC_GOAL, reference,
                r.ratio(Step.LOC, Step.BAGIT, false), r.ratio(Step.LOC, Step.BAGIT, true),
                r.pairedRatio(Step.LOC, Step.BAGIT), r.twiceAsFastAsLoc() ? "MET" : "NOT MET");
        out.println("(ratios of best times decide; median: of median times; paired: the median over iterations of"
                + " the ratio within one iteration)");
        out.println("ratios within each iteration, sorted: BagIt zip / floor " + ratios(r, Step.BAGIT, Step.FLOOR)
                + "; NIHMS tar.gz / floor " + ratios(r, Step.NIHMS, Step.FLOOR) + "; bagit-java / BagIt zip "
                + ratios(r, Step.LOC, Step.BAGIT));
        out.printf(Locale.ROOT, "load average at the end: %.2f%n", loadAverage());
    }

    private static String ratios(Report r, Step a, Step b) {
        return r.pairedRatios(a, b).stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList().toString();
    }

    /**
     * Packages the payload in {@code dir} as BagIt zip and NIHMS tar.gz, each to a file that is then deleted,
     * printing time and peak heap of each. Meant for a JVM with a small heap (-Xmx64m).
     *
     * @return true when both packages were written completely
     */
    boolean heap(Path dir) throws IOException {
        Payload payload = Payload.load(dir);
        Path work = Files.createDirectories(dir.resolve("out-heap"));
        Runtime rt = Runtime.getRuntime();
        double gib = payload.totalBytes() / (double) (1024 * MIB);
        out.printf(Locale.ROOT, "Heap run: %d random .%s files, %.2f GiB; max heap %d MiB (%s), Java %s; load"
                        + " average %.2f%n%n", payload.files().size(), payload.extension(), gib, rt.maxMemory() / MIB,
                HeapWatch.collectors(), System.getProperty("java.version"), loadAverage());
        out.println("| package | result | output GiB | s | MiB/s | peak heap used MiB | sum of heap pool peaks MiB |");
        out.println("|---|---|---:|---:|---:|---:|---:|");
        boolean ok = true;
        Map<String, PackageOptions> packages = new TreeMap<>(Map.of("bagit", BAGIT_ZIP, "nihms", NIHMS));
        try (HeapWatch heap = new HeapWatch()) {
            for (Map.Entry<String, PackageOptions> e : packages.entrySet()) {
                heap.reset();
                long start = System.nanoTime();
                String result;
                long size = 0;
                try {
                    PackageStream pkg = assemblers.require(e.getKey())
                            .assemble(payload.submission("heap-1", Payload.Recorded.ALL), e.getValue());
                    Path file = work.resolve(pkg.name());
                    try (OutputStream o = Files.newOutputStream(file)) {
                        pkg.writeTo(o);
                    }
                    size = Files.size(file);
                    Files.delete(file);
                    result = "OK";
                } catch (OutOfMemoryError | Exception ex) {
                    result = "FAILED: " + ex;
                    ok = false;
                }
                double s = (System.nanoTime() - start) / 1e9;
                out.printf(Locale.ROOT, "| %s | %s | %.2f | %.1f | %.0f | %.1f | %.1f |%n",
                        e.getKey().equals("bagit") ? "BagIt zip [sha512]" : "NIHMS tar.gz [sha256]", result,
                        size / (double) (1024 * MIB), s, payload.totalBytes() / (double) MIB / s,
                        heap.peakUsed() / (double) MIB, heap.poolPeakSum() / (double) MIB);
            }
        } finally {
            Payload.deleteTree(work);
        }
        out.printf(Locale.ROOT, "%nheap run %s; load average %.2f%n", ok ? "succeeded" : "FAILED", loadAverage());
        return ok;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
