package dev.toolgate.e2e.apps.conversations;

/** The tool bodies both framework apps share; each prints when it runs. */
public final class InfraTools {

    private InfraTools() {}

    public static String kubectlGet() {
        System.out.println("TOOL-RAN kubectl_get");
        System.out.println("TOOL-THREAD " + Thread.currentThread().getName());
        return "3 pods running";
    }

    public static String sqlRead() {
        System.out.println("TOOL-RAN sql_read");
        System.out.println("TOOL-THREAD " + Thread.currentThread().getName());
        return "42 orders";
    }
}
