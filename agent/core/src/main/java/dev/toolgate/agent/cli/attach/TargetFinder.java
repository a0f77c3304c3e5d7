package dev.toolgate.agent.cli.attach;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds the JVM an operator names: by process id, or by main class or jar among the attachable JVMs. Checks
 * before attaching what the Attach API would otherwise report late and vaguely (after a ten-second wait for a
 * process that is not a JVM): that the process exists, belongs to this user and runs a JVM.
 */
public final class TargetFinder {

    private final long self = ProcessHandle.current().pid();

    /** The JVM {@code name} (a pid, a main class, its simple name, a jar's path or file name) stands for. */
    public Target find(String name) throws AttachException {
        if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
            long pid;
            try {
                pid = Long.parseLong(name);
            } catch (NumberFormatException e) {
                throw AttachException.badTarget("'" + name + "' is not a process id");
            }
            return byPid(pid);
        }
        return byName(name);
    }

    private Target byPid(long pid) throws AttachException {
        if (pid == self) {
            throw AttachException.badTarget("process " + pid + " is this command itself");
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        boolean procGone =
                Files.isDirectory(Path.of("/proc/self")) && !Files.exists(Path.of("/proc", Long.toString(pid)));
        if (process.isEmpty() || !process.get().isAlive() || procGone) {
            throw AttachException.badTarget("no process with id " + pid + " is running");
        }
        checkOwner(pid, process.get());
        Optional<VirtualMachineDescriptor> listed = attachable().stream()
                .filter(vm -> vm.id().equals(Long.toString(pid)))
                .findFirst();
        if (listed.isPresent()) {
            return new Target(pid, describe(listed.get()));
        }
        String command = process.get().info().command().orElse("unknown command");
        if (!runsAJvm(pid)) {
            throw AttachException.badTarget(
                    "process " + pid + " (" + command + ") is not a Java virtual machine; give the id of a JVM");
        }
        // A JVM the list leaves out: one started with -XX:+DisableAttachMechanism or -XX:-UsePerfData. Attaching
        // says which.
        return new Target(pid, command);
    }

    private Target byName(String name) throws AttachException {
        List<VirtualMachineDescriptor> matches = attachable().stream()
                .filter(vm -> !vm.id().equals(Long.toString(self)))
                .filter(vm -> matches(mainOf(vm), name))
                .toList();
        if (matches.isEmpty()) {
            List<String> running = attachable().stream()
                    .filter(vm -> !vm.id().equals(Long.toString(self)))
                    .map(vm -> vm.id() + " " + describe(vm))
                    .toList();
            throw AttachException.badTarget("no running JVM of this user has the main class or jar '" + name + "'"
                    + (running.isEmpty() ? " (none is running)" : "; running JVMs: " + String.join("; ", running)));
        }
        if (matches.size() > 1) {
            throw AttachException.badTarget("'" + name + "' matches " + matches.size()
                    + " JVMs; give one of their process ids: "
                    + matches.stream().map(vm -> vm.id() + " " + describe(vm)).collect(Collectors.joining("; ")));
        }
        VirtualMachineDescriptor vm = matches.get(0);
        long pid = Long.parseLong(vm.id());
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent()) {
            checkOwner(pid, process.get());
        }
        return new Target(pid, describe(vm));
    }

    /** The main class or jar: the first word of the descriptor's display name. */
    private static String mainOf(VirtualMachineDescriptor vm) {
        String display = vm.displayName().trim();
        int space = display.indexOf(' ');
        return space < 0 ? display : display.substring(0, space);
    }

    static boolean matches(String main, String name) {
        if (main.isEmpty()) {
            return false;
        }
        if (main.equals(name) || main.endsWith("." + name) || main.endsWith("$" + name)) {
            return true;
        }
        String file = main.substring(main.lastIndexOf('/') + 1);
        return file.equals(name)
                || (file.endsWith(".jar")
                        && file.substring(0, file.length() - 4).equals(name));
    }

    private static String describe(VirtualMachineDescriptor vm) {
        String display = vm.displayName().trim();
        return display.isEmpty() ? "no main class shown" : display;
    }

    private static List<VirtualMachineDescriptor> attachable() {
        return VirtualMachine.list();
    }

    /** The Attach API connects only to JVMs of the same user (root excepted). */
    private static void checkOwner(long pid, ProcessHandle process) throws AttachException {
        Optional<String> owner = process.info().user();
        Optional<String> me = ProcessHandle.current().info().user();
        if (owner.isPresent()
                && me.isPresent()
                && !owner.get().equals(me.get())
                && !me.get().equals("root")) {
            throw AttachException.failed("process " + pid + " runs as user '" + owner.get() + "', not '" + me.get()
                    + "': a JVM accepts agents only from its own user. Run this command as '" + owner.get()
                    + "' (sudo -u " + owner.get() + " java -jar toolgate-agent.jar attach " + pid + " …)");
        }
    }

    /**
     * Whether the process has a JVM in it: on Linux, libjvm mapped into its memory; elsewhere, assumed, and the
     * attach itself tells.
     */
    private static boolean runsAJvm(long pid) {
        Path maps = Path.of("/proc", Long.toString(pid), "maps");
        if (!Files.isReadable(maps)) {
            return !Files.isDirectory(Path.of("/proc", Long.toString(pid)));
        }
        try (BufferedReader reader = Files.newBufferedReader(maps, StandardCharsets.ISO_8859_1)) {
            return reader.lines().anyMatch(line -> line.endsWith("/libjvm.so"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return true;
        }
    }
}
