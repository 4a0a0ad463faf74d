package io.fastjukebox.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.fastjukebox.engine.audio.WaveformSummary;

/** The app's layering rules (house style, Part B): MVVM split and no printing outside the CLI. */
@AnalyzeClasses(packages = "io.fastjukebox.app", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {
    /** ViewModels and their nested classes ({@code FooViewModel$Bar}). */
    private static final String VIEW_MODELS = ".*ViewModel(\\$.*)?";
    /** Views and their nested classes; {@code FooViewModel} does not match. */
    private static final String VIEWS = ".*View(\\$.*)?";

    @ArchTest
    static final ArchRule viewModelsDoNotTouchTheSceneGraph = noClasses()
            .that().haveNameMatching(VIEW_MODELS)
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
            .because("ViewModels hold state as javafx.beans properties and are tested without any UI");

    @ArchTest
    static final ArchRule viewsOnlyDrawPlainEngineData = noClasses()
            .that().haveNameMatching(VIEWS)
            .should().dependOnClassesThat(resideInAPackage("io.fastjukebox.engine..")
                    .and(not(resideInAPackage("io.fastjukebox.engine.render..")))
                    .and(not(belongToAnyOf(WaveformSummary.class))))
            .because("only ViewModels call the engine; views may read colour maps and waveform summaries");

    @ArchTest
    static final ArchRule progressReachesTheUiThroughOneBridge = noClasses()
            .that().doNotHaveFullyQualifiedName("io.fastjukebox.app.jobs.UiBridge")
            .and().resideOutsideOfPackage("io.fastjukebox.app.studio..")
            .should().dependOnClassesThat().belongToAnyOf(javafx.application.Platform.class)
            .because("engine events reach the FX thread through the one coalescing UiBridge (house style)");

    @ArchTest
    static final ArchRule featuresDoNotReachForTheCompositionRoot = noClasses()
            .that().resideOutsideOfPackages("io.fastjukebox.app.studio..", "io.fastjukebox.app.cli..")
            .should().dependOnClassesThat().resideInAPackage("io.fastjukebox.app.studio..")
            .because("AppContext builds the services and passes them in; nothing looks them up");

    @ArchTest
    static void onlyTheCliPrints(JavaClasses classes) {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(classes.that(resideOutsideOfPackage("io.fastjukebox.app.cli..")));
    }
}
