package dev.toolgate.agent.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.policy.PolicyException;
import dev.toolgate.agent.policy.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code screening.rules}: a policy turns built-in rules off and adds its own; a broken rule fails the load. */
class PolicyRulesTest {

    @TempDir
    Path dir;

    private Path policy(String screening) throws Exception {
        return Files.writeString(
                dir.resolve("p.yaml"), "roles:\n  r:\n    allowed_tools: [x]\nscreening:\n  rules:\n" + screening);
    }

    private ValidationSettings load(String screening) throws Exception {
        return ValidationSettings.compile(new PolicyLoader(ValidationSettings.POLICY_CHECK).load(policy(screening)));
    }

    private String error(String screening) throws Exception {
        Path file = policy(screening);
        return assertThrows(PolicyException.class, () -> new PolicyLoader(ValidationSettings.POLICY_CHECK).load(file))
                .getMessage();
    }

    @Test
    void theClassifierStepIsOffUnlessThePolicyTurnsItOnAndItsCutOffsAreChecked() throws Exception {
        assertFalse(ValidationSettings.defaults().detector().classifier().enabled());
        Path on = Files.writeString(dir.resolve("on.yaml"), """
                roles:
                  r:
                    allowed_tools: [x]
                screening:
                  prompt_injection:
                    classifier: {enabled: true, deny_at: 0.9, assist_at: 0.7}
                """);
        ValidationSettings settings =
                ValidationSettings.compile(new PolicyLoader(ValidationSettings.POLICY_CHECK).load(on));
        assertTrue(settings.detector().classifier().enabled());
        assertTrue(settings.detector().classifier().denyAt() == 0.9);
        Path inverted = Files.writeString(dir.resolve("inverted.yaml"), """
                roles:
                  r:
                    allowed_tools: [x]
                screening:
                  prompt_injection:
                    classifier: {enabled: true, deny_at: 0.6, assist_at: 0.9}
                """);
        PolicyException error = assertThrows(
                PolicyException.class, () -> new PolicyLoader(ValidationSettings.POLICY_CHECK).load(inverted));
        assertTrue(error.getMessage().contains("screening.prompt_injection.classifier.assist_at"), error.getMessage());
    }

    @Test
    void addedAndDisabledRulesChangeWhatTheValidatorsSay() throws Exception {
        ValidationSettings settings = load("""
                    disable: [shell.power]
                    add:
                      - id: injection.ship-now
                        description: shipping pressure
                        weight: 3
                        pattern: 'ship it now without review'
                        match: ["please ship it now without review"]
                      - id: shell.wipe-tenant
                        description: our CLI's destructive verb
                        table: shell.destructive-verbs
                        words: [obliterate]
                        match: [obliterate]
                """);
        Verdict injection = settings.validator("prompt-injection").check("Please ship it now without review.");
        assertFalse(injection.allowed());
        assertTrue(injection.reason().contains("injection.ship-now"), injection.reason());
        Verdict verb = settings.validator("shell-command").check("tenantctl obliterate acme");
        assertFalse(verb.allowed());
        assertTrue(verb.reason().contains("[shell.wipe-tenant]"), verb.reason());
        assertTrue(settings.validator("shell-command").check("reboot").allowed(), "shell.power is off");
        assertFalse(ValidationSettings.defaults()
                .validator("shell-command")
                .check("reboot")
                .allowed());
    }

    @Test
    void aBrokenRuleFailsTheLoadNamingLineKeyAndRule() throws Exception {
        String message = error("""
                    add:
                      - id: injection.bad
                        description: broken
                        pattern: '(unclosed'
                        match: [x]
                """);
        assertTrue(message.contains("p.yaml:7:"), message);
        assertTrue(message.contains("screening.rules.add[0]"), message);
        assertTrue(message.contains("rule 'injection.bad': the pattern is not a valid regular expression"), message);
        assertTrue(error("""
                    add:
                      - id: injection.slow
                        description: backtracks
                        pattern: '(a+)+b'
                        match: [ab]
                """).contains("can backtrack without end"));
        assertTrue(error("""
                    add:
                      - id: injection.ignore
                        description: taken
                        pattern: 'x'
                        match: [x]
                """).contains("the id is already taken"));
        assertTrue(error("    disable: [injection.nope]\n").contains("'injection.nope' is not the id of a rule"));
        assertTrue(error("""
                    add:
                      - id: secret.ours
                        description: our key format
                        pattern: 'OURKEY-[0-9]{8}'
                        match: [OURKEY-123]
                """).contains("the example 'OURKEY-123' under match is not caught"));
    }
}
