package dev.toolgate.agent.approval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The requests waiting on the endpoint channel, oldest first, at most {@code capacity} of them: a flood of
 * requests cannot grow memory without bound. When one more arrives, the oldest is refused (its call is denied and
 * audited with the reason), since it is the likeliest to time out unread anyway. Each request is answered once;
 * answers are remembered (a bounded number) so a second one is told it came too late. Every change bumps a
 * version that the console's event stream waits on.
 */
final class PendingApprovals {

    private static final int REMEMBERED_ANSWERS = 10_000;

    /** What became of an answer. */
    enum Result {
        ANSWERED,
        ALREADY_ANSWERED,
        UNKNOWN
    }

    private record Pending(ApprovalRequest request, CompletableFuture<ApprovalVerdict> answer) {}

    private final int capacity;
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, String> answered = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_ANSWERS;
        }
    };
    private long version;

    PendingApprovals(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    int capacity() {
        return capacity;
    }

    CompletableFuture<ApprovalVerdict> add(ApprovalRequest request) {
        CompletableFuture<ApprovalVerdict> answer = new CompletableFuture<>();
        List<Pending> refused = new ArrayList<>();
        synchronized (this) {
            pending.put(request.id(), new Pending(request, answer));
            while (pending.size() > capacity) {
                Map.Entry<String, Pending> oldest =
                        pending.entrySet().iterator().next();
                pending.remove(oldest.getKey());
                answered.put(oldest.getKey(), "refused: too many requests were waiting");
                refused.add(oldest.getValue());
            }
            changed();
        }
        for (Pending oldest : refused) {
            oldest.answer()
                    .complete(ApprovalVerdict.denied(
                            "endpoint",
                            "refused unanswered: more than " + capacity + " requests were waiting for a person on"
                                    + " the approval endpoint, and the oldest are refused first"));
        }
        return answer;
    }

    /** The request timed out or its caller stopped waiting. */
    synchronized void withdraw(String id) {
        if (pending.remove(id) != null) {
            answered.put(id, "expired");
            changed();
        }
    }

    /** The request still waiting under {@code id}, or null. */
    synchronized ApprovalRequest get(String id) {
        Pending entry = pending.get(id);
        return entry == null ? null : entry.request();
    }

    /** Oldest first. */
    synchronized List<ApprovalRequest> list() {
        List<ApprovalRequest> requests = new ArrayList<>(pending.size());
        pending.values().forEach(entry -> requests.add(entry.request()));
        return requests;
    }

    /**
     * Answers a waiting request, once.
     *
     * @param summary how the answer is told to a later one, e.g. "approved by alice"
     */
    Result answer(String id, ApprovalVerdict verdict, String summary) {
        Pending entry;
        synchronized (this) {
            entry = pending.remove(id);
            if (entry == null) {
                return answered.containsKey(id) ? Result.ALREADY_ANSWERED : Result.UNKNOWN;
            }
            answered.put(id, summary);
            changed();
        }
        entry.answer().complete(verdict);
        return Result.ANSWERED;
    }

    /** How an earlier answer went, or null. */
    synchronized String earlierAnswer(String id) {
        return answered.get(id);
    }

    synchronized long version() {
        return version;
    }

    /** Something the console shows changed (requests, grants, decisions). */
    synchronized void changed() {
        version++;
        notifyAll();
    }

    /** Waits until the version is past {@code seen}, at most {@code millis}; returns the version then. */
    synchronized long awaitChange(long seen, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (version == seen) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return version;
    }
}
