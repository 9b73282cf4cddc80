package brigade.primes;

import brigade.UserError;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * The inputs of a `primes` job. Each {@link Input} can be opened more than once (the sequential baseline reads
 * the same numbers again) and every {@link NumberSource} it opens is lazy: ranges and random numbers are
 * generated on the fly and files are streamed, so no input is ever held in memory whole.
 */
public final class NumberSources {
  /** The six reference numbers of the classic lesson: the first five are prime, the last 3306091 x 332636609. */
  public static final List<Long> REFERENCE =
      List.of(112272535095293L, 112582705942171L, 112272535095293L, 115280095190773L, 115797848077099L,
          1099726899285419L);

  static final String ALLOWED = "a whole number from 0 to 2^63-1 (" + Long.MAX_VALUE + ")";

  private NumberSources() {}

  /** A job's input: re-openable, with a known size and a small sample spread across it (for estimates). */
  public interface Input {
    /** Human-readable: "range 1..100", "10,000 random numbers in [20000, 100000000] (seed 1)". */
    String description();

    /** How many numbers {@link #open} yields. */
    long count();

    /** A fresh lazy source over all the numbers, from the first. */
    NumberSource open();

    /** Up to {@code max} numbers drawn across the whole input (not just its start), for time estimates. */
    long[] sample(int max);

    /**
     * Whether {@link #open}'s source reads storage (a file, standard input's copy), so that a job reads it ahead on
     * an I/O thread. Numbers held in memory or drawn at random are not: handing them across threads would cost a
     * job more (a parked thread woken at every pass's start) than taking them where they are needed.
     */
    default boolean readsStorage() {
      return false;
    }
  }

  /** Fixed numbers given on the command line (or the reference six). */
  public static Input of(String description, long... numbers) {
    long[] copy = numbers.clone();
    return new Input() {
      @Override
      public String description() {
        return description;
      }

      @Override
      public long count() {
        return copy.length;
      }

      @Override
      public NumberSource open() {
        return NumberSource.of(copy);
      }

      @Override
      public long[] sample(int max) {
        return spread(copy.length, max, i -> copy[(int) i]);
      }
    };
  }

  public static Input reference() {
    return of("the six reference numbers", REFERENCE.stream().mapToLong(Long::longValue).toArray());
  }

  /**
   * Numbers given as command-line arguments, validated like file lines.
   *
   * @throws UserError naming the argument and its value
   */
  public static Input arguments(List<String> args) {
    long[] numbers = new long[args.size()];
    for (int i = 0; i < numbers.length; i++) {
      String problem = problem(args.get(i).trim());
      if (problem != null) {
        throw new UserError("number argument " + (i + 1) + " '" + args.get(i) + "' " + problem + "; expected " + ALLOWED);
      }
      numbers[i] = Long.parseLong(args.get(i).trim());
    }
    return of(numbers.length + (numbers.length == 1 ? " number" : " numbers") + " from the command line", numbers);
  }

  /**
   * Every number from {@code first} to {@code last}, inclusive, as written {@code A..B}.
   *
   * @throws UserError when the text is not {@code A..B} with 0 <= A <= B <= 2^63-1
   */
  public static Input range(String text) {
    String t = text.trim();
    int dots = t.indexOf("..");
    if (dots < 0 || t.indexOf("..", dots + 2) >= 0) {
      throw new UserError("range '" + text + "' is not of the form A..B (e.g. 1..1000000)");
    }
    String a = t.substring(0, dots).trim();
    String b = t.substring(dots + 2).trim();
    for (String end : List.of(a, b)) {
      String problem = problem(end);
      if (problem != null) {
        throw new UserError("range '" + text + "': '" + end + "' " + problem + "; expected A..B with A and B "
            + ALLOWED.replace("a whole number", "whole numbers") + " and A <= B");
      }
    }
    long first = Long.parseLong(a);
    long last = Long.parseLong(b);
    if (first > last) throw new UserError("range '" + text + "' is empty: expected A..B with A <= B");
    if (first == 0 && last == Long.MAX_VALUE) {
      throw new UserError("range '" + text + "' holds 2^63 numbers, one too many: start it at 1 or end it at 2^63-2");
    }
    return range(first, last);
  }

  public static Input range(long first, long last) {
    if (first < 0 || first > last || last - first == Long.MAX_VALUE) {
      throw new IllegalArgumentException("bad range " + first + ".." + last);
    }
    long count = last - first + 1;
    return new Input() {
      @Override
      public String description() {
        return "range " + first + ".." + last;
      }

      @Override
      public long count() {
        return count;
      }

      @Override
      public NumberSource open() {
        return new GeneratedSource(count) {
          @Override
          long at(long i) {
            return first + i;
          }
        };
      }

      @Override
      public long[] sample(int max) {
        return spread(count, max, i -> first + i);
      }
    };
  }

  /**
   * {@code count} numbers drawn uniformly from [min, max] by a generator seeded with {@code seed}: the same
   * seed gives the same numbers, in every run and every time the input is opened.
   */
  public static Input random(long count, long min, long max, long seed) {
    if (count < 0 || min < 0 || min > max) throw new IllegalArgumentException("bad random input");
    return new Input() {
      @Override
      public String description() {
        return String.format(java.util.Locale.ROOT, "%,d random %s in [%d, %d] (seed %d)", count,
            count == 1 ? "number" : "numbers", min, max, seed);
      }

      @Override
      public long count() {
        return count;
      }

      @Override
      public NumberSource open() {
        SplittableRandom random = new SplittableRandom(seed);
        return new GeneratedSource(count) {
          @Override
          long at(long i) {
            return draw(random, min, max);
          }
        };
      }

      @Override
      public long[] sample(int max2) {
        // The draws are independent and identically distributed: the first ones are a fair sample.
        SplittableRandom random = new SplittableRandom(seed);
        long[] out = new long[(int) Math.min(count, max2)];
        for (int i = 0; i < out.length; i++) out[i] = draw(random, min, max);
        return out;
      }
    };
  }

