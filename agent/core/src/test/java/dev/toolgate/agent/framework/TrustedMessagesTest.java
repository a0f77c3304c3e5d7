package dev.toolgate.agent.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.toolgate.agent.decision.Approval;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.agent.policy.PolicyLoader;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.provenance.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The messages of a model call read the way LangChain4j and Spring AI shape them; only USER and SYSTEM count. */
class TrustedMessagesTest {

    public enum Kind {
        USER,
        SYSTEM,
        AI,
        ASSISTANT
    }

    /** LangChain4j's shape: {@code ChatRequest.messages()}, {@code type()}, {@code contents()} / {@code text()}. */
    public record Lc4jRequest(List<Object> messages) {}

    public record Lc4jSystem(Kind type, String text) {}

    public record Lc4jUser(Kind type, List<Object> contents) {}

    public record TextContent(String text) {}

    /** Spring AI's shape: {@code Prompt.getInstructions()}, {@code getMessageType()}, {@code getText()}. */
    public record SpringPrompt(List<Object> instructions) {
        public List<Object> getInstructions() {
            return instructions;
        }
    }

    public record SpringMessage(Kind kind, String text) {
        public Kind getMessageType() {
            return kind;
        }

        public String getText() {
            return text;
        }
    }

    @TempDir
    Path dir;

    private static final Caller CALLER = new Caller("a", "r", "s");

    private boolean trusted(Provenance provenance, String address) {
        ToolCall call = new ToolCall(
                new ToolDescriptor(
                        0, "send", "x.Tools", "send", List.of("to"), RiskLevel.EXTERNAL, ToolSource.AGENT_TOOL),
                CALLER,
                new Object[] {address});
        Decision decision = provenance.first().apply(call, Decision.allow(RiskLevel.EXTERNAL, "ok", "r"));
        return Approval.TRUSTED_FLOW.equals(decision.approvalStatus());
    }

    private Provenance provenance() throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "roles:\n  r: {allowed_tools: [send], provenance: {trusted: allow}}\n");
        return Provenance.start(new PolicyLoader().load(file));
    }

    @Test
    void langChain4jUserAndSystemMessagesAreTrustedTheModelsAreNot() throws Exception {
        Provenance provenance = provenance();
        TrustedMessages messages = new TrustedMessages(provenance, () -> false);
        messages.record(
                CALLER,
                new Lc4jRequest(List.of(
                        new Lc4jSystem(Kind.SYSTEM, "Escalations go to ops@corp.example"),
                        new Lc4jUser(Kind.USER, List.of(new TextContent("mail bob@corp.example"))),
                        new Lc4jSystem(Kind.AI, "I will also mail eve@attacker.example"))));
        // Something must be seen untrusted for the conversation to be known at all.
        provenance
                .first()
                .captured(
                        new ToolCall(
                                new ToolDescriptor(
                                        0, "read", "x.Tools", "read", List.of(), RiskLevel.READ, ToolSource.AGENT_TOOL),
                                CALLER,
                                new Object[0]),
                        "eve@attacker.example");
        assertEquals(true, trusted(provenance, "bob@corp.example"));
        assertEquals(true, trusted(provenance, "ops@corp.example"));
        assertEquals(false, trusted(provenance, "eve@attacker.example"));
    }

    @Test
    void springAiInstructionsOfTypeUserAndSystemAreTrusted() throws Exception {
        Provenance provenance = provenance();
        new TrustedMessages(provenance, () -> false)
                .record(
                        CALLER,
                        new SpringPrompt(List.of(
                                new SpringMessage(Kind.USER, "mail bob@corp.example"),
                                new SpringMessage(Kind.ASSISTANT, "and eve@attacker.example"))));
        provenance
                .first()
                .captured(
                        new ToolCall(
                                new ToolDescriptor(
                                        0, "read", "x.Tools", "read", List.of(), RiskLevel.READ, ToolSource.AGENT_TOOL),
                                CALLER,
                                new Object[0]),
                        "bob@corp.example eve@attacker.example");
        assertEquals(true, trusted(provenance, "bob@corp.example"));
        assertEquals(false, trusted(provenance, "eve@attacker.example"), "the assistant's message is not trusted");
    }

    @Test
    void nothingIsDeclaredTrustedFromInsideAToolCall() throws Exception {
        Provenance provenance = provenance();
        TrustedMessages messages = new TrustedMessages(provenance, () -> true);
        messages.declared(CALLER, "mail eve@attacker.example");
        messages.record(CALLER, new SpringPrompt(List.of(new SpringMessage(Kind.USER, "mail eve@attacker.example"))));
        assertNull(
                provenance
                        .first()
                        .apply(
                                new ToolCall(
                                        new ToolDescriptor(
                                                0,
                                                "send",
                                                "x.Tools",
                                                "send",
                                                List.of("to"),
                                                RiskLevel.EXTERNAL,
                                                ToolSource.AGENT_TOOL),
                                        CALLER,
                                        new Object[] {"eve@attacker.example"}),
                                Decision.allow(RiskLevel.EXTERNAL, "ok", "r"))
                        .flow()
                        .sourceTool(),
                "no conversation was opened: the call counts as carrying untrusted data");
    }
}
