package brigade.primes;

import brigade.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * The String-based reader that {@link NumberFileReader} replaced, kept verbatim as the oracle of the tests:
 * the byte-level one must read every file to the same numbers, sample and messages.
 *
 * <p>Reads a numbers file: one whole number in [0, 2^63-1] per line (UTF-8). Blank lines and {@code #} comments
 * (whole-line or after the number) are skipped; spaces and tabs around a number and Windows line endings
 * (CRLF) are tolerated. Anything else is an error naming the file, the line number and the value.
 *
 * <p>Files are read twice, both times streaming: {@link #validate} checks every line before the job starts,
 * {@link #open} then feeds the job. Memory stays bounded whatever the file size.
 */
final class ReferenceNumberFileReader {
  /** Numbers kept (by reservoir sampling) from the validation pass, for estimating the work. */
  static final int SAMPLE_SIZE = NumberFileReader.SAMPLE_SIZE;

  private ReferenceNumberFileReader() {}

  /** What the validation pass found: how many numbers, and a uniform sample of them. */
  record Scan(long count, long[] sample) {}

  /**
   * Checks the whole file.
   *
   * @throws UserError if the file cannot be read, holds a bad line, or holds no numbers
   */
  static Scan validate(Path path) {
    long count = 0;
    long[] reservoir = new long[SAMPLE_SIZE];
    SplittableRandom random = new SplittableRandom(path.toString().hashCode());
    try (BufferedReader in = reader(path)) {
      long lineNo = 0;
      for (String line; (line = in.readLine()) != null; ) {
        lineNo++;
        String text = numberText(line, lineNo);
        if (text == null) continue;
        String problem = NumberSources.problem(text);
        if (problem != null) {
          throw new UserError("file '" + path + "' line " + lineNo + ": '" + printable(text) + "' " + problem
              + "; expected " + NumberSources.ALLOWED + " on each line (blank lines and # comments are skipped)");
        }
        long n = Long.parseLong(text);
        if (count < SAMPLE_SIZE) {
          reservoir[(int) count] = n;
        } else {
          long j = random.nextLong(count + 1);
          if (j < SAMPLE_SIZE) reservoir[(int) j] = n;
        }
        count++;
      }
    } catch (IOException e) {
      throw cannotRead(path, e);
    }
    if (count == 0) {
      throw new UserError("file '" + path + "' holds no numbers (only blank lines or # comments): give at least one");
    }
    return new Scan(count, java.util.Arrays.copyOf(reservoir, (int) Math.min(count, SAMPLE_SIZE)));
  }

  /** A lazy source over a file already checked by {@link #validate} and holding {@code count} numbers. */
  static NumberSource open(Path path, long count) {
    BufferedReader in;
    try {
      in = reader(path);
    } catch (IOException e) {
      throw cannotRead(path, e);
    }
    return new NumberSource() {
      long lineNo;

      @Override
      public OptionalLong size() {
        return OptionalLong.of(count);
      }

      @Override
      public int read(long[] buf) {
        int n = 0;
        try {
          while (n < buf.length) {
            String line = in.readLine();
            if (line == null) break;
            String text = numberText(line, ++lineNo);
            if (text == null) continue;
            String problem = NumberSources.problem(text);
            if (problem != null) {
              // Only if the file changed between the two passes.
              throw new UncheckedIOException(new IOException(
                  "file '" + path + "' changed while being read: line " + lineNo + " '" + printable(text) + "' " + problem));
            }
            buf[n++] = Long.parseLong(text);
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read file '" + path + "': " + e.getMessage(), e);
        }
        return n;
      }

      @Override
      public void close() {
        try {
          in.close();
        } catch (IOException ignored) {
          // nothing left to read from it
        }
      }
    };
  }

  /** The number's text on a line, or null for a line to skip. */
  static String numberText(String line, long lineNo) {
    String s = line;
    if (lineNo == 1 && !s.isEmpty() && s.charAt(0) == '\uFEFF') s = s.substring(1); // UTF-8 byte order mark
    int hash = s.indexOf('#');
    if (hash >= 0) s = s.substring(0, hash);
    s = s.strip(); // spaces, tabs, and the \r of a CRLF line ending
    return s.isEmpty() ? null : s;
  }

  private static BufferedReader reader(Path path) throws IOException {
    if (Files.isDirectory(path)) throw new IOException("it is a directory");
    // Strict decoding: a binary file is reported, not read as garbage numbers.
    return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(path),
        StandardCharsets.UTF_8.newDecoder()), 1 << 16);
  }

  private static UserError cannotRead(Path path, IOException e) {
    String why;
    if (e instanceof NoSuchFileException) why = "no such file";
    else if (e instanceof AccessDeniedException) why = "permission denied";
    else if (e instanceof CharacterCodingException) why = "it is not a UTF-8 text file";
    else why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new UserError("cannot read numbers file '" + path + "': " + why);
  }

  /** Bad values are quoted in a one-line message: keep them short and free of control characters. */
  private static String printable(String s) {
    String t = s.replaceAll("\\p{Cntrl}", "?");
    return t.length() > 40 ? t.substring(0, 37) + "..." : t;
  }
}
