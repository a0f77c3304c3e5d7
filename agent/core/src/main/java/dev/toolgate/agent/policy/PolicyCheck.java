package dev.toolgate.agent.policy;

/**
 * A check a capability makes of a loaded policy, such as whether its validator options can be compiled, run by
 * {@link PolicyLoader} before it hands the policy out. The capability knows the keys it reads; the loader knows
 * where they are in the file, so a problem is reported with file, line and key like every other.
 */
@FunctionalInterface
public interface PolicyCheck {

    /** @throws Problem when the policy cannot be used as it is */
    void check(Policy policy) throws Problem;

    /** What is wrong, and under which key of the policy (a dotted path such as {@code validators.ops-shell}). */
    final class Problem extends Exception {
        private static final long serialVersionUID = 1L;

        private final String key;

        public Problem(String key, String message) {
            super(message, null, false, false);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
