package dev.toolgate.agent.validation.path;

import dev.toolgate.agent.validation.ArgumentValidator;
import dev.toolgate.agent.validation.Decoding;
import dev.toolgate.agent.validation.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code path}: a file path, canonicalised before it is judged: percent-decoding (repeated, overlong UTF-8,
 * {@code %uXXXX}), Unicode compatibility forms (full-width dots and slashes), backslashes, {@code .} and
 * {@code ..}, and symbolic links when the file exists. The result must stay under the configured roots (or,
 * without roots, must not climb out of the directory it is relative to), and must not name a sensitive file
 * unless {@code allow_sensitive} is set.
 */
public final class PathValidator implements ArgumentValidator {

    public static final String TYPE = "path";

    // ids of the validator's checks, named in reasons and audit events (docs/rules.md)
    static final String TRAVERSAL = "path.traversal";
    static final String ENCODING = "path.encoded-traversal";
    static final String NOT_A_FILE = "path.not-a-file-path";
    static final String CHARACTERS = "path.separator-tricks";
    static final String WINDOWS = "path.windows-segments";
    static final String SENSITIVE_FILE = "path.sensitive-file";
    static final String OUTSIDE_ROOTS = "path.outside-roots";

    /** Credentials, keys and kernel interfaces that no agent tool needs to read or write. */
    private static final List<Pattern> SENSITIVE = List.of(
            Pattern.compile("/etc/(shadow|gshadow|passwd|group|master\\.passwd|sudoers|security/opasswd)[-~]?"),
            Pattern.compile("/etc/sudoers\\.d(/.*)?"),
            Pattern.compile("/etc/ssl/private(/.*)?|/etc/ssh/ssh_host_.*"),
            Pattern.compile("/root(/.*)?"),
            Pattern.compile("/proc/(self|thread-self|\\d+)/(environ|cmdline|mem|maps|fd(/.*)?|root(/.*)?|cwd(/.*)?"
                    + "|exe|stat|status|auxv|mountinfo)"),
            Pattern.compile("/proc/(kcore|kallsyms|config\\.gz|sched_debug|version|self)(/.*)?"),
            Pattern.compile("/dev/(mem|kmem|port|sd[a-z].*|nvme.*)"),
            Pattern.compile("/sys/(kernel|firmware)(/.*)?"),
            Pattern.compile("(/run|/var/run)/secrets(/.*)?"),
            Pattern.compile(".*/\\.ssh(/.*)?"),
            Pattern.compile(".*/id_(rsa|dsa|ecdsa|ed25519)(\\.pub)?"),
            Pattern.compile(".*/\\.(aws|azure|gcloud|kube|docker|gnupg|password-store)/.*"),
            Pattern.compile(".*/\\.(netrc|pgpass|git-credentials|npmrc|pypirc|htpasswd|my\\.cnf|bash_history"
                    + "|zsh_history|psql_history|mysql_history|sh_history|history|rhosts|shosts|env)"),
            Pattern.compile(".*/(wp-config\\.php|web\\.config|\\.htaccess|credentials\\.json|secrets\\.ya?ml)"),
            Pattern.compile("([a-z]:)?/windows/(system32|syswow64)/config/.*"),
            Pattern.compile("([a-z]:)?/windows/(repair|panther)/.*"),
            Pattern.compile("([a-z]:)?/windows/(win\\.ini|system\\.ini|debug/netsetup\\.log)"),
            Pattern.compile("([a-z]:)?/(boot\\.ini|inetpub/.*|winnt/.*|pagefile\\.sys|hiberfil\\.sys)"),
            Pattern.compile(".*/master\\.passwd|.*/ntds\\.dit|.*/(sam|system|security)\\.(save|bak|sav)"),
            Pattern.compile("([a-z]:)?/users/[^/]+/(ntuser\\.dat|appdata/.*)"));

