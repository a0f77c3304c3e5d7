package dev.toolgate.agent.audit;

import dev.toolgate.agent.audit.file.AppendOnlyFile;
import dev.toolgate.agent.audit.file.StorageChannel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A real file whose writes and fsyncs can be made to fail (as on a full disk: part of the bytes written, then
 * ENOSPC) or to be slow.
 */
final class FlakyStorage {

    volatile boolean full;
    volatile boolean failSync;
    volatile boolean slow;

    StorageChannel open(Path file) throws IOException {
        AppendOnlyFile real = AppendOnlyFile.open(file);
        return new StorageChannel() {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (slow) {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (full) {
                    real.write(bytes, offset, Math.min(length, 7)); // a partial line, as a full disk leaves
                    throw new IOException("No space left on device");
                }
                real.write(bytes, offset, length);
            }

            @Override
            public void sync() throws IOException {
                if (failSync) {
                    throw new IOException("Input/output error");
                }
                real.sync();
            }

            @Override
            public void truncate(long size) throws IOException {
                real.truncate(size);
            }

            @Override
            public long size() throws IOException {
                return real.size();
            }

            @Override
            public void close() throws IOException {
                real.close();
            }
        };
    }
}
