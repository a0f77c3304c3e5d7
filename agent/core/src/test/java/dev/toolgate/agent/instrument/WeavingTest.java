package dev.toolgate.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.api.AgentTool;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/** The agent weaves a class whatever of its hierarchy can be read. */
class WeavingTest {

    /** An interface whose class file the loader below does not serve. */
    public interface HiddenApi {
        String other();
    }

    /** Implements the hidden interface and declares a tool of its own. */
    public static class HiddenImpl implements HiddenApi {
        @AgentTool(name = "own_tool")
        public String own() {
            return "own";
        }

        @Override
        public String other() {
            return "other";
        }
    }

    static final class Marker {
        private Marker() {}

        @Advice.OnMethodEnter
        static void enter() {
            System.out.println("WOVEN-MARKER");
        }
    }

    @Test
    void aClassWhoseInterfaceClassFileIsMissingIsStillWoven() throws Exception {
        ClassFileLocator classes = ClassFileLocator.ForClassLoader.of(WeavingTest.class.getClassLoader());
        ClassFileLocator hiding = new ClassFileLocator() {
            @Override
            public Resolution locate(String name) throws java.io.IOException {
                return name.equals(HiddenApi.class.getName()) ? new Resolution.Illegal(name) : classes.locate(name);
            }

            @Override
            public void close() {}
        };
        TypePool pool = AgentBuilder.PoolStrategy.Default.FAST.typePool(hiding, WeavingTest.class.getClassLoader());
        TypeDescription type = pool.describe(HiddenImpl.class.getName()).resolve();

        byte[] woven = AgentBuilders.byteBuddy()
                .redefine(type, hiding)
                .visit(Advice.to(Marker.class).on(ToolMatchers.toolMethods(List.of())))
                .make(pool)
                .getBytes();

        assertTrue(
                new String(woven, StandardCharsets.ISO_8859_1).contains("WOVEN-MARKER"),
                "the class's own tool is woven although its interface cannot be read");
    }
}