  static long draw(SplittableRandom random, long min, long max) {
    if (max < Long.MAX_VALUE) return random.nextLong(min, max + 1);
    if (min > 0) return random.nextLong(min - 1, max) + 1;
    return random.nextLong() & Long.MAX_VALUE; // [0, 2^63-1]
  }

  /** The file name that means standard input, as for most command-line tools. */
  public static final String STDIN = "-";

  /**
   * The numbers in a text file, one per line. The file is validated whole first (so a bad line stops the run
   * before any work starts) and then streamed again each time it is opened. {@code -} is standard input; it, and
   * any other input that cannot be read twice (a pipe, {@code /dev/stdin}, a process substitution), is read once,
   * validated as it streams, and kept in a temporary file that the job reads (deleted when the JVM exits).
   *
   * @throws UserError for an unreadable file or a bad line (naming the line number and the value)
   */
  public static Input file(Path path) {
    boolean stdin = path.toString().equals(STDIN);
    Path readFrom = path;
    NumberFileReader.Scan scan;
    String name = stdin ? "standard input" : "file " + path;
    if (stdin || (Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path))) {
      readFrom = spoolFile();
      try (InputStream in = stdin ? System.in : Files.newInputStream(path)) {
        scan = NumberFileReader.validateOnce(stdin ? "standard input" : "file '" + path + "'", in, readFrom);
      } catch (java.io.IOException e) {
        throw new UserError("cannot read numbers file '" + path + "': " + e.getMessage());
      }
    } else {
      scan = NumberFileReader.validate(path);
    }
    Path source = readFrom;
    return new Input() {
      @Override
      public String description() {
        return String.format(java.util.Locale.ROOT, "%s (%,d %s)", name, scan.count(),
            scan.count() == 1 ? "number" : "numbers");
      }

      @Override
      public long count() {
        return scan.count();
      }

      @Override
      public NumberSource open() {
        return whole(NumberFileReader.open(source, scan.count()), scan.count(), source);
      }

      @Override
      public boolean readsStorage() {
        return true;
      }

      @Override
      public long[] sample(int max) {
        long[] s = scan.sample();
        return s.length <= max ? s.clone() : Arrays.copyOf(s, max);
      }
    };
  }

  /**
   * {@code source}, failing at its end if it did not hold the {@code count} numbers it held when checked: a file
   * cut (or grown) between the passes is an error, never a run reported complete with numbers missing.
   */
  private static NumberSource whole(NumberSource source, long count, Path path) {
    return new NumberSource() {
      long read;

      @Override
      public java.util.OptionalLong size() {
        return source.size();
      }

      @Override
      public int read(long[] buf) {
        int n = source.read(buf);
        read += n;
        if (n <= 0 && read != count) {
          throw new java.io.UncheckedIOException(new java.io.IOException("file '" + path
              + "' changed while being read: it held " + count + " numbers when checked, now " + read));
        }
        return n;
      }

      @Override
      public void close() {
        source.close();
      }
    };
  }

  private static Path spoolFile() {
    try {
      Path spool = Files.createTempFile("brigade-input-", ".txt");
      spool.toFile().deleteOnExit();
      return spool;
    } catch (java.io.IOException e) {
      throw new UserError("cannot create a temporary file to keep a copy of the input in "
          + System.getProperty("java.io.tmpdir") + ": " + e.getMessage());
    }
  }

  /** Why {@code text} is not a number in [0, 2^63-1], or null if it is one. */
  static String problem(String text) {
    if (text.isEmpty()) return "is empty";
    int start = text.charAt(0) == '+' ? 1 : 0;
    boolean negative = text.charAt(0) == '-';
    if (negative) start = 1;
    if (start == text.length()) return "is not a whole number";
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') return "is not a whole number";
    }
    if (negative) {
      return text.chars().skip(1).allMatch(c -> c == '0') ? null : "is negative";
    }
    try {
      Long.parseLong(text);
      return null;
    } catch (NumberFormatException e) {
      return "is larger than 2^63-1";
    }
  }

  private static long[] spread(long count, int max, java.util.function.LongUnaryOperator at) {
    int n = (int) Math.min(count, max);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      // Evenly spaced positions across the input, first and last included.
      long pos = n == 1 ? 0 : (long) ((double) (count - 1) * i / (n - 1));
      out[i] = at.applyAsLong(pos);
    }
    return out;
  }

  /** A source whose i-th number is computed on demand. */
  private abstract static class GeneratedSource implements NumberSource {
    private final long count;
    private long next;

    GeneratedSource(long count) {
      this.count = count;
    }

    abstract long at(long i);

    @Override
    public OptionalLong size() {
      return OptionalLong.of(count);
    }

    @Override
    public int read(long[] buf) {
      int n = (int) Math.min(buf.length, count - next);
      for (int i = 0; i < n; i++) buf[i] = at(next++);
      return n;
    }
  }
}
