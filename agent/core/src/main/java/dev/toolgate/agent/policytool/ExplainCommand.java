package dev.toolgate.agent.policytool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.toolgate.agent.decision.Flow;
import dev.toolgate.agent.decision.TraceStep;
import dev.toolgate.agent.dispatch.ToolArguments;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyException;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.validation.SettingException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code policy explain --policy F --role R --tool T [--args JSON] [--session S] [--trusted TEXT]...
 * [--result TOOL=FILE]...}: the decision the policy makes on one call, after the conversation's earlier messages
 * and tool results, and the chain of rules that produced it. Exit 0 when it explained (whatever the decision), 1 when
 * the policy does not load, 2 for a command line that cannot be used.
 */
public final class ExplainCommand {

    static final String NAME = "policy explain";

    /**
     * One call to explain, as the command line gives it.
     *
     * @param arguments    the call's JSON arguments, or null for none
     * @param session      the session, or null
     * @param declaredRisk what {@code @AgentTool(risk)} or an MCP server would declare, or null
     * @param trusted      the user's and system's messages of the conversation so far
     * @param results      the conversation's earlier tool results, in order, as {@code TOOL=FILE}
     */
    public record Request(
            Path policy,
            String role,
            String tool,
            String arguments,
            String session,
            String declaredRisk,
            boolean json,
            List<String> trusted,
            List<String> results) {

        public Request {
            trusted = trusted == null ? List.of() : List.copyOf(trusted);
            results = results == null ? List.of() : List.copyOf(results);
        }
    }

    /** An earlier result file larger than this is refused: the agent indexes at most 4 Mi characters of one. */
    static final long MAX_RESULT_BYTES = 64L * 1024 * 1024;

    /** An earlier result: the tool that returned it and its text. */
    private record Earlier(String tool, String text) {}

    private ExplainCommand() {}

    public static int run(Request request, PrintStream out, PrintStream err) {
        CallSpec spec;
        List<Earlier> earlier;
        try {
            spec = spec(request);
            earlier = earlier(request.results());
        } catch (UsageProblem e) {
            err.println("toolgate: " + e.getMessage());
            return 2;
        }
        Policy policy;
        Explanation explanation;
        try {
            policy = PolicyTools.loader().load(request.policy());
            Explainer explainer = Explainer.forPolicy(policy);
            for (String message : request.trusted()) {
                explainer.trusted(spec.role(), spec.session(), message);
            }
            for (int i = 0; i < earlier.size(); i++) {
                // Numbered 1, 2, … in the order given: they stand for the audit seq of the results.
                explainer.result(
                        spec.role(),
                        spec.session(),
                        earlier.get(i).tool(),
                        earlier.get(i).text(),
                        i + 1);
            }
            explanation = explainer.explain(spec);
        } catch (PolicyException e) {
            err.println(e.getMessage());
            return 1;
        } catch (SettingException e) {
            err.println(request.policy() + ": key '" + e.key() + "': " + e.getMessage());
            return 1;
        }
        if (request.json()) {
            out.println(json(policy, spec, explanation));
        } else {
            out.print(text(policy, spec, explanation));
        }
        return 0;
    }

    private static CallSpec spec(Request request) throws UsageProblem {
        ToolArguments arguments;
        try {
            arguments = ToolArguments.parse(request.arguments() == null ? "{}" : request.arguments());
        } catch (ToolArguments.Unreadable e) {
            throw new UsageProblem(NAME + ": --args is not usable: " + e.getMessage()
                    + ". Give the call's arguments as one JSON object, e.g. '{\"namespace\":\"monitoring\"}'");
        }
        RiskLevel declared = null;
        if (request.declaredRisk() != null) {
            declared = RiskLevel.parse(request.declaredRisk());
            if (declared == null) {
                throw new UsageProblem(NAME + ": --declared-risk '" + request.declaredRisk()
                        + "' is not a risk class; use read, modify, delete or external");
            }
        }
        String session = request.session() == null ? "explain" : request.session();
        return new CallSpec(request.role(), request.tool(), arguments, session, declared);
    }

