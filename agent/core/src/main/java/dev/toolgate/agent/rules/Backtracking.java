package dev.toolgate.agent.rules;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Finds the shape of regular expression that backtracks exponentially in {@code java.util.regex}: a group
 * repeated without a bound (or more than {@link #MAX_REPEAT} times) whose body itself repeats without a bound,
 * as in {@code (a+)+}, {@code (\w+\s?)*} or {@code (.*,){20}}. Such a pattern has many ways to split the same text
 * between the inner and the outer repetition, and tries all of them before it fails.
 */
final class Backtracking {

    static final int MAX_REPEAT = 10;

    private Backtracking() {}

    /** A description of the nested repetition, or null when there is none. */
    static String nestedRepetition(String regex) {
        // per open group: whether its body holds an unbounded repetition
        Deque<boolean[]> groups = new ArrayDeque<>();
        groups.push(new boolean[1]);
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
                if (i < regex.length() && regex.charAt(i) == 'Q') {
                    int end = regex.indexOf("\\E", i);
                    i = end < 0 ? regex.length() : end + 1;
                }
                continue;
            }
            if (inClass) {
                inClass = c != ']';
                continue;
            }
            if (c == '[') {
                inClass = true;
                if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                    i++;
                }
                continue;
            }
            if (c == '(') {
                groups.push(new boolean[1]);
                continue;
            }
            int repeat = repetition(regex, i + 1);
            if (c == ')' && groups.size() > 1) {
                boolean innerUnbounded = groups.pop()[0];
                if (innerUnbounded && (repeat == Integer.MAX_VALUE || repeat > MAX_REPEAT)) {
                    return "a group that repeats "
                            + (repeat == Integer.MAX_VALUE ? "without a bound" : repeat + " times")
                            + " around a repetition without a bound (before position " + (i + 1)
                            + "); bound the inner repetition, e.g. {0,20} instead of * or +";
                }
                if (innerUnbounded || repeat == Integer.MAX_VALUE) {
                    groups.peek()[0] = true;
                }
                continue;
            }
            if ((c == '*' || c == '+') && !(i > 0 && isQuantifierEnd(regex.charAt(i - 1)))) {
                groups.peek()[0] = true;
            } else if (c == '{' && repetition(regex, i) == Integer.MAX_VALUE) {
                groups.peek()[0] = true;
            }
        }
        return null;
    }

    /** A quantifier after a quantifier ({@code +?}, {@code *+}) only changes how the first one behaves. */
    private static boolean isQuantifierEnd(char c) {
        return c == '*' || c == '+' || c == '?' || c == '}';
    }

    /** The maximum count of the quantifier at {@code at}: 1 when there is none, MAX_VALUE when unbounded. */
    private static int repetition(String regex, int at) {
        if (at >= regex.length()) {
            return 1;
        }
        char c = regex.charAt(at);
        if (c == '*' || c == '+') {
            return Integer.MAX_VALUE;
        }
        if (c == '?') {
            return 1;
        }
        if (c != '{') {
            return 1;
        }
        int close = regex.indexOf('}', at);
        if (close < 0) {
            return 1;
        }
        String body = regex.substring(at + 1, close);
        int comma = body.indexOf(',');
        try {
            if (comma < 0) {
                return Integer.parseInt(body.trim());
            }
            String max = body.substring(comma + 1).trim();
            return max.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(max);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
