package dev.toolgate.agent.audit.checkpoint;

/**
 * One checkpoint as read back from a collector's file, its signature checked: the chain had reached {@code seq}
 * with {@code hash}, in the file that began at {@code fileFirstSeq}; the checkpoint event itself is seq + 1.
 *
 * @param file      the active file's path when the checkpoint was written
 * @param rotatedAs the name that file gets when it is rotated
 * @param where     {@code FILE:LINE} of the line it was read from
 */
public record Checkpoint(
        long seq,
        String hash,
        String file,
        long fileFirstSeq,
        String rotatedAs,
        String keyId,
        String signedAt,
        String where) {

    /** The file's own name, without its directory. */
    public String fileName() {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return file.substring(slash + 1);
    }
}