    private static List<Earlier> earlier(List<String> results) throws UsageProblem {
        List<Earlier> earlier = new ArrayList<>();
        for (String result : results) {
            int equals = result.indexOf('=');
            if (equals < 1 || equals == result.length() - 1) {
                throw new UsageProblem(NAME + ": --result '" + result + "' is not TOOL=FILE; give the tool that"
                        + " returned the result and the file holding its text, e.g. search_emails=inbox.txt");
            }
            Path file = Path.of(result.substring(equals + 1));
            try {
                long size = Files.size(file);
                if (size > MAX_RESULT_BYTES) {
                    throw new UsageProblem(NAME + ": --result " + file + ": " + size + " bytes is more than "
                            + MAX_RESULT_BYTES + "; the agent indexes at most the first 4 Mi characters of a result");
                }
                // Binary content is read as the agent reads text: malformed bytes become U+FFFD.
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                earlier.add(new Earlier(result.substring(0, equals), text));
            } catch (IOException e) {
                throw new UsageProblem(NAME + ": --result " + file + " cannot be read (" + e.getMessage() + ")");
            }
        }
        return earlier;
    }

    static String text(Policy policy, CallSpec spec, Explanation explanation) {
        StringBuilder text = new StringBuilder();
        text.append("decision: ").append(explanation.verdict().wireName()).append('\n');
        text.append("reason:   ").append(explanation.decision().reason()).append('\n');
        text.append("rule:     ")
                .append(
                        explanation.decision().rule() == null
                                ? "(built in)"
                                : explanation.decision().rule())
                .append('\n');
        text.append("risk:     ")
                .append(explanation.decision().risk().wireName())
                .append('\n');
        Flow flow = explanation.decision().flow();
        if (flow != null) {
            text.append("flow:     ").append(flow.label());
            if (flow.argument() != null) {
                text.append(", argument '").append(flow.argument()).append('\'');
            }
            if (flow.sourceTool() != null) {
                text.append(", from the result of '").append(flow.sourceTool()).append('\'');
                if (flow.sourceSeq() >= 0) {
                    text.append(" (result ").append(flow.sourceSeq()).append(')');
                }
            }
            text.append(", rule ").append(flow.rule()).append('\n');
        }
        text.append('\n')
                .append("how it was decided (role '")
                .append(spec.role())
                .append("', tool '")
                .append(spec.tool())
                .append("', policy ")
                .append(policy.source())
                .append(", sha256 ")
                .append(policy.sha256(), 0, 12)
                .append("):\n");
        int width = explanation.steps().stream()
                .mapToInt(step -> step.verdict().length())
                .max()
                .orElse(0);
        for (TraceStep step : explanation.steps()) {
            text.append("  ")
                    .append(pad(step.step(), 11))
                    .append(pad(step.verdict(), width + 2))
                    .append(step.detail());
            if (step.rule() != null) {
                text.append("  [").append(step.rule()).append(']');
            }
            text.append('\n');
        }
        for (String note : notes(explanation)) {
            text.append("  note: ").append(note).append('\n');
        }
        return text.toString();
    }

    static String json(Policy policy, CallSpec spec, Explanation explanation) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("policy", String.valueOf(policy.source()));
        json.put("policy_sha256", policy.sha256());
        json.put("role", spec.role());
        json.put("tool", spec.tool());
        json.put("session", spec.session());
        json.put("decision", explanation.verdict().wireName());
        json.put("reason", explanation.decision().reason());
        json.put("rule", explanation.decision().rule());
        json.put("risk", explanation.decision().risk().wireName());
        Flow flow = explanation.decision().flow();
        if (flow != null) {
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("argument", flow.argument());
            provenance.put("label", flow.label());
            provenance.put("rule", flow.rule());
            provenance.put("source_tool", flow.sourceTool());
            provenance.put("source_seq", flow.sourceSeq() < 0 ? null : flow.sourceSeq());
            json.put("provenance", provenance);
        }
        List<Map<String, Object>> steps = new ArrayList<>();
        for (TraceStep step : explanation.steps()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("step", step.step());
            entry.put("verdict", step.verdict());
            entry.put("detail", step.detail());
            entry.put("rule", step.rule());
            steps.add(entry);
        }
        json.put("steps", steps);
        json.put("notes", notes(explanation));
        try {
            return new ObjectMapper()
                    .disable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings could not be written as JSON", e);
        }
    }

    private static List<String> notes(Explanation explanation) {
        List<String> notes = new ArrayList<>();
        List<TraceStep> steps = explanation.steps();
        TraceStep last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        if (last != null && last.verdict().equals("deny") && !last.step().equals("approval")) {
            notes.add("the first refusal ends the decision: the steps after " + last.step() + " did not run");
        }
        if (steps.stream().anyMatch(step -> step.step().equals("budgets"))) {
            notes.add("budgets were evaluated against a fresh session: no earlier calls are counted");
        }
        if (explanation.verdict() == CallVerdict.APPROVAL) {
            notes.add("at run time the call waits for a person through the approval channel (standing grants"
                    + " from earlier approvals are not considered here)");
        }
        return notes;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
