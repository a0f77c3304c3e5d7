package dev.toolgate.agent.policytool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTestCommandTest {

    @TempDir
    Path dir;

    @BeforeEach
    void policy() throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), """
                roles:
                  ops:
                    allowed_tools: [kubectl_get, kubectl_delete]
                    denied_tools: [shell_exec]
                tools:
                  kubectl_get: {risk: read}
                  kubectl_delete: {risk: delete}
                """);
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void passingAndFailingCasesArePrintedWithFileAndLineThenTheSummaryLine() throws Exception {
        Path tests = write("tests/ops.yaml", """
                policy: ../policy.yaml
                cases:
                  - name: reads pods
                    role: ops
                    tool: kubectl_get
                    args: {namespace: default}
                    expect: allow
                  - name: wrongly expects a shell
                    role: ops
                    tool: shell_exec
                    args: {command: ls}
                    expect: allow
                  - name: deletes need a person
                    role: ops
                    tool: kubectl_delete
                    expect: approval
                    rule: built-in default for delete
                  - name: wrong rule
                    role: ops
                    tool: nothing
                    expect: deny
                    rule: roles.ops.denied_tools
                """);
        Run run = Run.of(Run.TEST, tests.getParent().toString());
        assertEquals(1, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("FAIL " + tests + ":8: wrongly expects a shell\n"), run.out());
        assertTrue(
                run.out().contains("expected allow, got deny: tool 'shell_exec' is in denied_tools of role 'ops'"),
                run.out());
        assertTrue(run.out().contains("FAIL " + tests + ":18: wrong rule\n"), run.out());
        assertTrue(
                run.out().contains("expected rule 'roles.ops.denied_tools', got rule 'roles.ops.allowed_tools'"),
                run.out());
        List<String> lines = run.out().lines().toList();
        assertEquals("2 passed, 2 failed", lines.get(lines.size() - 1));
    }

    @Test
    void allPassingExitsZero() throws Exception {
        Path tests = write("ok.yaml", """
                policy: policy.yaml
                cases:
                  - {name: reads, role: ops, tool: kubectl_get, expect: allow, reason: "(entry 'kubectl_get')"}
                """);
        Run run = Run.of(Run.TEST, "--verbose", tests.toString());
        assertEquals(0, run.code(), run.out() + run.err());
        assertEquals("ok   " + tests + ":3: reads\n1 passed, 0 failed\n", run.out());
    }

    @Test
    void malformedFilesReportEveryProblemWithItsLineAndExitTwo() throws Exception {
        Path tests = write("bad.yaml", """
                policy: policy.yaml
                cases:
                  - name: typo
                    role: ops
                    tool: kubectl_get
                    expct: allow
                  - name: bad verdict
                    role: ops
                    tool: kubectl_get
                    expect: maybe
                  - name: args not a mapping
                    role: ops
                    tool: kubectl_get
                    args: [1, 2]
                    expect: allow
                extra: 1
                """);
        Run run = Run.of(Run.TEST, tests.toString());
        assertEquals(2, run.code(), run.out() + run.err());
        assertTrue(run.err().contains(tests + ":6: unknown key 'expct' in a case. Known keys here:"), run.err());
        assertTrue(run.err().contains(tests + ":3: the case has no 'expect'"), run.err());
        assertTrue(run.err().contains(tests + ":10: key 'expect': 'maybe' is not a verdict"), run.err());
        assertTrue(run.err().contains(tests + ":14: key 'args': give the call's arguments as a mapping"), run.err());
        assertTrue(run.err().contains(tests + ":16: unknown key 'extra' in the top level"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void brokenYamlMissingPolicyEmptyAndBinaryFilesAreClearErrors() throws Exception {
        Path yaml = write("syntax.yaml", "policy: policy.yaml\ncases:\n  - {name: x, role: [\n");
        Run syntax = Run.of(Run.TEST, yaml.toString());
        assertEquals(2, syntax.code());
        assertTrue(syntax.err().startsWith(yaml + ":4: not valid YAML"), syntax.err());

        Path missing =
                write("missing.yaml", "policy: nowhere.yaml\ncases:\n  - {name: x, role: r, tool: t, expect: deny}\n");
        Run missingRun = Run.of(Run.TEST, missing.toString());
        assertEquals(2, missingRun.code());
        assertTrue(missingRun.err().contains(missing + ":1: policy 'nowhere.yaml' is not a file"), missingRun.err());

        Path empty = write("empty.yaml", "");
        assertTrue(Run.of(Run.TEST, empty.toString()).err().contains(empty + ":1: the file is empty"));

        Path binary = dir.resolve("binary.yaml");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        Run binaryRun = Run.of(Run.TEST, binary.toString());
        assertEquals(2, binaryRun.code());
        assertTrue(binaryRun.err().contains("is not UTF-8 text"), binaryRun.err());

        Run none = Run.of(Run.TEST, dir.resolve("no-such-dir").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("no such file or directory"), none.err());
        assertEquals(2, Run.of(Run.TEST).code());
    }

    @Test
    void aPolicyThatDoesNotLoadFailsItsCases() throws Exception {
        write("broken.yaml", "roles:\n  ops:\n    alowed_tools: [x]\n");
        Path tests = write("t.yaml", """
                policy: broken.yaml
                cases:
                  - {name: one, role: ops, tool: x, expect: allow}
                  - {name: two, role: ops, tool: y, expect: deny}
                """);
        Run run = Run.of(Run.TEST, tests.toString());
        assertEquals(1, run.code());
        assertTrue(
                run.out().contains("FAIL " + tests + ":1: the policy does not load, so its 2 cases fail"), run.out());
        assertTrue(run.out().endsWith("0 passed, 2 failed\n"), run.out());
    }
}
