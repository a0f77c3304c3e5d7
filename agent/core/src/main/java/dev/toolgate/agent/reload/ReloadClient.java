package dev.toolgate.agent.reload;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.PrintStream;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@code toolgate reload PID}: asks the Toolgate agent in a running JVM to load its policy again, through the
 * Attach API (same user only, like {@code jcmd}) and the JVM's local JMX connector, started on demand and never
 * listening on the network. Exit codes: 0 reloaded or unchanged, 1 the reload failed or the JVM could not be
 * reached, 2 usage.
 */
public final class ReloadClient {

    private ReloadClient() {}

    public static int run(String pid, PrintStream out, PrintStream err) {
        if (pid == null || !pid.matches("\\d{1,10}")) {
            err.println("toolgate reload: '" + pid + "' is not a process id; give the PID of the JVM that runs the"
                    + " agent (jps -l lists them)");
            return 2;
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(pid);
        } catch (AttachNotSupportedException | IOException e) {
            err.println("toolgate reload: cannot attach to process " + pid + " (" + e.getMessage() + "); is it a"
                    + " running JVM of the same user?");
            return 1;
        } catch (RuntimeException | LinkageError e) {
            err.println("toolgate reload: the Attach API is not available here (" + e + "); run this command with"
                    + " a JDK, not a JRE");
            return 1;
        }
        try {
            String address = vm.startLocalManagementAgent();
            try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
                MBeanServerConnection connection = connector.getMBeanServerConnection();
                String answer =
                        (String) connection.invoke(new ObjectName(PolicyControl.OBJECT_NAME), "reload", null, null);
                if (answer.startsWith("failed")) {
                    err.println(answer);
                    return 1;
                }
                out.println(answer);
                return 0;
            }
        } catch (InstanceNotFoundException e) {
            err.println("toolgate reload: process " + pid + " runs no Toolgate agent with a reloadable policy (no"
                    + " MBean " + PolicyControl.OBJECT_NAME + "); was it started with -javaagent:toolgate-agent.jar"
                    + " and a policy that loaded?");
            return 1;
        } catch (Exception e) {
            err.println("toolgate reload: the reload request to process " + pid + " failed: " + e);
            return 1;
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the answer is already given
            }
        }
    }

    public static void main(String[] args) {
        System.exit(args.length == 1 ? run(args[0], System.out, System.err) : 2);
    }
}
