package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The I/O around a job: the input read ahead, the output written behind, both in order and bounded. */
class ReadAheadAndWriteBehindTest {
  private final ExecutorService io = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    io.shutdownNow();
  }

  /** 0, 1, 2 ... count-1, then (optionally) a failure; remembers whether it was closed. */
  private static final class Counting implements NumberSource {
    final long count;
    final RuntimeException failAtEnd;
    long next;
    final AtomicBoolean closed = new AtomicBoolean();

    Counting(long count, RuntimeException failAtEnd) {
      this.count = count;
      this.failAtEnd = failAtEnd;
    }

    @Override
    public OptionalLong size() {
      return OptionalLong.of(count);
    }

    @Override
    public int read(long[] buf) {
      if (next == count && failAtEnd != null) throw failAtEnd;
      int n = (int) Math.min(buf.length, count - next);
      for (int i = 0; i < n; i++) buf[i] = next++;
      return n;
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void theInputReadAheadArrivesWholeAndInOrderAndIsClosed() {
    Counting source = new Counting(50_000, null);
    PrefetchingSource ahead = new PrefetchingSource(source, io, 2);
    long expected = 0;
    for (long[] batch; (batch = BatchPlan.nextBatch(ahead, 777)) != null; ) {
      for (long n : batch) assertEquals(expected++, n);
    }
    assertEquals(50_000, expected);
    ahead.close();
    assertTrue(source.closed.get());
  }

  @Test
  void aFailureOfTheInputComesAfterEverythingBeforeIt() {
    Counting source = new Counting(20_000, new UncheckedIOException(new java.io.IOException("disk gone")));
    PrefetchingSource ahead = new PrefetchingSource(source, io, 1);
    long read = 0;
    long[] buf = new long[1000];
    UncheckedIOException e = null;
    try {
      for (int n; (n = ahead.read(buf)) > 0; ) read += n;
    } catch (UncheckedIOException thrown) {
      e = thrown;
    }
    assertEquals(20_000, read);
    assertEquals("java.io.IOException: disk gone", e.getMessage());
    ahead.close();
  }

  @Test
  void closingEarlyStopsTheReaderAndClosesTheSource() {
    Counting source = new Counting(Long.MAX_VALUE, null); // endless: only close stops the reader
    PrefetchingSource ahead = new PrefetchingSource(source, io, 2);
    assertEquals(10, ahead.read(new long[10]));
    ahead.close();
    assertTrue(source.closed.get());
  }

  @Test
  void theOutputWrittenBehindKeepsTheOrderAndReportsAWriteFailure() {
    List<Long> written = new ArrayList<>();
    ResultSink slow = results -> written.add(results.firstIndex());
    AsyncSink behind = new AsyncSink(slow, io, 2, () -> { });
    for (int i = 0; i < 100; i++) {
      behind.accept(ResultBatch.checked(i * 2L, new long[] {1, 2}, new boolean[] {false, true}));
    }
    behind.drain();
    assertEquals(100, written.size());
    for (int i = 0; i < 100; i++) assertEquals(i * 2L, written.get(i));

    ResultSink full = results -> {
      throw new UncheckedIOException(new java.io.IOException("No space left on device"));
    };
    java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
    AsyncSink failing = new AsyncSink(full, io, 2, told::incrementAndGet);
    // Later batches are dropped, not thrown at the coordinator: the job is stopped, and what it computed reported.
    for (int i = 0; i < 1000; i++) failing.accept(ResultBatch.checked(i, new long[] {1}, new boolean[] {false}));
    RuntimeException e = assertThrows(RuntimeException.class, failing::drain);
    assertEquals("java.io.IOException: No space left on device", e.getMessage());
    assertEquals(1, told.get(), "the session is told once");
  }
}
