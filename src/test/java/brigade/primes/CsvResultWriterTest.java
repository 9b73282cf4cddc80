package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.UserError;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvResultWriterTest {
  @TempDir Path dir;

  @Test
  void factorRowsAreExact() {
    StringWriter out = new StringWriter();
    PrimeAlgorithm trial = TrialDivision.INSTANCE;
    long[] numbers = {0, 1, 2, 97, 1024, 1001, 1099726899285419L, 49};
    try (CsvResultWriter w = new CsvResultWriter(out, "test")) {
      long[] buf = new long[PrimeAlgorithm.MAX_FACTORS];
      for (int i = 0; i < numbers.length; i++) {
        int k = trial.factor(numbers[i], buf);
        w.accept(i, numbers[i], k == 1, buf, k);
      }
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
        """, out.toString());
  }

  @Test
  void checkRowsHaveNoFactors() {
    StringWriter out = new StringWriter();
    try (CsvResultWriter w = new CsvResultWriter(out, "test")) {
      w.accept(0, 1, false, new long[0], 0);
      w.accept(1, 112272535095293L, true, new long[0], 0);
    }
    assertEquals("number,prime,factors\n1,false,\n112272535095293,true,\n", out.toString());
  }

  @Test
  void fileIsCreatedUpFrontOrTheErrorIsOneLine() throws Exception {
    Path f = dir.resolve("out.csv");
    try (CsvResultWriter w = CsvResultWriter.create(f)) {
      w.accept(0, 4, false, new long[] {2, 2}, 2);
    }
    assertEquals("number,prime,factors\n4,false,2 2\n", Files.readString(f));
    Path bad = dir.resolve("no/such/dir/out.csv");
    UserError e = assertThrows(UserError.class, () -> CsvResultWriter.create(bad));
    assertTrue(e.getMessage().startsWith("cannot write output file '" + bad + "'"), e.getMessage());
  }
}
