//! The corpus of bad inputs in `tests/bad/`: every case runs the real `brochure`
//! command in a scratch folder and must end with the expected exit code and message,
//! without a panic, a hang, a temporary file left behind, a partial PDF, or any change
//! to an input file.
//!
//! Cases are listed in `tests/bad/cases.yaml` (see the comment at its top). Large and
//! special inputs (a 2.5 GB file, a FIFO, a device, symbolic links, JPEGs with EXIF
//! orientations) are made here at test time, never committed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde::Deserialize;

/// Longest a case may run before it counts as a hang.
const TIMEOUT: Duration = Duration::from_secs(120);

/// Files larger than this are compared by size and time, not read, when checking that
/// inputs are unchanged (the 2.5 GB case is a sparse file).
const HASH_LIMIT: u64 = 64 << 20;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    about: String,
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    edit: Vec<(String, String)>,
    #[serde(default)]
    append: Option<String>,
    #[serde(default)]
    make: Option<String>,
    #[serde(default)]
    files: BTreeMap<String, String>,
    #[serde(default)]
    generate: BTreeMap<String, String>,
    #[serde(default)]
    args: Option<Vec<String>>,
    exit: i32,
    #[serde(default)]
    expect: Vec<String>,
    #[serde(default)]
    stderr_full: bool,
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad")
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(corpus().join("cases.yaml")).expect("read cases.yaml");
    serde_saphyr::from_str(&text).expect("cases.yaml parses")
}

#[test]
fn every_bad_input_fails_cleanly() {
    let cases = cases();
    assert!(cases.len() >= 80, "the corpus has {} cases", cases.len());
    let mut names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names must be unique");

    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                while let Some(case) = cases.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Err(why) = run_case(case) {
                        failures
                            .lock()
                            .unwrap()
                            .push(format!("{} ({}): {why}", case.name, case.about));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// Sets up, runs and checks one case.
fn run_case(case: &Case) -> Result<(), String> {
    let dir =
        std::env::temp_dir().join(format!("brochure-bad-{}-{}", std::process::id(), case.name));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("photos")).map_err(|e| e.to_string())?;
    let result = prepare(case, &dir).and_then(|()| check(case, &dir));
    if result.is_ok() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    result
}

/// Writes the content file, copies and generates the other files.
fn prepare(case: &Case, dir: &Path) -> Result<(), String> {
    copy(&corpus().join("photos/ok.jpg"), &dir.join("photos/ok.jpg"))?;
    let base = case.content.as_deref().unwrap_or("base.yaml");
    let mut text = match &case.make {
        Some(kind) => make_content(kind)?,
        None => std::fs::read_to_string(corpus().join(base)).map_err(|e| format!("{base}: {e}"))?,
    };
    for (from, to) in &case.edit {
        if !text.contains(from.as_str()) {
            return Err(format!("edit does not apply: {from:?} is not in {base}"));
        }
        text = text.replacen(from.as_str(), to, 1);
    }
    if let Some(more) = &case.append {
        text.push_str(more);
    }
    std::fs::write(dir.join("content.yaml"), text).map_err(|e| e.to_string())?;
    for (to, from) in &case.files {
        copy(&corpus().join(from), &dir.join(to))?;
    }
    for (to, kind) in &case.generate {
        generate(&dir.join(to), kind)?;
    }
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    let bytes = std::fs::read(from).map_err(|e| format!("{}: {e}", from.display()))?;
    std::fs::write(to, bytes).map_err(|e| format!("{}: {e}", to.display()))
}

/// Content files too large or too repetitive to commit.
fn make_content(kind: &str) -> Result<String, String> {
    let base = std::fs::read_to_string(corpus().join("base.yaml")).map_err(|e| e.to_string())?;
    let (name, n) = kind.split_once(':').unwrap_or((kind, "0"));
    let n: usize = n.parse().map_err(|_| format!("bad count in {kind}"))?;
    Ok(match name {
        // A valid file padded with a comment past the size limit.
        "huge-file" => format!("{base}\n# {}\n", "x".repeat(n)),
        "deep-nesting" => format!("{base}\nextra: {}{}\n", "[".repeat(n), "]".repeat(n)),
        "alias-bomb" => {
            let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
            for i in 1..n {
                let prev = format!("*a{}", i - 1);
                s.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
            }
            s
        }
        "long-paragraph" => base.replace(
            "Families no longer lose a day's wages to travel for a check-up.",
            &"Families no longer lose a day's wages. ".repeat(n),
        ),
        "key-figures" => {
            let figure = "  - value: \"9\"\n    label: a figure\n    source: Records\n";
            base.replace(
                "key_figures:\n",
                &format!("key_figures:\n{}", figure.repeat(n)),
            )
        }
        "sections" => {
            let mut s = base.clone();
            for i in 0..n {
                s = s.replace(
                    "photos:\n",
                    &format!("  - heading: Extra {i}\n    body: A short paragraph.\n\nphotos:\n"),
                );
            }
            s
        }
        other => return Err(format!("unknown content generator {other}")),
    })
}

/// Makes a special or large file at `path`.
fn generate(path: &Path, kind: &str) -> Result<(), String> {
    let err = |e: std::io::Error| format!("generate {kind} at {}: {e}", path.display());
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(err)?;
    }
    let (name, arg) = kind.split_once(':').unwrap_or((kind, ""));
    match name {
        // A file of `arg` bytes that takes no disk space.
        "sparse" => {
            let f = std::fs::File::create(path).map_err(err)?;
            f.set_len(arg.parse().map_err(|_| "bad size")?)
                .map_err(err)?;
        }
        // The good JPEG with `arg` zero bytes after its end.
        "trailing" => {
            copy(&corpus().join("photos/ok.jpg"), path)?;
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(err)?;
            let len = f.metadata().map_err(err)?.len();
            let extra: u64 = arg.parse().map_err(|_| "bad size")?;
            f.set_len(len + extra).map_err(err)?;
        }
        "fifo" => {
            let status = Command::new("mkfifo").arg(path).status().map_err(err)?;
            if !status.success() {
                return Err("mkfifo failed".into());
            }
        }
        "dir" => std::fs::create_dir_all(path).map_err(err)?,
        "symlink" => std::os::unix::fs::symlink(arg, path).map_err(err)?,
        "text" => std::fs::write(path, arg).map_err(err)?,
        "pdf" => std::fs::write(path, "%PDF-1.7\nan old build\n").map_err(err)?,
        "exif" => {
            let jpeg = std::fs::read(corpus().join("photos/ok.jpg")).map_err(err)?;
            std::fs::write(
                path,
                with_orientation(&jpeg, arg.parse().map_err(|_| "bad orientation")?),
            )
            .map_err(err)?;
        }
        other => return Err(format!("unknown generator {other}")),
    }
    Ok(())
}

