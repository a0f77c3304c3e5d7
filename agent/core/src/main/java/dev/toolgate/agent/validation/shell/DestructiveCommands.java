package dev.toolgate.agent.validation.shell;

import dev.toolgate.agent.rules.RulePack;
import dev.toolgate.agent.validation.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Commands that destroy data or availability beyond what an agent should do unasked: recursive deletion of the
 * root, the home directory or everything here; disk and partition tools on devices; power and firewall changes;
 * destructive subcommands of cloud, container, VCS and package CLIs. Each check returns the reason, or null.
 */
final class DestructiveCommands {

    private static final Pattern TOP_LEVEL_DIRECTORY = Pattern.compile(
            "/+(bin|boot|dev|etc|home|lib|lib32|lib64|opt|proc|root|sbin|srv|sys|usr|var|mnt|media|snap|run|"
                    + "System|Users|Library|Applications|Windows|Program Files)/*\\*?");

    /** Tools that write partition tables or file systems onto whatever they are given, a disk or an image. */
    private static final Set<String> PARTITION_AND_FILESYSTEM_TOOLS = Set.of(
            "fdisk", "sfdisk", "gdisk", "cfdisk", "sgdisk", "parted", "mkfs", "mke2fs", "mkswap", "mkntfs", "mkdosfs");

    private static final Pattern DISK_IMAGE =
            Pattern.compile("(?i)[\\w./~-]*[\\w-]\\.(img|iso|raw|qcow2?|vhdx?|vmdk|vdi|dmg|dd|bin|image)");

    private static final Pattern DEVICE_NAME = Pattern.compile(
            "(sd[a-z]+|hd[a-z]+|vd[a-z]+|xvd[a-z]+|nvme\\d+(n\\d+)?|mmcblk\\d+|md\\d+|loop\\d+|dm-\\d+|r?disk\\d+)"
                    + "[\\w]*");

    private static final Pattern SQL_CLIENTS = Pattern.compile(
            "psql|mysql|mariadb|sqlite3?|sqlcmd|clickhouse-client|clickhouse|cqlsh|duckdb|snowsql|bq|isql|osql");

    private final Map<String, String> destructiveVerbs;
    private final Map<String, String> infraVerbs;
    private final Map<String, String> infraClis;
    private final Map<String, String> destructivePrograms;
    private final Map<String, String> power;
    private final Map<String, String> diskTools;
    private final Map<String, String> safeDevices;
    private final Map<String, String> deletePrograms;
    private final Map<String, String> permissionPrograms;
    private final Map<String, String> massDeletePrograms;
    private final Map<String, String> servicePrograms;
    private final Map<String, String> networkPrograms;
    private final Map<String, String> historyPrograms;
    private final Map<String, String> gitPrograms;
    private final Map<String, String> infraPrograms;
    private final Map<String, String> mongoShells;
    private final Map<String, String> visibilityOptions;
    private final Map<String, String> outageWords;
    /** The id of the rule on writes to block devices, null when a policy disabled it. */
    private final String blockDeviceRule;

    /** The tables of the {@code shell} group of {@code pack} (word → id of the rule it comes from). */
    DestructiveCommands(RulePack pack) {
        destructiveVerbs = pack.table("shell.destructive-verbs");
        infraVerbs = pack.table("shell.infra-verbs");
        infraClis = pack.table("shell.infra-clis");
        destructivePrograms = pack.table("shell.destructive-programs");
        power = pack.table("shell.power");
        diskTools = pack.table("shell.disk-tools");
        safeDevices = pack.table("shell.safe-devices");
        deletePrograms = pack.table("shell.delete-programs");
        permissionPrograms = pack.table("shell.permission-programs");
        massDeletePrograms = pack.table("shell.mass-delete-programs");
        servicePrograms = pack.table("shell.service-programs");
        networkPrograms = pack.table("shell.network-programs");
        historyPrograms = pack.table("shell.history-programs");
        gitPrograms = pack.table("shell.git-programs");
        infraPrograms = pack.table("shell.infra-operation-programs");
        mongoShells = pack.table("shell.mongo-shells");
        visibilityOptions = pack.table("shell.visibility-options");
        outageWords = pack.table("shell.outage-modes");
        blockDeviceRule = pack.table("shell.block-device-writers").get("dd");
    }

