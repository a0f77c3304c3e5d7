package dev.toolgate.agent.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A role's {@code sandbox:} as written: what its tools may do while they run. A missing part takes the default
 * documented in docs/sandbox.md; the sandbox package compiles and checks it.
 *
 * @param mode          {@code enforce} (the default), {@code monitor} (record only) or {@code off}
 * @param maxViolations violations after which the session's calls are refused; null for no limit
 * @param maxThreads    threads one tool call may create; null for the default
 */
public record SandboxPolicy(
        @JsonProperty("mode") String mode,
        @JsonProperty("processes") Processes processes,
        @JsonProperty("network") Network network,
        @JsonProperty("files") Files files,
        @JsonProperty("max_violations") Long maxViolations,
        @JsonProperty("max_threads") Long maxThreads) {

    /**
     * @param allow     programs the tools may start, by path (resolved through links when checked)
     * @param validator the {@code shell-command} validator every started command line must pass: the built-in
     *                  type or the name of one under {@code validators:}; null for none
     */
    public record Processes(
            @JsonProperty("allow") List<String> allow,
            @JsonProperty("validator") String validator) {}

    /**
     * @param connect       {@code host:port} entries outbound connections must match ({@code *} for any host or port)
     * @param allowInternal whether resolved internal addresses (loopback, private, link-local, metadata) are allowed
     * @param listen        whether the tools may open servers
     */
    public record Network(
            @JsonProperty("connect") List<String> connect,
            @JsonProperty("allow_internal") Boolean allowInternal,
            @JsonProperty("listen") Boolean listen) {}

    /** @param write directories under which the tools may write, create, delete, move and change files */
    public record Files(@JsonProperty("write") List<String> write) {}
}
