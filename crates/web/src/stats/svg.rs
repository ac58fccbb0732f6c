//! Charts drawn on the server as SVG: no script, nothing fetched, readable when printed.

use std::fmt::Write;

/// One line of a chart: a label, a CSS class, and values in hundredths of a percent.
pub struct Series<'a> {
    pub label: &'a str,
    pub class: &'a str,
    pub points: Vec<Option<i64>>,
}

const W: f64 = 640.0;
const H: f64 = 240.0;
const PAD_L: f64 = 40.0;
/// Room right of the last point for half of its label (`09/2026` centred on it).
const PAD_R: f64 = 32.0;
const PAD_B: f64 = 28.0;

fn x_of(i: usize, n: usize) -> f64 {
    let span = W - PAD_L - PAD_R;
    PAD_L + if n <= 1 { span / 2.0 } else { span * i as f64 / (n - 1) as f64 }
}

fn y_of(hundredths: i64) -> f64 {
    let v = (hundredths as f64 / 100.0).clamp(0.0, 100.0);
    (H - PAD_B) - v / 100.0 * (H - PAD_B - 10.0)
}

/// A target drawn as a dashed line across a chart, in the colour of its series.
pub struct Target<'a> {
    pub label: &'a str,
    pub class: &'a str,
    /// Hundredths of a percent.
    pub value: i64,
}

/// A line chart of rates (0–100 %) by month, with `labels` under the x axis and each target
/// as a dashed line of its series' colour.
pub fn rate_chart(title: &str, labels: &[String], series: &[Series<'_>], targets: &[Target<'_>]) -> String {
    let mut s = String::new();
    let _ = write!(s, r#"<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-label="{}">"#, escape(title));
    for pct in [0, 25, 50, 75, 100] {
        let y = y_of(pct * 100);
        let _ = write!(s, r#"<line class="grid" x1="{PAD_L}" y1="{y:.1}" x2="{}" y2="{y:.1}"/>"#, W - 8.0);
        let _ = write!(s, r#"<text class="axis" x="4" y="{:.1}">{pct}%</text>"#, y + 4.0);
    }
    for (i, label) in labels.iter().enumerate() {
        let _ = write!(
            s,
            r#"<text class="axis" x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
            x_of(i, labels.len()),
            H - 8.0,
            escape(label)
        );
    }
    for t in targets {
        let y = y_of(t.value);
        let _ = write!(
            s,
            r#"<line class="target {}" x1="{PAD_L}" y1="{y:.1}" x2="{}" y2="{y:.1}"><title>{}</title></line>"#,
            escape(t.class),
            W - 8.0,
            escape(t.label)
        );
    }
    for line in series {
        let pts: Vec<String> = line
            .points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.map(|v| format!("{:.1},{:.1}", x_of(i, line.points.len()), y_of(v))))
            .collect();
        let _ = write!(
            s,
            r#"<polyline class="{}" points="{}"><title>{}</title></polyline>"#,
            escape(line.class),
            pts.join(" "),
            escape(line.label)
        );
    }
    s.push_str("</svg>");
    s
}

/// Horizontal bars of rates per unit (the ranking).
pub fn bar_chart(title: &str, rows: &[(String, Option<i64>)]) -> String {
    let row_h = 22.0;
    let h = row_h * rows.len().max(1) as f64 + 8.0;
    let mut s = String::new();
    let _ = write!(s, r#"<svg class="chart bars" viewBox="0 0 {W} {h}" role="img" aria-label="{}">"#, escape(title));
    for (i, (label, rate)) in rows.iter().enumerate() {
        let y = 4.0 + row_h * i as f64;
        let width = rate.map_or(0.0, |r| (r as f64 / 10_000.0).clamp(0.0, 1.0) * (W - 220.0));
        let text = rate.map_or("–".to_string(), |r| format!("{},{:02}%", r / 100, (r % 100).abs()));
        let _ = write!(s, r#"<text class="axis" x="0" y="{:.1}">{}</text>"#, y + 15.0, escape(label));
        let _ = write!(s, r#"<rect class="bar" x="140" y="{y:.1}" width="{width:.1}" height="16"/>"#);
        let _ = write!(s, r#"<text class="axis" x="{:.1}" y="{:.1}">{text}</text>"#, 146.0 + width, y + 13.0);
    }
    s.push_str("</svg>");
    s
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_escape_labels() {
        let s = rate_chart(
            "<x>",
            &["10/2025".into()],
            &[Series { label: "a", class: "cases", points: vec![Some(5000)] }],
            &[Target { label: "t", class: "cases", value: 8000 }],
        );
        assert!(s.starts_with("<svg") && s.ends_with("</svg>"));
        assert!(s.contains("&lt;x&gt;") && !s.contains("<x>"));
        assert!(bar_chart("r", &[("<b>".into(), None)]).contains("&lt;b&gt;"));
    }

    /// The dashboard clipped the last month's label: centred on the last point, it now fits,
    /// at about 6.5 px a character of the 11 px axis font.
    #[test]
    fn the_last_label_fits_the_chart() {
        let labels: Vec<String> = (1..=12).map(|m| format!("{:02}/2026", m)).collect();
        let half = labels[11].chars().count() as f64 * 6.5 / 2.0;
        assert!(x_of(11, 12) + half <= W, "{} + {half} > {W}", x_of(11, 12));
        assert!(x_of(0, 12) - half >= 0.0);
    }

    /// Two targets (cases, money) are two lines, each in its series' colour.
    #[test]
    fn each_target_has_its_line() {
        let targets = [
            Target { label: "cases", class: "cases", value: 8000 },
            Target { label: "money", class: "money", value: 4000 },
        ];
        let s = rate_chart("t", &["10/2025".into()], &[], &targets);
        assert_eq!(s.matches(r#"<line class="target "#).count(), 2, "{s}");
        assert!(s.contains(r#"class="target cases""#) && s.contains(r#"class="target money""#));
    }
}