    /** System configuration, logs, mail, spools, server trees: judged for absolute paths only. */
    private static final List<Pattern> SYSTEM_LOCATIONS = List.of(
            // system configuration, logs, mail, spools and session stores
            Pattern.compile("(/private)?/etc(/.*)?|/usr/local/etc(/.*)?|/opt/[^/]+/etc(/.*)?"),
            Pattern.compile(
                    "(/private)?/var/(log|adm|run|mail|spool|db|lib/php\\d*|cpanel|lib/mysql)(/.*)?|/run(/.*)?"),
            Pattern.compile("/proc(/.*)?|.*/private/etc(/.*)?|/boot(/.*)?"),
            Pattern.compile(".*/(logs?|log_files)(/.*)?|.*\\.log(\\.\\d+)?|.*[._-](access|error)_?log"),
            Pattern.compile(".*/(httpd|apache2?|nginx|lighttpd|php|php-fpm|php\\.ini|my|mysql|pg_hba|postgresql"
                    + "|tomcat-users|server|sshd_config|ssh_config|proftpd|pure-ftpd|vsftpd|smb|named|squid"
                    + "|filezilla server|config\\.inc|settings\\.inc|localsettings|configuration)"
                    + "\\.(conf|ini|cnf|xml|php)(\\.\\w+)?"),
            Pattern.compile(".*/sess_[^/]*"),
            Pattern.compile("/usr/local/(apache\\d*|httpd|nginx|lighttpd|php\\d*|mysql|pgsql|lsws|cpanel)(/.*)?"
                    + "|/library/webserver(/.*)?|.*/htdocs(/.*)?|[a-z]:/users/administrator(/.*)?"),
            // Windows drives outside the user profile: system, program and server directories
            Pattern.compile("[a-z]:/(?!users/|documents and settings/[^/]+/(my )?documents/).*"),
            Pattern.compile("/(xampp|lampp|wamp|apache\\d*|php\\d*|mysql|inetpub|winnt|windows|program files"
                    + "( \\(x86\\))?|programdata)(/.*)?"));

    /** Characters some platforms or decoders turn into a path separator. */
    private static final String SEPARATOR_LOOKALIKES = "\u2215\u2216\u2044\u29f8\u29f9\u244a\u20e5\ufe68";
    /** {@code 0x2e}, {@code 0x2f}, {@code 0x5c} written out: decoded by some frameworks' lenient parsers. */
    private static final Pattern HEX_SEPARATORS = Pattern.compile("(?i)0x(2e|2f|5c)|(?<=\\.\\.)(2f|5c)");

    private static final Pattern STREAM_WRAPPER =
            Pattern.compile("(?s)[a-zA-Z][a-zA-Z0-9+.-]+://|(php|phar|zip|data|expect|glob|jar):");
    private static final Pattern DOTS = Pattern.compile("\\.{3,}");
    private static final Pattern DOTS_AND_BLANKS = Pattern.compile("\\.+ *");
    private static final Pattern WILDCARD_SEGMENT = Pattern.compile("[.?*<>\"]+");
    private static final Pattern DOS_WILDCARD = Pattern.compile("[?<>\"]");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    private static boolean isDrive(String path) {
        return path.length() >= 2
                && path.charAt(1) == ':'
                && path.charAt(0) < 128
                && Character.isLetter(path.charAt(0));
    }

    private final List<Path> roots;
    private final List<Path> realRoots;
    /** Whether each root existed at start; a missing root is looked for again on each call. */
    private final List<Boolean> rootExists;

    private final Path base;
    private final boolean allowSensitive;
    private final int maxLength;

