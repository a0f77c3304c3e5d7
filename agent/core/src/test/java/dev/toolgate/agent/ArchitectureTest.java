package dev.toolgate.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The structure that keeps the agent reviewable: each capability is a package (with sub-packages of its own),
 * capabilities depend on each other without cycles, and only the packages that weave code or run the gate
 * touch the bootstrap bridges, through which a tool call reaches the agent.
 */
class ArchitectureTest {

    private static JavaClasses agent;

    @BeforeAll
    static void importAgent() {
        agent = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.toolgate.agent");
    }

    @Test
    void capabilitiesDependOnEachOtherWithoutCycles() {
        ArchRule rule = slices().matching("dev.toolgate.agent.(*)..")
                .should()
                .beFreeOfCycles()
                .because("a capability must be understandable, testable and replaceable without the ones that"
                        + " use it");
        rule.check(agent);
    }

    /**
     * The bridges are how woven code reaches the gate and how the agent installs it. Packages outside the gate,
     * the weaving and the caller resolution may throw the bridge's exceptions and count a suppressed error, but
     * not call into the bridges.
     */
    @Test
    void onlyTheGateTheWeavingTheSandboxAndCallerResolutionUseTheBridges() {
        DescribedPredicate<JavaClass> bridge = new DescribedPredicate<>("a bootstrap bridge") {
            @Override
            public boolean test(JavaClass type) {
                return type.getPackageName().equals("dev.toolgate.bootstrap")
                        && (type.getSimpleName().endsWith("Bridge")
                                || type.getSimpleName().equals("CallGate")
                                || type.getSimpleName().equals("SkipCall"));
            }
        };
        DescribedPredicate<JavaAccess<?>> bridgeUse = new DescribedPredicate<>("use of a bootstrap bridge") {
            @Override
            public boolean test(JavaAccess<?> access) {
                return bridge.test(access.getTargetOwner()) && !access.getName().equals("countSuppressedError");
            }
        };
        ArchRule rule = noClasses()
                .that()
                .resideOutsideOfPackages(
                        "dev.toolgate.agent",
                        "dev.toolgate.agent.gate..",
                        "dev.toolgate.agent.dispatch..",
                        "dev.toolgate.agent.instrument..",
                        "dev.toolgate.agent.framework..",
                        "dev.toolgate.agent.sandbox..",
                        "dev.toolgate.agent.decision..")
                .should()
                .accessTargetWhere(bridgeUse)
                .because("a call reaches the agent only through the gate; other capabilities are called by it");
        rule.check(agent);
    }
}
