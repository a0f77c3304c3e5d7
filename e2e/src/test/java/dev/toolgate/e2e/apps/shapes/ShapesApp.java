package dev.toolgate.e2e.apps.shapes;

import dev.toolgate.e2e.apps.dispatch.DispatchScenario;
import dev.toolgate.e2e.apps.dispatch.SpringScriptedModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.method.MethodToolCallbackProvider;

/**
 * Calls every shape of {@link Shapes} directly, as application code would, and prints
 * {@code CALL <label> RAN|REFUSED <message>}; then lets Spring AI find the tool of an interface-and-implementation
 * bean itself and call it for a scripted model.
 */
public final class ShapesApp {

    private ShapesApp() {}

    public static void main(String[] args) {
        Map<String, Callable<String>> calls = new LinkedHashMap<>();
        calls.put("agent_iface_delete", () -> new Shapes.AgentOpsImpl().delete("db"));
        calls.put("agent_iface_delete/2", () -> new Shapes.AgentOpsImpl().delete("db", 2));
        calls.put("agent_abstract_delete", () -> new Shapes.AgentChild().purge("db"));
        calls.put("agent_super_delete", () -> new Shapes.AgentChild().drop("db"));
        calls.put("agent_super_read", () -> new Shapes.AgentChild().peek("db"));
        calls.put("agent_generic_delete", () -> ((Shapes.Runner<String>) new Shapes.StringRunner()).run("db"));
        calls.put("agent_meta2_delete", () -> new Shapes.MetaTools().agent_meta2_delete("db"));
        calls.put("agent_meta3_delete", () -> new Shapes.MetaTools().agent_meta3_delete("db"));
        calls.put("lc4j_iface_delete", () -> new Shapes.Lc4jOpsImpl().delete("db"));
        calls.put("lc4j_abstract_delete", () -> new Shapes.Lc4jChild().purge("db"));
        calls.put("lc4j_super_delete", () -> new Shapes.Lc4jChild().drop("db"));
        calls.put("lc4j_generic_delete", () -> new Shapes.Lc4jStringRunner().run("db"));
        calls.put("spring_iface_delete", () -> new Shapes.SpringOpsImpl().delete("db"));
        calls.put("spring_abstract_delete", () -> new Shapes.SpringChild().purge("db"));
        calls.put("spring_super_delete", () -> new Shapes.SpringChild().drop("db"));
        calls.put("spring_generic_delete", () -> new Shapes.SpringStringRunner().run("db"));
        calls.put("spring_meta2_delete", () -> new Shapes.SpringMetaTools().spring_meta2_delete("db"));
        calls.put("spring_meta3_delete", () -> new Shapes.SpringMetaTools().spring_meta3_delete("db"));
        calls.forEach((label, call) -> {
            try {
                System.out.println("CALL " + label + " RAN " + call.call());
            } catch (SecurityException refused) {
                System.out.println("CALL " + label + " REFUSED " + refused.getMessage());
            } catch (Exception failed) {
                System.out.println("CALL " + label + " FAILED " + failed);
            }
        });

        // Spring AI finds the tool on the interface of the bean's class, and the gate holds there too.
        Object bean = new Shapes.SpringOpsImpl();
        var callbacks =
                MethodToolCallbackProvider.builder().toolObjects(bean).build().getToolCallbacks();
        System.out.println("SPRING-FOUND " + callbacks.length + " "
                + callbacks[0].getToolDefinition().name());
        String answer = ChatClient.create(new SpringScriptedModel(
                        "shapes-spring",
                        List.of(new DispatchScenario.Call("c1", "spring_iface_delete", "{\"target\":\"prod\"}"))))
                .prompt()
                .user("go")
                .toolCallbacks(callbacks)
                .call()
                .content();
        System.out.println("ANSWER " + answer);
    }
}
