package dev.toolgate.e2e.apps.paths;

/** Implemented with a concrete type, so the compiler adds a bridge method that must not be gated twice. */
public interface GenericTool<T> {
    T call(T input);
}
