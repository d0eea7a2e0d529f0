package io.keyedrnn.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The operator's package rules: the math packages import no Flink, and dependencies point one way
 * (model ← train; model ← score ← serve ← flink).
 */
class OperatorPackageRulesTest {
    private static final JavaClasses CLASSES =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.keyedrnn");

    @Test
    void mathPackagesImportNoFlink() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.keyedrnn.model..",
                        "io.keyedrnn.train..",
                        "io.keyedrnn.score..",
                        "io.keyedrnn.serve..",
                        "io.keyedrnn.settings..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.flink..")
                .check(CLASSES);
    }

    @Test
    void modelDependsOnNothingAboveIt() {
        noClasses()
                .that()
                .resideInAPackage("io.keyedrnn.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.keyedrnn.train..",
                        "io.keyedrnn.score..",
                        "io.keyedrnn.serve..",
                        "io.keyedrnn.flink..")
                .check(CLASSES);
    }

    @Test
    void trainingIsIndependentOfServing() {
        noClasses()
                .that()
                .resideInAPackage("io.keyedrnn.train..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.keyedrnn.score..", "io.keyedrnn.serve..", "io.keyedrnn.flink..")
                .check(CLASSES);
    }

    @Test
    void scoringLayersPointOneWay() {
        noClasses()
                .that()
                .resideInAPackage("io.keyedrnn.score..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.keyedrnn.serve..", "io.keyedrnn.flink..", "io.keyedrnn.train..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("io.keyedrnn.serve..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.keyedrnn.flink..", "io.keyedrnn.train..")
                .check(CLASSES);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.keyedrnn.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
