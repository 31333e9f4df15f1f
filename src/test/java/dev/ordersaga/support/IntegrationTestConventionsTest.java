package dev.ordersaga.support;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Every integration test runs in an application context of its own that is closed after the class
 * ({@link OrderSagaIntegrationTest}). A context left open would keep its Kafka listeners in the shared
 * consumer groups and take messages meant for the next test class.
 */
class IntegrationTestConventionsTest {

    @Test
    void everyIntegrationTestUsesTheSharedSetup() {
        var tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPackages("dev.ordersaga");
        classes().that().haveSimpleNameEndingWith("IT").and().areTopLevelClasses()
                .should().beAnnotatedWith(OrderSagaIntegrationTest.class)
                .check(tests);
    }
}
