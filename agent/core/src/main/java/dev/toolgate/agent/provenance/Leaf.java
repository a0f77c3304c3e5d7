package dev.toolgate.agent.provenance;

/**
 * One value of a call's arguments that provenance checks.
 *
 * @param path where it is: the parameter's name, with {@code [i]} and {@code .key} for what is inside it
 * @param text the value as text (a string, or a number's digits)
 */
record Leaf(String path, String text) {}
