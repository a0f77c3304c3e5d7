package dev.toolgate.e2e.apps.bypass;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * An agent loop whose allowed {@code script} tool runs code that tries to get around the gate, one attempt per
 * call. After each attempt the agent makes the calls a successful attempt would have changed: a denied delete
 * and an allowed read, both naming the attempt. Then a list argument is changed by its caller while the tool
 * runs. Prints {@code CALL <tool> <label> RAN|REFUSED <text>}.
 */
public final class BypassApp {

    private BypassApp() {}

    public static void main(String[] args) throws Exception {
        OpsTools tools = new OpsTools();
        for (String attempt : ScriptRunner.ATTEMPTS) {
            call("script", attempt, () -> tools.script(attempt));
            call("kubectl_delete", attempt, () -> tools.kubectlDelete("prod", "after-" + attempt));
            call("kubectl_get", attempt, () -> tools.kubectlGet("prod", "after-" + attempt));
        }
        changeListWhileToolRuns(tools);
        System.out.println("COUNTABLE-BRIDGE-ATTEMPTS " + ScriptRunner.COUNTABLE.get());
        System.out.println("DONE");
    }

    private static void changeListWhileToolRuns(OpsTools tools) throws InterruptedException {
        List<String> manifests = new ArrayList<>(List.of("deployment.yaml", "service.yaml"));
        Thread caller = new Thread(() -> {
            ListHandshake.awaitBodyStarted();
            manifests.clear();
            manifests.add("wipe-cluster.yaml");
            ListHandshake.changed();
        });
        caller.start();
        call("apply_manifests", "changed-by-caller", () -> tools.applyManifests(manifests));
        caller.join();
        System.out.println("CALLER-LIST " + manifests);
    }

    private static void call(String tool, String label, Callable<String> call) {
        String outcome;
        try {
            outcome = "RAN " + call.call();
        } catch (SecurityException refused) {
            outcome = "REFUSED " + refused.getMessage();
        } catch (Exception failed) {
            outcome = "FAILED " + failed;
        }
        System.out.println("CALL " + tool + " " + label + " " + outcome.replace('\n', ' '));
    }
}
