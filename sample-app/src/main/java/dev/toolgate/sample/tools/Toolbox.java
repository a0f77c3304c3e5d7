package dev.toolgate.sample.tools;

import dev.toolgate.sample.planner.ToolCatalog;
import dev.toolgate.sample.world.World;

/**
 * The article's tools, bound by name. Each binding calls the annotated method directly, so with Toolgate
 * attached every call passes the gate exactly as a framework's dispatch would.
 */
public final class Toolbox {

    private Toolbox() {}

    public static ToolCatalog catalog(World world) {
        KubernetesTools kubernetes = new KubernetesTools(world);
        AnsibleTools ansible = new AnsibleTools(world);
        MonitoringTools monitoring = new MonitoringTools(world);
        ShellTools shell = new ShellTools(world);
        DatabaseTools database = new DatabaseTools(world);
        HttpTools http = new HttpTools(world);
        MailTools mail = new MailTools(world);
        return new ToolCatalog()
                .bind("kubectl_get", s -> kubernetes.get(s.argument("namespace"), s.argument("resource")))
                .bind("kubectl_apply", s -> kubernetes.apply(s.argument("namespace"), s.argument("resource")))
                .bind("kubectl_delete", s -> kubernetes.delete(s.argument("namespace"), s.argument("resource")))
                .bind("ansible_check", s -> ansible.check(s.argument("playbook")))
                .bind("ansible_run", s -> ansible.run(s.argument("playbook")))
                .bind("prometheus_query", s -> monitoring.query(s.argument("query")))
                .bind("shell_exec", s -> shell.exec(s.argument("command")))
                .bind("sql_read", s -> database.read(s.argument("query")))
                .bind("sql_write", s -> database.write(s.argument("statement")))
                .bind("sql_drop", s -> database.drop(s.argument("table")))
                .bind("api_get", s -> http.get(s.argument("url")))
                .bind("api_post", s -> http.post(s.argument("url"), s.argument("body")))
                .bind("send_email", s -> mail.send(s.argument("to"), s.argument("subject"), s.argument("body")));
    }
}
