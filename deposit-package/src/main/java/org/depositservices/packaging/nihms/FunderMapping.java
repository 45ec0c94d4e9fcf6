package org.depositservices.packaging.nihms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.depositservices.model.Funder;
import org.depositservices.packaging.PackagingException;

/**
 * Maps a funder's local key (the institution's own key, e.g. {@code johnshopkins.edu:funder:300484}) to a NIHMS
 * funder code. Configured under {@code assembler.options} as
 * {@code "funder-mapping": {"johnshopkins.edu:funder:300484": "nih"}}.
 *
 * <p>A grant whose funder has no mapping is left out of bulk_meta.xml: NIHMS accepts only its own funder codes,
 * and guessing one would attribute the work to the wrong agency. Keys match exactly (case-sensitive), as local keys
 * are identifiers.
 */
public record FunderMapping(Map<String, NihmsFunder> codesByLocalKey) {

    public static final String OPTION = "funder-mapping";

    public FunderMapping {
        codesByLocalKey = Map.copyOf(codesByLocalKey);
    }

    public static FunderMapping none() {
        return new FunderMapping(Map.of());
    }

    /**
     * Reads {@value #OPTION} from the spec options; absent means no grant is written.
     *
     * @throws PackagingException naming the option when it is not an object of strings or names an unknown code
     */
    public static FunderMapping fromSpecOptions(Map<String, Object> specOptions) {
        Object raw = specOptions == null ? null : specOptions.get(OPTION);
        if (raw == null) {
            return none();
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw new PackagingException("assembler.options." + OPTION
                    + " must be an object mapping funder local keys to NIHMS funder codes, was " + raw,
                    "assembler.options." + OPTION);
        }
        Map<String, NihmsFunder> codes = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof String code)) {
                throw new PackagingException("assembler.options." + OPTION + "[\"" + key
                        + "\"] must be a NIHMS funder code string, was " + e.getValue(),
                        "assembler.options." + OPTION);
            }
            try {
                codes.put(key, NihmsFunder.parse(code));
            } catch (IllegalArgumentException ex) {
                throw new PackagingException("assembler.options." + OPTION + "[\"" + key + "\"]: "
                        + ex.getMessage(), "assembler.options." + OPTION);
            }
        }
        return new FunderMapping(codes);
    }

    /** The NIHMS code of a funder, or empty when it has no local key or the key is not mapped. */
    public Optional<NihmsFunder> codeOf(Funder funder) {
        if (funder == null || funder.localKey() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(codesByLocalKey.get(funder.localKey().trim()));
    }
}
