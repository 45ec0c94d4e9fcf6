package org.depositservices.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.depositservices.transport.TransportProvider;
import org.junit.jupiter.api.Test;

/**
 * Only deposit-app knows Spring (docs/DESIGN.md); the enforcer checks dependencies, this checks the code. And each
 * repository integration is reached only through its interfaces.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.depositservices");

    @Test
    void onlyTheAppPackageUsesSpring() {
        JavaClasses classes = MAIN;
        noClasses().that().resideOutsideOfPackage("org.depositservices.app..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(classes);
    }

    /**
     * A repository integration is a folder: the package of a {@link TransportProvider} belongs to that integration,
     * and no main class outside it (the app, the engine, the other integrations) may use anything in it; they know
     * the interfaces only, and find the integration through META-INF/services.
     */
    @Test
    void noMainClassOutsideAnIntegrationUsesIt() {
        Set<String> integrations = new TreeSet<>();
        for (JavaClass c : MAIN) {
            if (!c.isInterface() && c.isAssignableTo(TransportProvider.class)) {
                integrations.add(c.getPackageName());
            }
        }
        assertThat(integrations).as("integration packages found").contains(
                "org.depositservices.transport.filesystem", "org.depositservices.transport.ftp",
                "org.depositservices.transport.sftp", "org.depositservices.transport.sword");
        for (String p : integrations) {
            noClasses().that().resideOutsideOfPackage(p + "..")
                    .should().dependOnClassesThat().resideInAPackage(p + "..")
                    .because("integration " + p + " is reached through TransportProvider only")
                    .check(MAIN);
        }
    }
}
