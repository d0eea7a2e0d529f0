package io.keyedrnn.jobs.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The jobs module's package rules: the command line is a shell nothing else imports, Kafka client
 * code lives in one package, and the packages below it form no cycle.
 */
class JobsPackageRulesTest {
    /** The entry point of the jar and its nested classes. */
    private static final String CLI_CLASS = "io\\.keyedrnn\\.jobs\\.Cli(\\$.*)?";

    private static final JavaClasses CLASSES =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.keyedrnn.jobs");

    @Test
    void nothingDependsOnTheCommandLine() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.keyedrnn.jobs.cli..")
                .and()
                .haveNameNotMatching(CLI_CLASS)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.keyedrnn.jobs.cli..")
                .orShould()
                .dependOnClassesThat()
                .haveNameMatching(CLI_CLASS)
                .check(CLASSES);
    }

    @Test
    void onlyTheCommandLineUsesPicocli() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.keyedrnn.jobs.cli..")
                .and()
                .haveNameNotMatching(CLI_CLASS)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("picocli..")
                .check(CLASSES);
    }

    @Test
    void onlyTheKafkaPackageUsesKafkaClients() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.keyedrnn.jobs.kafka..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "org.apache.flink.connector.kafka..")
                .check(CLASSES);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.keyedrnn.jobs.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** The training stages serve the retraining job; none reaches back into it. */
    @Test
    void trainingStagesDoNotDependOnTheRetrainingJob() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.keyedrnn.jobs.train.history..",
                        "io.keyedrnn.jobs.train.prepare..",
                        "io.keyedrnn.jobs.train.calibrate..",
                        "io.keyedrnn.jobs.train.report..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.keyedrnn.jobs.train")
                .check(CLASSES);
    }
}
