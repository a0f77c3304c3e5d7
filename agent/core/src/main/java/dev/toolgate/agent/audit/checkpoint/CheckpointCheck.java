package dev.toolgate.agent.audit.checkpoint;

import dev.toolgate.agent.audit.chain.ChainVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Holds an intact chain against signed checkpoints kept off the host. A chain alone cannot show events cut off its
 * end, a deleted active file or deleted newest rotations, nor a set of files whose every hash was computed afresh:
 * a checkpoint attests that the chain reached seq S with hash H, so the files must hold seq S, and with that hash.
 * What does not is reported as the range of seqs that the files no longer account for.
 */
public final class CheckpointCheck {

    /**
     * @param failure what is unaccounted for and why, or null
     * @param from    first seq unaccounted for, or 0
     * @param to      last seq known to have existed that is unaccounted for, or 0
     * @param notes   what was compared, for people
     */
    public record Outcome(String failure, long from, long to, List<String> notes) {
        public boolean ok() {
            return failure == null;
        }
    }

    private CheckpointCheck() {}

    /** The seqs whose hashes the chain check must report for {@link #check}. */
    public static Set<Long> attested(List<Checkpoint> checkpoints) {
        return checkpoints.stream().map(Checkpoint::seq).collect(Collectors.toSet());
    }

    /**
     * @param chain       the result of checking the audit files, which must be intact
     * @param checkpoints signed checkpoints, by seq
     */
    public static Outcome check(ChainVerifier.Result chain, List<Checkpoint> checkpoints) {
        List<String> notes = new ArrayList<>();
        long first = chain.firstSeq();
        long last = chain.lastSeq();
        Checkpoint latest = checkpoints.get(checkpoints.size() - 1);
        long earlier = checkpoints.stream().filter(c -> c.seq() < first).count();
        if (earlier > 0) {
            notes.add(earlier + " checkpoints attest seqs before seq " + first + ", where the files given begin"
                    + " (older rotations not given): not compared");
        }
        Checkpoint lastGood = null;
        Checkpoint firstBad = null;
        ChainVerifier.Found badFound = null;
        int matching = 0;
        for (Checkpoint checkpoint : checkpoints) {
            if (checkpoint.seq() < first || checkpoint.seq() > last) {
                continue;
            }
            ChainVerifier.Found found = chain.found().get(checkpoint.seq());
            boolean same = found != null && found.hash().equals(checkpoint.hash());
            if (same && firstBad == null) {
                lastGood = checkpoint;
                matching++;
            } else if (!same && firstBad == null) {
                firstBad = checkpoint;
                badFound = found;
            }
        }
        long to = latest.seq() + 1;
        if (firstBad != null) {
            long from = lastGood == null ? first : lastGood.seq() + 1;
            String why = "the files do not hold the events that were checkpointed: seq " + firstBad.seq() + " is "
                    + badFound.where() + " with hash " + badFound.hash() + ", but the checkpoint signed at "
                    + firstBad.signedAt() + " (" + firstBad.where() + ") attests hash " + firstBad.hash();
            why += lastGood == null
                    ? "; no checkpoint matches these files: the whole chain was computed afresh (or the files belong"
                            + " to another log)"
                    : "; the last checkpoint that matches is seq " + lastGood.seq() + " (signed at "
                            + lastGood.signedAt() + "): the events after it were replaced and the chain re-computed";
            if (latest.seq() > last) {
                why += "; and the files end at seq " + last + ", before the last checkpointed seq " + latest.seq();
            }
            return new Outcome(range(from, to) + why, from, to, notes);
        }
        if (latest.seq() > last) {
            long from = last + 1;
            return new Outcome(
                    range(from, to) + missing(chain, checkpoints, last) + "; the last checkpoint (signed at "
                            + latest.signedAt() + ", " + latest.where() + ") attests seq " + latest.seq()
                            + " with hash "
                            + latest.hash() + " and is itself seq " + to,
                    from,
                    to,
                    notes);
        }
        notes.add(matching + " signed checkpoints match the files (seq "
                + (checkpoints.stream()
                        .filter(c -> c.seq() >= first)
                        .findFirst()
                        .map(Checkpoint::seq)
                        .orElse(0L))
                + ".." + latest.seq() + "); the last was signed at " + latest.signedAt());
        if (last > to) {
            notes.add("seq " + (to + 1) + ".." + last + " come after the last checkpoint: no checkpoint covers them"
                    + " yet, so cutting them off would not be seen (the checkpoint interval)");
        }
        return new Outcome(null, 0, 0, notes);
    }

    private static String range(long from, long to) {
        return "seq " + from + ".." + to + " unaccounted for: ";
    }

    /** Why the checkpointed events after {@code last} are not in the files: which file was cut or is missing. */
    private static String missing(ChainVerifier.Result chain, List<Checkpoint> checkpoints, long last) {
        // The files the events after `last` were in, by their first seq, with the newest checkpoint of each.
        TreeMap<Long, Checkpoint> files = new TreeMap<>();
        for (Checkpoint checkpoint : checkpoints) {
            if (checkpoint.seq() > last) {
                files.put(checkpoint.fileFirstSeq(), checkpoint);
            }
        }
        List<String> reasons = new ArrayList<>();
        for (var entry : files.entrySet()) {
            long firstSeq = entry.getKey();
            Checkpoint newest = entry.getValue();
            Long nextFirst = files.higherKey(firstSeq);
            ChainVerifier.FileSpan present = chain.files().stream()
                    .filter(span -> span.firstSeq() == firstSeq)
                    .findFirst()
                    .orElse(null);
            if (present != null) {
                reasons.add(present.file() + " ends at seq " + present.lastSeq() + " but held seq " + newest.seq()
                        + " and more: its end was cut off");
            } else if (nextFirst != null) {
                reasons.add("the rotated file " + newest.rotatedAs() + " (seq " + firstSeq + ".." + (nextFirst - 1)
                        + ") is missing: deleted");
            } else {
                reasons.add("the file that began at seq " + firstSeq + " (" + newest.fileName()
                        + " at the last checkpoint, " + newest.rotatedAs() + " if rotated since) is missing: the"
                        + " active file was deleted");
            }
        }
        return String.join("; ", reasons);
    }
}
