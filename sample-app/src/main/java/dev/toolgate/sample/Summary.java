package dev.toolgate.sample;

import dev.toolgate.sample.planner.Outcome;
import dev.toolgate.sample.planner.SessionReport;
import dev.toolgate.sample.world.World;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** The closing account: what each session got done, and whether the things the attacker wanted happened. */
final class Summary {

    private Summary() {}

    static void print(PrintStream out, List<SessionReport> reports, World world, Path auditLog) {
        out.println("=== summary");
        for (SessionReport report : reports) {
            out.println("session " + report.sessionId() + ": " + report.count(Outcome.RAN) + " ran, "
                    + report.count(Outcome.REFUSED) + " refused, " + report.count(Outcome.FAILED) + " failed");
        }
        out.println("production deployment still present: "
                + world.cluster().has(World.PRODUCTION, World.PRODUCTION_DEPLOYMENT));
        out.println("orders table still present: " + world.database().hasTable("orders"));
        out.println("shell commands run: " + world.journal().count("shell_exec"));
        out.println("emails sent: " + world.outbox().sent().size());
        out.println("credentials mailed out: "
                + world.outbox().sent().stream().anyMatch(email -> email.body().contains(World.CREDENTIALS)));
        out.println("Audit log: " + auditLog);
    }
}
