package dev.toolgate.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusSplitTest {

    @TempDir
    Path dir;

    @Test
    void linesOfOneSourceStayInOneHalfAndTheSplitIsTheSameEveryTime() throws Exception {
        Files.writeString(dir.resolve(CorpusSplit.SOURCES), """
                file\tfirst_line\tlast_line\tsource\tselection
                a.txt\t1\t10\tbig/repo\tx.json
                a.txt\t11\t14\tsmall/repo\ty.json
                a.txt\t15\t20\tbig/repo\tz.json
                b.txt\t1\t3\tonly/repo\tone.txt
                b.txt\t4\t5\tonly/repo\ttwo.txt
                """);
        CorpusSplit split = CorpusSplit.of(dir);
        for (int line = 1; line <= 20; line++) {
            boolean small = line >= 11 && line <= 14;
            assertEquals(small, split.isCheck("a.txt", line), "line " + line);
        }
        // one source: split by its files
        assertFalse(split.isCheck("b.txt", 1));
        assertTrue(split.isCheck("b.txt", 4));
        assertFalse(split.isCheck("unknown.txt", 1));
        assertEquals(null, CorpusSplit.of(dir.resolve("none")));
    }
}
