package dev.toolgate.agent.approval;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Adapts a channel the application provides through {@code dev.toolgate.api.spi.ApprovalChannel}. The SPI types
 * live in the application's copy of {@code toolgate-api}, which the agent's own class loader cannot see, so they
 * are reached reflectively. Providers are looked up when the first approval is needed, once the application's
 * class path is complete.
 */
final class SpiChannel implements ApprovalChannel {

    static final String SPI = "dev.toolgate.api.spi.ApprovalChannel";
    private static final String REQUEST = "dev.toolgate.api.spi.ApprovalRequest";

    private final String name;
    private final ExecutorService askers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "toolgate-approval-spi");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Future<?>> running = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Provider provider;

    private record Provider(
            Object channel,
            Method requestApproval,
            Constructor<?> requestConstructor,
            Method approved,
            Method approver,
            Method reason) {}

    SpiChannel(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<ApprovalVerdict> submit(ApprovalRequest request) {
        CompletableFuture<ApprovalVerdict> answer = new CompletableFuture<>();
        Provider found;
        try {
            found = provider();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            answer.complete(ApprovalVerdict.denied(name, e.getMessage()));
            return answer;
        }
        running.put(request.id(), askers.submit(() -> {
            try {
                answer.complete(ask(found, request));
            } catch (Throwable t) {
                Throwable cause = t instanceof InvocationTargetException ? t.getCause() : t;
                answer.complete(ApprovalVerdict.denied(name, "the " + name + " approval channel failed: " + cause));
            } finally {
                running.remove(request.id());
            }
        }));
        return answer;
    }

    @Override
    public void withdraw(ApprovalRequest request) {
        Future<?> asking = running.remove(request.id());
        if (asking != null) {
            asking.cancel(true);
        }
    }

    @Override
    public void close() {
        askers.shutdownNow();
    }

    private ApprovalVerdict ask(Provider found, ApprovalRequest request) throws ReflectiveOperationException {
        Map<String, Object> json = ApprovalJson.asMap(request);
        @SuppressWarnings("unchecked")
        Object spiRequest = found.requestConstructor()
                .newInstance(
                        request.id(),
                        json.get("agent_id"),
                        json.get("role"),
                        json.get("session_id"),
                        json.get("tool"),
                        (Map<String, Object>) json.get("params"),
                        json.get("risk_level"),
                        request.reason(),
                        request.expiresAt(),
                        request.argumentsSha256());
        Object response = found.requestApproval().invoke(found.channel(), spiRequest);
        if (response == null) {
            return ApprovalVerdict.denied(name, "the " + name + " approval channel returned no answer");
        }
        String approver = String.valueOf(found.approver().invoke(response));
        String reason = (String) found.reason().invoke(response);
        return (Boolean) found.approved().invoke(response)
                ? ApprovalVerdict.approved(approver, reason, null)
                : ApprovalVerdict.denied(approver, reason);
    }

    private Provider provider() throws ReflectiveOperationException {
        Provider found = provider;
        if (found != null) {
            return found;
        }
        ClassLoader application = ClassLoader.getSystemClassLoader();
        Class<?> spi;
        try {
            spi = Class.forName(SPI, true, application);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("approval channel '" + name + "' is not built in, and toolgate-api"
                    + " (which defines " + SPI + ") is not on the application class path");
        }
        Method nameOf = spi.getMethod("name");
        List<String> names = new ArrayList<>();
        for (Object channel : ServiceLoader.load(spi, application)) {
            String channelName = String.valueOf(nameOf.invoke(channel));
            names.add(channelName);
            if (channelName.equals(name)) {
                Class<?> requestType = Class.forName(REQUEST, true, application);
                Class<?> responseType =
                        spi.getMethod("requestApproval", requestType).getReturnType();
                found = new Provider(
                        channel,
                        spi.getMethod("requestApproval", requestType),
                        requestType.getConstructor(
                                String.class,
                                String.class,
                                String.class,
                                String.class,
                                String.class,
                                Map.class,
                                String.class,
                                String.class,
                                Instant.class,
                                String.class),
                        responseType.getMethod("approved"),
                        responseType.getMethod("approver"),
                        responseType.getMethod("reason"));
                provider = found;
                return found;
            }
        }
        throw new IllegalStateException("no approval channel named '" + name + "': built in are deny, console,"
                + " webhook and endpoint; channels found through " + SPI + ": " + names);
    }
}
