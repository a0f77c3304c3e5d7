package dev.toolgate.agent.validation;

/**
 * Unpaired surrogates cannot be encoded faithfully: what a validator checks would not be what reaches the shell,
 * the database or the file system (the encoder substitutes a replacement), so such text is refused outright.
 */
public final class Utf16 {

    private Utf16() {}

    /** Index of the first unpaired surrogate, or -1. */
    public static int firstUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
