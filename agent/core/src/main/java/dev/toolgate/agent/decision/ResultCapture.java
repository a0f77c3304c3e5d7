package dev.toolgate.agent.decision;

/** Told the text of every result a call returned to its caller: what provenance remembers of it. */
public interface ResultCapture {

    /**
     * @param text the result as the caller receives it (after screening), never copied
     * @return the receipt its audit event fills in with its {@code seq}, or null when nothing is remembered
     */
    ResultReceipt captured(ToolCall call, String text);
}
