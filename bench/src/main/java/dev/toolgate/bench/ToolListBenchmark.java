package dev.toolgate.bench;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.decision.CallerResolver;
import dev.toolgate.agent.decision.PermissionCheck;
import dev.toolgate.agent.framework.ToolListFilter;
import dev.toolgate.agent.policy.PolicyLoader;
import dev.toolgate.agent.validation.ValidationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What leaving the denied tools out of the model's tool list costs per model call, with 50 tools of which the
 * role may call half: a LangChain4j {@code ChatRequest} rebuilt with 25 specifications, and Spring AI's list of
 * definitions cut to 25. In process, on the agent's own filter; the baseline copies the same list.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ToolListBenchmark {

    /** A tool definition as Spring AI's resolved list holds them: something with a public {@code name()}. */
    public record Definition(String name) {}

    private ToolListFilter filter;
    private ChatRequest request;
    private List<Definition> definitions;

    @Setup
    public void setUp() throws Exception {
        StringBuilder allowed = new StringBuilder();
        List<ToolSpecification> specifications = new ArrayList<>();
        definitions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = "tool_" + i;
            if (i % 2 == 0) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(name);
            }
            specifications.add(ToolSpecification.builder()
                    .name(name)
                    .description("Tool " + i)
                    .build());
            definitions.add(new Definition(name));
        }
        Path policy = Files.createTempFile("tool-list-bench", ".yaml");
        Files.writeString(policy, "version: 1\nroles:\n  ops:\n    allowed_tools: [" + allowed + "]\n");
        PermissionCheck permissions =
                new PermissionCheck(new PolicyLoader(ValidationSettings.POLICY_CHECK).load(policy));
        AuditLog audit = AuditLog.discarding();
        filter = new ToolListFilter(
                permissions, new CallerResolver("bench", "ops"), audit, dev.toolgate.agent.config.Mode.ENFORCE);
        request = ChatRequest.builder()
                .messages(UserMessage.from("hello"))
                .toolSpecifications(specifications)
                .build();
    }

    @Benchmark
    public Object langChain4jRequest() {
        return filter.shown(request);
    }

    @Benchmark
    public Object springAiDefinitions() {
        return filter.shown(definitions);
    }

    /** Copying the list the filter cuts: what any rebuilt list costs. */
    @Benchmark
    public Object baselineCopy() {
        return new ArrayList<>(definitions);
    }
}
