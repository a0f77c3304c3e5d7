package dev.toolgate.sample.world;

import java.util.ArrayList;
import java.util.List;

/** Mail the agent sent. Nothing is delivered; the list is the proof that sending happened. */
public final class Outbox {

    private final List<Email> sent = new ArrayList<>();

    public synchronized void send(Email email) {
        sent.add(email);
    }

    public synchronized List<Email> sent() {
        return List.copyOf(sent);
    }
}
