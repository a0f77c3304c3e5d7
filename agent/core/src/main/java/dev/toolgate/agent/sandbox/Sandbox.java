package dev.toolgate.agent.sandbox;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.CallObserver;
import dev.toolgate.agent.decision.CallStage;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyCheck;
import dev.toolgate.agent.validation.url.UrlValidator;
import dev.toolgate.bootstrap.SandboxBridge;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checks behind {@link SandboxBridge}: each operation a tool attempts while it runs, against its role's rules
 * and its declared risk. A refused operation is audited ({@code sandbox_violation} or {@code risk_mismatch}),
 * counted against the session and, unless the call runs in monitor mode, ends in a {@link SecurityException} at
 * the operation. Runs with the thread's scope suspended, so nothing it does itself is checked.
 */
public final class Sandbox implements SandboxBridge.Checker {

    private final AuditLog audit;
    private final Mode mode;
    private final Violations violations = new Violations();
    private Object key;

    private Sandbox(AuditLog audit, Mode mode) {
        this.audit = audit;
        this.mode = mode;
    }

    /** Puts the checks behind the bridge. */
    public static Sandbox install(AuditLog audit, Mode mode) {
        Sandbox sandbox = new Sandbox(audit, mode);
        sandbox.key = SandboxBridge.install(sandbox);
        return sandbox;
    }

    /** The check a policy loader runs on every role's {@code sandbox:}. */
    public static PolicyCheck policyCheck() {
        return SandboxRules.POLICY_CHECK;
    }

    /** What one policy version adds to the pipeline: the scope around each call, and the violation limit. */
    public Version version(Policy policy) throws PolicyCheck.Problem {
        Map<String, SandboxRules> rules = SandboxRules.forPolicy(policy);
        return new Version(new ScopeObserver(rules, key, mode), new ViolationLimit(rules, violations));
    }

    /** @param observer opens and closes each call's scope; @param stage refuses sessions over their limit */
    public record Version(CallObserver observer, CallStage stage) {}

    @Override
    public void connect(Object scope, InetAddress address, int port, String how) {
        SandboxScope s = (SandboxScope) scope;
        String name = nameOf(address);
        String target = (name == null ? "" : name + "/") + address.getHostAddress() + ":" + port;
        if (!mismatch(s, RiskMatrix.CONNECT, "connect", target, address.getHostAddress(), how)) {
            String internal = UrlValidator.internalAddress(address.getAddress());
            String reason = s.rules().connectRefusal(name, address, port, internal);
            if (reason != null) {
                refuse(s, EventType.SANDBOX_VIOLATION, "connect", target, address.getHostAddress(), how, reason);
            }
        }
    }

    @Override
    public void listen(Object scope, InetAddress address, int port, String how) {
        SandboxScope s = (SandboxScope) scope;
        String target = (address == null ? "*" : address.getHostAddress()) + ":" + port;
        if (!mismatch(s, RiskMatrix.LISTEN, "listen", target, target, how) && !s.rules().listen) {
            refuse(
                    s,
                    EventType.SANDBOX_VIOLATION,
                    "listen",
                    target,
                    target,
                    how,
                    "tools may not open servers unless " + s.rules().key + ".network.listen is true");
        }
    }

    @Override
    public void connectLocal(Object scope, String path, String how) {
        SandboxScope s = (SandboxScope) scope;
        String real = RealPaths.canonical(path);
        if (!mismatch(s, RiskMatrix.CONNECT, "connect", "unix:" + path, real, how)) {
            refuse(
                    s,
                    EventType.SANDBOX_VIOLATION,
                    "connect",
                    "unix:" + path,
                    real,
                    how,
                    "tools may not connect to local (Unix domain) sockets, which reach other processes'"
                            + " control interfaces (a container runtime's socket, say)");
        }
    }

    @Override
    public void exec(Object scope, String[] command, String directory) {
        SandboxScope s = (SandboxScope) scope;
        String target = command == null ? "(no command)" : String.join(" ", command);
        String program = command == null || command.length == 0 ? null : Programs.resolve(command[0], directory);
        if (mismatch(s, RiskMatrix.EXECUTE, "exec", target, program, "ProcessBuilder.start")) {
            return;
        }
        if (program == null || !s.rules().programs.contains(program)) {
            refuse(
                    s,
                    EventType.SANDBOX_VIOLATION,
                    "exec",
                    target,
                    program,
                    "ProcessBuilder.start",
                    (program == null
                            ? "'" + (command == null || command.length == 0 ? "" : command[0])
                                    + "' is not a program that can be found"
                            : program + " is not in " + s.rules().key + ".processes.allow " + s.rules().programs));
            return;
        }
        String reason = s.rules().commandRefusal(command);
        if (reason != null) {
            refuse(s, EventType.SANDBOX_VIOLATION, "exec", target, program, "ProcessBuilder.start", reason);
        }
    }

