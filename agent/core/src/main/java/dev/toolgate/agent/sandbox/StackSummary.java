package dev.toolgate.agent.sandbox;

import java.util.ArrayList;
import java.util.List;

/** The few frames of a violation's stack that say which code tried it: the JDK's and Toolgate's are left out. */
final class StackSummary {

    private static final int FRAMES = 5;

    private StackSummary() {}

    static List<String> of(StackTraceElement[] stack) {
        List<String> frames = new ArrayList<>(FRAMES);
        for (StackTraceElement frame : stack) {
            String type = frame.getClassName();
            if (type.startsWith("java.")
                    || type.startsWith("jdk.")
                    || type.startsWith("sun.")
                    || type.startsWith("dev.toolgate.bootstrap.")
                    || type.startsWith("dev.toolgate.agent.")) {
                continue;
            }
            frames.add(type + "." + frame.getMethodName()
                    + (frame.getLineNumber() > 0 ? ":" + frame.getLineNumber() : ""));
            if (frames.size() == FRAMES) {
                break;
            }
        }
        return frames;
    }
}
