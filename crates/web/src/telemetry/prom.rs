//! The Prometheus text exposition format (version 0.0.4), the small part THADS needs: counters,
//! gauges and histograms, each family introduced once by `# HELP` and `# TYPE`, label values
//! escaped, histogram buckets cumulative up to `+Inf`, which equals `_count`.

use std::fmt::Write;

use super::{BUCKETS, Histogram};

/// The content type of the format.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// A document being written.
#[derive(Default)]
pub struct Text {
    out: String,
}

impl Text {
    /// Starts the family `name` of `kind` (`counter`, `gauge`, `histogram`).
    pub fn family(&mut self, name: &str, kind: &str, help: &str) {
        let help = help.replace('\\', "\\\\").replace('\n', "\\n");
        let _ = writeln!(self.out, "# HELP {name} {help}\n# TYPE {name} {kind}");
    }

    /// One sample.
    pub fn sample(&mut self, name: &str, labels: &[(&str, &str)], value: f64) {
        self.out.push_str(name);
        write_labels(&mut self.out, labels);
        let _ = writeln!(self.out, " {}", number(value));
    }

    /// The samples of one histogram: cumulative buckets, `+Inf`, sum and count.
    pub fn histogram(&mut self, name: &str, labels: &[(&str, &str)], h: &Histogram) {
        let mut cumulative = 0u64;
        for (bound, n) in BUCKETS.iter().zip(h.counts) {
            cumulative += n;
            let le = number(*bound);
            let mut with_le = labels.to_vec();
            with_le.push(("le", &le));
            self.sample(&format!("{name}_bucket"), &with_le, cumulative as f64);
        }
        let mut with_le = labels.to_vec();
        with_le.push(("le", "+Inf"));
        self.sample(&format!("{name}_bucket"), &with_le, h.count as f64);
        self.sample(&format!("{name}_sum"), labels, h.sum);
        self.sample(&format!("{name}_count"), labels, h.count as f64);
    }

    pub fn finish(self) -> String {
        self.out
    }
}

fn write_labels(out: &mut String, labels: &[(&str, &str)]) {
    if labels.is_empty() {
        return;
    }
    out.push('{');
    for (i, (name, value)) in labels.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(name);
        out.push_str("=\"");
        for c in value.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                '\n' => out.push_str("\\n"),
                c => out.push(c),
            }
        }
        out.push('"');
    }
    out.push('}');
}

/// A value as the format writes it: integers without a fraction, `+Inf`, `-Inf`, `NaN`.
fn number(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "+Inf".into() } else { "-Inf".into() }
    } else {
        format!("{v}")
    }
}

