package brigade.primes;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

/**
 * Hands a job's results to a slow {@link ResultSink} (the CSV file) on an I/O executor, so formatting and writing
 * never run on the coordinator's thread. At most {@code capacity} batches wait: a writer that falls further behind
 * holds the coordinator back (memory stays bounded). Batches reach the sink in the order given, so the file is
 * always an in-order prefix. A write that fails stops the writer and calls {@code onFailure} once (the session stops
 * the job: what was computed is still reported); later batches are dropped, and {@link #drain} throws the failure.
 */
final class AsyncSink implements ResultSink {
  private static final Object END = new Object();

  private final ResultSink sink;
  private final Runnable onFailure;
  private final BlockingQueue<Object> queue;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile RuntimeException failure;
  private volatile long writeNanos; // written by the writer only

  private record Failed(long firstIndex, long[] numbers, String error) {}

  AsyncSink(ResultSink sink, Executor io, int capacity, Runnable onFailure) {
    this.sink = sink;
    this.onFailure = onFailure;
    this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
    io.execute(this::write);
  }

  private void write() {
    try {
      for (Object item; (item = queue.take()) != END; ) {
        if (failure != null) continue; // drain without writing: the job is failing anyway
        long start = System.nanoTime();
        try {
          if (item instanceof ResultBatch b) {
            sink.accept(b);
          } else {
            Failed f = (Failed) item;
            sink.failed(f.firstIndex(), f.numbers(), f.error());
          }
        } catch (RuntimeException e) {
          failure = e;
          onFailure.run();
        }
        writeNanos += System.nanoTime() - start;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      done.countDown();
    }
  }

  @Override
  public void accept(ResultBatch results) {
    enqueue(results);
  }

  @Override
  public void failed(long firstIndex, long[] numbers, String error) {
    enqueue(new Failed(firstIndex, numbers.clone(), error));
  }

  private void enqueue(Object item) {
    if (failure != null) return; // the output is broken: the job is being stopped, and drain says why
    try {
      queue.put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing results", e);
    }
  }

  /** Time the writer spent writing, in ns; final once {@link #drain} has returned. */
  long writeNanos() {
    return writeNanos;
  }

  /**
   * Waits until everything handed over is written; call once, after the job. Does not close the sink.
   *
   * @throws RuntimeException the write failure, if a write failed
   */
  void drain() {
    try {
      queue.put(END);
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing results", e);
    }
    RuntimeException f = failure;
    if (f != null) throw f;
  }
}
