package dev.toolgate.agent.approval;

import dev.toolgate.agent.decision.Caller;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Asks on the controlling terminal ({@code /dev/tty}), never on the application's standard input, which may be
 * the agent's own input. One question at a time; only {@code y} or {@code yes} approves, typed after the question
 * appeared (earlier keystrokes are discarded). A JVM without a terminal denies every request, saying so.
 */
final class ConsoleChannel implements ApprovalChannel {

    private final Path terminal;
    private final BlockingQueue<Question> questions = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile String unavailable;
    private PrintStream out;
    private Thread asker;

    private record Question(ApprovalRequest request, CompletableFuture<ApprovalVerdict> answer) {}

    ConsoleChannel(Path terminal) {
        this.terminal = terminal;
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public synchronized CompletableFuture<ApprovalVerdict> submit(ApprovalRequest request) {
        CompletableFuture<ApprovalVerdict> answer = new CompletableFuture<>();
        if (asker == null && unavailable == null) {
            open();
        }
        if (unavailable != null) {
            answer.complete(ApprovalVerdict.denied("console", unavailable));
        } else {
            questions.add(new Question(request, answer));
        }
        return answer;
    }

    private void open() {
        try {
            FileInputStream in = new FileInputStream(terminal.toFile());
            out = new PrintStream(new FileOutputStream(terminal.toFile()), true, StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> readLines(in), "toolgate-console-reader");
            reader.setDaemon(true);
            reader.start();
            asker = new Thread(this::askInTurn, "toolgate-console-approval");
            asker.setDaemon(true);
            asker.start();
        } catch (IOException | SecurityException e) {
            unavailable = "console approval needs a terminal, and " + terminal + " cannot be opened (" + e.getMessage()
                    + "); this JVM has no controlling terminal (a service, a container or CI). Use the webhook or"
                    + " endpoint approval channel instead";
        }
    }

    private void readLines(FileInputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            unavailable = "the terminal " + terminal + " stopped answering (" + e.getMessage() + ")";
        }
    }

    private void askInTurn() {
        while (true) {
            Question question;
            try {
                question = questions.take();
            } catch (InterruptedException e) {
                return;
            }
            if (question.answer().isDone()) {
                continue;
            }
            ask(question);
        }
    }

    private void ask(Question question) {
        ApprovalRequest request = question.request();
        Caller caller = request.call().caller();
        lines.clear();
        out.println();
        out.println("[toolgate] approval needed " + request.id());
        out.println(
                "  agent:   " + caller.agentId() + "   role: " + caller.role() + "   session: " + caller.sessionId());
        out.println("  tool:    " + request.call().tool().name() + "   risk: "
                + request.risk().wireName());
        out.println("  params:  " + ApprovalJson.params(request.call()));
        out.println("  reason:  " + request.reason());
        Duration left = Duration.between(Instant.now(), request.expiresAt());
        out.print("Approve this call? [y/N] (" + Math.max(0, left.toSeconds()) + " s) ");
        out.flush();
        try {
            String line = left.isNegative() ? null : lines.poll(left.toMillis(), TimeUnit.MILLISECONDS);
            if (question.answer().isDone()) {
                out.println("\n[toolgate] request " + request.id() + " was withdrawn");
            } else if (line == null) {
                out.println("\n[toolgate] no answer: denied");
                question.answer().complete(ApprovalVerdict.timedOut("no answer on the console in time"));
            } else {
                boolean approved =
                        line.trim().equalsIgnoreCase("y") || line.trim().equalsIgnoreCase("yes");
                String who = "console:" + System.getProperty("user.name", "unknown");
                out.println(approved ? "[toolgate] approved" : "[toolgate] denied");
                question.answer()
                        .complete(
                                approved
                                        ? ApprovalVerdict.approved(who, "approved on the console", null)
                                        : ApprovalVerdict.denied(who, "denied on the console"));
            }
        } catch (InterruptedException e) {
            question.answer().complete(ApprovalVerdict.denied("console", "the console channel was stopped"));
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void withdraw(ApprovalRequest request) {
        questions.removeIf(question -> question.request() == request);
    }
}
