package io.flinkcertify.reports.chart;

import io.flinkcertify.reports.input.VerdictFile.Trend;
import io.flinkcertify.reports.input.VerdictFile.TrendPoint;

import java.util.ArrayList;
import java.util.List;

/** A metric's medians across the baseline history, oldest first, each detected change point a dashed line. */
public final class TrendChart {

    static final double WIDTH = 900;
    static final double HEIGHT = 170;
    static final double LEFT = 60;
    static final double RIGHT = 30;
    static final double TOP = 14;
    static final double BOTTOM = 30;

    public static String render(Trend trend) {
        List<TrendPoint> history = trend.history();
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double[] ticks = Svg.ticks(history.stream().mapToDouble(TrendPoint::median).max().orElse(1), 4);
        double yMax = ticks[ticks.length - 1];
        int last = Math.max(history.size() - 1, 1);
        TimelineChart.Scale x = i -> LEFT + i / last * plotW;
        TimelineChart.Scale y = v -> TOP + plotH - v / yMax * plotH;

        Svg svg = new Svg("chart trend " + Svg.targetClass(trend.target()), WIDTH, HEIGHT,
                trend.metric() + " of " + trend.job() + " on " + trend.target() + " across runs");
        svg.raw("<g class=\"axes\">");
        for (double tick : ticks) {
            svg.line("grid", LEFT, y.at(tick), LEFT + plotW, y.at(tick));
            svg.text("tick", LEFT - 6, y.at(tick) + 4, "end", Svg.shortNumber(tick));
        }
        svg.line("axis", LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
        svg.raw("</g>");
        for (int index : trend.changePoints()) {
            if (index >= 0 && index < history.size()) {
                svg.raw("<g class=\"change-point\" data-index=\"" + index + "\">");
                svg.line("change-line", x.at(index), TOP, x.at(index), TOP + plotH);
                svg.text("change-label", x.at(index) + 3, TOP + 10, "start", "change");
                svg.raw("</g>");
            }
        }
        List<double[]> line = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            line.add(new double[] {x.at(i), y.at(history.get(i).median())});
        }
        svg.polyline("series trend-line", line);
        for (int i = 0; i < history.size(); i++) {
            TrendPoint p = history.get(i);
            svg.circle("pt trend", x.at(i), y.at(p.median()), 3, p.runId() + " (" + p.time() + "): " + Svg.num(p.median()));
            if (i == 0 || i == history.size() - 1) {
                svg.text("tick", x.at(i), TOP + plotH + 16, i == 0 ? "start" : "end", p.runId());
            }
        }
        return svg.end();
    }

    private TrendChart() {}
}
