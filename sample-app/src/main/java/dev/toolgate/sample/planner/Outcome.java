package dev.toolgate.sample.planner;

/** How a step ended, from the planner's point of view. */
public enum Outcome {
    /** The tool returned a result. */
    RAN,
    /** The tool was refused with a {@link SecurityException}, as Toolgate does. */
    REFUSED,
    /** The call was malformed or the tool failed. */
    FAILED
}
