package io.fastjukebox.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** The engine's layering rules (house-style Part B). */
class EngineArchitectureTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.fastjukebox.engine");

    @Test
    void engineHasNoJavaFxAtAll() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("the engine must run without JavaFX; it reports progress through plain-Java listeners")
                .check(ENGINE);
    }

    @Test
    void audioAndIoArePureJavaWithoutDjl() {
        noClasses().that().resideInAnyPackage("io.fastjukebox.engine.audio..", "io.fastjukebox.engine.io..",
                        "io.fastjukebox.engine.render..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..")
                .because("the audio layer works on float arrays and must stay fast to test")
                .check(ENGINE);
    }

    @Test
    void engineNeverPrintsOrUsesJavaUtilLogging() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(ENGINE);
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(ENGINE);
    }

    @Test
    void engineDoesNotDependOnTheApp() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.fastjukebox.app..").check(ENGINE);
    }
}
