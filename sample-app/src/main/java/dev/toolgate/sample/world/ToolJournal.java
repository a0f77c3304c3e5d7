package dev.toolgate.sample.world;

import dev.toolgate.sample.text.OneLine;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Evidence that a tool body ran. Each run prints one {@code TOOL-RAN} line, so that a refused call can be told
 * apart from an executed one just by reading the output, with or without the gate in front.
 */
public final class ToolJournal {

    private static final int MAX_SHOWN = 80;

    private final PrintStream out;
    private final List<ToolRun> runs = new ArrayList<>();

    public ToolJournal(PrintStream out) {
        this.out = out;
    }

    public synchronized void ran(String tool, String... arguments) {
        runs.add(new ToolRun(tool, Arrays.asList(arguments)));
        out.println("TOOL-RAN " + tool + " " + OneLine.of(String.join(" ", arguments), MAX_SHOWN));
    }

    public synchronized List<ToolRun> runs() {
        return List.copyOf(runs);
    }

    public synchronized long count(String tool) {
        return runs.stream().filter(run -> run.tool().equals(tool)).count();
    }
}