/// Checks `text` (a scrape, in tests) against the format's rules: every line a comment or a sample; a family's
/// `TYPE` once and before its samples; names and label names well formed; label values
/// closed; values numbers; a histogram's buckets non-decreasing, ending in `+Inf` = count.
pub fn lint(text: &str) -> Result<(), String> {
    let name_ok = |n: &str| {
        let mut cs = n.chars();
        cs.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':')
            && cs.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
    };
    let mut typed: std::collections::HashMap<String, String> = Default::default();
    let mut last_bucket: Option<(String, f64)> = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').ok_or(format!("bad TYPE: {line}"))?;
            if typed.insert(name.to_string(), kind.to_string()).is_some() {
                return Err(format!("TYPE twice: {name}"));
            }
            continue;
        }
        if line.starts_with("# HELP ") {
            continue;
        }
        let (series, value) = line.rsplit_once(' ').ok_or(format!("no value: {line}"))?;
        let value: f64 = match value {
            "+Inf" => f64::INFINITY,
            "-Inf" => f64::NEG_INFINITY,
            v => v.parse().map_err(|_| format!("bad value: {line}"))?,
        };
        let (name, labels) = match series.split_once('{') {
            Some((n, l)) => (n, l.strip_suffix('}').ok_or(format!("unclosed labels: {line}"))?),
            None => (series, ""),
        };
        if !name_ok(name) {
            return Err(format!("bad name: {line}"));
        }
        let family = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|s| name.strip_suffix(s).filter(|f| typed.get(*f).is_some_and(|k| k == "histogram")))
            .unwrap_or(name);
        if !typed.contains_key(family) {
            return Err(format!("sample before its TYPE: {line}"));
        }
        // Labels: name="value" pairs, values with escaped quotes.
        let mut rest = labels;
        let mut le = None;
        while !rest.is_empty() {
            let (lname, after) = rest.split_once("=\"").ok_or(format!("bad label: {line}"))?;
            if !name_ok(lname) {
                return Err(format!("bad label name: {line}"));
            }
            let mut end = None;
            let mut escaped = false;
            for (i, c) in after.char_indices() {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let end = end.ok_or(format!("unclosed label value: {line}"))?;
            if lname == "le" {
                le = Some(after[..end].to_string());
            }
            rest = after[end + 1..].strip_prefix(',').unwrap_or(&after[end + 1..]);
        }
        if name.ends_with("_bucket") {
            let key = series.split("le=").next().unwrap_or("").to_string();
            if let Some((k, before)) = &last_bucket
                && *k == key
                && value < *before
            {
                return Err(format!("buckets decrease: {line}"));
            }
            last_bucket = Some((key, value));
            if le.is_none() {
                return Err(format!("bucket without le: {line}"));
            }
        }
        if name.ends_with("_count")
            && let Some((_, inf)) = &last_bucket
            && typed.get(family).is_some_and(|k| k == "histogram")
            && *inf != value
        {
            return Err(format!("+Inf bucket differs from count: {line}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_follows_the_formats_rules() {
        let mut t = Text::default();
        t.family("thads_requests_total", "counter", "Answers\nby class");
        t.sample("thads_requests_total", &[("class", "2xx")], 3.0);
        t.sample("thads_requests_total", &[("class", "a \"quoted\\ value\nhere")], 1.0);
        t.family("thads_latency_seconds", "histogram", "Latency");
        let mut h = Histogram::default();
        for s in [0.0005, 0.02, 0.02, 3.0, 100.0] {
            h.observe(s);
        }
        t.histogram("thads_latency_seconds", &[("route", "/cases/{id}"), ("method", "GET")], &h);
        t.family("thads_start", "gauge", "Start");
        t.sample("thads_start", &[], 1_700_000_000.5);
        let text = t.finish();
        lint(&text).unwrap();
        assert!(text.contains("# HELP thads_requests_total Answers\\nby class\n"), "{text}");
        assert!(text.contains(r#"class="a \"quoted\\ value\nhere""#), "{text}");
        assert!(
            text.contains(r#"thads_latency_seconds_bucket{route="/cases/{id}",method="GET",le="0.001"} 1"#),
            "{text}"
        );
        assert!(text.contains(r#"thads_latency_seconds_bucket{route="/cases/{id}",method="GET",le="0.025"} 3"#));
        assert!(text.contains(r#"thads_latency_seconds_bucket{route="/cases/{id}",method="GET",le="+Inf"} 5"#));
        assert!(text.contains(r#"thads_latency_seconds_count{route="/cases/{id}",method="GET"} 5"#));
        assert!(text.contains("thads_start 1700000000.5\n"));
    }

    #[test]
    fn the_checker_finds_what_breaks_the_rules() {
        assert!(lint("x 1\n").is_err(), "a sample without TYPE");
        assert!(lint("# TYPE x gauge\n# TYPE x gauge\nx 1\n").is_err());
        assert!(lint("# TYPE x gauge\nx{a=\"1} 1\n").is_err());
        assert!(lint("# TYPE 1x gauge\n1x 1\n").is_err());
        assert!(lint("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n").is_err());
        assert!(lint("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n").is_err());
    }
}
