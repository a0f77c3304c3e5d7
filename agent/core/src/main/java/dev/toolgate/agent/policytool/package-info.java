/**
 * Tools for people who write policies: {@code policy explain} (the decision on one call and the chain of rules
 * behind it), {@code policy test} (YAML test cases run against policies) and the policy's inline
 * {@code examples:}, checked when it loads. All of them decide through {@link
 * dev.toolgate.agent.decision.CallPipeline#explain}, the gate's own pipeline with a trace, built here from the
 * same stages the agent uses, minus everything that reaches outside the JVM (approval channels, audit, the
 * budgets' scheduler).
 */
package dev.toolgate.agent.policytool;
