package org.springframework.ai.chat.prompt;

import java.util.Map;

/** Stand-in with the shape of Spring AI's Prompt: getOptions().getToolContext(). */
public class Prompt {

    private final Options options;

    public Prompt(Map<String, Object> toolContext) {
        this.options = toolContext == null ? null : new Options(toolContext);
    }

    public Options getOptions() {
        return options;
    }

    public static class Options {
        private final Map<String, Object> toolContext;

        Options(Map<String, Object> toolContext) {
            this.toolContext = toolContext;
        }

        public Map<String, Object> getToolContext() {
            return toolContext;
        }
    }
}
