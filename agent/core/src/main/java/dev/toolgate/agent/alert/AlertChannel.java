package dev.toolgate.agent.alert;

import java.io.IOException;

/** Somewhere alerts are delivered: a webhook, a chat, a pager. */
public interface AlertChannel {

    /** For audit events and messages, e.g. {@code webhook https://hooks.example.com/…}. */
    String name();

    /** Delivers one alert, or throws saying why it could not. Called from one thread, never a tool thread. */
    void send(Alert alert) throws IOException;
}
