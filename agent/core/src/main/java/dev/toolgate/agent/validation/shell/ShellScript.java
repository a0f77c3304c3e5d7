package dev.toolgate.agent.validation.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed command line: its simple commands in order, grouped into pipelines, and the functions it defines.
 * Commands inside groups ({@code ( … )}, {@code { …; }}) and function bodies are listed with the rest; commands
 * inside command substitutions hang off the words that hold them.
 *
 * @param pipelineCount how many pipelines the script has
 * @param functions     functions defined, by name, with the commands of their bodies
 */
public record ShellScript(List<SimpleCommand> commands, int pipelineCount, Map<String, List<SimpleCommand>> functions) {

    public ShellScript {
        commands = List.copyOf(commands);
        functions = Map.copyOf(functions);
    }

    /** Every substitution in this script's words, assignments and redirections, one level deep. */
    public List<ShellScript> substitutions() {
        List<ShellScript> out = new ArrayList<>();
        for (SimpleCommand command : commands) {
            command.assignments().forEach(word -> out.addAll(word.substitutions()));
            command.words().forEach(word -> out.addAll(word.substitutions()));
            command.redirects().forEach(redirect -> out.addAll(redirect.target().substitutions()));
        }
        return out;
    }
}
