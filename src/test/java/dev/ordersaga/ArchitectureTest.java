package dev.ordersaga;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The boundaries the package layout promises. */
class ArchitectureTest {

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
        for (String participant : new String[] {"inventory", "payment", "shipment", "notification"}) {
            noClasses().that().resideInAPackage("dev.ordersaga.participants." + participant + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(otherParticipants(participant))
                    .allowEmptyShould(true)
                    .check(production);
        }
    }

    @Test
    void theBridgeIsGenericAndKnowsNoOrder() {
        noClasses().that().resideInAPackage("dev.ordersaga.bridge..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ordersaga.order..", "dev.ordersaga.tracking..")
                .because("a new step is a BPMN edit: the bridge must not know what an order is")
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
    void theSagaRulesDependOnNoFeature() {
        noClasses().that().resideInAPackage("dev.ordersaga.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ordersaga.bridge..", "dev.ordersaga.order..", "dev.ordersaga.tracking..",
                        "dev.ordersaga.messaging..", "dev.ordersaga.participants..")
                .because("the saga rules read the model only, like their bpmnlint twin")
                .check(production);
    }

    @Test
    void productionCodeNeverUsesTheEmbeddedInfrastructure() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.ordersaga.embedded..", "io.camunda.zeebe.process.test..",
                        "org.springframework.kafka.test..", "kafka..", "org.apache.kafka.server..")
                .because("the embedded engine, broker and Elasticsearch live in src/dev, never in the packaged application")
                .check(production);
    }

    @Test
    void nobodyUsesTheDeprecatedZeebeClient() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.camunda.zeebe.client..")
                .because("CamundaClient replaces ZeebeClient in 8.8")
                .check(production);
    }

    private static String[] otherParticipants(String participant) {
        return java.util.stream.Stream.of("inventory", "payment", "shipment", "notification")
                .filter(p -> !p.equals(participant))
                .map(p -> "dev.ordersaga.participants." + p + "..")
                .toArray(String[]::new);
    }
}
