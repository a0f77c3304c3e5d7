package dev.toolgate.agent.audit.queue;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded, lock-free, multi-producer single-consumer queue: a ring of slots, each with a sequence number
 * (Dmitry Vyukov's bounded queue). Producers claim a position with one CAS and publish the element by advancing
 * the slot's sequence, so an {@link #offer} never blocks and never allocates; when the ring is full it returns
 * false at once and the caller decides how long to wait. Only one thread may call {@link #poll}.
 */
public final class BoundedMpscQueue<E> {

    private final int mask;
    private final AtomicReferenceArray<E> elements;
    /** Per slot: pos when free for the producer of pos, pos + 1 when holding the element of pos. */
    private final AtomicLongArray sequences;

    private final PaddedAtomicLong tail = new PaddedAtomicLong();
    private final PaddedAtomicLong head = new PaddedAtomicLong();

    /** @param capacity rounded up to a power of two */
    public BoundedMpscQueue(int capacity) {
        if (capacity < 2 || capacity > (1 << 30)) {
            throw new IllegalArgumentException("capacity must be between 2 and 2^30, not " + capacity);
        }
        int size = Integer.highestOneBit(capacity - 1) << 1;
        mask = size - 1;
        elements = new AtomicReferenceArray<>(size);
        sequences = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            sequences.set(i, i);
        }
    }

    public int capacity() {
        return mask + 1;
    }

    /** Adds {@code element} unless the queue is full. Safe from any number of threads. */
    public boolean offer(E element) {
        if (element == null) {
            throw new NullPointerException("null element");
        }
        long position = tail.get();
        while (true) {
            int slot = (int) position & mask;
            long difference = sequences.get(slot) - position;
            if (difference == 0) {
                if (tail.compareAndSet(position, position + 1)) {
                    elements.lazySet(slot, element);
                    sequences.lazySet(slot, position + 1);
                    return true;
                }
                position = tail.get();
            } else if (difference < 0) {
                return false;
            } else {
                position = tail.get();
            }
        }
    }

    /** The oldest element, or null when there is none published yet. Only the one consumer thread may call. */
    public E poll() {
        long position = head.get();
        int slot = (int) position & mask;
        if (sequences.get(slot) != position + 1) {
            return null;
        }
        E element = elements.get(slot);
        elements.lazySet(slot, null);
        sequences.lazySet(slot, position + mask + 1);
        head.lazySet(position + 1);
        return element;
    }

    /** The position of the next element {@link #poll} returns. */
    public long headPosition() {
        return head.get();
    }

    /**
     * The element published at {@code position}, or null when none is there yet. Any thread may look: the answer
     * can be stale by the time it returns (the consumer may have taken the element, a producer reused the slot), so
     * a caller must only do what is harmless for whichever element it gets.
     */
    public E peek(long position) {
        int slot = (int) position & mask;
        if (sequences.get(slot) != position + 1) {
            return null;
        }
        return elements.get(slot);
    }

    /** Elements offered and not yet polled; exact only when no thread is changing the queue. */
    public int size() {
        long size = tail.get() - head.get();
        return (int) Math.max(0, Math.min(size, capacity()));
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** Keeps the producers' counter and the consumer's counter off each other's cache line. */
    @SuppressWarnings({"unused", "serial"})
    private static final class PaddedAtomicLong extends java.util.concurrent.atomic.AtomicLong {
        long p1, p2, p3, p4, p5, p6, p7;
    }
}
