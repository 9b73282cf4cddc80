package brigade.primes;

import brigade.UserError;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
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

  private final Writer out;
  private final String name;
  private final StringBuilder line = new StringBuilder(64);
  private long rows;

  public CsvResultWriter(Writer out, String name) {
    this.out = out;
    this.name = name;
    write(HEADER + "\n");
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
      Writer w = new java.io.OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8);
      return new CsvResultWriter(new BufferedWriter(w, 1 << 16), file.toString());
    } catch (IOException e) {
      throw new UserError("cannot write output file '" + file + "': "
          + (e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage()));
    }
  }

  @Override
  public void accept(long index, long number, boolean prime, long[] factors, int factorCount) {
    line.setLength(0);
    line.append(number).append(',').append(prime).append(',');
    for (int i = 0; i < factorCount; i++) {
      if (i > 0) line.append(' ');
      line.append(factors[i]);
    }
    line.append('\n');
    write(line);
    rows++;
  }

  @Override
  public void failed(long firstIndex, long[] numbers, String error) {
    for (long n : numbers) {
      line.setLength(0);
      line.append(n).append(",failed,\n");
      write(line);
      rows++;
    }
  }

  /** Rows written so far (the header not counted). */
  public long rows() {
    return rows;
  }

  /** Pushes everything written so far to the file (used when a run is interrupted). */
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write output file '" + name + "': " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write output file '" + name + "': " + e.getMessage(), e);
    }
  }

  private void write(CharSequence s) {
    try {
      out.append(s);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write output file '" + name + "': " + e.getMessage(), e);
    }
  }
}
