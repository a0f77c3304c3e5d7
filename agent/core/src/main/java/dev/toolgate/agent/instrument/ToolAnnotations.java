package dev.toolgate.agent.instrument;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Where a method's tool annotation is, found the way the frameworks find theirs, from class files by name:
 * <ul>
 *   <li>on the method itself, or through an annotation that carries one, at any depth (Spring AI's
 *       {@code AnnotationUtils.findAnnotation} reads meta-annotations; LangChain4j reads the method's own);</li>
 *   <li>on a method it overrides or implements, in any superclass or interface, with type variables resolved, so
 *       {@code String run(String)} implements an annotated {@code T run(T)} (Spring AI searches the type
 *       hierarchy; LangChain4j does so for proxies of annotated interfaces, which the dispatch point covers).</li>
 * </ul>
 * Gating a method a framework would not call as a tool costs only the check; missing one would let a tool run
 * ungated, so the search is the wider of the two. A class file that is missing is no match, never an error.
 */
final class ToolAnnotations {

    private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

    private ToolAnnotations() {}

    /** The tool annotation that marks {@code method}, directly or through meta-annotations, or null. */
    static AnnotationDescription onMethod(MethodDescription method) {
        for (AnnotationDescription annotation : method.getDeclaredAnnotations()) {
            if (marksTool(annotation)) {
                return annotation;
            }
        }
        return null;
    }

    /** The tool annotation found on {@code method} or on a method it overrides, or null. */
    static Found find(TypeDescription type, MethodDescription method) {
        AnnotationDescription own = onMethod(method);
        if (own != null) {
            return new Found(own, method);
        }
        return inherited(type).get(method.asSignatureToken());
    }

    /**
     * The annotated methods of {@code type}'s supertypes, by signature as {@code type} sees them: worked out once
     * per type (the matcher asks about its methods one after another), and kept for the last type on each thread.
     */
    private static Map<MethodDescription.SignatureToken, Found> inherited(TypeDescription type) {
        Object[] last = LAST.get();
        if (last[0] == type) {
            @SuppressWarnings("unchecked")
            Map<MethodDescription.SignatureToken, Found> cached =
                    (Map<MethodDescription.SignatureToken, Found>) last[1];
            return cached;
        }
        Map<MethodDescription.SignatureToken, Found> found = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Deque<TypeDefinition> todo = new ArrayDeque<>();
        addSupertypes(type, todo);
        while (!todo.isEmpty()) {
            TypeDefinition supertype = todo.poll();
            try {
                String name = supertype.asErasure().getName();
                if (!seen.add(name) || cannotCarryToolAnnotations(name)) {
                    continue;
                }
                for (MethodDescription candidate : supertype.getDeclaredMethods()) {
                    if (!candidate.isStatic() && !candidate.isPrivate() && !candidate.isConstructor()) {
                        AnnotationDescription annotation = onMethod(candidate);
                        if (annotation != null) {
                            // the nearest declaration wins, as it would for the frameworks
                            found.putIfAbsent(candidate.asSignatureToken(), new Found(annotation, candidate));
                        }
                    }
                }
                addSupertypes(supertype, todo);
            } catch (RuntimeException unresolvable) {
                // a supertype whose class file is not there cannot carry the annotation
            }
        }
        last[0] = type;
        last[1] = found;
        return found;
    }

    private static boolean cannotCarryToolAnnotations(String typeName) {
        return typeName.startsWith("java.")
                || typeName.startsWith("javax.")
                || typeName.startsWith("jdk.")
                || typeName.startsWith("sun.")
                || typeName.startsWith("com.sun.")
                || typeName.startsWith("kotlin.")
                || typeName.startsWith("scala.");
    }

    /** A tool annotation and the method that carries it. */
    record Found(AnnotationDescription annotation, MethodDescription declaredOn) {}

    private static void addSupertypes(TypeDefinition type, Deque<TypeDefinition> todo) {
        TypeDefinition superclass = type.getSuperClass();
        if (superclass != null) {
            todo.add(superclass);
        }
        todo.addAll(type.getInterfaces());
    }

    /** Whether {@code annotation} is a tool annotation or is annotated with one, at any depth. */
    static boolean marksTool(AnnotationDescription annotation) {
        return sourceOf(annotation) != null;
    }

    /** The tool source {@code annotation} stands for (itself, or through meta-annotations), or null. */
    static ToolSource sourceOf(AnnotationDescription annotation) {
        Set<String> seen = new HashSet<>();
        Deque<TypeDescription> todo = new ArrayDeque<>();
        todo.add(annotation.getAnnotationType());
        while (!todo.isEmpty()) {
            TypeDescription type = todo.poll();
            String name = type.getName();
            if (!seen.add(name) || name.startsWith("java.lang.annotation.") || name.startsWith("kotlin.")) {
                continue;
            }
            for (ToolSource source : ToolSource.values()) {
                if (name.equals(source.annotation())) {
                    return source;
                }
            }
            try {
                for (AnnotationDescription meta : type.getDeclaredAnnotations()) {
                    todo.add(meta.getAnnotationType());
                }
            } catch (RuntimeException unresolvable) {
                // the annotation's class file is not there: it cannot be the marking one
            }
        }
        return null;
    }
}
