package dev.toolgate.agent.audit.file;

import java.io.Closeable;
import java.io.IOException;

/** The few operations the audit writer needs from a file; a seam for testing failing disks. */
public interface StorageChannel extends Closeable {

    /** Appends all of it, or throws. */
    void write(byte[] bytes, int offset, int length) throws IOException;

    /** Forces what was written to the device (fsync). */
    void sync() throws IOException;

    /** Cuts the file back to {@code size} bytes: undoes a write that failed half-way. */
    void truncate(long size) throws IOException;

    long size() throws IOException;

    /** Opens a file for appending. */
    @FunctionalInterface
    interface Opener {
        StorageChannel open(java.nio.file.Path file) throws IOException;
    }
}
