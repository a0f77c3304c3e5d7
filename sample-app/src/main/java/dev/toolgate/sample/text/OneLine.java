package dev.toolgate.sample.text;

/** Squeezes multi-line tool arguments and results onto one bounded line, so every output line is one event. */
public final class OneLine {

    private OneLine() {}

    public static String of(String text, int maxLength) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= maxLength ? oneLine : oneLine.substring(0, maxLength - 3) + "...";
    }
}
