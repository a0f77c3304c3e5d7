package dev.toolgate.agent.provenance;

import dev.toolgate.agent.decision.ResultReceipt;

/**
 * One tool result a conversation's untrusted parts came from.
 *
 * @param tool    the tool that returned it
 * @param receipt its audit record, which knows the event's {@code seq} once written
 */
record Source(String tool, ResultReceipt receipt) {}
