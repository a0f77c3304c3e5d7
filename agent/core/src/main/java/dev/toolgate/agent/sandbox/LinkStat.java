package dev.toolgate.agent.sandbox;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Whether a name is a symbolic link, asked with {@code lstat(2)} through the JDK's own Unix file system code
 * ({@code sun.nio.fs.UnixFileAttributes.get(path, false)}, the same on Java 17 and 25). A create check asks this of
 * a name that does not exist, and the public API answers that with a {@code NoSuchFileException} whose stack trace
 * costs several times the system call; the internal call fails with a {@code UnixException}, which keeps no stack
 * trace. The answer is never remembered.
 *
 * <p>{@link #open} opens {@code sun.nio.fs} to the agent's own module (not to the application's) and checks the
 * call against the public API on names whose answer is known; if the JDK lacks it, differs, or fills in stack
 * traces after all, {@link #isLink} answers null and callers take the public API.
 */
final class LinkStat {

    private LinkStat() {}

    /** {@code (Path) boolean}, throwing {@code UnixException} when the name cannot be lstat'ed; or null. */
    private static volatile MethodHandle lstatIsLink;

    private static volatile Class<?> unixException;

    /** Makes the internal call available, after checking it; returns why it is not, or null. */
    static String open(Instrumentation instrumentation) {
        Module base = Object.class.getModule();
        if (!instrumentation.isModifiableModule(base)) {
            return "java.base cannot be modified";
        }
        try {
            instrumentation.redefineModule(
                    base,
                    Set.of(),
                    Map.of(),
                    Map.of("sun.nio.fs", Set.of(LinkStat.class.getModule())),
                    Set.of(),
                    Map.of());
        } catch (RuntimeException refused) {
            return "sun.nio.fs could not be opened: " + refused;
        }
        return useInternalCall();
    }

    /** Builds and checks the internal call; {@code sun.nio.fs} must be open to this module. */
    static String useInternalCall() {
        MethodHandle handle;
        Class<?> failure;
        try {
            Class<?> attributes = Class.forName("sun.nio.fs.UnixFileAttributes");
            Class<?> unixPath = Class.forName("sun.nio.fs.UnixPath");
            failure = Class.forName("sun.nio.fs.UnixException");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(attributes, MethodHandles.lookup());
            MethodHandle get =
                    lookup.findStatic(attributes, "get", MethodType.methodType(attributes, unixPath, boolean.class));
            MethodHandle isLink =
                    lookup.findVirtual(attributes, "isSymbolicLink", MethodType.methodType(boolean.class));
            handle = MethodHandles.insertArguments(MethodHandles.filterReturnValue(get, isLink), 1, false)
                    .asType(MethodType.methodType(boolean.class, Path.class));
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            return "the JDK's lstat is not reachable: " + unavailable;
        }
        String difference = difference(handle, failure);
        if (difference == null) {
            unixException = failure;
            lstatIsLink = handle;
        }
        return difference;
    }

    /** Stops using the internal call (tests of the public API's way). */
    static void usePublicApi() {
        lstatIsLink = null;
    }

    /** Whether the internal call is in use. */
    static boolean internal() {
        return lstatIsLink != null;
    }

    /**
     * Whether {@code path} (of the default file system) is a symbolic link: true or false, false also when it
     * cannot be lstat'ed (missing, or a directory on the way not searchable); null when the internal call is not
     * available or failed otherwise, so the caller asks the public API.
     */
    static Boolean isLink(Path path) {
        MethodHandle handle = lstatIsLink;
        if (handle == null) {
            return null;
        }
        try {
            return (boolean) handle.invokeExact(path);
        } catch (Throwable failed) {
            return failed.getClass() == unixException ? Boolean.FALSE : null;
        }
    }

    /** How the internal call differs from the public API on names with a known answer, or null. */
    private static String difference(MethodHandle handle, Class<?> failure) {
        Path root = Path.of("/");
        Path missing = Path.of("/.toolgate-lstat-check-" + System.nanoTime());
        Path link = Path.of("/proc/self");
        try {
            if ((boolean) handle.invokeExact(root)) {
                return "the JDK's lstat calls / a link";
            }
            if (Files.isSymbolicLink(link) && !(boolean) handle.invokeExact(link)) {
                return "the JDK's lstat does not call " + link + " a link";
            }
            if (Files.exists(missing, LinkOption.NOFOLLOW_LINKS)) {
                return "the name meant to be missing exists: " + missing;
            }
        } catch (Throwable failed) {
            return "the JDK's lstat failed on a name that exists: " + failed;
        }
        try {
            boolean answer = (boolean) handle.invokeExact(missing);
            return "the JDK's lstat answered " + answer + " for a missing name";
        } catch (Throwable failed) {
            if (failed.getClass() != failure) {
                return "the JDK's lstat failed on a missing name with " + failed;
            }
            if (failed.getStackTrace().length != 0) {
                return "the JDK's lstat failure carries a stack trace";
            }
            return null;
        }
    }
}
