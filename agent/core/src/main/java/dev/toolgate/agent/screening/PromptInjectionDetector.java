package dev.toolgate.agent.screening;

import dev.toolgate.agent.rules.Rule;
import dev.toolgate.agent.rules.RulePack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores text for prompt injection on its normalised form ({@link TextNormalizer}). Each rule (the
 * {@code injection} group of the {@link RulePack}, {@code rules/injection*.yaml}) describes one technique and carries a weight: instruction overrides ("ignore the previous
 * instructions", in several languages), role and persona hijacking, fake system or end-of-input delimiters, prompt
 * and secret extraction, attempts to force an exact answer, token floods, encoded payloads (base64 and hex runs and
 * Caesar-shifted text are decoded and scored again), hidden HTML, exfiltration requests and questions for third
 * parties' personal data. A text is flagged when the weights of the matching rules reach the threshold: strong
 * signals alone, weak ones only together. Long texts are scanned in overlapping windows, so time and memory stay
 * linear in the length.
 */
public final class PromptInjectionDetector {

    /** The default threshold: one strong rule, or two weak ones. */
    public static final int DEFAULT_THRESHOLD = 2;

    private static final int WINDOW = 16 * 1024;
    private static final int OVERLAP = 512;

    /** Long enough for a two-word payload ("access granted" is 20 characters in base64). */
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/]{16,}={0,2}");

    private static final Pattern HEX_RUN = Pattern.compile("\\b(?:[0-9a-fA-F]{2}){12,}\\b");

    /**
     * Words an instruction override or a secret request can hardly do without. A Caesar-shifted payload (ROT13 and
     * the like) is found by looking for each word under every shift, which costs a few {@code contains} calls
     * rather than decoding the text 25 times.
     */
    private static final List<String> SHIFT_PROBES =
            List.of("ignore", "instructions", "disregard", "password", "previous");

    private final int threshold;
    private final List<Rule> rules;
    private final ClassifierStep classifier;

    /** A detector with the built-in rule pack. */
    public PromptInjectionDetector(int threshold) {
        this(threshold, RulePack.builtIn());
    }

    public PromptInjectionDetector(int threshold, RulePack pack) {
        this(threshold, pack, ClassifierStep.OFF);
    }

    /** A detector whose rules are joined by the learned second opinion {@code classifier}. */
    public PromptInjectionDetector(int threshold, RulePack pack, ClassifierStep classifier) {
        this.threshold = threshold;
        this.rules = pack.group("injection");
        this.classifier = classifier;
    }

    public ClassifierStep classifier() {
        return classifier;
    }

    public int threshold() {
        return threshold;
    }

    /** Scores {@code text}; see {@link Finding#detected(int)}. */
    public Finding scan(String text) {
        if (text.length() <= WINDOW) {
            return scanWindow(text, true);
        }
        Finding worst = Finding.NONE;
        for (int start = 0; start < text.length(); start += WINDOW - OVERLAP) {
            Finding finding = scanWindow(text.substring(start, Math.min(text.length(), start + WINDOW)), true);
            if (finding.score() > worst.score()) {
                worst = finding;
            }
            if (worst.detected(threshold)) {
                break;
            }
        }
        return worst;
    }

    public boolean detected(String text) {
        return scan(text).detected(threshold);
    }

    private Finding scanWindow(String raw, boolean decodeEmbedded) {
        String text = TextNormalizer.normalize(raw);
        int score = 0;
        List<String> names = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.mayMatch(text) && Structure.worthMatching(rule.id(), text) && rule.find(text)) {
                score += rule.weight();
                names.add(rule.id());
            }
        }
        if (decodeEmbedded && classifier.enabled()) {
            int weight = classifier.weight(raw);
            if (weight > 0) {
                score += weight;
                names.add(weight >= ClassifierStep.STRONG ? "classifier" : "classifier.assist");
            }
        }
        if (decodeEmbedded) {
            List<String> payloads = embeddedPayloads(raw);
            String unshifted = caesarDecoded(text);
            if (unshifted != null) {
                // ordinary text never spells these words under a letter shift: someone hid them
                score += 2;
                names.add("caesar");
                payloads.add(unshifted);
            }
            for (String decoded : payloads) {
                Finding inner = scanWindow(decoded, false);
                if (inner.score() >= DEFAULT_THRESHOLD) {
                    score += 3;
                    names.add("encoded:" + String.join("+", inner.rules()));
                    break;
                }
            }
        }
        return score == 0 ? Finding.NONE : new Finding(score, names);
    }

    /** Printable text hidden in base64 or hex runs. */
    private static List<String> embeddedPayloads(String raw) {
        List<String> out = new ArrayList<>();
        Matcher base64 = BASE64_RUN.matcher(raw);
        while (base64.find() && out.size() < 8) {
            String run = base64.group();
            try {
                String padded = run.replace("=", "");
                padded = padded.substring(
                        0, padded.length() - padded.length() % 4 == 1 ? padded.length() - 1 : padded.length());
                addIfText(out, Base64.getDecoder().decode(pad(padded)));
            } catch (IllegalArgumentException notBase64) {
                // not an encoding, just a long word
            }
        }
        Matcher hex = HEX_RUN.matcher(raw);
        while (hex.find() && out.size() < 8) {
            addIfText(out, HexFormat.of().parseHex(hex.group()));
        }
        return out;
    }

    /** The text with its letters shifted back by the Caesar shift under which it spells a probe word, or null. */
    static String caesarDecoded(String text) {
        for (int shift = 1; shift < 26; shift++) {
            for (String probe : SHIFT_PROBES) {
                if (text.contains(rotate(probe, shift))) {
                    return rotate(text, 26 - shift);
                }
            }
        }
        return null;
    }

    private static String rotate(String text, int shift) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c >= 'a' && c <= 'z') {
                chars[i] = (char) ('a' + (c - 'a' + shift) % 26);
            }
        }
        return new String(chars);
    }

    private static String pad(String base64) {
        return base64 + "===".substring(0, (4 - base64.length() % 4) % 4);
    }

    private static void addIfText(List<String> out, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        long printable = text.chars()
                .filter(c -> c >= 32 && c != 0xFFFD || c == '\n' || c == '\t')
                .count();
        if (text.length() >= 8 && printable >= text.length() * 0.9) {
            out.add(text);
        }
    }
}
