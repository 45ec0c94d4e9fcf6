package org.depositservices.packaging;

import java.util.List;
import java.util.Map;

/**
 * How to build a package: how it is archived and compressed, which checksums it carries, and options of the spec
 * (BagIt organization fields, NIHMS funder mapping, ...), as given under {@code assembler.options} in
 * repositories.json.
 */
public record PackageOptions(Archive archive, Compression compression, List<ChecksumAlgorithm> algorithms,
                             Map<String, Object> specOptions) {

    public enum Archive { ZIP, TAR, NONE }

    public enum Compression { NONE, GZIP }

    public PackageOptions {
        algorithms = algorithms == null ? List.of() : List.copyOf(algorithms);
        specOptions = specOptions == null ? Map.of() : Map.copyOf(specOptions);
    }
}
