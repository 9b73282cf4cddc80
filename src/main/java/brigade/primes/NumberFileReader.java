package brigade.primes;

import brigade.UserError;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Reads a numbers file: one whole number in [0, 2^63-1] per line (UTF-8). Blank lines and {@code #} comments
 * (whole-line or after the number) are skipped; spaces and tabs around a number and Windows line endings
 * (CRLF) are tolerated. Anything else is an error naming the file, the line number and the value. The format
 * itself is {@link NumberLineScanner}'s.
 *
 * <p>Files are read twice, both times streaming: {@link #validate} checks every line before the job starts,
 * {@link #open} then feeds the job. Memory stays bounded whatever the file size.
 */
public final class NumberFileReader {
  /**
   * Numbers kept (by reservoir sampling) from the validation pass: for estimating the work, and for the pool's
   * warm-up, which should see full-size batches of numbers like the file's (128 KiB).
   */
  static final int SAMPLE_SIZE = 1 << 14;

  private NumberFileReader() {}

  /** What the validation pass found: how many numbers, and a uniform sample of them. */
  public record Scan(long count, long[] sample) {}

  /**
   * Checks the whole file.
   *
   * @throws UserError if the file cannot be read, holds a bad line, or holds no numbers
   */
  public static Scan validate(Path path) {
    return validate(path, NumberLineScanner.DEFAULT_BLOCK_SIZE);
  }

  /** {@link #validate(Path)} reading {@code blockSize} bytes at a time (tests use tiny blocks). */
  static Scan validate(Path path, int blockSize) {
    try {
      return validate("file '" + path + "'", scanner(path, blockSize), path);
    } catch (IOException e) {
      throw cannotRead("file '" + path + "'", e);
    }
  }

  /**
   * Checks a stream that can be read only once (standard input, a pipe), copying every byte to {@code spool} as
   * it goes, so that the job and its baseline read the copy.
   *
   * @param name what error lines call it ("standard input", "file '/dev/fd/63'")
   * @throws UserError if the stream cannot be read, holds a bad line, or holds no numbers, or the copy fails
   */
  public static Scan validateOnce(String name, InputStream in, Path spool) {
    try (OutputStream copy = Files.newOutputStream(spool)) {
      InputStream tee = new FilterInputStream(in) {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          if (n > 0) copy.write(b, off, n);
          return n;
        }

        @Override
        public int read() throws IOException {
          int c = super.read();
          if (c >= 0) copy.write(c);
          return c;
        }
      };
      return validate(name, new NumberLineScanner(tee, NumberLineScanner.DEFAULT_BLOCK_SIZE), spool);
    } catch (IOException e) {
      throw new UserError("cannot keep a copy of " + name + " in " + spool + " to read it again: " + e.getMessage());
    }
  }

  private static Scan validate(String name, NumberLineScanner scanner, Path seed) {
    long count = 0;
    long[] reservoir = new long[SAMPLE_SIZE];
    SplittableRandom random = new SplittableRandom(seed.toString().hashCode());
    long[] chunk = new long[4096];
    try (NumberLineScanner lines = scanner) {
      for (int n; (n = lines.read(chunk, 0, chunk.length)) > 0; ) {
        for (int i = 0; i < n; i++) {
          if (count < SAMPLE_SIZE) {
            reservoir[(int) count] = chunk[i];
          } else {
            long j = random.nextLong(count + 1);
            if (j < SAMPLE_SIZE) reservoir[(int) j] = chunk[i];
          }
          count++;
        }
      }
    } catch (NumberLineScanner.BadLineException bad) {
      throw new UserError(name + " line " + bad.lineNo + ": '" + printable(bad.text) + "' " + bad.problem
          + "; expected " + NumberSources.ALLOWED + " on each line (blank lines and # comments are skipped)");
    } catch (IOException e) {
      throw cannotRead(name, e);
    }
    if (count == 0) {
      throw new UserError(name + " holds no numbers (only blank lines or # comments): give at least one");
    }
    return new Scan(count, java.util.Arrays.copyOf(reservoir, (int) Math.min(count, SAMPLE_SIZE)));
  }

  /** A lazy source over a file already checked by {@link #validate} and holding {@code count} numbers. */
  public static NumberSource open(Path path, long count) {
    return open(path, count, NumberLineScanner.DEFAULT_BLOCK_SIZE);
  }

  /** {@link #open(Path, long)} reading {@code blockSize} bytes at a time (tests use tiny blocks). */
  static NumberSource open(Path path, long count, int blockSize) {
    NumberLineScanner lines;
    try {
      lines = scanner(path, blockSize);
    } catch (IOException e) {
      throw cannotRead("file '" + path + "'", e);
    }
    return new NumberSource() {
      @Override
      public OptionalLong size() {
        return OptionalLong.of(count);
      }

      @Override
      public int read(long[] buf) {
        try {
          return lines.read(buf, 0, buf.length);
        } catch (NumberLineScanner.BadLineException bad) {
          // Only if the file changed between the two passes.
          throw new UncheckedIOException(new IOException("file '" + path + "' changed while being read: line "
              + bad.lineNo + " '" + printable(bad.text) + "' " + bad.problem));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read file '" + path + "': " + e.getMessage(), e);
        }
      }

      @Override
      public void close() {
        try {
          lines.close();
        } catch (IOException ignored) {
          // nothing left to read from it
        }
      }
    };
  }

  private static NumberLineScanner scanner(Path path, int blockSize) throws IOException {
    if (Files.isDirectory(path)) throw new IOException("it is a directory");
    return new NumberLineScanner(Files.newInputStream(path), blockSize);
  }

  private static UserError cannotRead(String name, IOException e) {
    String why;
    if (e instanceof NoSuchFileException) why = "no such file";
    else if (e instanceof AccessDeniedException) why = "permission denied";
    else if (e instanceof CharacterCodingException) why = "it is not a UTF-8 text file";
    else why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new UserError("cannot read numbers " + (name.startsWith("file '") ? name : "from " + name) + ": " + why);
  }

  /** Bad values are quoted in a one-line message: keep them short and free of control characters. */
  private static String printable(String s) {
    String t = s.replaceAll("\\p{Cntrl}", "?");
    return t.length() > 40 ? t.substring(0, 37) + "..." : t;
  }
}
