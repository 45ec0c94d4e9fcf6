package org.depositservices.packaging.mets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.depositservices.packaging.ArchivingAssembler;
import org.depositservices.packaging.Assembler;
import org.depositservices.packaging.Assemblers;
import org.depositservices.packaging.nihms.NihmsPackageProvider;
import org.junit.jupiter.api.Test;

/** Both specs can join the built-in registry without claiming a name another spec has, and are found by every name. */
class SpecRegistrationTest {

    @Test
    void bothSpecsAreFoundByIdAndShortNameBesideTheBuiltInOnes() {
        Clock clock = Clock.systemUTC();
        List<Assembler> all = new ArrayList<>(Assemblers.discover(clock).all());
        all.removeIf(a -> a.spec().equals(DspaceMetsPackageProvider.SPEC) || a.spec().equals(NihmsPackageProvider.SPEC));
        all.add(new ArchivingAssembler(new DspaceMetsPackageProvider(), clock));
        all.add(new ArchivingAssembler(new NihmsPackageProvider(), clock));
        Assemblers registry = new Assemblers(all);

        for (String name : List.of("http://purl.org/net/sword/package/METSDSpaceSIP", "dspace-mets", "METSDSpaceSIP",
                "DSPACE-METS")) {
            assertThat(registry.require(name).spec()).as(name).isEqualTo(DspaceMetsPackageProvider.SPEC);
        }
        for (String name : List.of("nihms-native-2017-07", "nihms", "NIHMS", "nihms-native")) {
            assertThat(registry.require(name).spec()).as(name).isEqualTo(NihmsPackageProvider.SPEC);
        }
    }
}