    /** The refusal of {@code call}, naming the rule that refuses it, or null. */
    Verdict check(Invocation call) {
        String program = call.program();
        if (call.hasFlag((char) 0, "--dry-run", "--dryrun", "--what-if")) {
            return null;
        }
        Verdict hit = byTable(deletePrograms, program, () -> recursiveChange(call));
        if (hit == null) {
            hit = byTable(permissionPrograms, program, () -> recursiveChange(call));
        }
        if (hit == null) {
            hit = byTable(massDeletePrograms, program, () -> recursiveChange(call));
        }
        if (hit == null) {
            hit = disk(call);
        }
        if (hit == null) {
            hit = system(call);
        }
        if (hit == null) {
            hit = byTable(gitPrograms, program, () -> versionControl(call));
        }
        if (hit == null) {
            hit = byTable(infraPrograms, program, () -> containersAndInfrastructure(call));
        }
        if (hit == null) {
            hit = byTable(mongoShells, program, () -> mongoDrop(call));
        }
        if (hit == null) {
            hit = destructiveSubcommand(call);
        }
        return hit;
    }

    /** The reason {@code check} gives when {@code program} is in {@code table}, as a denial by its rule. */
    private static Verdict byTable(Map<String, String> table, String program, Supplier<String> check) {
        String rule = table.get(program);
        if (rule == null) {
            return null;
        }
        String reason = check.get();
        return reason == null ? null : Verdict.deny(reason, rule);
    }

    private static String mongoDrop(Invocation call) {
        for (ShellWord word : call.arguments()) {
            String code = word.text().toLowerCase(Locale.ROOT);
            if (code.contains(".drop(")
                    || code.contains("dropdatabase(")
                    || code.contains(".deletemany(")
                    || code.contains(".remove(")) {
                return "a MongoDB shell command that drops or deletes data (" + word.text() + ")";
            }
        }
        return null;
    }

    /** Whether {@code call} passes SQL to a database client, and which text. */
    static String embeddedSql(Invocation call) {
        if (!SQL_CLIENTS.matcher(call.program()).matches()) {
            return null;
        }
        List<ShellWord> args = call.arguments();
        for (int i = 0; i < args.size(); i++) {
            String text = args.get(i).text();
            if (Set.of("-c", "--command", "-e", "--execute", "-q", "--query", "-Q")
                            .contains(text)
                    && i + 1 < args.size()) {
                return args.get(i + 1).text();
            }
            for (String prefix : List.of("--command=", "--execute=", "--query=")) {
                if (text.startsWith(prefix)) {
                    return text.substring(prefix.length());
                }
            }
        }
        if (call.program().startsWith("sqlite") || call.program().equals("duckdb")) {
            List<String> positional = call.positionals(3);
            return positional.size() >= 2 ? positional.get(1) : null;
        }
        return null;
    }

    private String recursiveChange(Invocation call) {
        String program = call.program();
        boolean recursive = call.hasFlag('r', "--recursive") || call.hasFlag('R', "--recursive");
        if (deletePrograms.containsKey(program)) {
            boolean windowsRecursive = call.hasArgument("/s") || call.hasArgument("/S") || call.hasArgument("-Recurse");
            if (recursive || windowsRecursive || program.equals("rm") && call.hasFlag('f', "--force")) {
                String target = dangerousTarget(call);
                if (target != null) {
                    return "recursive deletion of '" + target + "'";
                }
            }
            if (call.hasFlag((char) 0, "--no-preserve-root")) {
                return "deletion with --no-preserve-root";
            }
            return null;
        }
        if (permissionPrograms.containsKey(program) && call.hasFlag('R', "--recursive")) {
            String target = dangerousTarget(call);
            if (target != null) {
                return "recursive " + program + " of '" + target + "'";
            }
        }
        if (program.equals("find")) {
            for (int i = 0; i < call.arguments().size(); i++) {
                String text = call.argument(i);
                if (text.equals("-delete")) {
                    return "find ... -delete removes every match";
                }
                if ((text.equals("-exec") || text.equals("-execdir") || text.equals("-ok"))
                        && call.argument(i + 1) != null
                        && Set.of("rm", "shred", "unlink", "rmdir")
                                .contains(Invocation.baseName(call.argument(i + 1)))) {
                    return "find ... " + text + " " + call.argument(i + 1) + " removes every match";
                }
            }
        }
        if (program.equals("rsync")
                && call.hasFlag(
                        (char) 0,
                        "--delete",
                        "--delete-before",
                        "--delete-after",
                        "--delete-during",
                        "--delete-excluded",
                        "--remove-source-files")) {
            return "rsync deleting files at the destination";
        }
        if (program.equals("truncate")
                && (call.hasArgument("0")
                        || call.arguments().stream().anyMatch(w -> w.text().matches("-s0|--size=0|-s=0")))) {
            return "truncating files to zero length";
        }
        if ((program.equals("mv") || program.equals("move"))
                && !call.arguments().isEmpty()) {
            String last = call.arguments().get(call.arguments().size() - 1).text();
            if (last.startsWith("/dev/")) {
                return "moving files to " + last + " destroys them";
            }
            String target = dangerousTarget(call);
            if (target != null && (target.equals("/") || target.startsWith("~") || target.startsWith("/"))) {
                return "moving '" + target + "'";
            }
        }
        if (program.equals("crontab") && call.hasFlag('r')) {
            return "crontab -r removes every scheduled job";
        }
        return null;
    }

