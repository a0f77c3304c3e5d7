package dev.toolgate.agent.screening;

import dev.toolgate.agent.rules.BoundedText;
import dev.toolgate.agent.rules.Rule;
import dev.toolgate.agent.rules.RulePack;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in text: cloud and SaaS keys by their documented formats, private keys, JWTs, passwords in URLs
 * and in {@code key=value} assignments, long high-entropy tokens, and values the policy marks sensitive.
 * {@link #redact(String)} replaces each with {@code [REDACTED:kind]}, which is what the audit log stores.
 */
public final class SecretScanner {

    /** One secret found: its kind and where it is. */
    public record Secret(String kind, int start, int end) {

        /** The id of the pack rule that found it ({@code secret.KIND}), or null for a policy's sensitive value. */
        public String rule() {
            return kind.equals("sensitive-value") || kind.equals("high-entropy-token") ? null : "secret." + kind;
        }
    }

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/_=.-]{24,}");

    private final List<Pattern> sensitive;
    private final List<Rule> kinds;
    private final boolean shippedKindsOnly;

    /**
     * @param sensitiveValues literal values (matched case-insensitively) that must never leave, e.g. project code
     *                        names or customer identifiers
     * @param sensitivePatterns regular expressions for such values
     */
    public SecretScanner(List<String> sensitiveValues, List<Pattern> sensitivePatterns) {
        this(sensitiveValues, sensitivePatterns, RulePack.builtIn());
    }

    /** @param pack the rule pack whose {@code secret} group names the formats (the kind is the id's last part) */
    public SecretScanner(List<String> sensitiveValues, List<Pattern> sensitivePatterns, RulePack pack) {
        this.kinds = pack.group("secret");
        // the quick pre-check knows the shipped formats only; a policy's own formats are always matched
        this.shippedKindsOnly = kinds.stream().noneMatch(Rule::bounded);
        List<Pattern> patterns = new ArrayList<>();
        for (String value : sensitiveValues) {
            patterns.add(Pattern.compile(Pattern.quote(value), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        patterns.addAll(sensitivePatterns);
        this.sensitive = List.copyOf(patterns);
    }

    /** Built-in kinds only; used where no policy is at hand (audit redaction). */
    public static final SecretScanner BUILT_IN = new SecretScanner(List.of(), List.of());

    /** Every secret in {@code text}, in order of position, not overlapping. */
    public List<Secret> find(String text) {
        if (sensitive.isEmpty() && shippedKindsOnly && !mayContainSecrets(text)) {
            return List.of();
        }
        List<Secret> found = new ArrayList<>();
        for (Rule kind : kinds) {
            String name = kind.id().substring(kind.id().indexOf('.') + 1);
            try {
                Matcher matcher = kind.matcher(text);
                while (matcher.find()) {
                    int group = matcher.group(kind.group()) != null ? kind.group() : 0;
                    add(found, new Secret(name, matcher.start(group), matcher.end(group)));
                }
            } catch (BoundedText.TooSlow e) {
                // a rule that cannot be decided on this text: the whole text counts as the secret
                add(found, new Secret(name, 0, text.length()));
            }
        }
        for (Pattern pattern : sensitive) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                if (matcher.end() > matcher.start()) {
                    add(found, new Secret("sensitive-value", matcher.start(), matcher.end()));
                }
            }
        }
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            if (looksRandom(token.group())) {
                add(found, new Secret("high-entropy-token", token.start(), token.end()));
            }
        }
        found.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return found;
    }

    /** {@code text} with every secret replaced by {@code [REDACTED:kind]}. */
    public String redact(String text) {
        List<Secret> secrets = find(text);
        if (secrets.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Secret secret : secrets) {
            out.append(text, at, secret.start())
                    .append("[REDACTED:")
                    .append(secret.kind())
                    .append(']');
            at = secret.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    private static final String[] KEYWORDS = {"pass", "pwd", "secret", "token", "key", "auth", "sig=", "begin "};

    /**
     * A single pass that rules out most text: every built-in kind needs a run of at least 20 token characters,
     * {@code ://} with an {@code @}, or one of a few keywords. It allocates nothing: the audit writer calls it on
     * every string it records.
     */
    static boolean mayContainSecrets(String text) {
        int run = 0;
        boolean at = false;
        boolean scheme = false;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            int kind = c < 128 ? ASCII_KIND[c] : KEYWORD_START;
            if ((kind & TOKEN_CHAR) != 0) {
                if (++run >= 20) {
                    return true;
                }
            } else {
                run = 0;
            }
            if ((kind & KEYWORD_START) != 0 && keywordAt(text, i)) {
                return true;
            }
            if ((kind & PUNCTUATION) != 0) {
                at |= c == '@';
                scheme |= c == ':' && i + 2 < length && text.charAt(i + 1) == '/' && text.charAt(i + 2) == '/';
            }
        }
        return at && scheme;
    }

    private static final byte TOKEN_CHAR = 1;
    /** Non-ASCII letters may fold to ASCII ones (the Kelvin sign to k), so they all count as keyword starts. */
    private static final byte KEYWORD_START = 2;

    private static final byte PUNCTUATION = 4;
    private static final byte[] ASCII_KIND = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            if (Character.isLetterOrDigit(c) || "+/_=-.".indexOf(c) >= 0) {
                ASCII_KIND[c] |= TOKEN_CHAR;
            }
            if ("psktabPSKTAB".indexOf(c) >= 0) {
                ASCII_KIND[c] |= KEYWORD_START;
            }
            if (c == '@' || c == ':') {
                ASCII_KIND[c] |= PUNCTUATION;
            }
        }
    }

    /** Case-insensitive match of a keyword at {@code at}: ASCII folded by one bit, anything else by the JDK. */
    private static boolean keywordAt(String text, int at) {
        char first = text.charAt(at);
        if (first >= 128) {
            for (String keyword : KEYWORDS) {
                if (text.regionMatches(true, at, keyword, 0, keyword.length())) {
                    return true;
                }
            }
            return false;
        }
        return switch (first | 0x20) {
            case 'p' -> matches(text, at, "pass") || matches(text, at, "pwd");
            case 's' -> matches(text, at, "secret") || matches(text, at, "sig=");
            case 't' -> matches(text, at, "token");
            case 'k' -> matches(text, at, "key");
            case 'a' -> matches(text, at, "auth");
            case 'b' -> matches(text, at, "begin ");
            default -> false;
        };
    }

    private static boolean matches(String text, int at, String keyword) {
        int length = keyword.length();
        if (at + length > text.length()) {
            return false;
        }
        for (int k = 1; k < length; k++) {
            char c = text.charAt(at + k);
            if (c >= 128) {
                return text.regionMatches(true, at, keyword, 0, length);
            }
            if ((c | 0x20) != keyword.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static void add(List<Secret> found, Secret candidate) {
        for (Secret secret : found) {
            if (candidate.start() < secret.end() && secret.start() < candidate.end()) {
                return;
            }
        }
        found.add(candidate);
    }

    /**
     * A token of mixed letter case and digits whose characters carry at least 4.3 bits of entropy each, more
     * than hexadecimal digests (4 bits at most) or words and identifiers reach.
     */
    static boolean looksRandom(String token) {
        if (token.contains("..")
                || token.startsWith("/")
                || token.chars().filter(c -> c == '/').count() > 2
                || token.chars().filter(c -> c == '.').count() > 2) {
            return false;
        }
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        int[] counts = new int[128];
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
            digit |= Character.isDigit(c);
            counts[c & 127]++;
        }
        if (!(upper && lower && digit)) {
            return false;
        }
        double entropy = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / token.length();
                entropy -= p * Math.log(p) / Math.log(2);
            }
        }
        return entropy >= 4.3 || token.length() >= 32 && entropy >= 4.0;
    }

    /** A short description of what was found, for reasons: kinds only, never the values. */
    public static String describe(List<Secret> secrets) {
        return secrets.stream()
                .map(Secret::kind)
                .distinct()
                .map(k -> k.toLowerCase(Locale.ROOT))
                .reduce((a, b) -> a + ", " + b)
                .orElse("nothing");
    }
}
