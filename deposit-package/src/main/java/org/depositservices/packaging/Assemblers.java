package org.depositservices.packaging;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The assemblers Deposit Services knows, found by spec identifier or alias as written in repositories.json
 * ({@code assembler.specification}), ignoring case.
 */
public final class Assemblers {
    /**
     * The specification of a repository that takes no package: its transport delivers the submission's files and
     * metadata one by one (a REST repository). No assembler serves it.
     */
    public static final String NONE = "none";

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
     * Every {@link PackageProvider} named in {@code META-INF/services/org.depositservices.packaging.PackageProvider}
     * on the class path of {@code loader} (this module names BagIt, DSpace METS, NIHMS native and SimpleZip), each an
     * {@link ArchivingAssembler} using {@code clock}. A new spec is a provider and a line in that file.
     */
    public static Assemblers discover(Clock clock, ClassLoader loader) {
        List<Assembler> list = new ArrayList<>();
        for (PackageProvider p : ServiceLoader.load(PackageProvider.class, loader)) {
            list.add(new ArchivingAssembler(p, clock));
        }
        return new Assemblers(list);
    }

    /** {@link #discover(Clock, ClassLoader)} with this class's loader. */
    public static Assemblers discover(Clock clock) {
        return discover(clock, Assemblers.class.getClassLoader());
    }

    /** Whether {@code spec} is {@value #NONE}: no package, the files are sent as they are. */
    public static boolean isNone(String spec) {
        return spec != null && NONE.equalsIgnoreCase(spec.trim());
    }

    private void register(String name, Assembler a) {
        if (isNone(name)) {
            throw new IllegalArgumentException(a.spec() + " claims the name '" + NONE + "', which means no package");
        }
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
