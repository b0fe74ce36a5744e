package dev.p21bridge.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyedLanesTest {

    private final KeyedLanes lanes = new KeyedLanes(4, "test-lane");

    @AfterEach
    void stop() {
        lanes.close();
    }

    @Test
    void shouldNeverRunTwoTasksOfOneKeyAtOnceAndKeepTheirOrder() throws InterruptedException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(60);
        for (int i = 0; i < 60; i++) {
            int index = i;
            String key = i % 3 == 0 ? "other:" + i : "xcart:1";
            lanes.submit(key, () -> {
                if (key.equals("xcart:1")) {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    order.add(index);
                    Thread.onSpinWait();
                    running.decrementAndGet();
                }
                done.countDown();
            });
        }

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mostAtOnce.get()).isEqualTo(1);
        assertThat(order).isSorted().hasSize(40);
        // a lane is dropped just after its last task returns, so wait for it rather than race it
        Await.until("every lane dropped", Duration.ofSeconds(5), () -> lanes.activeKeys() == 0);
    }

    @Test
    void shouldRunTasksOfDifferentKeysAtTheSameTime() throws InterruptedException {
        CyclicBarrier allFourAtOnce = new CyclicBarrier(4);
        CountDownLatch met = new CountDownLatch(4);
        for (String key : List.of("xcart:1", "xcart:2", "clarity:1", "clarity:2")) {
            lanes.submit(key, () -> {
                try {
                    allFourAtOnce.await(5, TimeUnit.SECONDS);
                    met.countDown();
                } catch (Exception e) {
                    // the barrier broke: the keys did not run concurrently
                }
            });
        }

        assertThat(met.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldGoOnWithALaneAfterATaskFails() throws InterruptedException {
        CountDownLatch second = new CountDownLatch(1);
        lanes.submit("k", () -> {
            throw new IllegalStateException("boom");
        });
        lanes.submit("k", second::countDown);

        assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
