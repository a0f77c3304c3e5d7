package dev.toolgate.agent.audit.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BoundedMpscQueueTest {

    @Test
    void isBoundedAndFifo() {
        BoundedMpscQueue<Integer> queue = new BoundedMpscQueue<>(5);
        assertEquals(8, queue.capacity(), "rounded up to a power of two");
        for (int i = 0; i < 8; i++) {
            assertTrue(queue.offer(i));
        }
        assertFalse(queue.offer(8), "full: refused at once");
        assertEquals(8, queue.size());
        assertEquals(0, queue.poll());
        assertTrue(queue.offer(8), "room again after a poll");
        for (int i = 1; i <= 8; i++) {
            assertEquals(i, queue.poll());
        }
        assertNull(queue.poll());
        assertTrue(queue.isEmpty());
    }

    @Test
    void manyProducersOneConsumerLoseNothingAndKeepEachProducersOrder() throws Exception {
        BoundedMpscQueue<long[]> queue = new BoundedMpscQueue<>(64);
        int producers = 6;
        int each = 100_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long i = 0; i < each; i++) {
                    long[] item = {producer, i};
                    while (!queue.offer(item)) {
                        Thread.onSpinWait();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        long[] next = new long[producers];
        long received = 0;
        while (received < (long) producers * each) {
            long[] item = queue.poll();
            if (item == null) {
                Thread.onSpinWait();
                continue;
            }
            assertEquals(next[(int) item[0]], item[1], "producer " + item[0] + " out of order");
            next[(int) item[0]]++;
            received++;
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertNull(queue.poll());
        for (long count : next) {
            assertEquals(each, count);
        }
    }
}
