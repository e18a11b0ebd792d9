package io.flinkcertify.reports.chart;

import io.flinkcertify.reports.timeline.Timeline;
import io.flinkcertify.reports.timeline.Timeline.FaultWindow;
import io.flinkcertify.reports.timeline.Timeline.Point;

import java.util.ArrayList;
import java.util.List;

/**
 * A deployment's timeline: records/s (left axis) and completed checkpoints (right axis) over seconds since
 * deployment, each fault window shaded and labelled with its kind and victim, and the recovery time drawn as a
 * bracket from the injection. Every plotted figure is an element with class {@code pt} (tests count them).
 */
public final class TimelineChart {

    static final double WIDTH = 900;
    static final double HEIGHT = 230;
    static final double LEFT = 60;
    static final double RIGHT = 50;
    static final double TOP = 34;
    static final double BOTTOM = 30;

    /** The chart and, under it, the legend of its fault windows: number, kind, victim, window, recovery. */
    public static String render(Timeline t) {
        return chart(t) + legend(t);
    }

    static String legend(Timeline t) {
        if (t.faults().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n<ol class=\"fault-legend\">");
        for (FaultWindow f : t.faults()) {
            sb.append("<li><b>").append(attr(f.kind())).append("</b> of ").append(attr(f.victim())).append(", ")
                    .append(Svg.num(f.from())).append(" s to ").append(Svg.num(f.to())).append(" s · ")
                    .append(f.recoverySeconds().map(r -> "recovered after " + Svg.num(r) + " s")
                            .orElse("no recovery seen in the record")).append("</li>");
        }
        return sb.append("</ol>").toString();
    }

    private static String chart(Timeline t) {
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double[] xTicks = Svg.ticks(t.end(), 10);
        double xMax = xTicks[xTicks.length - 1];
        double[] rateTicks = Svg.ticks(t.maxRate(), 4);
        double rateMax = rateTicks[rateTicks.length - 1];
        double[] ckTicks = Svg.ticks(Math.max(t.maxCheckpoints(), 1), 4);
        double ckMax = ckTicks[ckTicks.length - 1];
        Scale x = v -> LEFT + v / xMax * plotW;
        Scale yRate = v -> TOP + plotH - v / rateMax * plotH;
        Scale yCk = v -> TOP + plotH - v / ckMax * plotH;

        Svg svg = new Svg("chart timeline", WIDTH, HEIGHT, "timeline of " + t.job() + " on " + t.target() + ", deployment " + t.run());
        svg.raw("<g class=\"axes\">");
        for (double tick : rateTicks) {
            svg.line("grid", LEFT, yRate.at(tick), LEFT + plotW, yRate.at(tick));
            svg.text("tick", LEFT - 6, yRate.at(tick) + 4, "end", Svg.shortNumber(tick));
        }
        for (double tick : ckTicks) {
            svg.text("tick ck", LEFT + plotW + 6, yCk.at(tick) + 4, "start", Svg.num(tick));
        }
        for (double tick : xTicks) {
            svg.text("tick", x.at(tick), TOP + plotH + 16, "middle", Svg.num(tick) + "s");
        }
        svg.line("axis", LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
        svg.text("axis-label rate-label", LEFT, TOP - 22, "start", "records/s");
        svg.text("axis-label ck-label", LEFT + plotW, TOP - 22, "end", "checkpoints completed");
        svg.raw("</g>");

        for (int i = 0; i < t.faults().size(); i++) {
            FaultWindow f = t.faults().get(i);
            double x0 = x.at(f.from());
            // a kill is instantaneous (reverted as it is injected): still a visible band
            double w = Math.max(x.at(f.to()) - x0, 3);
            svg.raw("<g class=\"fault\" data-kind=\"").raw(attr(f.kind())).raw("\" data-victim=\"").raw(attr(f.victim()))
                    .raw("\" data-from=\"").raw(Svg.num(f.from())).raw("\" data-to=\"").raw(Svg.num(f.to())).raw("\">");
            svg.rect("fault-window", x0, TOP, w, plotH, "", (i + 1) + ". " + f.kind() + " of " + f.victim() + ": "
                    + Svg.num(f.from()) + " s to " + Svg.num(f.to()) + " s");
            // neighbouring windows are often seconds apart: labels take turns over three rows, the victim's full
            // name is in the legend under the chart (and the window's tooltip)
            svg.text("fault-label", x0 + 2, TOP + 11 + (i % 3) * 12, "start", (i + 1) + " " + f.kind());
            int row = i;
            f.recoverySeconds().ifPresent(r -> {
                double y = TOP + plotH - 6 - (row % 2) * 14;
                double x1 = x.at(f.from() + r);
                svg.raw("<g class=\"recovery\" data-seconds=\"").raw(Svg.num(r)).raw("\">");
                svg.line("recovery-line", x0, y, x1, y);
                svg.line("recovery-tick", x1, y - 4, x1, y + 4);
                svg.text("recovery-label", x1 + 3, y - 2, "start", Svg.num(r) + " s");
                svg.raw("</g>");
            });
            svg.raw("</g>");
        }

        List<double[]> rate = new ArrayList<>();
        List<double[]> checkpoints = new ArrayList<>();
        for (Point p : t.points()) {
            rate.add(new double[] {x.at(p.second()), yRate.at(p.recordsPerSecond())});
            checkpoints.add(new double[] {x.at(p.second()), yCk.at(p.checkpoints())});
        }
        svg.polyline("series ck-line", checkpoints);
        svg.polyline("series rate-line", rate);
        svg.raw("<g class=\"points rate-points\">");
        for (Point p : t.points()) {
            svg.circle("pt rate", x.at(p.second()), yRate.at(p.recordsPerSecond()), 1.6, null);
        }
        svg.raw("</g><g class=\"points ck-points\">");
        for (Point p : t.points()) {
            svg.circle("pt ck", x.at(p.second()), yCk.at(p.checkpoints()), 1.3, null);
        }
        svg.raw("</g>");
        return svg.end();
    }

    private static String attr(String s) {
        return io.flinkcertify.reports.html.Html.escape(s);
    }

    @FunctionalInterface
    interface Scale {
        double at(double v);
    }

    private TimelineChart() {}
}
