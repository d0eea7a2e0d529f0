package io.keyedrnn.jobs.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
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
                .resideInAPackage("io.keyedrnn.jobs.train.(*)..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.keyedrnn.jobs.train")
                .check(CLASSES);
    }

    /**
     * The stages run in order, history → prepare → calibrate → report, and each knows only the
     * stages before it.
     */
    @Test
    void trainingStagesKnowOnlyEarlierStages() {
        List<String> stages = List.of("history", "prepare", "calibrate", "report");
        for (int i = 0; i < stages.size() - 1; i++) {
            String[] later =
                    stages.subList(i + 1, stages.size()).stream()
                            .map(p -> "io.keyedrnn.jobs.train." + p + "..")
                            .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage("io.keyedrnn.jobs.train." + stages.get(i) + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(later)
                    .check(CLASSES);
        }
    }

    /** Outside the train package, only the retraining job's entry point and outcome are used. */
    @Test
    void othersUseTrainingOnlyThroughItsEntryPoint() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.keyedrnn.jobs.train..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.keyedrnn.jobs.train.history..",
                        "io.keyedrnn.jobs.train.prepare..",
                        "io.keyedrnn.jobs.train.calibrate..")
                .check(CLASSES);
    }
}
