package dev.toolgate.agent.cli.attach;

/** A JVM to attach to: its process id and how the Attach API describes it. */
public record Target(long pid, String description) {

    @Override
    public String toString() {
        return pid + " (" + description + ")";
    }
}
