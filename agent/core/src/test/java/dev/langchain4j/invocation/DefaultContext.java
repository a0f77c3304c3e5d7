package dev.langchain4j.invocation;

/** Builds a private implementation, as frameworks have: it must be read through the public interface. */
public final class DefaultContext {

    private DefaultContext() {}

    public static InvocationContext of(Object id) {
        return new Hidden(id);
    }

    private static final class Hidden implements InvocationContext {
        private final Object id;

        Hidden(Object id) {
            this.id = id;
        }

        @Override
        public Object chatMemoryId() {
            return id;
        }
    }
}
