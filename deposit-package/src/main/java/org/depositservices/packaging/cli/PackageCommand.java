package org.depositservices.packaging.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.depositservices.model.SubmissionFile;
import org.depositservices.model.SubmissionRequest;
import org.depositservices.packaging.Assembler;
import org.depositservices.packaging.Assemblers;
import org.depositservices.packaging.ChecksumAlgorithm;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.PackageMetadata;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.packaging.PackageStream;
import org.depositservices.packaging.PackagingException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code package}: builds one package from a submission file and a directory of files, without a database or a
 * repository, to see what a repository would receive or to hand-deliver a deposit.
 *
 * <pre>
 * package --spec bagit --submission request.json [--files dir/] [--out dir] [--id ID]
 *         [--options options.json] [--archive zip|tar] [--compression none|gzip] [--algorithms sha512,md5]
 *         [--package-algorithms sha256]
 * </pre>
 *
 * {@code request.json} is the API's submission JSON ({@link SubmissionRequest}); each of its {@code files} is read
 * from {@code dir/<name>}, by default the directory of {@code request.json}. The last line printed is the
 * package's path. {@code options.json} is an {@code assembler.options} object as in repositories.json; the
 * other options override it. The package is written under a temporary name and renamed when complete, so a
 * partial package never carries the final name. Exit 0 when written, 1 when the submission cannot be packaged, 2 on
 * bad arguments or unreadable input.
 */
public final class PackageCommand implements Command {
    static final String USAGE_TEXT = "usage: package --spec <spec> --submission <request.json> [--files <dir>]"
            + " [--out <dir>] [--id <submission id>] [--options <assembler-options.json>] [--archive zip|tar]"
            + " [--compression none|gzip] [--algorithms sha512,md5] [--package-algorithms sha256]";

    private final Assemblers assemblers;
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public PackageCommand(Assemblers assemblers) {
        this.assemblers = assemblers;
    }

    public static void main(String[] args) {
        Assemblers assemblers = Assemblers.discover(Clock.systemUTC());
        System.exit(new PackageCommand(assemblers).run(List.of(args), System.out, System.err));
    }

    @Override
    public String name() {
        return "package";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Arguments a;
        Assembler assembler;
        try {
            a = new Arguments(args, Set.of("submission", "files", "spec", "out", "id", "options", "archive",
                    "compression", "algorithms", "package-algorithms"), Set.of());
            if (!a.positional().isEmpty()) {
                throw new IllegalArgumentException("unexpected argument '" + a.positional().get(0) + "'");
            }
            a.require("submission");
            assembler = assemblers.find(a.require("spec")).orElseThrow(() -> new IllegalArgumentException(
                    "unknown --spec '" + a.get("spec") + "'; known: " + String.join(", ", assemblers.names())));
        } catch (IllegalArgumentException e) {
            err.println("package: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        PackageOptions options;
        try {
            options = options(a);
        } catch (IllegalArgumentException e) {
            err.println("package: invalid assembler option " + e.getMessage());
            return USAGE;
        } catch (IOException | JacksonException e) {
            err.println("package: cannot read --options " + a.get("options") + ": " + e.getMessage());
            return USAGE;
        }

        Path requestFile = Path.of(a.require("submission"));
        // Files are resolved next to the submission JSON unless --files says otherwise.
        Path filesDir = a.get("files") != null ? Path.of(a.get("files"))
                : requestFile.toAbsolutePath().getParent();
        Path outDir = Path.of(a.get("out") == null ? "." : a.get("out"));
        DepositSubmission submission;
        try {
            byte[] requestJson;
            try {
                requestJson = Files.readAllBytes(requestFile);
            } catch (IOException e) {
                throw new IOException("cannot read --submission " + requestFile + ": " + e, e);
            }
            SubmissionRequest request = json.readValue(requestJson, SubmissionRequest.class);
            String id = a.get("id") != null ? a.get("id") : baseName(requestFile);
            submission = submission(id, request, filesDir);
        } catch (JacksonException e) {
            err.println("package: " + requestFile + " is not a valid submission: " + e.getOriginalMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("package: " + e.getMessage());
            return USAGE;
        }

        Path temp = null;
        try {
            PackageStream pkg = assembler.assemble(submission, options);
            Files.createDirectories(outDir);
            // Not Files.createTempFile: it makes the file 0600, and the package would keep that mode. A file
            // created plainly gets the mode the user's umask gives, like any file a command writes.
            temp = outDir.resolve(".partial-" + UUID.randomUUID() + ".tmp");
            try (OutputStream o = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                pkg.writeTo(o);
            }
            Path target = outDir.resolve(pkg.name());
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            print(out, pkg.metadata(), target);
            return OK;
        } catch (PackagingException e) {
            err.println("package: cannot package: " + e.getMessage());
            return FAILED;
        } catch (IOException e) {
            err.println("package: " + e.getMessage());
            return USAGE;
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Best effort: the name says it is partial.
                }
            }
        }
    }

    private PackageOptions options(Arguments a) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        if (a.get("options") != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fromFile = json.readValue(Path.of(a.get("options")).toFile(), Map.class);
            config.putAll(fromFile);
        }
        for (String key : List.of(PackageOptions.ARCHIVE, PackageOptions.COMPRESSION, PackageOptions.ALGORITHMS,
                PackageOptions.PACKAGE_ALGORITHMS)) {
            if (a.get(key) != null) {
                config.put(key, a.get(key));
            }
        }
        return PackageOptions.fromConfig(config);
    }

    /** The files of the request, read from {@code dir}; sizes from the file system, no recorded checksums. */
    private static DepositSubmission submission(String id, SubmissionRequest request, Path dir) throws IOException {
        Path base = dir.toRealPath();
        List<SubmissionFile> files = new ArrayList<>();
        for (int i = 0; i < request.files().size(); i++) {
            SubmissionRequest.FileEntry f = request.files().get(i);
            if (f.name() == null || f.name().isBlank()) {
                throw new IOException("files[" + i + "] of the submission has no name");
            }
            Path p = base.resolve(f.name()).normalize();
            if (!p.startsWith(base) || !Files.isRegularFile(p)) {
                throw new NoSuchFileException(p.toString(), null, "files[" + i + "] '" + f.name()
                        + "' is not a file in " + dir);
            }
            files.add(new SubmissionFile(f.name(), f.role(), f.description(), null, Files.size(p), null, null,
                    p.toString()));
        }
        return new DepositSubmission(id, request.metadata(), files,
                file -> Files.newInputStream(Path.of(file.location())));
    }

    private static void print(PrintStream out, PackageMetadata m, Path target) {
        out.println("package " + m.name() + " (" + m.spec() + ", " + m.mimeType() + ")");
        out.println("written to " + target.toAbsolutePath());
        out.println("size " + m.size() + " bytes");
        for (Map.Entry<ChecksumAlgorithm, String> c : m.checksums().entrySet()) {
            out.println(c.getKey().bagitName() + " " + c.getValue());
        }
        m.renames().forEach((from, to) -> out.println("renamed '" + from + "' to '" + to + "'"
                + (m.renameReasons().containsKey(from) ? ": " + m.renameReasons().get(from) : "")));
        // The last line is the package path alone, for scripts.
        out.println(target.toAbsolutePath());
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