    /** The first argument that names the root, the home directory, everything here, or a system directory. */
    static String dangerousTarget(Invocation call) {
        for (ShellWord word : call.arguments()) {
            String text = word.text();
            if (text.startsWith("-") && text.length() > 1) {
                continue;
            }
            if (isDangerousTarget(text)) {
                return text;
            }
        }
        return null;
    }

    static boolean isDangerousTarget(String text) {
        String t = text.replace('\\', '/');
        if (t.isEmpty()) {
            return false;
        }
        String collapsed = t.replaceAll("/{2,}", "/");
        if (collapsed.matches("/\\.?\\*?|/\\.(/\\.)*/?|/\\*/?\\*?")) {
            return true;
        }
        if (collapsed.matches("~[^/]*/?\\*?|~/\\.\\*?|\\$\\{?HOME}?/?\\*?|%USERPROFILE%/?\\*?|\\$env:USERPROFILE")) {
            return true;
        }
        if (collapsed.matches("\\.{1,2}/?\\*?|\\.\\*|\\*|\\*\\.\\*|\\./\\.\\*|\\.\\./\\*|\\.\\./\\.\\.(/\\.\\.)*/?")) {
            return true;
        }
        if (collapsed.matches("[a-zA-Z]:/?\\*?")) {
            return true;
        }
        return TOP_LEVEL_DIRECTORY.matcher(collapsed).matches();
    }

    private Verdict disk(Invocation call) {
        String program = call.program();
        String family = program.startsWith("mkfs") ? "mkfs" : program;
        if (diskTools.containsKey(family)) {
            boolean readOnly = (program.equals("fdisk")
                            || program.equals("sfdisk")
                            || program.equals("parted")
                            || program.equals("gdisk"))
                    && call.arguments().size() == 1
                    && call.hasFlag('l', "--list");
            if (PARTITION_AND_FILESYSTEM_TOOLS.contains(family) && onImageFile(call)) {
                // a disk image is a file like any other: writing one is no more destructive than cp onto it
                return null;
            }
            if (program.equals("blockdev") && readsOnly(call)) {
                // queries name the device they read, which is no write to it
                return null;
            }
            if (!readOnly) {
                return Verdict.deny(
                        program + " rewrites disks, partitions or file contents irrecoverably", diskTools.get(family));
            }
        }
        if (blockDeviceRule == null) {
            return null;
        }
        if (program.equals("dd")) {
            for (ShellWord word : call.arguments()) {
                if (word.text().startsWith("of=")
                        && !safeDevices.containsKey(word.text().substring(3))
                        && word.text().startsWith("of=/dev/")) {
                    return Verdict.deny(
                            "dd writing to the device " + word.text().substring(3), blockDeviceRule);
                }
            }
        }
        if (!Programs.DEVICE_READERS.contains(program)) {
            for (ShellWord word : call.arguments()) {
                String device = blockDevice(word.text());
                if (device != null && (device.startsWith("/dev/mapper/") || device.matches("/dev/vg[\\w-]*/.*"))) {
                    continue;
                }
                if (device != null) {
                    return Verdict.deny(program + " operating on the block device " + device, blockDeviceRule);
                }
            }
        }
        return null;
    }

