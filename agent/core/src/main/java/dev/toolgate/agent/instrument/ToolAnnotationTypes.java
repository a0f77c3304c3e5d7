package dev.toolgate.agent.instrument;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Class files of the tool annotations for type pools whose class loader cannot see them. Byte Buddy, like the
 * JVM, drops an annotation whose type it cannot resolve; a tool class loaded by a loader that does not see
 * {@code toolgate-api}, LangChain4j or Spring AI would otherwise slip through ungated. The real class file is
 * preferred whenever the loader has it.
 */
final class ToolAnnotationTypes implements AgentBuilder.PoolStrategy {

    private final AgentBuilder.PoolStrategy delegate;
    private final ClassFileLocator fallback;

    ToolAnnotationTypes(AgentBuilder.PoolStrategy delegate) {
        this.delegate = delegate;
        Map<String, byte[]> classFiles = new HashMap<>();
        classFiles.put(AgentTool.class.getName(), ownClassFile(AgentTool.class));
        classFiles.put(Risk.class.getName(), ownClassFile(Risk.class));
        for (ToolSource source : ToolSource.values()) {
            if (source.annotation() != null && !classFiles.containsKey(source.annotation())) {
                classFiles.put(source.annotation(), nameOnlyAnnotation(source.annotation()));
            }
        }
        this.fallback = ClassFileLocator.Simple.ofResources(toResources(classFiles));
    }

    @Override
    public TypePool typePool(ClassFileLocator classFileLocator, ClassLoader classLoader) {
        return delegate.typePool(new ClassFileLocator.Compound(classFileLocator, fallback), classLoader);
    }

    @Override
    public TypePool typePool(ClassFileLocator classFileLocator, ClassLoader classLoader, String name) {
        return delegate.typePool(new ClassFileLocator.Compound(classFileLocator, fallback), classLoader, name);
    }

    /** An annotation type with the one property the agent reads from framework annotations. */
    private static byte[] nameOnlyAnnotation(String typeName) {
        return new ByteBuddy()
                .makeAnnotation()
                .name(typeName)
                .defineMethod("name", String.class, Visibility.PUBLIC)
                .defaultValue("", String.class)
                .make()
                .getBytes();
    }

    private static byte[] ownClassFile(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the agent jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> toResources(Map<String, byte[]> classFiles) {
        Map<String, byte[]> resources = new HashMap<>();
        classFiles.forEach((name, bytes) -> resources.put(name.replace('.', '/') + ".class", bytes));
        return resources;
    }
}
