package io.msgsvc.benchmarks;

import io.msgsvc.benchmarks.Rows.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The plots of a run: {@code throughput.png}, {@code scale.png} and {@code latency.png} (XChart). */
final class Charts {
    private Charts() {}

    static void draw(List<Row> rows, Path results) throws Exception {
        Map<String, Map<String, Double>> drain = new LinkedHashMap<>();
        Map<String, Double> scale = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.scenario().equals("drain") && r.metric().equals("throughput")) {
                drain.computeIfAbsent(r.setting(), k -> new LinkedHashMap<>()).put(r.contender(), r.value());
            }
            if (r.scenario().equals("scale") && r.metric().equals("throughput")) {
                scale.put(r.setting(), r.value());
            }
        }
        if (!drain.isEmpty()) {
            CategoryChart chart = new CategoryChartBuilder()
                    .width(900)
                    .height(520)
                    .title("Drain throughput, same PostgreSQL, same run (higher is better)")
                    .xAxisTitle("contender")
                    .yAxisTitle("deliveries (executions) per second")
                    .build();
            style(chart);
            List<String> categories = new ArrayList<>(List.of("raw JDBC floor", "db-scheduler", "msgsvc"));
            if (drain.values().stream().anyMatch(m -> m.containsKey(BenchmarkMain.MSGSVC_ISOLATED))) {
                categories.add(BenchmarkMain.MSGSVC_ISOLATED);
            }
            for (var e : drain.entrySet()) {
                chart.addSeries(
                        "PostgreSQL " + e.getKey(),
                        categories,
                        categories.stream()
                                .map(c -> e.getValue().getOrDefault(c, 1.0))
                                .toList());
            }
            BitmapEncoder.saveBitmap(
                    chart, results.resolve("throughput.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        }
        if (!scale.isEmpty()) {
            CategoryChart chart = new CategoryChartBuilder()
                    .width(700)
                    .height(450)
                    .title("msgsvc engines on one database, PostgreSQL durable")
                    .xAxisTitle("")
                    .yAxisTitle("deliveries per second")
                    .build();
            style(chart);
            chart.addSeries("deliveries/s", new ArrayList<>(scale.keySet()), new ArrayList<>(scale.values()));
            BitmapEncoder.saveBitmap(chart, results.resolve("scale.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        }
        Map<String, Map<String, Double>> latency = new LinkedHashMap<>();
        for (Row r : rows) {
            if ((r.scenario().equals("scheduling latency") || r.scenario().equals("dashboard freshness"))) {
                latency.computeIfAbsent(r.metric(), k -> new LinkedHashMap<>()).put(r.scenario(), r.value());
            }
        }
        if (!latency.isEmpty()) {
            CategoryChart chart = new CategoryChartBuilder()
                    .width(800)
                    .height(450)
                    .title("msgsvc latency, one engine, PostgreSQL durable (lower is better)")
                    .xAxisTitle("")
                    .yAxisTitle("milliseconds")
                    .build();
            style(chart);
            chart.getStyler().setYAxisDecimalPattern("#,##0.0");
            List<String> categories = List.of("scheduling latency", "dashboard freshness");
            for (var e : latency.entrySet()) {
                chart.addSeries(
                        e.getKey(),
                        categories,
                        categories.stream()
                                .map(c -> e.getValue().getOrDefault(c, 0.0))
                                .toList());
            }
            BitmapEncoder.saveBitmap(chart, results.resolve("latency.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static void style(CategoryChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    }
}
