package dev.toolgate.bench.replay;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;

/**
 * A chat model that plays one trace: it asks for the recorded calls one at a time, in order, each after it has
 * read the result of the one before (or the gate's refusal), and then answers. It always follows the injection.
 */
final class ScriptedModel implements ChatModel {

    private final List<Trace.Step> steps;
    private final boolean[] ran;
    /** The step the tools answer for: the last one asked for. */
    private int current = -1;

    ScriptedModel(Trace trace) {
        this.steps = trace.steps();
        this.ran = new boolean[steps.size()];
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        ChatMessage last = messages.get(messages.size() - 1);
        if (current >= 0 && !(last instanceof ToolExecutionResultMessage)) {
            throw new IllegalStateException("the model expected the result of step " + current);
        }
        current++;
        if (current >= steps.size()) {
            return ChatResponse.builder().aiMessage(AiMessage.from("Done.")).build();
        }
        Trace.Step step = steps.get(current);
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(List.of(ToolExecutionRequest.builder()
                        .id("call-" + current)
                        .name(step.tool())
                        .arguments(step.args())
                        .build())))
                .build();
    }

    /** What a tool returns for the call being replayed; {@code tool} must be the one the step names. */
    String execute(String tool) {
        if (current < 0 || current >= steps.size() || !steps.get(current).tool().equals(tool)) {
            throw new IllegalStateException("tool '" + tool + "' called out of the script at step " + current);
        }
        ran[current] = true;
        return steps.get(current).result();
    }

    /** Whether step {@code i}'s tool body ran. */
    boolean ran(int i) {
        return ran[i];
    }
}
