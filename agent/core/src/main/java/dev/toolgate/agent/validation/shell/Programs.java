package dev.toolgate.agent.validation.shell;

import java.util.Set;

/** What kinds of program a command line can name, by base name. */
final class Programs {

    private Programs() {
    }

    /** Shells: given a script on standard input or with -c, they run it. */
    static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "ash", "mksh", "yash", "fish",
            "tcsh", "csh", "rbash", "busybox", "powershell", "pwsh", "cmd");

    /** Language interpreters that run code from standard input or an inline argument. */
    static final Set<String> INTERPRETERS = Set.of("python", "python2", "python3", "perl", "ruby", "node", "nodejs",
            "php", "lua", "tclsh", "deno", "bun", "jshell", "irb", "rscript", "osascript", "wscript", "cscript",
            "mshta");

    /** The option that introduces inline code, per interpreter family. */
    static final Set<String> INLINE_CODE_FLAGS = Set.of("-c", "-e", "-E", "-r", "--eval", "-command", "-Command",
            "/c", "/C", "-encodedcommand", "-EncodedCommand", "-enc", "-p", "--print");

    /** Programs that fetch from the network. */
    static final Set<String> FETCHERS = Set.of("curl", "wget", "fetch", "aria2c", "axel", "lwp-download",
            "lwp-request", "get", "http", "https", "xh", "tftp", "ftp", "nc", "ncat", "netcat", "nc.traditional",
            "nc.openbsd", "socat", "telnet", "openssl", "certutil", "bitsadmin", "invoke-webrequest", "iwr",
            "invoke-restmethod", "irm", "wget2", "curlie", "httpie");

    /** Netcat flavours, whose -e/-c options hand a shell to the other end. */
    static final Set<String> NETCATS = Set.of("nc", "ncat", "netcat", "nc.traditional", "nc.openbsd", "pwncat");

    /** Wrappers that run the rest of their arguments as a command. */
    static final Set<String> WRAPPERS = Set.of("sudo", "doas", "env", "nohup", "time", "exec", "command",
            "builtin", "nice", "ionice", "stdbuf", "unbuffer", "setsid", "timeout", "xargs", "watch", "chroot",
            "runuser", "torsocks", "proxychains", "proxychains4", "caffeinate", "flock", "chrt", "taskset",
            "strace", "ltrace", "gtimeout", "parallel", "nsenter", "unshare", "firejail", "systemd-run", "then",
            "do", "else");

    /** Wrapper options that take a value as the next word. */
    static final Set<String> WRAPPER_OPTIONS_WITH_VALUE = Set.of("-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t",
            "-U", "-n", "-I", "-P", "-d", "-E", "-L", "-s", "-c", "-k", "-w", "--user", "--group", "--signal",
            "--kill-after", "--chdir", "--preserve-env", "-S", "--split-string", "--unset", "-a", "--adjustment",
            "--interval", "--max-args", "--max-procs", "--delimiter", "--replace", "-j", "--jobs");

    /** Programs that only read a block device's metadata. */
    static final Set<String> DEVICE_READERS = Set.of("lsblk", "blkid", "smartctl", "file", "stat", "ls", "df", "du",
            "findmnt", "lsof", "fuser", "udevadm", "e2label", "dumpe2fs", "xfs_info", "mountpoint", "partx", "pvs",
            "vgs", "lvs", "pvdisplay", "vgdisplay", "lvdisplay", "iostat", "readlink", "realpath", "test", "[",
            "grep", "echo", "printf", "isosize", "md5sum", "sha256sum", "sha1sum", "od", "hexdump", "xxd",
            "strings", "umount");
}
