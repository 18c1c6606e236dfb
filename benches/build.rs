//! Benchmark of building the bundled example: wall time per build (median of many,
//! after a warm-up), peak resident memory of the process and PDF size.
//!
//! Run with `cargo bench --bench build`. Goals: fact sheet ≤ 10 ms, brochure ≤ 60 ms,
//! ≤ 32 MiB. Photos are prepared afresh in every build, as a one-off build would.

use std::path::Path;
use std::time::{Duration, Instant};

use brochure::build::{self, LayoutKind};
use brochure::layout::Paper;
use brochure::pdf;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Peak resident set size of this process in KiB (Linux), if known.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/japan-heart-cambodia.yaml"
    ));
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let jobs = LayoutKind::ALL
        .iter()
        .flat_map(|&k| [(k, Paper::A4), (k, Paper::Letter)]);
    for (kind, paper) in jobs {
        let mut full = Vec::with_capacity(runs);
        let mut layout_only = Vec::with_capacity(runs);
        let mut size = 0;
        for i in 0..runs + 3 {
            let t0 = Instant::now();
            let (content, mut ts) = build::load(path).expect("example loads");
            let t1 = Instant::now();
            let doc = build::layout(&content, kind, paper, &mut ts).expect("example lays out");
            let t2 = Instant::now();
            let bytes = pdf::write(&doc, &ts.fonts).expect("PDF writes");
            let t3 = Instant::now();
            size = bytes.len();
            if i >= 3 {
                full.push(t3 - t0);
                layout_only.push(t2 - t1);
            }
        }
        println!(
            "{} {}: build median {:.2} ms (layout {:.2} ms), PDF {} KiB, {} runs",
            kind.name(),
            paper.name(),
            median(full).as_secs_f64() * 1e3,
            median(layout_only).as_secs_f64() * 1e3,
            size.div_ceil(1024),
            runs
        );
    }
    if let Some(kib) = peak_rss_kib() {
        println!("peak resident memory: {:.1} MiB", kib as f64 / 1024.0);
    }
}
