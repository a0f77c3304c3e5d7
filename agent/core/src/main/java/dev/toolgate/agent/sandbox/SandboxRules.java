package dev.toolgate.agent.sandbox;

import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyCheck;
import dev.toolgate.agent.policy.RolePolicy;
import dev.toolgate.agent.policy.SandboxPolicy;
import dev.toolgate.agent.validation.ArgumentValidator;
import dev.toolgate.agent.validation.SettingException;
import dev.toolgate.agent.validation.ValidationSettings;
import dev.toolgate.agent.validation.Verdict;
import dev.toolgate.agent.validation.shell.ShellCommandValidator;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A role's sandbox compiled once per policy version: programs by real path, connection entries, write roots by
 * real path, the violation limit. A role without {@code sandbox:} (or a part left out) gets the default: no
 * processes, outbound connections to public addresses on port 443 only, no servers, writes under the temporary
 * directory only, {@value #DEFAULT_MAX_THREADS} threads created per call, no violation limit.
 */
final class SandboxRules {

    enum Mode {
        ENFORCE,
        MONITOR,
        OFF
    }

    static final List<String> DEFAULT_CONNECT = List.of("*:443");

    /** Threads one call may create (and the threads it created, in turn), virtual ones included. */
    static final int DEFAULT_MAX_THREADS = 256;

    /** Checks every role's {@code sandbox:} when a policy loads, naming the key of the first problem. */
    static final PolicyCheck POLICY_CHECK = SandboxRules::forPolicy;

    final Mode mode;
    final Set<String> programs;
    /** The {@code shell-command} validator started command lines must pass, or null. */
    final ArgumentValidator commandValidator;

    final List<HostPort> connect;
    final boolean allowInternal;
    final boolean listen;
    final List<String> writeRoots;
    /** Violations after which the session's calls are refused; -1 for no limit. */
    final long maxViolations;
    /** Threads one call may create. */
    final int maxThreads;

    final String key;

    private SandboxRules(
            String key,
            Mode mode,
            Set<String> programs,
            ArgumentValidator commandValidator,
            List<HostPort> connect,
            boolean allowInternal,
            boolean listen,
            List<String> writeRoots,
            long maxViolations,
            int maxThreads) {
        this.key = key;
        this.mode = mode;
        this.programs = programs;
        this.commandValidator = commandValidator;
        this.maxThreads = maxThreads;
        this.connect = connect;
        this.allowInternal = allowInternal;
        this.listen = listen;
        this.writeRoots = writeRoots;
        this.maxViolations = maxViolations;
    }

    /** The name under which {@link #forPolicy} keeps the rules of callers whose role the policy does not name. */
    static final String UNNAMED_ROLE = "";

    /** Every role's rules, and the default under {@link #UNNAMED_ROLE}. */
    static Map<String, SandboxRules> forPolicy(Policy policy) throws PolicyCheck.Problem {
        Map<String, SandboxRules> rules = new HashMap<>();
        Validators validators = new Validators(policy);
        rules.put(UNNAMED_ROLE, compile("the default sandbox", null, validators));
        for (Map.Entry<String, RolePolicy> role : policy.roles().entrySet()) {
            SandboxPolicy sandbox =
                    role.getValue() == null ? null : role.getValue().sandbox();
            rules.put(role.getKey(), compile("roles." + role.getKey() + ".sandbox", sandbox, validators));
        }
        return Map.copyOf(rules);
    }

    /** Rules of a policy without named validators. */
    static SandboxRules compile(String key, SandboxPolicy sandbox) throws PolicyCheck.Problem {
        return compile(key, sandbox, new Validators(null));
    }

    private static SandboxRules compile(String key, SandboxPolicy sandbox, Validators validators)
            throws PolicyCheck.Problem {
        SandboxPolicy p = sandbox == null ? new SandboxPolicy(null, null, null, null, null, null) : sandbox;
        Mode mode = Mode.ENFORCE;
        if (p.mode() != null) {
            try {
                mode = Mode.valueOf(p.mode().trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new PolicyCheck.Problem(key + ".mode", "'" + p.mode() + "' is not enforce, monitor or off");
            }
        }
        Set<String> programs = new LinkedHashSet<>();
        List<String> allow = p.processes() == null || p.processes().allow() == null
                ? List.of()
                : p.processes().allow();
        for (String program : allow) {
            if (program == null || !program.startsWith("/")) {
                throw new PolicyCheck.Problem(
                        key + ".processes.allow",
                        "'" + program
                                + "' is not an absolute path; name programs by path (/usr/bin/git), as they are resolved"
                                + " before they are compared");
            }
            programs.add(RealPaths.canonical(program));
        }
        ArgumentValidator commandValidator =
                p.processes() == null || p.processes().validator() == null
                        ? null
                        : validators.commandValidator(
                                key + ".processes.validator", p.processes().validator());
        List<String> entries = p.network() == null || p.network().connect() == null
                ? DEFAULT_CONNECT
                : p.network().connect();
        List<HostPort> connect = new ArrayList<>();
        for (String entry : entries) {
            try {
                connect.add(HostPort.parse(entry));
            } catch (IllegalArgumentException e) {
                throw new PolicyCheck.Problem(key + ".network.connect", e.getMessage());
            }
        }
        boolean internal =
                p.network() != null && Boolean.TRUE.equals(p.network().allowInternal());
        boolean listen = p.network() != null && Boolean.TRUE.equals(p.network().listen());
        List<String> roots = new ArrayList<>();
        List<String> write = p.files() == null || p.files().write() == null
                ? defaultWriteRoots()
                : p.files().write();
        for (String root : write) {
            if (root == null || !root.startsWith("/")) {
                throw new PolicyCheck.Problem(key + ".files.write", "'" + root + "' is not an absolute directory");
            }
            if (root.equals("/")) {
                throw new PolicyCheck.Problem(
                        key + ".files.write",
                        "'/' would allow writing anywhere; name the" + " directories the tools write to");
            }
            roots.add(RealPaths.canonical(root));
        }
        long max = -1;
        if (p.maxViolations() != null) {
            if (p.maxViolations() < 1) {
                throw new PolicyCheck.Problem(
                        key + ".max_violations", "must be at least 1 (leave it out for no" + " limit)");
            }
            max = p.maxViolations();
        }
        int maxThreads = DEFAULT_MAX_THREADS;
        if (p.maxThreads() != null) {
            if (p.maxThreads() < 0 || p.maxThreads() > Integer.MAX_VALUE) {
                throw new PolicyCheck.Problem(
                        key + ".max_threads", "must be between 0 (no threads) and " + Integer.MAX_VALUE);
            }
            maxThreads = p.maxThreads().intValue();
        }
        return new SandboxRules(
                key,
                mode,
                Set.copyOf(programs),
                commandValidator,
                List.copyOf(connect),
                internal,
                listen,
                List.copyOf(roots),
                max,
                maxThreads);
    }

    /** The policy's validators, compiled when a role first names one for its processes. */
    private static final class Validators {
        private final Policy policy;
        private ValidationSettings settings;

        Validators(Policy policy) {
            this.policy = policy;
        }

        ArgumentValidator commandValidator(String key, String name) throws PolicyCheck.Problem {
            if (settings == null) {
                try {
                    settings = policy == null ? ValidationSettings.defaults() : ValidationSettings.compile(policy);
                } catch (SettingException e) {
                    // a mistake in the validation sections themselves, reported where it is
                    throw new PolicyCheck.Problem(e.key(), e.getMessage());
                }
            }
            ArgumentValidator validator;
            try {
                validator = settings.validator(name);
            } catch (SettingException e) {
                throw new PolicyCheck.Problem(
                        key,
                        "'" + name + "' is neither " + ShellCommandValidator.TYPE
                                + " nor a validator named under validators: (" + e.getMessage() + ")");
            }
            if (!validator.type().equals(ShellCommandValidator.TYPE)) {
                throw new PolicyCheck.Problem(
                        key,
                        "'" + name + "' is a " + validator.type() + " validator; started commands are judged by a "
                                + ShellCommandValidator.TYPE + " validator (the built-in type, or one named under"
                                + " validators: with type " + ShellCommandValidator.TYPE + ")");
            }
            return validator;
        }
    }

    private static List<String> defaultWriteRoots() {
        Set<String> roots = new LinkedHashSet<>();
        roots.add("/tmp");
        String tmp = System.getProperty("java.io.tmpdir");
        if (tmp != null && tmp.startsWith("/") && !tmp.equals("/")) {
            roots.add(tmp);
        }
        return List.copyOf(roots);
    }

    /** Why a connection to {@code address}:{@code port} is refused, or null. */
    String connectRefusal(String name, InetAddress address, int port, String internal) {
        HostPort matched = null;
        for (HostPort entry : connect) {
            if (entry.matches(name, address, port)) {
                matched = entry;
                break;
            }
        }
        if (matched == null) {
            return "no " + key + ".network.connect entry matches " + (name == null ? "" : name + " ")
                    + address.getHostAddress() + ":" + port;
        }
        if (internal != null && !allowInternal && !matched.names(address)) {
            return "the resolved address " + address.getHostAddress() + " is " + internal
                    + "; internal addresses are reached only when an entry names the address itself or "
                    + key + ".network.allow_internal is true";
        }
        return null;
    }

    /** Why the started {@code command} is refused by the role's command validator, or null. */
    String commandRefusal(String[] command) {
        if (commandValidator == null) {
            return null;
        }
        Verdict verdict = commandValidator.check(CommandLines.quoted(command));
        return verdict.allowed() ? null : "the command fails " + key + ".processes.validator: " + verdict.reason();
    }

    /** Why writing or changing {@code canonical} is refused, or null. */
    String writeRefusal(String canonical) {
        for (String root : writeRoots) {
            if (RealPaths.under(canonical, root)) {
                return null;
            }
        }
        return canonical + " is not under " + key + ".files.write " + writeRoots;
    }
}
