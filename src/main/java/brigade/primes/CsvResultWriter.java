package brigade.primes;

import brigade.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes per-number results as CSV, in input order, as they complete:
 * <pre>
 * number,prime,factors
 * 0,false,
 * 1,false,
 * 2,true,2
 * 12,false,2 2 3
 * </pre>
 * {@code factors} are ascending, space-separated, with multiplicity; 0 and 1 have none. Check jobs compute
 * no factors, so their {@code factors} column is empty. Numbers of a batch that failed for good get
 * {@code failed} in the {@code prime} column (the error is in the report).
 */
public final class CsvResultWriter implements ResultSink {
  public static final String HEADER = "number,prime,factors";

  private static final byte[] TRUE = ",true,".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = ",false,".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FAILED = ",failed,".getBytes(StandardCharsets.US_ASCII);
  /** A row is at most 20 + 7 + 63 x 20 bytes: flushing when less than this is left means a row always fits. */
  private static final int MAX_ROW = 1 << 11;

  private final OutputStream out;
  private final String name;
  // Rows are formatted straight into bytes (the CSV is ASCII): on a fast job the writer runs once per number
  // on the coordinator's thread, so a StringBuilder and a charset encoder per row would be most of its cost.
  private final byte[] buf = new byte[1 << 16];
  private int used;
  private long rows;

  public CsvResultWriter(OutputStream out, String name) {
    this.out = out;
    this.name = name;
    put((HEADER + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Creates (or truncates) the file now, so an unwritable path is reported before any work starts.
   *
   * @throws UserError if the file cannot be created
   */
  public static CsvResultWriter create(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new UserError("cannot write output file '" + file + "': directory " + parent + " does not exist");
      }
      return new CsvResultWriter(Files.newOutputStream(file), file.toString());
    } catch (IOException e) {
      throw new UserError("cannot write output file '" + file + "': " + brigade.report.IoReason.of(e));
    }
  }


  @Override
  public void accept(ResultBatch results) {
    long[] numbers = results.numbers();
    boolean[] prime = results.prime();
    long[] factors = results.factors();
    int[] counts = results.factorCounts();
    boolean factored = results.job() == Job.FACTOR;
    for (int i = 0, at = 0; i < numbers.length; i++) {
      room();
      putLong(numbers[i]);
      put(prime[i] ? TRUE : FALSE);
      int k = factored ? counts[i] : 0;
      for (int j = 0; j < k; j++) {
        if (j > 0) buf[used++] = ' ';
        putLong(factors[at + j]);
      }
      at += k;
      buf[used++] = '\n';
    }
    rows += numbers.length;
  }

  @Override
  public void failed(long firstIndex, long[] numbers, String error) {
    for (long n : numbers) {
      room();
      putLong(n);
      put(FAILED);
      buf[used++] = '\n';
      rows++;
    }
  }

  /** Rows written so far (the header not counted). */
  public long rows() {
    return rows;
  }

  /** Pushes everything written so far to the file (once the results are complete, or a run is interrupted). */
  @Override
  public void flush() {
    try {
      drain();
      out.flush();
    } catch (IOException e) {
      throw writeFailed(e);
    }
  }

  @Override
  public void close() {
    try (out) {
      drain();
    } catch (IOException e) {
      throw writeFailed(e);
    }
  }

  /** Makes room for one more row. */
  private void room() {
    if (buf.length - used >= MAX_ROW) return;
    try {
      drain();
    } catch (IOException e) {
      throw writeFailed(e);
    }
  }

  private UncheckedIOException writeFailed(IOException e) {
    String what = name.equals("standard output") ? "cannot write to standard output" : "cannot write output file '" + name + "'";
    return new UncheckedIOException(what + ": " + brigade.report.IoReason.of(e), e);
  }

  private void drain() throws IOException {
    if (used > 0) out.write(buf, 0, used);
    used = 0;
  }

  private void put(byte[] bytes) {
    System.arraycopy(bytes, 0, buf, used, bytes.length);
    used += bytes.length;
  }

  /** Appends {@code v >= 0} in decimal. */
  private void putLong(long v) {
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) digits++;
    int end = used + digits;
    for (int p = end - 1; p >= used; p--) {
      buf[p] = (byte) ('0' + v % 10);
      v /= 10;
    }
    used = end;
  }
}