    /**
     * Whether every operand of a partition editor or file-system maker is a literal path of a disk image file
     * ({@code disk.img}, {@code vm.qcow2}) and none names a device: the tool edits that file, not a disk. A bare
     * device name ({@code sda}, valid after {@code cd /dev}) or an expansion is never taken for an image.
     */
    static boolean onImageFile(Invocation call) {
        boolean image = false;
        for (ShellWord word : call.arguments()) {
            String text = word.text();
            if (text.startsWith("-")) {
                continue;
            }
            if (word.expansion() || word.glob() || !word.substitutions().isEmpty() || text.contains("/dev/")) {
                return false;
            }
            if (DEVICE_NAME.matcher(text).matches()) {
                return false;
            }
            image |= DISK_IMAGE.matcher(text).matches();
        }
        return image;
    }

    /**
     * Whether a {@code blockdev} call only queries: every flag is {@code --report}, a {@code --get…} query or
     * {@code -v}, and there is at least one. Its setters ({@code --setro}, {@code --flushbufs}, {@code --rereadpt})
     * change the device.
     */
    static boolean readsOnly(Invocation call) {
        boolean any = false;
        for (ShellWord word : call.arguments()) {
            String text = word.text();
            if (!text.startsWith("-")) {
                continue;
            }
            if (!(text.equals("--report") || text.startsWith("--get") || text.equals("-v"))) {
                return false;
            }
            any |= !text.equals("-v");
        }
        return any;
    }

    /** The block device a word names ({@code /dev/sda1}, {@code of=/dev/nvme0n1}), or null. */
    static String blockDevice(String word) {
        int at = word.indexOf("/dev/");
        if (at < 0) {
            return null;
        }
        String device = word.substring(at);
        if (device.matches("/dev/(sd[a-z]+|hd[a-z]+|vd[a-z]+|xvd[a-z]+|nvme\\d+(n\\d+)?|mmcblk\\d+|md\\d*|loop\\d+"
                        + "|dm-\\d+|disk\\d*|rdisk\\d*|mapper|mem|kmem|port)[\\w/.-]*")
                || device.startsWith("/dev/disk/")
                || device.startsWith("/dev/mapper/")
                || device.matches("/dev/vg[\\w-]*/[\\w.-]+")) {
            return device;
        }
        return null;
    }

    private Verdict system(Invocation call) {
        String program = call.program();
        if (power.containsKey(program)) {
            return Verdict.deny(program + " stops or restarts the machine", power.get(program));
        }
        Verdict hit = byTable(servicePrograms, program, () -> services(call));
        if (hit == null) {
            hit = byTable(networkPrograms, program, () -> network(call));
        }
        if (hit == null && historyPrograms.containsKey(program) && (call.hasFlag('c') || call.hasFlag('w'))) {
            hit = Verdict.deny("erasing the shell history", historyPrograms.get(program));
        }
        return hit;
    }

    private static String services(Invocation call) {
        String program = call.program();
        List<String> args = call.positionals(4);
        if (program.equals("init")
                && !args.isEmpty()
                && (args.get(0).equals("0") || args.get(0).equals("6"))) {
            return "init " + args.get(0) + " stops or restarts the machine";
        }
        if (program.equals("systemctl")
                && !args.isEmpty()
                && Set.of(
                                "poweroff",
                                "reboot",
                                "halt",
                                "kexec",
                                "stop",
                                "kill",
                                "mask",
                                "isolate",
                                "rescue",
                                "emergency",
                                "disable")
                        .contains(args.get(0))) {
            return "systemctl " + args.get(0) + " takes services or the machine down";
        }
        if (program.equals("service") && args.size() >= 2 && args.get(1).equals("stop")) {
            return "service " + args.get(0) + " stop";
        }
        if (Set.of("kill", "pkill", "killall", "killall5").contains(program)
                && (call.hasArgument("-1") && program.equals("kill") || program.equals("killall5"))) {
            return "killing every process";
        }
        return null;
    }

