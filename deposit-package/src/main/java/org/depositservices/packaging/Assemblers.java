package org.depositservices.packaging;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.depositservices.packaging.bagit.BagItPackageProvider;
import org.depositservices.packaging.mets.DspaceMetsPackageProvider;
import org.depositservices.packaging.nihms.NihmsPackageProvider;
import org.depositservices.packaging.simple.SimpleZipPackageProvider;

/**
 * The assemblers Deposit Services knows, found by spec identifier or alias as written in repositories.json
 * ({@code assembler.specification}), ignoring case.
 */
public final class Assemblers {
    private final Map<String, Assembler> byName = new LinkedHashMap<>();
    private final List<Assembler> all;

    /** @throws IllegalArgumentException when two assemblers claim the same spec or alias */
    public Assemblers(List<? extends Assembler> assemblers) {
        this.all = List.copyOf(assemblers);
        for (Assembler a : all) {
            register(a.spec(), a);
            for (String alias : a.aliases()) {
                register(alias, a);
            }
        }
    }

    /**
     * Every spec this module implements (BagIt, DSpace METS, NIHMS native, SimpleZip), each an
     * {@link ArchivingAssembler} using {@code clock}. A new spec adds its provider here.
     */
    public static Assemblers builtIn(Clock clock) {
        List<Assembler> list = new ArrayList<>();
        for (PackageProvider p : List.of(new BagItPackageProvider(), new DspaceMetsPackageProvider(),
                new NihmsPackageProvider(), new SimpleZipPackageProvider())) {
            list.add(new ArchivingAssembler(p, clock));
        }
        return new Assemblers(list);
    }

    private void register(String name, Assembler a) {
        Assembler previous = byName.putIfAbsent(key(name), a);
        if (previous != null && previous != a) {
            throw new IllegalArgumentException("package spec name '" + name + "' is claimed by both " + previous.spec()
                    + " and " + a.spec());
        }
    }

    public Optional<Assembler> find(String specOrAlias) {
        return specOrAlias == null ? Optional.empty() : Optional.ofNullable(byName.get(key(specOrAlias)));
    }

    /** @throws PackagingException naming the unknown spec and every known name */
    public Assembler require(String specOrAlias) {
        return find(specOrAlias).orElseThrow(() -> new PackagingException("unknown package spec '" + specOrAlias
                + "' in assembler.specification; known: " + String.join(", ", names()),
                "assembler.specification"));
    }

    /** Every spec identifier and alias, sorted. */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Assembler a : all) {
            names.add(a.spec());
            names.addAll(a.aliases());
        }
        return List.copyOf(names);
    }

    public List<Assembler> all() {
        return all;
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
