package brigade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The callbacks' order; real signals are sent to a real process in RestaurantJarIT. */
class InterruptsTest {
  @Test
  void theFirstInterruptRunsFirstAndEveryLaterOneRunsSecond() {
    List<String> calls = new ArrayList<>();
    try (Interrupts ctrlC = Interrupts.install(() -> calls.add("close"), () -> calls.add("stop now"))) {
      assertEquals(0, ctrlC.count());
      ctrlC.interrupt();
      ctrlC.interrupt();
      ctrlC.interrupt();
      assertEquals(3, ctrlC.count());
    }
    assertEquals(List.of("close", "stop now", "stop now"), calls);
  }

  @Test
  void closingTwiceOrNestedHandlersPutThePreviousHandlingBack() {
    List<String> calls = new ArrayList<>();
    Interrupts outer = Interrupts.install(() -> calls.add("outer"), () -> { });
    try (Interrupts inner = Interrupts.install(() -> calls.add("inner"), () -> { })) {
      inner.interrupt();
    }
    outer.interrupt();
    outer.close();
    outer.close();
    assertEquals(List.of("inner", "outer"), calls);
  }
}
