package io.flinkcertify.reports.chart;

import io.flinkcertify.reports.html.Html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SVG writer: numbers in one fixed format whatever the machine's locale (the report is compared byte for
 * byte between generations), text always escaped.
 */
public final class Svg {

    private final StringBuilder sb = new StringBuilder();

    public Svg(String cssClass, double width, double height, String label) {
        sb.append("<svg class=\"").append(cssClass).append("\" viewBox=\"0 0 ").append(num(width)).append(' ')
                .append(num(height)).append("\" width=\"").append(num(width)).append("\" height=\"").append(num(height))
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(label)).append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    }

    public static String num(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    public Svg raw(String element) {
        sb.append(element);
        return this;
    }

    public Svg line(String cssClass, double x1, double y1, double x2, double y2) {
        sb.append("<line class=\"").append(cssClass).append("\" x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1))
                .append("\" x2=\"").append(num(x2)).append("\" y2=\"").append(num(y2)).append("\"/>");
        return this;
    }

    public Svg rect(String cssClass, double x, double y, double w, double h, String attributes, String title) {
        sb.append("<rect class=\"").append(cssClass).append("\" x=\"").append(num(x)).append("\" y=\"").append(num(y))
                .append("\" width=\"").append(num(Math.max(w, 0))).append("\" height=\"").append(num(Math.max(h, 0)))
                .append('"').append(attributes);
        closeWithTitle("rect", title);
        return this;
    }

    public Svg circle(String cssClass, double cx, double cy, double r, String title) {
        sb.append("<circle class=\"").append(cssClass).append("\" cx=\"").append(num(cx)).append("\" cy=\"")
                .append(num(cy)).append("\" r=\"").append(num(r)).append('"');
        closeWithTitle("circle", title);
        return this;
    }

    public Svg polyline(String cssClass, List<double[]> xy) {
        List<String> pairs = new ArrayList<>();
        xy.forEach(p -> pairs.add(num(p[0]) + "," + num(p[1])));
        sb.append("<polyline class=\"").append(cssClass).append("\" points=\"").append(String.join(" ", pairs)).append("\"/>");
        return this;
    }

    public Svg text(String cssClass, double x, double y, String anchor, String text) {
        sb.append("<text class=\"").append(cssClass).append("\" x=\"").append(num(x)).append("\" y=\"").append(num(y))
                .append("\" text-anchor=\"").append(anchor).append("\">").append(Html.escape(text)).append("</text>");
        return this;
    }

    private void closeWithTitle(String element, String title) {
        if (title == null) {
            sb.append("/>");
        } else {
            // a title child is the browser's own tooltip: hover shows the figure without any script
            sb.append("><title>").append(Html.escape(title)).append("</title></").append(element).append('>');
        }
    }

    public String end() {
        return sb.append("</svg>").toString();
    }

    /** Round numbers for an axis from 0 to at least {@code max}: about {@code count} steps of 1, 2 or 5 x 10^n. */
    public static double[] ticks(double max, int count) {
        double top = max <= 0 ? 1 : max;
        double raw = top / count;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        int n = (int) Math.ceil(top / step - 1e-9);
        double[] ticks = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            ticks[i] = i * step;
        }
        return ticks;
    }

    /** A figure short enough for an axis label: 12k, 1.5M. */
    public static String shortNumber(double v) {
        if (Math.abs(v) >= 1_000_000) {
            return num(v / 1_000_000) + "M";
        }
        if (Math.abs(v) >= 1_000) {
            return num(v / 1_000) + "k";
        }
        return num(v);
    }

    /** One colour per target, the same in every chart; YARN warm, Kubernetes cool. */
    public static String targetClass(String target) {
        if (target == null) {
            return "t-other";
        }
        if (target.contains("yarn")) {
            return "t-yarn";
        }
        if (target.contains("k8s") || target.contains("k3s") || target.contains("kube")) {
            return "t-k8s";
        }
        return "t-other";
    }
}
