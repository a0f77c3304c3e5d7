package dev.toolgate.agent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits each file of a labelled folder into a tuning half and a check half by where its lines come from, as
 * {@code SOURCES.tsv} says ({@code file, first_line, last_line, source, selection}): all lines of one source fall
 * in the same half, so the check half measures rules on sources they were not written against. A file with a
 * single source is split by that source's files ({@code selection}). The split is deterministic: units are
 * taken largest first (then by name) and each goes to the half with fewer lines so far, the tuning half on a tie.
 */
final class CorpusSplit {

    static final String SOURCES = "SOURCES.tsv";

    /** Line number (1-based) → true for the check half, per file. */
    private final Map<String, boolean[]> checkLines;

    private CorpusSplit(Map<String, boolean[]> checkLines) {
        this.checkLines = checkLines;
    }

    /** The split of {@code dir}, or null when it has no {@code SOURCES.tsv}. */
    static CorpusSplit of(Path dir) throws IOException {
        Path sources = dir.resolve(SOURCES);
        if (!Files.isRegularFile(sources)) {
            return null;
        }
        record Range(int first, int last, String source, String selection) {}
        Map<String, List<Range>> byFile = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(sources, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split("\t", -1);
            if (cells.length < 5) {
                throw CliFailure.usage(sources + ":" + (i + 1) + ": expected 5 tab-separated cells (file, first_line,"
                        + " last_line, source, selection)");
            }
            try {
                byFile.computeIfAbsent(cells[0], f -> new ArrayList<>())
                        .add(new Range(
                                Integer.parseInt(cells[1].strip()),
                                Integer.parseInt(cells[2].strip()),
                                cells[3].strip(),
                                cells[4].strip()));
            } catch (NumberFormatException e) {
                throw CliFailure.usage(sources + ":" + (i + 1) + ": first_line and last_line must be numbers");
            }
        }
        Map<String, boolean[]> checkLines = new LinkedHashMap<>();
        for (Map.Entry<String, List<Range>> file : byFile.entrySet()) {
            List<Range> ranges = file.getValue();
            // a source of "—" is unknown: its selection says where the lines come from
            boolean oneSource = ranges.stream()
                            .map(r -> r.source().equals("—") ? r.selection() : r.source())
                            .distinct()
                            .count()
                    == 1;
            Map<String, Integer> unitLines = new LinkedHashMap<>();
            Map<Range, String> unitOf = new LinkedHashMap<>();
            int maxLine = 0;
            for (Range range : ranges) {
                String unit = oneSource || range.source().equals("—") ? range.selection() : range.source();
                unitOf.put(range, unit);
                unitLines.merge(unit, range.last() - range.first() + 1, Integer::sum);
                maxLine = Math.max(maxLine, range.last());
            }
            List<String> units = new ArrayList<>(unitLines.keySet());
            units.sort(Comparator.comparing((String u) -> -unitLines.get(u)).thenComparing(u -> u));
            Map<String, Boolean> check = new LinkedHashMap<>();
            int tuning = 0;
            int checking = 0;
            for (String unit : units) {
                boolean toCheck = checking < tuning;
                check.put(unit, toCheck);
                if (toCheck) {
                    checking += unitLines.get(unit);
                } else {
                    tuning += unitLines.get(unit);
                }
            }
            boolean[] marks = new boolean[maxLine + 1];
            for (Range range : ranges) {
                boolean toCheck = check.get(unitOf.get(range));
                for (int line = Math.max(1, range.first()); line <= range.last(); line++) {
                    marks[line] = toCheck;
                }
            }
            checkLines.put(file.getKey(), marks);
        }
        return new CorpusSplit(checkLines);
    }

    /** Whether line {@code line} (1-based) of {@code file} is in the check half; lines not listed are tuning. */
    boolean isCheck(String file, int line) {
        boolean[] marks = checkLines.get(file);
        return marks != null && line < marks.length && marks[line];
    }
}
