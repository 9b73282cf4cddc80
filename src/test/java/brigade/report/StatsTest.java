package brigade.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void oddCountMedianIsTheMiddleValue() {
    Stats s = Stats.of(5, 1, 9, 3, 7);
    assertEquals(5, s.median());
    assertEquals(1, s.min());
    assertEquals(9, s.max());
    assertEquals(5, s.n());
  }

  @Test
  void evenCountMedianIsTheMeanOfTheTwoMiddleValues() {
    Stats s = Stats.of(10, 2, 4, 8);
    assertEquals(6, s.median());
    assertEquals(2, s.min());
    assertEquals(10, s.max());
  }

  @Test
  void singleValueIsMedianMinAndMax() {
    Stats s = Stats.of(3.5);
    assertEquals(3.5, s.median());
    assertEquals(3.5, s.min());
    assertEquals(3.5, s.max());
    assertEquals("3.50", s.format(2));
  }

  @Test
  void formatShowsMedianWithMinToMax() {
    assertEquals("2.00 (1.00–4.00)", Stats.of(1, 2, 4).format(2));
  }

  @Test
  void noValuesGiveNothingToQuote() {
    Stats s = Stats.of();
    assertEquals(0, s.n());
    assertEquals("-", s.format(1));
  }

  @Test
  void nanValuesAreSkipped() {
    Stats s = Stats.of(Double.NaN, 4, 2);
    assertEquals(2, s.n());
    assertEquals(3, s.median());
  }
}
