package dev.toolgate.agent.cli;

import dev.toolgate.agent.audit.checkpoint.CheckpointKeys;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code audit keygen FILE}: an Ed25519 key pair for signed checkpoints. */
@Command(
        name = "keygen",
        description = {
            "Make an Ed25519 key pair that signs audit checkpoints.",
            "Writes the private key to FILE (PKCS#8 PEM, mode 0600) and the public",
            "key to FILE.pub; never overwrites. Give FILE to the agent as",
            "audit.checkpoint.key and FILE.pub to audit verify --public-key."
        })
final class AuditKeygenCommand implements Callable<Integer> {

    private final Io io;

    @Parameters(paramLabel = "FILE", description = "Where the private key goes.")
    Path file;

    AuditKeygenCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        Path publicFile;
        try {
            publicFile = CheckpointKeys.generate(file);
            io.out().println("private key: " + file + " (mode 0600; keep it on the agent's host only)");
            io.out()
                    .println("public key:  " + publicFile + " (key id "
                            + CheckpointKeys.keyId(CheckpointKeys.loadPublic(publicFile)) + ")");
        } catch (CheckpointKeys.KeyException e) {
            throw CliFailure.usage(e.getMessage());
        }
        return ExitCode.OK;
    }
}
