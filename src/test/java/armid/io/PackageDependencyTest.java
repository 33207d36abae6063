package armid.io;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Storage I/O may use numerics only; signal processing knows nothing of armid outside numerics. */
class PackageDependencyTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("armid.io", "armid.numerics.signal");

    @Test
    void signalDependsOnNumericsOnly() {
        classes().that().resideInAPackage("armid.numerics.signal..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("armid..")
                        .or(resideInAnyPackage("armid.numerics..")))
                .check(classes);
    }

    @Test
    void ioDependsOnNumericsOnly() {
        classes().that().resideInAPackage("armid.io..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("armid..")
                        .or(resideInAnyPackage("armid.io..", "armid.numerics..")))
                .check(classes);
    }
}
