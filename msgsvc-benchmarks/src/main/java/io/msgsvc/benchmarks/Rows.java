package io.msgsvc.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results of a run as rows, and as the markdown table and the CSV file they are written to. */
final class Rows {
    /** One line of the results: scenario, setting, contender, metric, value, unit. */
    record Row(String scenario, String setting, String contender, String metric, double value, String unit) {}

    private Rows() {}

    static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder(
                "| scenario | setting | contender | metric | value | unit |\n" + "|---|---|---|---|---:|---|\n");
        for (Row r : rows) {
            String value = r.unit().equals("ratio")
                    ? String.format(Locale.ROOT, "%.2f", r.value())
                    : r.unit().equals("s") || r.unit().equals("ms") || r.unit().equals("%")
                            ? String.format(Locale.ROOT, "%.1f", r.value())
                            : String.format(Locale.ROOT, "%,.0f", r.value());
            sb.append("| ")
                    .append(String.join(" | ", r.scenario(), r.setting(), r.contender(), r.metric(), value, r.unit()))
                    .append(" |\n");
        }
        return sb.toString();
    }

    static String csv(List<Row> rows) {
        StringBuilder csv = new StringBuilder("scenario,setting,contender,metric,value,unit\n");
        for (Row r : rows) {
            csv.append(String.join(
                            ",",
                            r.scenario(),
                            r.setting(),
                            r.contender(),
                            r.metric(),
                            String.format(Locale.ROOT, "%.3f", r.value()),
                            r.unit()))
                    .append('\n');
        }
        return csv.toString();
    }

    /** The rows of CSV files this program wrote; a later file's row replaces an earlier one of the same key. */
    static List<Row> readCsv(String files) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String file : files.split(",")) {
            List<String> lines = Files.readAllLines(Path.of(file));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                rows.removeIf(r -> r.scenario().equals(f[0])
                        && r.setting().equals(f[1])
                        && r.contender().equals(f[2])
                        && r.metric().equals(f[3]));
                rows.add(new Row(f[0], f[1], f[2], f[3], Double.parseDouble(f[4]), f[5]));
            }
        }
        return rows;
    }
}
