package org.depositservices.packaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads what packaging wrote with tools other than the ones that wrote it: the JDK's zip reader and the system's
 * {@code tar}, so that a test proves the archive is readable by others, not just by commons-compress.
 */
public final class TestArchives {
    private TestArchives() {
    }

    /** Writes a package to {@code dir/<its name>}. */
    public static Path write(PackageStream pkg, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(pkg.name());
        try (OutputStream out = Files.newOutputStream(file)) {
            pkg.writeTo(out);
        }
        return file;
    }

    /** Entry name → content, in archive order, read with java.util.zip. */
    public static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                out.put(e.getName(), b.toByteArray());
            }
        }
        return out;
    }

    /** Extracts a zip with java.util.zip into {@code dir}. */
    public static Path unzipTo(Path zip, Path dir) throws IOException {
        for (Map.Entry<String, byte[]> e : unzip(zip).entrySet()) {
            Path to = dir.resolve(e.getKey()).normalize();
            if (!to.startsWith(dir)) {
                throw new IOException("unsafe entry " + e.getKey());
            }
            Files.createDirectories(to.getParent());
            Files.write(to, e.getValue());
        }
        return dir;
    }

    public static boolean hasSystemTar() {
        try {
            run(List.of("tar", "--version"), Path.of("."));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Extracts a tar or tar.gz with the system's tar. */
    public static Path untarTo(Path tar, Path dir) throws IOException {
        Files.createDirectories(dir);
        run(List.of("tar", "-xf", tar.toAbsolutePath().toString(), "-C", dir.toAbsolutePath().toString()), dir);
        return dir;
    }

    /** The entry names the system's tar lists. */
    public static List<String> tarList(Path tar) throws IOException {
        return List.of(run(List.of("tar", "-tf", tar.toAbsolutePath().toString()), tar.getParent()).split("\n"));
    }

    private static String run(List<String> command, Path dir) throws IOException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes());
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(command + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return output;
    }
}
