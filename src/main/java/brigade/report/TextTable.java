package brigade.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for human-readable reports: a header row, aligned columns, numbers right-aligned.
 * <pre>
 *   TextTable t = new TextTable("worker", "batches", "busy ms");
 *   t.row("worker-1", 12, 830);
 *   out.print(t);
 * </pre>
 */
public final class TextTable {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  public TextTable(String... header) {
    this.columns = header.length;
    rows.add(header);
  }

  public TextTable row(Object... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
    }
    String[] r = new String[columns];
    for (int i = 0; i < columns; i++) r[i] = cells[i] == null ? "" : String.valueOf(cells[i]);
    rows.add(r);
    return this;
  }

  @Override
  public String toString() {
    int[] width = new int[columns];
    boolean[] numeric = new boolean[columns];
    java.util.Arrays.fill(numeric, true);
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], r[c].length());
        if (i > 0 && !r[c].isEmpty() && !r[c].matches("[-+]?[0-9.,]+[%x]?")) numeric[c] = false;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        if (c > 0) line.append("  ");
        String cell = r[c];
        String pad = " ".repeat(width[c] - cell.length());
        line.append(numeric[c] && i > 0 ? pad + cell : cell + pad);
      }
      sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
      if (i == 0) {
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < columns; c++) rule.append(c > 0 ? "  " : "").append("-".repeat(width[c]));
        sb.append(rule).append(System.lineSeparator());
      }
    }
    return sb.toString();
  }
}
