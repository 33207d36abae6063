package armid;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package layers point one way: numerics → model → osim/io → simulate, identify → study → report → cli.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("armid");

    @Test
    void numericsKnowsNoModel() {
        noClasses().that().resideInAPackage("armid.numerics..").should().dependOnClassesThat()
                .resideInAnyPackage("armid.model..", "armid.osim..", "armid.io..", "armid.simulate..",
                        "armid.identify..", "armid.study..", "armid.report..", "armid.cli..")
                .check(CLASSES);
    }

    @Test
    void modelKnowsNoFilesNorApplications() {
        noClasses().that().resideInAPackage("armid.model..").should().dependOnClassesThat()
                .resideInAnyPackage("armid.osim..", "armid.io..", "armid.simulate..", "armid.identify..",
                        "armid.study..", "armid.report..", "armid.cli..")
                .allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void readersKnowNoApplications() {
        noClasses().that().resideInAnyPackage("armid.osim..", "armid.io..").should().dependOnClassesThat()
                .resideInAnyPackage("armid.simulate..", "armid.identify..", "armid.study..", "armid.report..",
                        "armid.cli..")
                .allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void simulationAndIdentificationKnowNoReportNorCli() {
        noClasses().that().resideInAnyPackage("armid.simulate..", "armid.identify..").should().dependOnClassesThat()
                .resideInAnyPackage("armid.study..", "armid.report..", "armid.cli..").allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void theStudyRunsIdentificationsAndKnowsNoSimulatorNorReport() {
        // Datasets are simulated by the command line; the study itself only runs identification jobs.
        noClasses().that().resideInAPackage("armid.study..").should().dependOnClassesThat()
                .resideInAnyPackage("armid.simulate..", "armid.report..", "armid.cli..").check(CLASSES);
    }

    @Test
    void simulationAndIdentificationAreSeparateCodePaths() {
        noClasses().that().resideInAPackage("armid.identify..").should().dependOnClassesThat()
                .resideInAPackage("armid.simulate..").allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void reportKnowsNoCli() {
        noClasses().that().resideInAPackage("armid.report..").should().dependOnClassesThat()
                .resideInAPackage("armid.cli..").allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching("armid.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