/// A JPEG with an EXIF segment giving `orientation`, inserted after the start marker.
fn with_orientation(jpeg: &[u8], orientation: u8) -> Vec<u8> {
    // Big-endian TIFF header, one IFD entry: tag 0x0112, SHORT, count 1, the value.
    let mut exif = b"Exif\0\0MM\0*\0\0\0\x08\0\x01".to_vec();
    exif.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0]);
    exif.extend_from_slice(&[0, 0, 0, 0]);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap().to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// Runs the command and checks everything the case promises.
fn check(case: &Case, dir: &Path) -> Result<(), String> {
    let before = snapshot(dir);
    let args: Vec<String> = case
        .args
        .clone()
        .unwrap_or_else(|| {
            ["build", "content.yaml", "-o", "out.pdf"]
                .map(String::from)
                .to_vec()
        })
        .into_iter()
        .map(|a| a.replace("{dir}", &dir.display().to_string()))
        .collect();
    let (code, stderr) = run(&args, dir, case.stderr_full)?;
    if code != case.exit {
        return Err(format!(
            "exit code {code}, expected {}; stderr:\n{stderr}",
            case.exit
        ));
    }
    if stderr.contains("panicked") || stderr.contains("internal error") {
        return Err(format!("a crash; stderr:\n{stderr}"));
    }
    for fragment in &case.expect {
        if !stderr.contains(fragment.as_str()) {
            return Err(format!("stderr lacks {fragment:?}:\n{stderr}"));
        }
    }
    let after = snapshot(dir);
    for (path, state) in &before {
        let written = case.exit == 0 && output_of(&args, dir).as_deref() == Some(path.as_path());
        if !written && after.get(path) != Some(state) {
            return Err(format!("input {} was changed", path.display()));
        }
    }
    for path in after.keys() {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with(".brochure-") || name.ends_with(".tmp") {
            return Err(format!("temporary file {} left behind", path.display()));
        }
        if !before.contains_key(path) && case.exit != 0 {
            return Err(format!("a failed run left {}", path.display()));
        }
    }
    if case.exit == 0 && args.first().map(String::as_str) == Some("build") {
        let out = output_of(&args, dir).ok_or("no output path")?;
        let head = std::fs::read(&out).map_err(|e| format!("{}: {e}", out.display()))?;
        if !head.starts_with(b"%PDF-") {
            return Err(format!("{} is not a PDF", out.display()));
        }
    }
    Ok(())
}

