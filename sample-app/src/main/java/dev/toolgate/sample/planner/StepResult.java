package dev.toolgate.sample.planner;

/** A step, how it ended, and the text the model gets back: the tool's result or the error. */
public record StepResult(Step step, Outcome outcome, String text) {}
