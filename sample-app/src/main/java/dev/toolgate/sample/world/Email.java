package dev.toolgate.sample.world;

/** A message that left, or would have left, the system. */
public record Email(String to, String subject, String body) {}