/// The output path a build was asked to write, resolved like the command does.
fn output_of(args: &[String], dir: &Path) -> Option<PathBuf> {
    let i = args.iter().position(|a| a == "-o")?;
    let p = dir.join(args.get(i + 1)?);
    Some(std::fs::canonicalize(&p).unwrap_or(p))
}

/// Runs `brochure` in `dir`, killing it after [`TIMEOUT`].
fn run(args: &[String], dir: &Path, stderr_full: bool) -> Result<(i32, String), String> {
    let stderr_file = dir.join("..").join(format!(
        "{}.stderr",
        dir.file_name().unwrap().to_string_lossy()
    ));
    let stderr = if stderr_full {
        Stdio::from(std::fs::File::create("/dev/full").map_err(|e| e.to_string())?)
    } else {
        Stdio::from(std::fs::File::create(&stderr_file).map_err(|e| e.to_string())?)
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_brochure"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .map_err(|e| e.to_string())?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {TIMEOUT:?}: a hang"));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let text = std::fs::read_to_string(&stderr_file).unwrap_or_default();
    let _ = std::fs::remove_file(&stderr_file);
    Ok((status.code().unwrap_or(-1), text))
}

/// What each file below `dir` is: its bytes, or for large files and special files
/// their size and modification time. Symbolic links are recorded as links.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            let key = std::fs::canonicalize(&path).unwrap_or(path.clone());
            let state = if meta.file_type().is_symlink() {
                format!("link to {:?}", std::fs::read_link(&path).ok())
            } else if meta.is_dir() {
                todo.push(path.clone());
                "folder".to_string()
            } else if meta.is_file() && meta.len() <= HASH_LIMIT {
                format!("{:?}", std::fs::read(&path).ok().map(|b| fingerprint(&b)))
            } else {
                format!("{} bytes, {:?}", meta.len(), meta.modified().ok())
            };
            out.insert(
                if meta.file_type().is_symlink() {
                    path
                } else {
                    key
                },
                state,
            );
        }
    }
    out
}

/// A cheap content fingerprint (FNV-1a) with the length.
fn fingerprint(bytes: &[u8]) -> (usize, u64) {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
    }
    (bytes.len(), h)
}

/// An interrupt at any moment of a build leaves either the finished PDF or nothing:
/// never a temporary file. The build is stopped with SIGINT or SIGTERM at times spread
/// over its whole run.
#[test]
fn an_interrupted_build_leaves_no_temporary_file() {
    let dir = std::env::temp_dir().join(format!("brochure-interrupt-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("photos")).unwrap();
    copy(&corpus().join("base.yaml"), &dir.join("content.yaml")).unwrap();
    // A large photo makes the writing step long enough to be hit.
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/photos/dandelions-seeding-5312x2988.jpg"),
        &dir.join("photos/ok.jpg"),
    )
    .unwrap();
    let build = || {
        Command::new(env!("CARGO_BIN_EXE_brochure"))
            .args([
                "build",
                "content.yaml",
                "--layout",
                "brochure",
                "-o",
                "out.pdf",
            ])
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let start = Instant::now();
    assert!(build().wait().unwrap().success());
    let full = start.elapsed();
    for step in 0..12u32 {
        let _ = std::fs::remove_file(dir.join("out.pdf"));
        let mut child = build();
        std::thread::sleep(full * step / 10);
        let signal = if step % 2 == 0 { "-INT" } else { "-TERM" };
        let _ = Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        let left: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".brochure-") || n.ends_with(".tmp"))
            .collect();
        assert!(
            left.is_empty(),
            "after {signal} at step {step}: {left:?} left behind"
        );
        // Renamed into place just before the signal: then it is whole.
        if let Ok(pdf) = std::fs::read(dir.join("out.pdf")) {
            let tail = &pdf[pdf.len().saturating_sub(32)..];
            assert!(
                pdf.starts_with(b"%PDF-") && tail.windows(5).any(|w| w == b"%%EOF"),
                "after {signal} at step {step}: a partial PDF"
            );
        }
        if !status.success() {
            assert!(
                matches!(status.code(), Some(130 | 143) | None),
                "{status:?}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