    /**
     * @param roots the directories paths must stay under; empty for no such limit
     * @param base  what relative paths are relative to; null for the first root, else the working directory
     */
    public PathValidator(List<Path> roots, Path base, boolean allowSensitive, int maxLength) {
        this.roots =
                roots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
        this.realRoots = this.roots.stream().map(PathValidator::real).toList();
        this.rootExists =
                this.roots.stream().map(root -> root.toFile().exists()).toList();
        this.base = base != null ? base.toAbsolutePath().normalize() : this.roots.isEmpty() ? null : this.roots.get(0);
        this.allowSensitive = allowSensitive;
        this.maxLength = maxLength;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Verdict check(String value) {
        if (value.length() > maxLength) {
            return Verdict.deny("the path is " + value.length() + " characters long, over the limit of " + maxLength);
        }
        if (value.isBlank()) {
            return Verdict.deny("the path is empty");
        }
        if (Decoding.hasOverlongUtf8(value) || Decoding.hasMalformedPercent(value)) {
            return Verdict.deny(
                    "the path uses overlong UTF-8 or malformed percent-encoding (" + value + "), a"
                            + " decoder-confusion trick",
                    ENCODING);
        }
        String base64 = decodedBase64(value);
        if (base64 != null
                && (base64.indexOf('/') >= 0 || base64.indexOf('\\') >= 0)
                && !check(base64).allowed()) {
            Verdict inner = check(base64);
            return new Verdict(
                    false,
                    "the path is base64 for '" + base64 + "', which is refused: " + inner.reason(),
                    inner.rule());
        }
        Decoding.Decoded decoded = Decoding.fully(value);
        if (decoded.rounds() > 1 || decoded.exhausted()) {
            return Verdict.deny(
                    "the path is percent-encoded more than once (" + value + "), a traversal trick", ENCODING);
        }
        if (STREAM_WRAPPER.matcher(decoded.text()).lookingAt()
                && !decoded.text().startsWith("file:")) {
            return Verdict.deny("the path is a URL or stream wrapper (" + value + "), not a file path", NOT_A_FILE);
        }
        if (decoded.rounds() > 0 && decoded.text().indexOf('%') >= 0) {
            return Verdict.deny("the path holds malformed or partial percent-encoding (" + value + ")", ENCODING);
        }
        String text = Normalizer.normalize(decoded.text(), Normalizer.Form.NFKC);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return Verdict.deny("the path contains a NUL byte, which truncates it at the file system", CHARACTERS);
            }
            if (Character.getType(c) == Character.PRIVATE_USE || SEPARATOR_LOOKALIKES.indexOf(c) >= 0) {
                return Verdict.deny(
                        "the path contains U+" + String.format("%04X", (int) c) + ", which some"
                                + " platforms read as a path separator",
                        CHARACTERS);
            }
            if (Character.isISOControl(c)
                    || c == '\uFFFD'
                    || Character.isSurrogate(c) && !Character.isValidCodePoint(text.codePointAt(i))) {
                return Verdict.deny(
                        "the path contains the control or invalid character U+" + String.format("%04X", (int) c),
                        CHARACTERS);
            }
        }
        boolean hexEncoded = HEX_SEPARATORS.matcher(text).find();
        if (hexEncoded) {
            text = HEX_SEPARATORS
                    .matcher(text)
                    .replaceAll(match -> switch ((match.group(1) != null ? match.group(1) : match.group(2))
                            .toLowerCase(Locale.ROOT)) {
                        case "2e" -> ".";
                        case "2f" -> "/";
                        default -> "\\\\";
                    });
        }
        String slashed = text.replace('\\', '/');
        if (slashed.length() > 3 && slashed.charAt(0) == '/' && isDrive(slashed.substring(1))) {
            slashed = slashed.substring(1);
        }
        if (slashed.startsWith("file:")) {
            slashed = slashed.substring(5).replaceFirst("^//(localhost)?", "");
        }
        boolean windowsDrive = isDrive(slashed);
        boolean absolute = slashed.startsWith("/") || windowsDrive;
        String drive = windowsDrive ? slashed.substring(0, 2).toLowerCase(Locale.ROOT) : "";
        String rest = windowsDrive ? slashed.substring(2) : slashed;
        if (rest.startsWith("//") && !windowsDrive) {
            return Verdict.deny("the path is a network (UNC) path: " + value, NOT_A_FILE);
        }
        boolean encoded = decoded.rounds() > 0 || hexEncoded || !text.equals(decoded.text());
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : rest.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            // "..;x" is ".." to servlet containers, which strip path parameters
            if (segment.equals("..") || DOTS.matcher(segment).matches() || segment.startsWith("..;")) {
                if (encoded) {
                    return Verdict.deny("the path hides a '..' segment in an encoding (" + value + ")", ENCODING);
                }
                if (segments.isEmpty() || segments.peekLast().equals("..")) {
                    if (absolute || base == null || roots.isEmpty()) {
                        return Verdict.deny(
                                "the path climbs above " + (absolute ? "the root" : "its starting" + " directory")
                                        + " with '..' (" + value + ")",
                                TRAVERSAL);
                    }
                    segments.addLast("..");
                } else {
                    segments.removeLast();
                }
                continue;
            }
            if (segment.length() > 1
                    && WILDCARD_SEGMENT.matcher(segment).matches()
                    && (DOS_WILDCARD.matcher(segment).find() || segment.contains(".") && segment.contains("*"))) {
                return Verdict.deny("the path has a wildcard segment ('" + segment + "') that can match '..'", WINDOWS);
            }
            if (DOTS_AND_BLANKS.matcher(segment).matches()
                    || segment.endsWith(" ")
                    || segment.endsWith(".") && segment.length() > 1 && !segment.endsWith("..")) {
                return Verdict.deny(
                        "the path has a segment with trailing dots or blanks ('" + segment + "'), which Windows strips",
                        WINDOWS);
            }
            segments.addLast(segment);
        }
        String canonical = drive + "/" + String.join("/", segments);
        if (!allowSensitive) {
            String reason = sensitive(canonical, absolute);
            if (reason != null) {
                return Verdict.deny(reason, SENSITIVE_FILE);
            }
        }
        if (roots.isEmpty()) {
            return Verdict.ALLOW;
        }
        return underRoots(absolute ? canonical : null, String.join("/", segments));
    }

    /** The text a whole-value base64 string stands for, when it is printable; else null. */
    private static String decodedBase64(String value) {
        if (value.length() < 8
                || value.length() % 4 != 0
                || !BASE64.matcher(value).matches()) {
            return null;
        }
        try {
            String text =
                    new String(java.util.Base64.getDecoder().decode(value), java.nio.charset.StandardCharsets.UTF_8);
            return text.chars().allMatch(c -> c >= 32 && c < 127) ? text : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Where {@code path} really is: symbolic links resolved in the file itself or, for a file that does not exist
     * yet, in its nearest existing directory (a linked directory would otherwise carry a new file elsewhere).
     */
    private Path realLocation(Path path, int root) throws IOException {
        if (root >= 0 && !rootExists.get(root) && !roots.get(root).toFile().exists()) {
            return path;
        }
        Path stop = root >= 0 ? roots.get(root) : null;
        Path existing = path;
        while (existing != null && !existing.toFile().exists()) {
            existing = existing.equals(stop) ? null : existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        Path real = existing.toRealPath();
        return existing.equals(path)
                ? real
                : real.resolve(existing.relativize(path)).normalize();
    }

    /** Index of the configured root that {@code path} lies under as written, or -1. */
    private int containingRoot(Path path) {
        for (int i = 0; i < roots.size(); i++) {
            if (path.startsWith(roots.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** A root's real location (symbolic links resolved) when it exists, else the root as configured. */
    private static Path real(Path root) {
        try {
            return Files.exists(root) ? root.toRealPath() : root;
        } catch (IOException | SecurityException e) {
            return root;
        }
    }

    /** Words every sensitive or system location contains; a path with none of them needs no pattern run. */
    private static final List<String> SENSITIVE_WORDS = List.of(
            "/etc",
            "/root",
            "/proc",
            "/dev/",
            "/sys/",
            "/run",
            "/var/",
            "/.",
            "id_",
            "config",
            "htaccess",
            "credentials",
            "secrets",
            "windows",
            "boot",
            "inetpub",
            "winnt",
            "pagefile",
            "hiberfil",
            "ntds",
            "passwd",
            ".sav",
            ".bak",
            ".save",
            "/users/",
            "log",
            "httpd",
            "apache",
            "nginx",
            "lighttpd",
            "php",
            "my.",
            "mysql",
            "pg_hba",
            "postgres",
            "tomcat",
            "server",
            "ssh",
            "ftpd",
            "smb",
            "named",
            "squid",
            "filezilla",
            "settings",
            "sess_",
            "/usr/local/",
            "/opt/",
            "webserver",
            "htdocs",
            "xampp",
            "lampp",
            "wamp",
            "program files",
            "programdata",
            "/private",
            ":/");

    private static boolean mayBeSensitive(String lower) {
        for (String word : SENSITIVE_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why a canonical absolute path names a sensitive file (credentials, keys, kernel interfaces), or null: the
     * same list the validator applies to arguments, for checks made where the file is opened.
     */
    public static String sensitiveFile(String canonical) {
        return sensitive(canonical, false);
    }

    private static String sensitive(String canonical, boolean absolute) {
        String lower = canonical.toLowerCase(Locale.ROOT);
        if (!mayBeSensitive(lower)) {
            return null;
        }
        for (Pattern pattern : SENSITIVE) {
            if (pattern.matcher(lower).matches()) {
                return "the path names a sensitive file (" + canonical + ")";
            }
        }
        if (absolute) {
            for (Pattern pattern : SYSTEM_LOCATIONS) {
                if (pattern.matcher(lower).matches()) {
                    return "the path is in a system, log or server location (" + canonical + ")";
                }
            }
        }
        return null;
    }

    private Verdict underRoots(String absoluteCanonical, String relative) {
        Path resolved;
        try {
            resolved = absoluteCanonical != null
                    ? Path.of(absoluteCanonical).normalize()
                    : base.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            return Verdict.deny("the path is not valid on this system: " + e.getReason());
        }
        Path real;
        try {
            real = realLocation(resolved, containingRoot(resolved));
        } catch (IOException | SecurityException e) {
            return Verdict.deny("the path's real location cannot be determined ("
                    + e.getClass().getSimpleName() + ")");
        }
        for (int i = 0; i < roots.size(); i++) {
            if (real.startsWith(realRoots.get(i)) || real.startsWith(roots.get(i))) {
                if (!allowSensitive) {
                    String reason = sensitive(real.toString().replace('\\', '/'), false);
                    if (reason != null) {
                        return Verdict.deny(reason, SENSITIVE_FILE);
                    }
                }
                return Verdict.ALLOW;
            }
        }
        return Verdict.deny(
                "the path resolves to " + real + (real.equals(resolved) ? "" : " (through a symbolic" + " link)")
                        + ", outside the allowed roots " + roots,
                OUTSIDE_ROOTS);
    }
}
