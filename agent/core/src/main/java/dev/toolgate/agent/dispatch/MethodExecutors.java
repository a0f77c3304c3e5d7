package dev.toolgate.agent.dispatch;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * The Java method behind the frameworks' method executors: LangChain4j's {@code DefaultToolExecutor} (its
 * {@code originalMethod()}) and Spring AI's {@code MethodToolCallback} (its {@code toolMethod}). A call dispatched
 * to one of them is audited as that method, with the risk it declares; any other executor is described by itself,
 * whatever other tool shares its name.
 */
final class MethodExecutors {

    private static final String LANGCHAIN4J = "dev.langchain4j.service.tool.DefaultToolExecutor";
    private static final String SPRING_AI = "org.springframework.ai.tool.method.MethodToolCallback";
    private static final FrameworkMethod ORIGINAL_METHOD = new FrameworkMethod(LANGCHAIN4J, "originalMethod");

    /** Per executor class: how to read its method, or null for classes that run no single Java method. */
    private static final ClassValue<Field> SPRING_AI_FIELD = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            Class<?> declaring = FrameworkMethod.supertype(type, SPRING_AI);
            if (declaring == null) {
                return null;
            }
            try {
                Field field = declaring.getDeclaredField("toolMethod");
                field.setAccessible(true);
                return field;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    };

    private MethodExecutors() {}

    /** Whether instances of {@code type} are method executors, whose {@link #methodOf} may name a method. */
    static boolean runsMethods(Class<?> type) {
        return FrameworkMethod.supertype(type, LANGCHAIN4J) != null || SPRING_AI_FIELD.get(type) != null;
    }

    /** The method {@code executor} runs, or null when it is no method executor (or one this version cannot read). */
    static Method methodOf(Object executor) {
        if (executor == null) {
            return null;
        }
        try {
            if (ORIGINAL_METHOD.appliesTo(executor)) {
                return ORIGINAL_METHOD.call(executor) instanceof Method method ? method : null;
            }
            Field field = SPRING_AI_FIELD.get(executor.getClass());
            return field != null && field.get(executor) instanceof Method method ? method : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unreadable) {
            return null;
        }
    }
}
