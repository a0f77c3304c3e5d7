package dev.toolgate.agent.validation;

/**
 * Checks one string value bound for a tool: a shell command line, an SQL statement, a path, a URL. Validators are
 * immutable and thread-safe; they never throw on hostile input (huge, NUL bytes, unpaired surrogates): every
 * input gets a verdict in time and memory bounded by its length.
 */
public interface ArgumentValidator {

    /** The validator's type name as written in policies, e.g. {@code shell-command}. */
    String type();

    Verdict check(String value);
}
