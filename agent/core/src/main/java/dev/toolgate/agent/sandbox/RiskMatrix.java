package dev.toolgate.agent.sandbox;

import dev.toolgate.agent.policy.RiskLevel;

/**
 * Declared against observed risk: what a tool of each risk class may do while it runs, whatever its role's
 * sandbox allows. Reading is always in its class; the rest grows with the risk:
 *
 * <pre>
 *             write/create/move/chmod   delete   start a process   connect out / listen
 *  read              -                    -             -                   -
 *  modify            yes                  -             -                   -
 *  delete            yes                  yes           -                   -
 *  external          yes                  yes           yes                 yes
 * </pre>
 *
 * A tool with no declared risk counts as external (unknown is highest), so only its role's rules apply.
 */
enum RiskMatrix {
    WRITE("writes or changes files", RiskLevel.MODIFY),
    DELETE("deletes files", RiskLevel.DELETE),
    EXECUTE("starts processes", RiskLevel.EXTERNAL),
    CONNECT("connects out", RiskLevel.EXTERNAL),
    LISTEN("opens a server", RiskLevel.EXTERNAL);

    private final String what;
    private final RiskLevel least;

    RiskMatrix(String what, RiskLevel least) {
        this.what = what;
        this.least = least;
    }

    /** Why a tool of {@code declared} risk may not do this, or null when its class covers it. */
    String mismatch(RiskLevel declared) {
        if (declared.ordinal() >= least.ordinal()) {
            return null;
        }
        return "the tool is declared " + declared.wireName() + " but " + what + " (only " + least.wireName()
                + (least == RiskLevel.EXTERNAL ? "" : " and higher") + " tools may)";
    }
}
