package dev.toolgate.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulePackTest {

    private static final String GOOD = """
            version: 1
            rules:
              - id: test.hello
                description: says hello
                weight: 2
                pattern: 'hel+o'
                match: [hello]
                not_match: [help]
            """;

    @Test
    void theBuiltInPackLoadsWithEveryExampleChecked() {
        RulePack pack = RulePack.builtIn();
        assertFalse(pack.group("injection").isEmpty());
        assertFalse(pack.group("secret").isEmpty());
        assertTrue(pack.table("shell.destructive-verbs").containsKey("delete"));
        assertEquals("shell.probe-commands", pack.table("shell.probe-commands").get("whoami"));
        for (Rule rule : pack.all()) {
            assertFalse(rule.match().isEmpty(), rule.id());
            assertTrue(rule.origin().matches("rules/[a-z-]+\\.yaml:\\d+"), rule.origin());
        }
    }

    @Test
    void aGoodFileReadsWithItsLines() throws RulePackException {
        List<Rule> rules = RulePackReader.read("mine.yaml", GOOD, true);
        assertEquals(1, rules.size());
        assertEquals("mine.yaml:3", rules.get(0).origin());
        assertEquals(2, rules.get(0).weight());
        assertTrue(rules.get(0).find("say hellllo"));
    }

    private static String problem(String yaml) {
        return assertThrows(RulePackException.class, () -> RulePack.of(RulePackReader.read("bad.yaml", yaml, true)))
                .getMessage();
    }

    @Test
    void aBrokenRegexNamesFileLineAndRule() {
        String message = problem(GOOD.replace("'hel+o'", "'hel(+o'"));
        assertTrue(
                message.startsWith("bad.yaml:3: rule 'test.hello': the pattern is not a valid regular expression"),
                message);
    }

    @Test
    void catastrophicBacktrackingIsRefusedAtLoad() {
        for (String regex : List.of("(a+)+$", "(\\\\w+\\\\s?)*x", "(.*,){20}", "((ab)*c)+")) {
            String message = problem(GOOD.replace("'hel+o'", "'" + regex + "'"));
            assertTrue(message.contains("rule 'test.hello': the pattern can backtrack without end"), message);
        }
        assertEquals(null, Backtracking.nestedRepetition("(\\w+\\W+){0,4}?(instruct\\w*)"));
        assertEquals(null, Backtracking.nestedRepetition("[(a+)+]x"));
    }

    @Test
    void aBoundedRuleThatRunsTooLongCountsAsFoundInsteadOfHanging() throws RulePackException {
        // an exponential pattern the load-time check does not recognise (alternatives that overlap)
        Rule slow = new Rule(
                "test.slow",
                "slow",
                1,
                java.util.regex.Pattern.compile("(x+x+)+y"),
                0,
                null,
                null,
                null,
                List.of("b"),
                List.of(),
                "test",
                true);
        long start = System.nanoTime();
        assertTrue(slow.find("x".repeat(5000)));
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }

    @Test
    void duplicateIdsNameBothPlaces() {
        String message = problem(GOOD + GOOD.substring(GOOD.indexOf("  - id")));
        assertTrue(
                message.startsWith(
                        "bad.yaml:9: rule 'test.hello': the id is already taken by the rule at" + " bad.yaml:3"),
                message);
    }

    @Test
    void failingExamplesAreLoadErrors() {
        assertTrue(problem(GOOD.replace("match: [hello]", "match: [goodbye]"))
                .contains("bad.yaml:3: rule 'test.hello': the example 'goodbye' under match is not caught"));
        assertTrue(problem(GOOD.replace("not_match: [help]", "not_match: [hello there]"))
                .contains("rule 'test.hello': the example 'hello there' under not_match is caught"));
        assertTrue(
                problem(GOOD.replace("    match: [hello]\n", "")).contains("give at least one example under 'match'"));
    }

    @Test
    void unknownKeysAndVersionsAreErrors() {
        assertTrue(problem(GOOD.replace("weight: 2", "wieght: 2"))
                .contains("bad.yaml:5: rule 'test.hello': unknown key 'wieght'"));
        String version = problem(GOOD.replace("version: 1", "version: 2"));
        assertTrue(version.contains("bad.yaml:1: the rule file must say 'version: 1'"), version);
    }

    @Test
    void aPolicyDisablesAndAddsRules() throws RulePackException {
        RulePack pack = RulePack.builtIn();
        Rule added = RulePackReader.rule(
                "screening.rules.add[0]",
                Map.of(
                        "id",
                        "injection.ship-it",
                        "description",
                        "d",
                        "weight",
                        3,
                        "pattern",
                        "ship it now",
                        "match",
                        List.of("please ship it now")),
                true);
        RulePack changed = pack.with(List.of("injection.ignore"), List.of(added));
        assertEquals(null, changed.rule("injection.ignore"));
        assertNotNull(changed.rule("injection.ship-it"));
        assertTrue(changed.rule("injection.ship-it").bounded());
        RulePackException unknown =
                assertThrows(RulePackException.class, () -> pack.with(List.of("injection.nope"), List.of()));
        assertTrue(unknown.getMessage().contains("'injection.nope' is not the id of a rule"));
        RulePackException taken =
                assertThrows(RulePackException.class, () -> pack.with(List.of(), List.of(added, added)));
        assertTrue(taken.getMessage().contains("the id is already taken"));
    }
}
