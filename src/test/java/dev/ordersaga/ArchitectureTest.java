package dev.ordersaga;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** The boundaries the package layout promises. */
class ArchitectureTest {

    private static final String PARTICIPANTS = "dev.ordersaga.participants.";

    private static JavaClasses production;

    @BeforeAll
    static void importProductionCode() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ordersaga");
    }

    @Test
    void theSagaSideNeverReachesIntoAParticipant() {
        noClasses().that().resideInAnyPackage("dev.ordersaga.bridge..", "dev.ordersaga.order..", "dev.ordersaga.tracking..", "dev.ordersaga.messaging..")
                .should().dependOnClassesThat().resideInAPackage("dev.ordersaga.participants..")
                .because("the process talks to participants only through Kafka messages")
                .check(production);
    }

    @Test
    void participantsKnowNothingOfTheProcess() {
        noClasses().that().resideInAPackage("dev.ordersaga.participants..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ordersaga.bridge..", "dev.ordersaga.order..", "dev.ordersaga.tracking..",
                        "io.camunda..")
                .because("participants only consume commands and produce events")
                .check(production);
    }

    @Test
    void participantsDoNotDependOnEachOther() {
        List<String> participants = participants();
        assertThat(participants).as("the reference participants, one package each").contains("inventory", "payment", "shipment", "notification");
        for (String participant : participants) {
            noClasses().that().resideInAPackage(PARTICIPANTS + participant + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(participants.stream()
                            .filter(p -> !p.equals(participant))
                            .map(p -> PARTICIPANTS + p + "..")
                            .toArray(String[]::new))
                    .check(production);
        }
    }

    @Test
    void contractsDependOnTheJdkAndTheSharedContractOnly() {
        classes().that().resideInAPackage("dev.ordersaga.participants..api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jakarta.validation.constraints..", "jakarta.validation",
                        "dev.ordersaga.participants..api..")
                .because("a participant's contract is what another service implements, whatever its stack; its Bean Validation constraints "
                        + "state what a command must hold")
                .check(production);
    }

    @Test
    void aParticipantIsItsRulesItsHandlerAndItsContract() {
        noClasses().that().resideInAPackage("dev.ordersaga.participants..").and().resideOutsideOfPackage("dev.ordersaga.participants.support..")
                .should().beAnnotatedWith(Configuration.class)
                .orShould().beAnnotatedWith(ConfigurationProperties.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework.kafka..", "org.apache.kafka..")
                .because("the generic registration of participants.support gives every handler its settings and its listener")
                .check(production);
    }

    @Test
    void theBridgeIsGenericAndKnowsNoOrder() {
        noClasses().that().resideInAPackage("dev.ordersaga.bridge..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ordersaga.order..", "dev.ordersaga.tracking..")
                .because("a new step is a BPMN edit: the bridge must not know what an order is")
                .check(production);
    }

    @Test
    void trackingsTwoHalvesMeetOnlyInTheDocumentModel() {
        noClasses().that().resideInAPackage("dev.ordersaga.tracking.query..")
                .should().dependOnClassesThat().resideInAPackage("dev.ordersaga.tracking.projection..")
                .because("the queries read the documents; how they are written is the projection's")
                .check(production);
        noClasses().that().resideInAPackage("dev.ordersaga.tracking.projection..")
                .should().dependOnClassesThat().resideInAPackage("dev.ordersaga.tracking.query..")
                .because("the projection writes the documents; how they are asked for is the queries'")
                .check(production);
        noClasses().that().resideInAPackage("dev.ordersaga.tracking")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ordersaga.tracking.projection..", "dev.ordersaga.tracking.query..")
                .because("the document model is what both halves share, so it depends on neither")
                .check(production);
        noClasses().that().resideOutsideOfPackage("dev.ordersaga.tracking.projection..")
                .should().dependOnClassesThat().resideInAPackage("dev.ordersaga.tracking.projection..")
                .because("only the projection writes the orders index; everyone else reads it")
                .check(production);
    }

    @Test
    void theMessagingContractDependsOnNoFeature() {
        noClasses().that().resideInAPackage("dev.ordersaga.messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ordersaga.bridge..", "dev.ordersaga.order..", "dev.ordersaga.tracking..")
                .check(production);
    }

    @Test
    void securityKnowsTheApiByItsPathsOnly() {
        noClasses().that().resideInAPackage("dev.ordersaga.security..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ordersaga.bridge..", "dev.ordersaga.order..", "dev.ordersaga.tracking..",
                        "dev.ordersaga.participants..", "dev.ordersaga.messaging..")
                .because("the security gate must not tie the features together")
                .check(production);
    }

    @Test
    void everyErrorAnswerComesFromTheOneProblemFactory() {
        noClasses().that().resideInAPackage("dev.ordersaga.problem..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ordersaga.bridge..", "dev.ordersaga.order..", "dev.ordersaga.tracking..",
                        "dev.ordersaga.messaging..", "dev.ordersaga.participants..", "dev.ordersaga.web..", "dev.ordersaga.security..",
                        "dev.ordersaga.observability..", "dev.ordersaga.model..")
                .because("every feature answers its errors with it")
                .check(production);
        noClasses().that().resideOutsideOfPackage("dev.ordersaga.problem..")
                .should().callMethod(ProblemDetail.class, "forStatusAndDetail", HttpStatusCode.class, String.class)
                .orShould().callMethod(ProblemDetail.class, "forStatus", HttpStatusCode.class)
                .because("problem types, titles and the problem+json answer are made in one place (dev.ordersaga.problem.Problems)")
                .check(production);
    }

    @Test
    void theEngineHelpersDependOnNoFeature() {
        noClasses().that().resideInAPackage("dev.ordersaga.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ordersaga.bridge..", "dev.ordersaga.order..", "dev.ordersaga.tracking..",
                        "dev.ordersaga.participants..", "dev.ordersaga.web..", "dev.ordersaga.observability..")
                .because("the engine-facing helpers are shared by the features, below all of them")
                .check(production);
    }

    @Test
    void theSagaRulesDependOnNoFeature() {
        noClasses().that().resideInAPackage("dev.ordersaga.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ordersaga.bridge..", "dev.ordersaga.order..", "dev.ordersaga.tracking..",
                        "dev.ordersaga.messaging..", "dev.ordersaga.participants..")
                .because("the saga rules read the model only, like their bpmnlint twin")
                .check(production);
    }

    @Test
    void productionCodeNeverUsesTheDevRuntimeNorTheBenchmark() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.ordersaga.embedded..", "dev.ordersaga.benchmark..", "dev.ordersaga.soak..",
                        "dev.ordersaga.enginepatches..", "io.camunda.zeebe.process.test..",
                        "org.springframework.kafka.test..", "kafka..", "org.apache.kafka.server..")
                .because("the embedded runtime (src/dev), the engine patches, the benchmark and the soak never reach the packaged application")
                .check(production);
    }

    @Test
    void nobodyUsesTheDeprecatedZeebeClient() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.camunda.zeebe.client..")
                .because("CamundaClient replaces ZeebeClient in 8.8")
                .check(production);
    }

    /** The participants' packages: those under participants but its shared ones. */
    private static List<String> participants() {
        return production.stream()
                .map(JavaClass::getPackageName)
                .filter(name -> name.startsWith(PARTICIPANTS))
                .map(name -> name.substring(PARTICIPANTS.length()).split("\\.")[0])
                .filter(name -> !name.equals("support") && !name.equals("api"))
                .distinct()
                .sorted()
                .toList();
    }
}
