package dev.toolgate.sample.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toolgate.api.AgentTool;
import dev.toolgate.sample.world.World;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ToolboxTest {

    private static final Set<String> ARTICLE_TOOLS = Set.of(
            "kubectl_get",
            "kubectl_apply",
            "kubectl_delete",
            "ansible_check",
            "ansible_run",
            "prometheus_query",
            "shell_exec",
            "sql_read",
            "sql_write",
            "sql_drop",
            "api_get",
            "api_post",
            "send_email");

    /** A name bound in the catalog but not on an annotation would be a call the gate cannot recognise. */
    @Test
    void everyArticleToolIsBoundAndAnnotatedUnderTheSameName() {
        Set<String> annotated = Stream.of(
                        KubernetesTools.class,
                        AnsibleTools.class,
                        MonitoringTools.class,
                        ShellTools.class,
                        DatabaseTools.class,
                        HttpTools.class,
                        MailTools.class)
                .flatMap(type -> Stream.of(type.getDeclaredMethods()))
                .map(method -> method.getAnnotation(AgentTool.class))
                .filter(tool -> tool != null)
                .map(AgentTool::name)
                .collect(Collectors.toSet());

        assertEquals(ARTICLE_TOOLS, annotated);
        assertEquals(
                ARTICLE_TOOLS,
                Toolbox.catalog(World.empty(new PrintStream(OutputStream.nullOutputStream())))
                        .tools());
    }
}
