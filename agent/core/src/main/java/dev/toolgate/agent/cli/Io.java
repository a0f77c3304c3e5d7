package dev.toolgate.agent.cli;

import java.io.InputStream;
import java.io.PrintStream;

/** Where a command reads its input and writes its output; tests pass their own. */
record Io(InputStream in, PrintStream out, PrintStream err) {}
