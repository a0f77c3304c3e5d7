package dev.toolgate.e2e.apps.shapes;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tool methods declared in every shape the frameworks find: on an interface, on an abstract or a concrete
 * superclass, on a generic interface, through meta-annotations nested two and three deep. Each body prints
 * {@code BODY <tool>} first.
 */
public final class Shapes {

    private Shapes() {}

    static String body(String tool, Object argument) {
        System.out.println("BODY " + tool + " " + argument);
        return tool + ":" + argument;
    }

    // ------------------------------------------------------------------ Toolgate's @AgentTool

    public interface AgentOps {
        @AgentTool(name = "agent_iface_delete", risk = Risk.DELETE)
        String delete(String target);
    }

    public static class AgentOpsImpl implements AgentOps {
        @Override
        public String delete(String target) {
            return body("agent_iface_delete", target);
        }

        /** Same name, other parameters: not the tool. */
        public String delete(String target, int times) {
            return body("agent_iface_delete/2", target);
        }
    }

    public abstract static class AgentBase {
        @AgentTool(name = "agent_abstract_delete", risk = Risk.DELETE)
        public abstract String purge(String target);

        @AgentTool(name = "agent_super_delete", risk = Risk.DELETE)
        public String drop(String target) {
            return body("agent_super_delete", target);
        }

        @AgentTool(name = "agent_super_read", risk = Risk.READ)
        public String peek(String target) {
            return body("agent_super_read", target);
        }
    }

    public static class AgentChild extends AgentBase {
        @Override
        public String purge(String target) {
            return body("agent_abstract_delete", target);
        }

        @Override
        public String drop(String target) {
            System.out.println("OVERRIDE agent_super_delete " + target);
            return super.drop(target);
        }

        @Override
        public String peek(String target) {
            System.out.println("OVERRIDE agent_super_read " + target);
            return super.peek(target);
        }
    }

    public interface Runner<T> {
        @AgentTool(name = "agent_generic_delete", risk = Risk.DELETE)
        T run(T input);
    }

    public static class StringRunner implements Runner<String> {
        @Override
        public String run(String input) {
            return body("agent_generic_delete", input);
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @AgentTool
    public @interface Level2 {}

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Level2
    public @interface Level1 {}

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Level1
    public @interface Level0 {}

    public static class MetaTools {
        /** Two levels: {@code @Level1 → @Level2 → @AgentTool}. */
        @Level1
        public String agent_meta2_delete(String target) {
            return body("agent_meta2_delete", target);
        }

        /** Three levels: {@code @Level0 → @Level1 → @Level2 → @AgentTool}. */
        @Level0
        public String agent_meta3_delete(String target) {
            return body("agent_meta3_delete", target);
        }
    }

    // ------------------------------------------------------------------ LangChain4j's @Tool (methods only)

    public interface Lc4jOps {
        @dev.langchain4j.agent.tool.Tool(name = "lc4j_iface_delete")
        String delete(String target);
    }

    public static class Lc4jOpsImpl implements Lc4jOps {
        @Override
        public String delete(String target) {
            return body("lc4j_iface_delete", target);
        }
    }

    public abstract static class Lc4jBase {
        @dev.langchain4j.agent.tool.Tool(name = "lc4j_abstract_delete")
        public abstract String purge(String target);

        @dev.langchain4j.agent.tool.Tool(name = "lc4j_super_delete")
        public String drop(String target) {
            return body("lc4j_super_delete", target);
        }
    }

    public static class Lc4jChild extends Lc4jBase {
        @Override
        public String purge(String target) {
            return body("lc4j_abstract_delete", target);
        }

        @Override
        public String drop(String target) {
            return super.drop(target);
        }
    }

    public interface Lc4jRunner<T> {
        @dev.langchain4j.agent.tool.Tool(name = "lc4j_generic_delete")
        T run(T input);
    }

    public static class Lc4jStringRunner implements Lc4jRunner<String> {
        @Override
        public String run(String input) {
            return body("lc4j_generic_delete", input);
        }
    }

    // ------------------------------------------------------------------ Spring AI's @Tool (methods and annotations)

    public interface SpringOps {
        @org.springframework.ai.tool.annotation.Tool(name = "spring_iface_delete", description = "Deletes")
        String delete(String target);
    }

    public static class SpringOpsImpl implements SpringOps {
        @Override
        public String delete(String target) {
            return body("spring_iface_delete", target);
        }
    }

    public abstract static class SpringBase {
        @org.springframework.ai.tool.annotation.Tool(name = "spring_abstract_delete", description = "Purges")
        public abstract String purge(String target);

        @org.springframework.ai.tool.annotation.Tool(name = "spring_super_delete", description = "Drops")
        public String drop(String target) {
            return body("spring_super_delete", target);
        }
    }

    public static class SpringChild extends SpringBase {
        @Override
        public String purge(String target) {
            return body("spring_abstract_delete", target);
        }

        @Override
        public String drop(String target) {
            return super.drop(target);
        }
    }

    public interface SpringRunner<T> {
        @org.springframework.ai.tool.annotation.Tool(name = "spring_generic_delete", description = "Runs")
        T run(T input);
    }

    public static class SpringStringRunner implements SpringRunner<String> {
        @Override
        public String run(String input) {
            return body("spring_generic_delete", input);
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @org.springframework.ai.tool.annotation.Tool
    public @interface SpringLevel2 {}

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @SpringLevel2
    public @interface SpringLevel1 {}

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @SpringLevel1
    public @interface SpringLevel0 {}

    public static class SpringMetaTools {
        @SpringLevel1
        public String spring_meta2_delete(String target) {
            return body("spring_meta2_delete", target);
        }

        @SpringLevel0
        public String spring_meta3_delete(String target) {
            return body("spring_meta3_delete", target);
        }
    }
}
