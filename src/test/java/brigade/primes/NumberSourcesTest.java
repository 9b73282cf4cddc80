package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberSourcesTest {
  @TempDir Path dir;

  /** Reads a whole source with a small buffer, so chunk boundaries are exercised. */
  static long[] readAll(NumberSource source) {
    java.util.ArrayList<Long> all = new java.util.ArrayList<>();
    long[] buf = new long[3];
    try (source) {
      for (int n; (n = source.read(buf)) > 0; ) for (int i = 0; i < n; i++) all.add(buf[i]);
    }
    return all.stream().mapToLong(Long::longValue).toArray();
  }

  private Path file(String content) throws IOException {
    Path f = dir.resolve("numbers.txt");
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void onlyAFileIsReadFromStorageSoOnlyAFileIsReadAheadOnAnIoThread() throws IOException {
    assertTrue(NumberSources.file(file("97\n")).readsStorage());
    assertFalse(NumberSources.reference().readsStorage());
    assertFalse(NumberSources.of("two", 97, 98).readsStorage());
    assertFalse(NumberSources.range(1, 100).readsStorage());
    assertFalse(NumberSources.random(10, 20_000, 100_000, 1).readsStorage());
  }

  @Test
  void fileSkipsBlankLinesAndCommentsAndToleratesSpacesAndCrlf() throws IOException {
    Path f = file("\uFEFF# the reference numbers\r\n\r\n  97  \r\n\t1001\t# a comment after a number\r\n"
        + "   \n0\n+5\n9223372036854775807\r\n# done");
    NumberSources.Input in = NumberSources.file(f);
    assertEquals(5, in.count());
    assertArrayEquals(new long[] {97, 1001, 0, 5, Long.MAX_VALUE}, readAll(in.open()));
    // Opened again (the baseline re-reads): the same numbers.
    assertArrayEquals(new long[] {97, 1001, 0, 5, Long.MAX_VALUE}, readAll(in.open()));
    assertEquals(5, in.sample(100).length);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "-5                   | file '%s' line 3: '-5' is negative; expected a whole number from 0 to 2^63-1 (9223372036854775807) on each line (blank lines and # comments are skipped)",
    "9223372036854775808  | file '%s' line 3: '9223372036854775808' is larger than 2^63-1; expected a whole number from 0 to 2^63-1 (9223372036854775807) on each line (blank lines and # comments are skipped)",
    "12abc                | file '%s' line 3: '12abc' is not a whole number; expected a whole number from 0 to 2^63-1 (9223372036854775807) on each line (blank lines and # comments are skipped)",
    "1.5                  | file '%s' line 3: '1.5' is not a whole number; expected a whole number from 0 to 2^63-1 (9223372036854775807) on each line (blank lines and # comments are skipped)",
    "97 1001              | file '%s' line 3: '97 1001' is not a whole number; expected a whole number from 0 to 2^63-1 (9223372036854775807) on each line (blank lines and # comments are skipped)",
  })
  void badLineIsOneExactLineWithLineNumberAndValue(String bad, String expected) throws IOException {
    Path f = file("# header\n7\n  " + bad + "  \r\n11\n");
    UserError e = assertThrows(UserError.class, () -> NumberSources.file(f));
    assertEquals(String.format(expected, f), e.getMessage());
  }

  @Test
  void badLineFarDownIsFoundBeforeAnyWork() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 100_000; i++) sb.append(i).append('\n');
    sb.append("oops\n");
    Path f = file(sb.toString());
    UserError e = assertThrows(UserError.class, () -> NumberSources.file(f));
    assertTrue(e.getMessage().contains("line 100001: 'oops'"), e.getMessage());
  }

  @Test
  void missingEmptyAndBinaryFilesAreOneLineErrors() throws IOException {
    Path missing = dir.resolve("nope.txt");
    assertEquals("cannot read numbers file '" + missing + "': no such file",
        assertThrows(UserError.class, () -> NumberSources.file(missing)).getMessage());
    Path empty = file("# nothing here\n\n");
    assertTrue(assertThrows(UserError.class, () -> NumberSources.file(empty)).getMessage().contains("holds no numbers"));
    Path binary = dir.resolve("bin");
    Files.write(binary, new byte[] {'1', '\n', (byte) 0xff, (byte) 0xfe, '\n'});
    assertTrue(assertThrows(UserError.class, () -> NumberSources.file(binary)).getMessage().contains("not a UTF-8"));
    assertTrue(assertThrows(UserError.class, () -> NumberSources.file(dir)).getMessage().contains("directory"));
  }

  @Test
  void rangeIsInclusiveAndLazy() {
    NumberSources.Input r = NumberSources.range(" 5..9 ");
    assertEquals(5, r.count());
    assertArrayEquals(new long[] {5, 6, 7, 8, 9}, readAll(r.open()));
    assertArrayEquals(new long[] {5, 7, 9}, r.sample(3));
    NumberSources.Input top = NumberSources.range("9223372036854775806..9223372036854775807");
    assertArrayEquals(new long[] {Long.MAX_VALUE - 1, Long.MAX_VALUE}, readAll(top.open()));
    // A huge range costs nothing until read.
    assertEquals(10_000_000_000L, NumberSources.range("1..10000000000").count());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "1-10        | range '1-10' is not of the form A..B (e.g. 1..1000000)",
    "1..2..3     | range '1..2..3' is not of the form A..B (e.g. 1..1000000)",
    "10..1       | range '10..1' is empty: expected A..B with A <= B",
    "-1..10      | range '-1..10': '-1' is negative; expected A..B with A and B whole numbers from 0 to 2^63-1 (9223372036854775807) and A <= B",
    "1..x        | range '1..x': 'x' is not a whole number; expected A..B with A and B whole numbers from 0 to 2^63-1 (9223372036854775807) and A <= B",
    "..5         | range '..5': '' is empty; expected A..B with A and B whole numbers from 0 to 2^63-1 (9223372036854775807) and A <= B",
    "1..9223372036854775808 | range '1..9223372036854775808': '9223372036854775808' is larger than 2^63-1; expected A..B with A and B whole numbers from 0 to 2^63-1 (9223372036854775807) and A <= B",
  })
  void badRangeIsOneExactLine(String text, String expected) {
    assertEquals(expected, assertThrows(UserError.class, () -> NumberSources.range(text)).getMessage());
  }

  @Test
  void randomIsSeededInRangeAndRepeatable() {
    NumberSources.Input in = NumberSources.random(1000, 20_000, 100_000_000, 3);
    long[] a = readAll(in.open());
    assertEquals(1000, a.length);
    assertArrayEquals(a, readAll(in.open()));
    for (long n : a) assertTrue(n >= 20_000 && n <= 100_000_000, "out of range: " + n);
    assertTrue(java.util.Arrays.stream(a).distinct().count() > 990);
    long[] other = readAll(NumberSources.random(1000, 20_000, 100_000_000, 4).open());
    assertTrue(!java.util.Arrays.equals(a, other));
    // The full 63-bit range and a one-number range work (no overflow at the top).
    for (long n : readAll(NumberSources.random(1000, 0, Long.MAX_VALUE, 1).open())) assertTrue(n >= 0);
    for (long n : readAll(NumberSources.random(10, Long.MAX_VALUE, Long.MAX_VALUE, 1).open())) {
      assertEquals(Long.MAX_VALUE, n);
    }
  }

  @Test
  void argumentsAreValidatedLikeFileLines() {
    assertArrayEquals(new long[] {97, 1001}, readAll(NumberSources.arguments(List.of("97", "1001")).open()));
    assertEquals("number argument 2 'x7' is not a whole number; expected a whole number from 0 to 2^63-1 (9223372036854775807)",
        assertThrows(UserError.class, () -> NumberSources.arguments(List.of("97", "x7"))).getMessage());
  }

  @Test
  void referenceNumbersAreTheSix() {
    assertArrayEquals(new long[] {112272535095293L, 112582705942171L, 112272535095293L, 115280095190773L,
        115797848077099L, 1099726899285419L}, readAll(NumberSources.reference().open()));
  }
}
