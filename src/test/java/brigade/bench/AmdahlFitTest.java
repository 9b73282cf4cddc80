package brigade.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class AmdahlFitTest {
  private static final double[] P = {1, 2, 4, 8, 16, 32};

  private static double[] exact(double s, double[] p) {
    double[] y = new double[p.length];
    for (int i = 0; i < p.length; i++) y[i] = 1 / (s + (1 - s) / p[i]);
    return y;
  }

  @Property(tries = 200)
  void recoversTheSerialFractionOfExactData(@ForAll @DoubleRange(min = 0, max = 1) double s) {
    AmdahlFit fit = AmdahlFit.fit(P, exact(s, P)).orElseThrow();
    assertEquals(s, fit.serialFraction(), 1e-6);
    assertEquals(0, fit.rmse(), 1e-6);
  }

  @Test
  void recoversTheSerialFractionFromNoisyData() {
    Random random = new Random(3);
    double s = 0.08;
    double[] p = {1, 2, 3, 4, 6, 8, 12, 16};
    double[] y = exact(s, p);
    for (int i = 0; i < y.length; i++) y[i] *= 1 + 0.02 * random.nextGaussian();
    AmdahlFit fit = AmdahlFit.fit(p, y).orElseThrow();
    assertEquals(s, fit.serialFraction(), 0.01);
    assertTrue(fit.rmse() > 0);
    assertEquals(1 / fit.serialFraction(), fit.maxSpeedup(), 1e-9);
  }

  @Test
  void twoCoresGiveAFitFromOnePointAboveOne() {
    // 1.9x on 2 cores: 1/1.9 = s + (1-s)/2  =>  s = 2/1.9 - 1
    AmdahlFit fit = AmdahlFit.fit(new double[] {1, 2, 2}, new double[] {1, 1.9, 1.9}).orElseThrow();
    assertEquals(2 / 1.9 - 1, fit.serialFraction(), 1e-6);
    assertEquals(1.9, fit.predict(2), 1e-6);
  }

  @Test
  void speedupBeyondIdealClampsToZeroSerialFraction() {
    AmdahlFit fit = AmdahlFit.fit(new double[] {2, 4}, new double[] {2.2, 4.5}).orElseThrow();
    assertEquals(0, fit.serialFraction(), 1e-9);
    assertEquals(Double.POSITIVE_INFINITY, fit.maxSpeedup());
  }

  @Test
  void noSpeedupAtAllIsAFullySerialJob() {
    AmdahlFit fit = AmdahlFit.fit(new double[] {1, 2, 4}, new double[] {1, 1, 1}).orElseThrow();
    assertEquals(1, fit.serialFraction(), 1e-6);
  }

  @Test
  void onlyOneWorkerSaysNothingAboutTheSerialFraction() {
    assertTrue(AmdahlFit.fit(new double[] {1, 1}, new double[] {0.9, 1.1}).isEmpty());
  }
}
