package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.UserError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvResultWriterTest {
  @TempDir Path dir;

  @Test
  void factorRowsAreExact() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long[] numbers = {0, 1, 2, 97, 1024, 1001, 1099726899285419L, 49};
    try (CsvResultWriter w = new CsvResultWriter(out, "test")) {
      // two batches, as the coordinator hands them over
      w.accept(factored(0, Arrays.copyOfRange(numbers, 0, 5)));
      w.accept(factored(5, Arrays.copyOfRange(numbers, 5, 8)));
      w.failed(8, new long[] {12, 13}, "boom");
      assertEquals(10, w.rows());
    }
    assertEquals("""
        number,prime,factors
        0,false,
        1,false,
        2,true,2
        97,true,97
        1024,false,2 2 2 2 2 2 2 2 2 2
        1001,false,7 11 13
        1099726899285419,false,3306091 332636609
        49,false,7 7
        12,failed,
        13,failed,
        """, out.toString(StandardCharsets.US_ASCII));
  }

  @Test
  void checkRowsHaveNoFactors() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvResultWriter w = new CsvResultWriter(out, "test")) {
      w.accept(ResultBatch.checked(0, new long[] {1, 112272535095293L}, new boolean[] {false, true}));
    }
    assertEquals("number,prime,factors\n1,false,\n112272535095293,true,\n", out.toString(StandardCharsets.US_ASCII));
  }

  @Test
  void fileIsCreatedUpFrontOrTheErrorIsOneLine() throws Exception {
    Path f = dir.resolve("out.csv");
    try (CsvResultWriter w = CsvResultWriter.create(f)) {
      w.accept(factored(0, new long[] {4}));
    }
    assertEquals("number,prime,factors\n4,false,2 2\n", Files.readString(f));
    Path bad = dir.resolve("no/such/dir/out.csv");
    UserError e = assertThrows(UserError.class, () -> CsvResultWriter.create(bad));
    assertTrue(e.getMessage().startsWith("cannot write output file '" + bad + "'"), e.getMessage());
  }

  @Test
  void manyRowsAndLongRowsSurviveTheBuffer() {
    // More than the 64 KiB buffer, and the longest possible rows (2^62: 62 factors of 2).
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long[] numbers = new long[20_000];
    for (int i = 0; i < numbers.length; i++) numbers[i] = i % 7 == 0 ? 1L << 62 : Long.MAX_VALUE - i;
    StringBuilder expected = new StringBuilder("number,prime,factors\n");
    long[] buf = new long[PrimeAlgorithm.MAX_FACTORS];
    for (long n : numbers) {
      int k = FastAlgorithm.INSTANCE.factor(n, buf);
      expected.append(n).append(',').append(k == 1 && buf[0] == n).append(',');
      for (int j = 0; j < k; j++) expected.append(j > 0 ? " " : "").append(buf[j]);
      expected.append('\n');
    }
    try (CsvResultWriter w = new CsvResultWriter(out, "test")) {
      for (int from = 0; from < numbers.length; from += 3000) {
        long[] part = Arrays.copyOfRange(numbers, from, Math.min(numbers.length, from + 3000));
        int[] counts = new int[part.length];
        w.accept(ResultBatch.factored(from, part, BatchCompute.factor(FastAlgorithm.INSTANCE, part, counts), counts));
      }
    }
    assertEquals(expected.toString(), out.toString(StandardCharsets.US_ASCII));
  }

  private static ResultBatch factored(long firstIndex, long[] numbers) {
    int[] counts = new int[numbers.length];
    long[] factors = BatchCompute.factor(TrialDivision.INSTANCE, numbers, counts);
    return ResultBatch.factored(firstIndex, numbers, factors, counts);
  }
}
