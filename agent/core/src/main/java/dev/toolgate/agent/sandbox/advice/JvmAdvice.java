package dev.toolgate.agent.sandbox.advice;

import dev.toolgate.bootstrap.SandboxBridge;
import java.lang.reflect.Field;
import net.bytebuddy.asm.Advice;

/** The JVM itself: exit and halt, native libraries, and reflection that would open Toolgate's own classes. */
public final class JvmAdvice {

    private JvmAdvice() {}

    /** {@code Shutdown.exit(int)} and {@code Shutdown.halt(int)}: under System.exit and Runtime.exit/halt. */
    public static final class Exit {
        @Advice.OnMethodEnter
        static void enter(@Advice.Origin("#m") String operation, @Advice.Argument(0) int status) {
            SandboxBridge.jvm(operation, String.valueOf(status));
        }
    }

    /** {@code Runtime.load0(Class, String)} and {@code loadLibrary0}: under System.load and loadLibrary. */
    public static final class LoadLibrary {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Class<?> from, @Advice.Argument(1) String name) {
            SandboxBridge.loadLibrary(from, name);
        }
    }

    /** {@code AccessibleObject.checkCanSetAccessible(Class caller, Class declaring, boolean)}. */
    public static final class SetAccessible {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(1) Class<?> declaring) {
            SandboxBridge.reflect(declaring, "setAccessible");
        }
    }

    /** {@code MethodHandles.privateLookupIn(Class, Lookup)}: private access to a class, hence its VarHandles. */
    public static final class PrivateLookup {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Class<?> target) {
            SandboxBridge.reflect(target, "privateLookupIn");
        }
    }

    /** {@code sun.misc.Unsafe}'s field offsets and bases: what raw reads and writes of a field start from. */
    public static final class UnsafeField {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Field field, @Advice.Origin("Unsafe.#m") String how) {
            if (field != null) {
                SandboxBridge.reflect(field.getDeclaringClass(), how);
            }
        }
    }
}