    private static String network(Invocation call) {
        String program = call.program();
        List<String> args = call.positionals(4);
        if (program.equals("iptables")
                || program.equals("ip6tables")
                || program.equals("ebtables")
                || program.equals("arptables")) {
            if (call.hasFlag('F', "--flush") || call.hasFlag('X', "--delete-chain")) {
                return program + " flushing firewall rules";
            }
            if (call.hasFlag('P', "--policy") && call.hasArgument("DROP")) {
                return program + " dropping all traffic by policy";
            }
        }
        if (program.equals("nft") && (args.contains("flush") || args.contains("delete"))) {
            return "nft flushing or deleting the ruleset";
        }
        if (program.equals("ufw") && (args.contains("reset") || args.contains("disable"))) {
            return "ufw " + (args.contains("reset") ? "reset" : "disable") + " removes the firewall";
        }
        if (program.equals("ip")
                && (args.contains("flush")
                        || args.contains("down")
                        || args.contains("del") && args.contains("route"))) {
            return "ip taking interfaces, addresses or routes down";
        }
        if ((program.equals("ifconfig") || program.equals("ifdown"))
                && (args.contains("down") || program.equals("ifdown"))) {
            return "taking a network interface down";
        }
        if (program.equals("route") && (args.contains("del") || args.contains("flush"))) {
            return "deleting routes";
        }
        return null;
    }

    private static String versionControl(Invocation call) {
        if (!call.program().equals("git")) {
            return null;
        }
        List<String> args = call.positionals(6);
        if (args.isEmpty()) {
            return null;
        }
        String sub = args.get(0);
        switch (sub) {
            case "push" -> {
                if (call.hasFlag('f', "--force", "--force-with-lease", "--mirror", "--delete", "--prune")
                        || call.hasFlag('d')
                        || args.stream().skip(1).anyMatch(a -> a.startsWith(":") || a.startsWith("+"))) {
                    return "git push that overwrites or deletes remote history";
                }
            }
            case "reset" -> {
                if (call.hasFlag((char) 0, "--hard", "--merge", "--keep")) {
                    return "git reset --hard discards work";
                }
            }
            case "clean" -> {
                if (call.hasFlag('f', "--force")) {
                    return "git clean -f deletes untracked files";
                }
            }
            case "branch" -> {
                if (call.hasFlag('D') || call.hasFlag('d', "--delete") && call.hasFlag('f', "--force")) {
                    return "git branch -D deletes unmerged work";
                }
            }
            case "checkout", "restore" -> {
                boolean everything = call.arguments().stream()
                        .map(ShellWord::text)
                        .anyMatch(a -> a.equals(".") || a.equals("./") || a.equals("*") || a.equals(":/"));
                if (everything || sub.equals("checkout") && call.hasFlag('f', "--force")) {
                    return "git " + sub + " discarding changes to the whole tree";
                }
            }
            case "rm" -> {
                if (call.arguments().stream().map(ShellWord::text).anyMatch(DestructiveCommands::isDangerousTarget)
                        || call.hasFlag('r')) {
                    return "git rm of the whole tree";
                }
            }
            case "reflog" -> {
                if (args.contains("expire") || args.contains("delete")) {
                    return "git reflog expire drops recovery points";
                }
            }
            case "stash" -> {
                if (args.contains("clear") || args.contains("drop")) {
                    return "git stash " + (args.contains("clear") ? "clear" : "drop") + " deletes stashed work";
                }
            }
            case "filter-branch", "filter-repo" -> {
                return "git " + sub + " rewrites the whole history";
            }
            case "update-ref" -> {
                if (call.hasFlag('d')) {
                    return "git update-ref -d deletes a ref";
                }
            }
            default -> {
                return null;
            }
        }
        return null;
    }