    @Override
    public void threadCreated(Object scope, String name) {
        SandboxScope s = (SandboxScope) scope;
        int created = s.threadsCreated().incrementAndGet();
        if (created > s.rules().maxThreads) {
            refuse(
                    s,
                    EventType.SANDBOX_VIOLATION,
                    "create thread",
                    name,
                    null,
                    "new Thread",
                    "the call has created " + (created - 1) + " threads, the most " + s.rules().key
                            + ".max_threads allows (" + s.rules().maxThreads + ")");
        }
    }

    @Override
    public void file(Object scope, int access, String path, String second, String how) {
        SandboxScope s = (SandboxScope) scope;
        String operation = operation(access);
        if ((access & SandboxBridge.RELATIVE) != 0) {
            refuse(
                    s,
                    EventType.SANDBOX_VIOLATION,
                    operation,
                    path,
                    null,
                    how,
                    "an operation relative to a directory descriptor cannot be told where it lands; it is refused"
                            + " inside tool calls");
            return;
        }
        String real = access == SandboxBridge.READ ? RealPaths.forRead(path) : RealPaths.canonical(path);
        String sensitive = SensitiveFiles.reason(real);
        if (sensitive != null) {
            refuse(s, EventType.SANDBOX_VIOLATION, operation, path, real, how, sensitive);
            return;
        }
        if (access == SandboxBridge.READ) {
            return;
        }
        RiskMatrix kind = (access & SandboxBridge.DELETE) != 0 ? RiskMatrix.DELETE : RiskMatrix.WRITE;
        if (mismatch(s, kind, operation, path, real, how)) {
            return;
        }
        String reason = s.rules().writeRefusal(real);
        if (reason == null && second != null) {
            String otherReal = RealPaths.canonical(second);
            reason = s.rules().writeRefusal(otherReal);
            if (reason != null) {
                real = real + " -> " + otherReal;
            }
        }
        if (reason != null) {
            refuse(
                    s,
                    EventType.SANDBOX_VIOLATION,
                    operation,
                    second == null ? path : path + " -> " + second,
                    real,
                    how,
                    reason);
        }
    }

    @Override
    public void jvm(Object scope, String operation, String target) {
        SandboxScope s = (SandboxScope) scope;
        String reason = switch (operation) {
            case "exit", "halt" -> "tools may not end the JVM";
            case "load native library" -> "tools may not load native code, which nothing inside the JVM can contain";
            default -> "tools may not reach into Toolgate's own classes";
        };
        refuse(s, EventType.SANDBOX_VIOLATION, operation, target, null, operation, reason);
    }

    private static String operation(int access) {
        if ((access & SandboxBridge.DELETE) != 0) {
            return "delete";
        }
        if ((access & SandboxBridge.RENAME) != 0) {
            return "move";
        }
        if ((access & SandboxBridge.LINK) != 0) {
            return "link";
        }
        if ((access & SandboxBridge.ATTRIBUTES) != 0) {
            return "change attributes";
        }
        if ((access & SandboxBridge.CREATE) != 0) {
            return "create";
        }
        return (access & SandboxBridge.WRITE) != 0 ? "write" : "read";
    }

    /** Refuses an operation the tool's declared risk does not cover. @return whether it was refused */
    private boolean mismatch(
            SandboxScope s, RiskMatrix kind, String operation, String target, String resolved, String how) {
        String reason = kind.mismatch(s.decision().risk());
        if (reason == null) {
            return false;
        }
        refuse(s, EventType.RISK_MISMATCH, operation, target, resolved, how, reason);
        return true;
    }

    private void refuse(
            SandboxScope s,
            EventType type,
            String operation,
            String target,
            String resolved,
            String how,
            String reason) {
        long count = violations.record(s.call().caller());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("operation", operation);
        details.put("target", target);
        details.put("resolved", resolved);
        details.put("api", how);
        details.put("violation", reason);
        details.put("stack", StackSummary.of(Thread.currentThread().getStackTrace()));
        details.put("session_violations", count);
        details.put("action", s.monitor() ? "recorded" : "refused");
        try {
            audit.append(AuditEvent.notice(
                    type,
                    s.call().caller(),
                    s.call().tool(),
                    s.decision(),
                    s.monitor() ? Mode.MONITOR : mode,
                    details));
        } catch (RuntimeException notRecorded) {
            dev.toolgate.bootstrap.ToolgateBridge.countSuppressedError();
        }
        if (!s.monitor()) {
            throw new SecurityException("Toolgate sandbox refused " + operation + " " + target + " in tool '"
                    + s.call().tool().name() + "': " + reason);
        }
    }

    /** The name an address was resolved from, if it carries one; never a reverse look-up. */
    private static String nameOf(InetAddress address) {
        String text = address.toString();
        int slash = text.indexOf('/');
        return slash <= 0 ? null : text.substring(0, slash);
    }
}
