package brigade.primes;

import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Reads a {@link NumberSource} ahead on an I/O executor (a dispatcher for blocking work, never an actor's thread), a
 * chunk at a time, at most {@code chunksAhead} chunks ahead: the coordinator's {@link #read} then only copies numbers
 * that are already parsed, so reading and parsing a file never holds up dispatching and collecting batches, and
 * memory stays bounded for any input. The source is read, and closed, by the reader alone.
 *
 * <p>A failure of the source (an unreadable file, a bad line) is rethrown by the {@link #read} that reaches it, in
 * input order, so what came before it is still answered.
 */
final class PrefetchingSource implements NumberSource {
  /** Numbers a chunk holds: a few batches' worth, so one queue hand-over serves many reads. */
  static final int CHUNK = 8192;
  private static final Object END = new Object();

  private final NumberSource source;
  private final BlockingQueue<Object> chunks;
  private final CountDownLatch readerDone = new CountDownLatch(1);
  private volatile boolean closed;
  private volatile long readNanos; // written by the reader only
  private long[] chunk;
  private int chunkLength;
  private int at;
  private boolean ended;

  private record Failure(RuntimeException error) {}

  private record Chunk(long[] numbers, int length) {}

  PrefetchingSource(NumberSource source, Executor io, int chunksAhead) {
    this.source = source;
    this.chunks = new ArrayBlockingQueue<>(Math.max(1, chunksAhead) + 1);
    io.execute(this::readAhead);
  }

  private void readAhead() {
    try {
      while (!closed) {
        long[] buf = new long[CHUNK];
        long start = System.nanoTime();
        int n = source.read(buf);
        readNanos += System.nanoTime() - start;
        if (n <= 0) {
          put(END);
          return;
        }
        put(new Chunk(buf, n));
      }
    } catch (RuntimeException e) {
      try {
        put(new Failure(e));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        source.close();
      } finally {
        readerDone.countDown();
      }
    }
  }

  /** Waits for room, giving up once the consumer has closed this source. */
  private void put(Object item) throws InterruptedException {
    while (!closed) {
      if (chunks.offer(item, 50, TimeUnit.MILLISECONDS)) return;
    }
  }

  @Override
  public OptionalLong size() {
    return source.size();
  }

  @Override
  public int read(long[] buf) {
    if (ended) return 0;
    if (at == chunkLength && !next()) return 0;
    int n = Math.min(buf.length, chunkLength - at);
    System.arraycopy(chunk, at, buf, 0, n);
    at += n;
    return n;
  }

  private boolean next() {
    Object item;
    try {
      item = chunks.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the input", e);
    }
    if (item instanceof Failure f) {
      ended = true;
      throw f.error();
    }
    if (item == END) {
      ended = true;
      return false;
    }
    Chunk c = (Chunk) item;
    chunk = c.numbers();
    chunkLength = c.length();
    at = 0;
    return true;
  }

  /** Time the reader spent reading and parsing the input, in ns; final once {@link #close} has returned. */
  long readNanos() {
    return readNanos;
  }

  /** Stops the reader (it closes the source) and waits for it, so the file is closed when this returns. */
  @Override
  public void close() {
    closed = true;
    chunks.clear();
    try {
      readerDone.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