    private static String containersAndInfrastructure(Invocation call) {
        String program = call.program();
        List<String> args = call.positionals(4);
        if ((program.equals("docker") || program.equals("podman") || program.equals("nerdctl"))
                && (call.hasFlag((char) 0, "--privileged")
                        || call.hasArgument("--pid=host")
                        || call.arguments().stream().anyMatch(w -> w.text().matches("(-v|--volume)=?/:.*|/:/.*")))) {
            return program + " run with host privileges";
        }
        boolean compose = program.equals("docker-compose")
                || program.equals("podman-compose")
                || (program.equals("docker") && args.contains("compose"));
        if (compose && args.contains("down") && (call.hasFlag('v', "--volumes"))) {
            return "compose down -v deletes the volumes";
        }
        if ((program.equals("terraform") || program.equals("tofu") || program.equals("terragrunt"))) {
            if (call.arguments().stream().anyMatch(w -> w.text().matches("-{1,2}auto-approve(=true)?"))) {
                return program + " applying changes without review (-auto-approve)";
            }
            if (args.contains("force-unlock")) {
                return program + " force-unlock breaks another run's state lock";
            }
        }
        if ((program.equals("kubectl") || program.equals("k") || program.equals("oc"))) {
            if (args.contains("drain")) {
                return program + " drain evicts every pod of a node";
            }
            if ((args.contains("replace") || args.contains("apply")) && call.hasFlag((char) 0, "--force")) {
                return program + " " + args.get(0) + " --force deletes and recreates resources";
            }
            if (args.size() >= 2
                    && args.get(0).equals("rollout")
                    && Set.of("undo", "restart", "resume").contains(args.get(1))) {
                return program + " rollout " + args.get(1) + " changes what every pod of the workload runs";
            }
            if (!args.isEmpty() && (args.get(0).equals("set") || args.get(0).equals("patch"))) {
                return program + " " + args.get(0) + " changes running workloads in place, without a reviewed manifest";
            }
        }
        if ((program.equals("redis-cli") || program.equals("valkey-cli"))
                && call.arguments().stream()
                        .anyMatch(w -> Set.of("flushall", "flushdb", "shutdown")
                                .contains(w.text().toLowerCase(Locale.ROOT)))) {
            return program + " flushing or shutting down the database";
        }
        return null;
    }

    /** A subcommand such as {@code aws s3 rb}, {@code gh release delete}, {@code heroku addons:destroy}. */
    private Verdict destructiveSubcommand(Invocation call) {
        String program = call.program();
        if (Set.of("echo", "printf", "man", "help", "tldr", "grep", "cat", "which", "type", "apropos", "info")
                .contains(program)) {
            return null;
        }
        if (program.equals("git")) {
            return null;
        }
        if (destructivePrograms.containsKey(program)) {
            return Verdict.deny("the program " + program + " deletes data", destructivePrograms.get(program));
        }
        Verdict exposure = infraClis.containsKey(program) ? exposureOrOutage(call) : null;
        if (exposure != null) {
            return exposure;
        }
        int seen = 0;
        List<ShellWord> args = call.arguments();
        for (int i = 0; i < args.size() && seen < 3; i++) {
            String text = args.get(i).text();
            if (text.equals("--")) {
                break;
            }
            if (text.startsWith("-")) {
                continue;
            }
            seen++;
            if (text.contains("/") || text.contains(".") || text.contains("=") || text.isEmpty()) {
                continue;
            }
            for (String part : text.toLowerCase(Locale.ROOT).split("[:_-]")) {
                String rule = destructiveVerbs.containsKey(part)
                        ? destructiveVerbs.get(part)
                        : infraClis.containsKey(program) ? infraVerbs.get(part) : null;
                if (rule != null) {
                    return Verdict.deny("destructive subcommand '" + text + "' of " + program, rule);
                }
            }
        }
        return null;
    }

    /**
     * On a CLI of remote services: a visibility change ({@code gh repo edit --visibility private} drops stars,
     * watchers and forks for good; going public exposes the code), or maintenance mode switched on (the service
     * answers no one).
     */
    private Verdict exposureOrOutage(Invocation call) {
        List<ShellWord> args = call.arguments();
        for (int i = 0; i < args.size(); i++) {
            String text = args.get(i).text().toLowerCase(Locale.ROOT);
            String option = text.contains("=") ? text.substring(0, text.indexOf('=')) : text;
            if (visibilityOptions.containsKey(option)) {
                return Verdict.deny(
                        call.program() + " " + option + " changes who can see the resource, and going private drops"
                                + " its stars, watchers and forks irrecoverably",
                        visibilityOptions.get(option));
            }
            if (text.startsWith("-")) {
                continue;
            }
            List<String> parts = List.of(text.split("[:_-]"));
            for (String part : parts) {
                String rule = outageWords.get(part);
                if (rule == null) {
                    continue;
                }
                String next = i + 1 < args.size() ? args.get(i + 1).text().toLowerCase(Locale.ROOT) : "";
                if (parts.contains("on") || parts.contains("enable") || next.equals("on") || next.equals("enable")) {
                    return Verdict.deny(
                            call.program() + " " + args.get(i).text() + " takes the service offline for everyone",
                            rule);
                }
            }
        }
        return null;
    }
}
