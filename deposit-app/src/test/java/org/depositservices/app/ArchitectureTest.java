package org.depositservices.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Only deposit-app knows Spring (docs/DESIGN.md); the enforcer checks dependencies, this checks the code. */
class ArchitectureTest {

    @Test
    void onlyTheAppPackageUsesSpring() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.depositservices");
        noClasses().that().resideOutsideOfPackage("org.depositservices.app..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(classes);
    }
}
