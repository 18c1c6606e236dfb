//! Benchmark of building the bundled example in every layout and paper size: wall time
//! per build, median of many after a warm-up, peak resident memory and PDF size.
//!
//! "cold" builds start with an empty photo cache, as a one-off `brochure build` does;
//! "warm" builds find the photos prepared, as every document after the first of a mail
//! merge does. Run with `cargo bench --bench build` (`BENCH_RUNS` sets the count).
//! Goals: fact sheet ≤ 10 ms, brochure ≤ 60 ms, ≤ 32 MiB.

use std::path::Path;
use std::time::{Duration, Instant};

use brochure::build::{self, LayoutKind};
use brochure::image::PhotoCache;
use brochure::layout::Paper;
use brochure::pdf;

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1e3
}

/// Peak resident set size of this process in KiB (Linux), if known.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// One whole build in memory: load, lay out, write. Returns the PDF size.
fn build_once(path: &Path, kind: LayoutKind, paper: Paper) -> (usize, Duration) {
    let t0 = Instant::now();
    let (content, mut ts) = build::load(path).expect("example loads");
    let doc = build::layout(&content, kind, paper, &mut ts).expect("example lays out");
    let bytes = pdf::write(&doc, &ts.fonts).expect("PDF writes");
    (bytes.len(), t0.elapsed())
}

fn main() {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/japan-heart-cambodia.yaml"
    ));
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let cache = PhotoCache::global();
    println!("layout      paper      cold ms   warm ms   PDF KiB");
    for kind in LayoutKind::ALL {
        for paper in [Paper::A4, Paper::Letter] {
            let (mut cold, mut warm) = (Vec::new(), Vec::new());
            let mut size = 0;
            for i in 0..runs + 2 {
                cache.clear();
                let (s, t) = build_once(path, kind, paper);
                let (_, w) = build_once(path, kind, paper);
                size = s;
                if i >= 2 {
                    cold.push(t);
                    warm.push(w);
                }
            }
            println!(
                "{:<11} {:<9} {:>8.2} {:>9.2} {:>9}",
                kind.name(),
                paper.name(),
                median(cold),
                median(warm),
                size.div_ceil(1024)
            );
        }
    }
    if let Some(kib) = peak_rss_kib() {
        println!("peak resident memory: {:.1} MiB", kib as f64 / 1024.0);
    }
}
