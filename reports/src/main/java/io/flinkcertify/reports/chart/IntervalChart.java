package io.flinkcertify.reports.chart;

import java.util.List;

/**
 * Side-by-side figures of one metric: a row per job (or fault kind) x target, a bar to the median, a whisker from the lowest to
 * the highest trial and a dot per trial, coloured by target so YARN and Kubernetes read apart at a glance.
 */
public final class IntervalChart {

    /**
     * @param label   what the row is besides its target (the job, or the fault kind in a job's chart)
     * @param samples every trial's value (a dot each); may be just the median when that is all there is
     */
    public record Row(String label, String target, double median, double low, double high, List<Double> samples) {}

    static final double WIDTH = 900;
    static final double ROW = 26;
    static final double LEFT = 260;
    static final double RIGHT = 90;
    static final double TOP = 10;
    static final double BOTTOM = 26;

    public static String render(String metric, String unit, List<Row> rows) {
        double max = rows.stream().mapToDouble(r -> Math.max(r.high(), r.median())).max().orElse(1);
        double[] ticks = Svg.ticks(max, 6);
        double xMax = ticks[ticks.length - 1];
        double plotW = WIDTH - LEFT - RIGHT;
        double height = TOP + rows.size() * ROW + BOTTOM;
        TimelineChart.Scale x = v -> LEFT + v / xMax * plotW;

        Svg svg = new Svg("chart interval", WIDTH, height, metric + " by target");
        svg.raw("<g class=\"axes\">");
        for (double tick : ticks) {
            svg.line("grid", x.at(tick), TOP, x.at(tick), height - BOTTOM);
            svg.text("tick", x.at(tick), height - BOTTOM + 16, "middle", Svg.shortNumber(tick));
        }
        svg.text("axis-label", WIDTH - RIGHT + 6, height - BOTTOM + 16, "start", unit);
        svg.raw("</g>");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double y = TOP + i * ROW;
            double mid = y + ROW / 2;
            String target = Svg.targetClass(r.target());
            svg.text("row-label", LEFT - 8, mid + 4, "end", r.label() + " · " + r.target());
            svg.raw("<g class=\"row " + target + "\" data-target=\"").raw(io.flinkcertify.reports.html.Html.escape(r.target()))
                    .raw("\" data-median=\"").raw(Svg.num(r.median())).raw("\">");
            svg.rect("bar pt", LEFT, y + 5, x.at(r.median()) - LEFT, ROW - 10, "",
                    r.target() + " median " + Svg.num(r.median()) + " " + unit + " (" + Svg.num(r.low()) + " to "
                            + Svg.num(r.high()) + ", " + r.samples().size() + " trial(s))");
            svg.line("whisker", x.at(r.low()), mid, x.at(r.high()), mid);
            svg.line("whisker-end", x.at(r.low()), mid - 5, x.at(r.low()), mid + 5);
            svg.line("whisker-end", x.at(r.high()), mid - 5, x.at(r.high()), mid + 5);
            for (double s : r.samples()) {
                svg.circle("sample", x.at(s), mid, 2.4, null);
            }
            svg.text("value", x.at(Math.max(r.high(), r.median())) + 6, mid + 4, "start", Svg.shortNumber(r.median()));
            svg.raw("</g>");
        }
        return svg.end();
    }

    private IntervalChart() {}
}
