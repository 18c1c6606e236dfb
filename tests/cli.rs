//! The `brochure` command as a user meets it: exit codes (0 done, 2 bad input, 1
//! internal), messages that point at the file, line and field, output that appears
//! complete or not at all, `check` that writes nothing, help with examples, and input
//! files that are only ever read.
//!
//! Every run writes into its own scratch folder, never into the crate's `out/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The crate root.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled example content file.
fn example() -> PathBuf {
    root().join("content/japan-heart-cambodia.yaml")
}

/// The example's text.
fn example_text() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/english-example.yaml"))
        .expect("read the example content")
}

/// A fresh, empty folder under the system temp folder, removed again when dropped.
struct Scratch(PathBuf);

impl Scratch {
    /// Makes `<temp>/brochure-cli-<pid>-<name>`, emptying it if a previous run left it.
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("brochure-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create a scratch folder");
        Scratch(dir)
    }

    /// A path inside the folder.
    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// The folder's entries, sorted, as names.
    fn listing(&self) -> Vec<String> {
        listing(&self.0)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The entries of a folder, sorted, as names (hidden files included).
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("list {}: {e}", dir.display()))
        .map(|e| {
            e.expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Runs `brochure` with `args` in the folder `cwd`, with a fixed creation date.
fn run_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brochure"))
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .expect("run brochure")
}

/// Runs `brochure` with `args` in the crate root.
fn run(args: &[&str]) -> Output {
    run_in(root(), args)
}

/// A path as a command-line argument.
fn arg(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// The process's stderr as text.
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The process's stdout as text.
fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Asserts the exit code, showing what the command printed if it is wrong.
fn assert_exit(o: &Output, code: i32) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "expected exit {code}\n--- stdout\n{}\n--- stderr\n{}",
        stdout(o),
        stderr(o)
    );
}

/// The example with its photo given as an absolute path, so it can be written
/// anywhere; `edit` then changes it. Written to `dir/name`.
fn example_variant(dir: &Scratch, name: &str, edit: impl FnOnce(String) -> String) -> PathBuf {
    let photos = root().join("assets/photos/");
    let text = example_text();
    assert!(
        text.contains("../assets/photos/"),
        "the example's photo path has changed; update this test"
    );
    let text = text.replace("../assets/photos/", arg(&photos));
    let path = dir.join(name);
    std::fs::write(&path, edit(text)).expect("write a content file");
    path
}

/// Replaces `from` by `to` in `text`, failing if `from` is not there.
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert!(
        text.contains(from),
        "the example no longer contains {from:?}; update this test"
    );
    text.replacen(from, to, 1)
}

/// The 1-based line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} is not in the file"))
        + 1
}

/// The name of the last section of the example.
const LAST_SECTION: &str = "Pediatric Cancer Treatment";

/// The example with the body of its last section written out `times` times, far more
/// than a one-page fact sheet holds.
fn overflowing(text: String, times: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let heading = lines
        .iter()
        .position(|l| l.trim() == format!("- heading: {LAST_SECTION}"))
        .expect("the example has the section");
    assert_eq!(
        lines[heading + 1].trim(),
        "body: |",
        "the section's body follows its heading"
    );
    let start = heading + 2;
    let end = start
        + lines[start..]
            .iter()
            .position(|l| !l.is_empty() && !l.starts_with("      "))
            .unwrap_or(lines.len() - start);
    let body = lines[start..end].join("\n");
    let body = body.trim_end();
    assert!(body.lines().count() > 5, "the section has a body to repeat");
    let mut out = lines[..start].join("\n");
    out.push('\n');
    out.push_str(&vec![body; times].join("\n\n"));
    out.push_str("\n\n");
    out.push_str(&lines[end..].join("\n"));
    out.push('\n');
    out
}

/// Whether `bytes` are a whole PDF: the header first and `%%EOF` last.
fn is_complete_pdf(bytes: &[u8]) -> bool {
    let end = bytes.trim_ascii_end();
    bytes.starts_with(b"%PDF-") && end.ends_with(b"%%EOF")
}

/// The width and height of the only page of a PDF file.
fn page_size(path: &Path) -> (f32, f32) {
    let doc = lopdf::Document::load(path).expect("lopdf reads the PDF");
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1, "one page");
    let page = doc.get_dictionary(pages[&1]).expect("the page");
    let bx = page
        .get(b"MediaBox")
        .and_then(lopdf::Object::as_array)
        .expect("a MediaBox on the page");
    let n: Vec<f32> = bx.iter().map(|v| v.as_float().expect("a number")).collect();
    (n[2] - n[0], n[3] - n[1])
}

#[test]
fn build_writes_a_complete_pdf_where_asked() {
    let dir = Scratch::new("build");
    // The folder for the output does not exist yet: build makes it.
    let out = dir.join("tmp/x.pdf");
    let o = run(&["build", arg(&example()), "-o", arg(&out)]);
    assert_exit(&o, 0);
    let bytes = std::fs::read(&out).expect("the PDF was written");
    assert!(
        is_complete_pdf(&bytes),
        "not a whole PDF: starts {:?}",
        &bytes[..bytes.len().min(8)]
    );
    assert_eq!(
        listing(&dir.join("tmp")),
        ["x.pdf"],
        "nothing but the PDF is left behind"
    );
    assert!(
        stderr(&o).contains("x.pdf"),
        "the command says what it wrote: {}",
        stderr(&o)
    );
    let (w, h) = page_size(&out);
    assert!(
        (w - 595.28).abs() <= 0.5 && (h - 841.89).abs() <= 0.5,
        "A4 by default, got {w} × {h}"
    );
}

#[test]
fn no_arguments_builds_the_example_into_out() {
    // A copy of the project layout the default paths expect: content/ and assets/.
    let dir = Scratch::new("default");
    std::fs::create_dir_all(dir.join("content")).expect("content folder");
    std::fs::create_dir_all(dir.join("assets/photos")).expect("photos folder");
    std::fs::copy(example(), dir.join("content/japan-heart-cambodia.yaml"))
        .expect("copy the example");
    for entry in std::fs::read_dir(root().join("assets/photos")).expect("photos") {
        let path = entry.expect("entry").path();
        std::fs::copy(
            &path,
            dir.join("assets/photos").join(path.file_name().unwrap()),
        )
        .expect("copy a photo");
    }
    let o = run_in(&dir.0, &[]);
    assert_exit(&o, 0);
    // Every layout of the example in every language, each a complete PDF.
    let langs = brochure::build::languages(&example()).expect("example loads");
    assert!(langs.len() >= 3, "{langs:?}");
    let mut expected: Vec<String> = brochure::build::LayoutKind::ALL
        .iter()
        .flat_map(|l| {
            langs
                .iter()
                .map(move |lang| format!("japan-heart-cambodia-{}-{lang}.pdf", l.name()))
        })
        .collect();
    expected.sort();
    assert_eq!(listing(&dir.join("out")), expected);
    for name in &expected {
        let bytes = std::fs::read(dir.join("out").join(name)).expect("the PDF");
        assert!(is_complete_pdf(&bytes), "{name}");
    }
}

#[test]
fn letter_paper_builds_a_letter_page() {
    let dir = Scratch::new("letter");
    let out = dir.join("letter.pdf");
    let o = run(&[
        "build",
        arg(&example()),
        "--paper",
        "letter",
        "-o",
        arg(&out),
    ]);
    assert_exit(&o, 0);
    let (w, h) = page_size(&out);
    assert!(
        (w - 612.0).abs() <= 0.5 && (h - 792.0).abs() <= 0.5,
        "US Letter is 612 × 792 pt, got {w} × {h}"
    );
}

#[test]
fn an_unknown_paper_is_a_usage_error() {
    let dir = Scratch::new("a5");
    let out = dir.join("a5.pdf");
    let o = run(&["build", arg(&example()), "--paper", "a5", "-o", arg(&out)]);
    assert_exit(&o, 2);
    let err = stderr(&o);
    assert!(
        err.contains("a5") && err.contains("letter"),
        "the error names the bad value and the good ones: {err}"
    );
    assert!(
        dir.listing().is_empty(),
        "nothing is written: {:?}",
        dir.listing()
    );
}

#[test]
fn overflow_is_an_input_error_naming_the_section() {
    let dir = Scratch::new("overflow");
    let content = example_variant(&dir, "too-long.yaml", |t| overflowing(t, 6));
    let out = dir.join("too-long.pdf");
    let o = run(&["build", arg(&content), "-o", arg(&out)]);
    assert_exit(&o, 2);
    let err = stderr(&o);
    assert!(
        err.contains(LAST_SECTION),
        "the message names the section: {err}"
    );
    let after = err
        .split("overflows by ")
        .nth(1)
        .unwrap_or_else(|| panic!("no \"overflows by\" in: {err}"));
    let (count, rest) = after.split_once(' ').expect("a number of lines");
    let lines: u32 = count
        .parse()
        .unwrap_or_else(|_| panic!("{count:?} is not a line count in: {err}"));
    assert!(
        lines > 1,
        "six times the text overflows by more than a line: {err}"
    );
    assert!(
        rest.starts_with("lines ("),
        "\"overflows by {lines} lines (… mm)\" expected: {err}"
    );
    let mm = rest["lines (".len()..]
        .split_once(" mm)")
        .map(|(n, _)| n)
        .unwrap_or_else(|| panic!("no mm in: {err}"));
    let mm: f32 = mm
        .parse()
        .unwrap_or_else(|_| panic!("{mm:?} is not a length in: {err}"));
    assert!(mm > 0.0, "{err}");
    let heading_line = line_of(
        &std::fs::read_to_string(&content).expect("read back"),
        &format!("heading: {LAST_SECTION}"),
    );
    assert!(
        err.contains(&format!("too-long.yaml:{heading_line}:")),
        "the message points at the heading: {err}"
    );
    assert!(
        !out.exists(),
        "a failed build leaves no file at the output path"
    );
    assert_eq!(dir.listing(), ["too-long.yaml"], "and no temporary files");
}

#[test]
fn a_failed_build_keeps_the_previous_pdf() {
    let dir = Scratch::new("keep");
    let out = dir.join("factsheet.pdf");
    let good = run(&["build", arg(&example()), "-o", arg(&out)]);
    assert_exit(&good, 0);
    let before = std::fs::read(&out).expect("the good PDF");
    let content = example_variant(&dir, "too-long.yaml", |t| overflowing(t, 6));
    let o = run(&["build", arg(&content), "-o", arg(&out)]);
    assert_exit(&o, 2);
    let after = std::fs::read(&out).expect("the PDF is still there");
    assert!(before == after, "a failed build changed the existing PDF");
    assert_eq!(
        dir.listing(),
        ["factsheet.pdf", "too-long.yaml"],
        "no temporary files are left"
    );
}

#[test]
fn an_unwritable_output_leaves_nothing_behind() {
    let dir = Scratch::new("unwritable");
    // The output path is an existing folder: the finished file cannot replace it.
    let out = dir.join("taken");
    std::fs::create_dir(&out).expect("a folder in the way");
    let o = run(&["build", arg(&example()), "-o", arg(&out)]);
    assert!(
        !o.status.success(),
        "writing over a folder must fail: {}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("taken"),
        "the message names the output: {}",
        stderr(&o)
    );
    assert!(
        out.is_dir() && listing(&out).is_empty(),
        "the folder is untouched"
    );
    assert_eq!(dir.listing(), ["taken"], "the temporary file is cleaned up");
}

#[test]
fn bad_yaml_points_at_the_line() {
    let fixture = Path::new("tests/fixtures/cli/broken-syntax.yaml");
    let dir = Scratch::new("bad-yaml");
    let out = dir.join("broken.pdf");
    let o = run(&["build", arg(fixture), "-o", arg(&out)]);
    assert_exit(&o, 2);
    let err = stderr(&o);
    let line = line_of(
        &std::fs::read_to_string(root().join(fixture)).expect("the fixture"),
        "Riverside Clinic:",
    );
    assert!(
        err.contains(&format!("broken-syntax.yaml:{line}:")),
        "file and line expected: {err}"
    );
    assert!(
        err.contains("Riverside Clinic: Children's Fund"),
        "the line is quoted: {err}"
    );
    assert!(err.contains('^'), "a caret marks the spot: {err}");
    assert!(dir.listing().is_empty(), "nothing is written");
}

#[test]
fn a_missing_photo_is_named_with_its_path() {
    let dir = Scratch::new("no-photo");
    let missing = root().join("assets/photos/no-such-photo.jpg");
    let content = example_variant(&dir, "no-photo.yaml", |t| {
        replace_once(
            &t,
            arg(&root().join("assets/photos/paint-brushes.jpg")),
            arg(&missing),
        )
    });
    let out = dir.join("no-photo.pdf");
    let o = run(&["build", arg(&content), "-o", arg(&out)]);
    assert_exit(&o, 2);
    let err = stderr(&o);
    assert!(err.contains("photos[0].file"), "the field is named: {err}");
    assert!(
        err.contains(arg(&missing)),
        "the missing path is shown: {err}"
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_missing_content_file_is_an_input_error() {
    let dir = Scratch::new("no-content");
    let out = dir.join("x.pdf");
    let o = run(&["build", "content/no-such-file.yaml", "-o", arg(&out)]);
    assert_exit(&o, 2);
    assert!(stderr(&o).contains("no-such-file.yaml"), "{}", stderr(&o));
    assert!(dir.listing().is_empty());
}

/// The example with three unrelated mistakes, and the line of each.
fn three_mistakes(dir: &Scratch) -> (PathBuf, [usize; 3]) {
    let content = example_variant(dir, "three-mistakes.yaml", |t| {
        let t = replace_once(&t, "lang: en", "lang: xx");
        let t = replace_once(&t, "brand_color: \"#c8102e\"", "brand_color: \"#zz0000\"");
        replace_once(&t, "paint-brushes.jpg", "no-such-photo.jpg")
    });
    let text = std::fs::read_to_string(&content).expect("read back");
    let lines = [
        line_of(&text, "lang: xx"),
        line_of(&text, "#zz0000"),
        line_of(&text, "no-such-photo.jpg"),
    ];
    (content, lines)
}

#[test]
fn several_problems_are_all_reported() {
    let dir = Scratch::new("several");
    let (content, lines) = three_mistakes(&dir);
    let out = dir.join("three.pdf");
    let o = run(&["build", arg(&content), "-o", arg(&out)]);
    assert_exit(&o, 2);
    let err = stderr(&o);
    for field in ["lang", "organisation.brand_color", "photos[0].file"] {
        assert!(err.contains(field), "{field} is not reported: {err}");
    }
    for line in lines {
        assert!(
            err.contains(&format!("three-mistakes.yaml:{line}:")),
            "line {line} is not pointed at: {err}"
        );
    }
    assert!(err.contains("3 problems"), "the total is given: {err}");
    assert!(!out.exists());
}

#[test]
fn each_problem_starts_on_its_own_line() {
    let dir = Scratch::new("own-line");
    let (content, _) = three_mistakes(&dir);
    let o = run(&["check", arg(&content)]);
    assert_exit(&o, 2);
    let err = stderr(&o);
    let starts = err.lines().filter(|l| l.starts_with("error:")).count();
    assert_eq!(
        starts, 3,
        "three problems, each on a line of its own: {err}"
    );
    assert!(
        err.lines()
            .any(|l| l.ends_with("three-mistakes.yaml: 3 errors")),
        "the summary is a line of its own: {err}"
    );
    let single = run(&["check", "tests/fixtures/cli/broken-syntax.yaml"]);
    let err = stderr(&single);
    assert!(
        err.lines()
            .any(|l| l.ends_with("broken-syntax.yaml: 1 error")),
        "the closing note is a line of its own: {err}"
    );
    let built = run(&[
        "build",
        "tests/fixtures/cli/broken-syntax.yaml",
        "-o",
        "/nonexistent/x.pdf",
    ]);
    let err = stderr(&built);
    assert!(
        err.lines().any(|l| l == "nothing was written"),
        "the closing note is a line of its own: {err}"
    );
}

#[test]
fn check_accepts_the_example_and_writes_nothing() {
    let dir = Scratch::new("check");
    let o = run_in(&dir.0, &["check", arg(&example())]);
    assert_exit(&o, 0);
    assert!(dir.listing().is_empty(), "check wrote {:?}", dir.listing());
    assert!(
        stderr(&o).contains("ok"),
        "check says the content is fine: {}",
        stderr(&o)
    );
}

#[test]
fn check_rejects_bad_content() {
    let dir = Scratch::new("check-bad");
    let (content, _) = three_mistakes(&dir);
    let o = run_in(&dir.0, &["check", arg(&content)]);
    assert_exit(&o, 2);
    assert!(stderr(&o).contains("photos[0].file"), "{}", stderr(&o));
    // Layout problems too: check lays the page out.
    let long = example_variant(&dir, "too-long.yaml", |t| overflowing(t, 6));
    let o = run_in(&dir.0, &["check", arg(&long)]);
    assert_exit(&o, 2);
    assert!(stderr(&o).contains("overflows by"), "{}", stderr(&o));
    assert_eq!(
        dir.listing(),
        ["three-mistakes.yaml", "too-long.yaml"],
        "check wrote nothing"
    );
}

#[test]
fn help_shows_an_example_everywhere() {
    for args in [&["--help"][..], &["build", "--help"], &["check", "--help"]] {
        let o = run(args);
        assert_exit(&o, 0);
        let out = stdout(&o);
        assert!(
            out.contains("Example"),
            "`brochure {}` shows no example:\n{out}",
            args.join(" ")
        );
        assert!(out.contains("brochure"), "{out}");
    }
}

#[test]
fn a_bad_source_date_epoch_is_an_input_error() {
    let dir = Scratch::new("epoch");
    let out = dir.join("x.pdf");
    let o = Command::new(env!("CARGO_BIN_EXE_brochure"))
        .args(["build", arg(&example()), "-o", arg(&out)])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .expect("run brochure");
    assert_exit(&o, 2);
    assert!(stderr(&o).contains("SOURCE_DATE_EPOCH"), "{}", stderr(&o));
    assert!(dir.listing().is_empty());
}

/// The bytes and modification time of a file.
fn snapshot(path: &Path) -> (Vec<u8>, std::time::SystemTime) {
    let bytes = std::fs::read(path).expect("read the input");
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("a modification time");
    (bytes, modified)
}

#[test]
fn input_files_are_never_modified() {
    let dir = Scratch::new("read-only");
    let photo = root().join("assets/photos/paint-brushes.jpg");
    let (example_before, photo_before) = (snapshot(&example()), snapshot(&photo));
    let o = run(&["build", arg(&example()), "-o", arg(&dir.join("a.pdf"))]);
    assert_exit(&o, 0);
    let o = run(&["check", arg(&example())]);
    assert_exit(&o, 0);
    assert!(
        snapshot(&example()) == example_before,
        "building changed the content file"
    );
    assert!(
        snapshot(&photo) == photo_before,
        "building changed the photo"
    );

    // A failing build does not touch its input either.
    let (bad, _) = three_mistakes(&dir);
    let bad_before = snapshot(&bad);
    let o = run(&["build", arg(&bad), "-o", arg(&dir.join("b.pdf"))]);
    assert_exit(&o, 2);
    assert!(
        snapshot(&bad) == bad_before,
        "a failed build changed the content file"
    );
}

#[test]
fn check_reports_as_json_for_programs() {
    let dir = Scratch::new("json");
    let bad = dir.join("bad.yaml");
    let photos = format!("{}/assets/", root().display());
    let text = example_text()
        .replace("lang: en", "lang: xx")
        .replace("../assets/", &photos);
    std::fs::write(&bad, text).unwrap();
    let o = run_in(&dir.0, &["check", arg(&bad), "--format", "json"]);
    assert_exit(&o, 2);
    let report: serde_json::Value =
        serde_json::from_slice(&o.stdout).expect("stdout is one JSON object");
    assert_eq!(report["ok"], false);
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{report}");
    assert_eq!(errors[0]["field"], "lang");
    let lang_line = example_text()
        .lines()
        .position(|l| l.starts_with("lang:"))
        .unwrap()
        + 1;
    assert_eq!(errors[0]["line"], lang_line);
    assert!(errors[0]["help"].as_str().unwrap().contains("en"));

    let o = run_in(&dir.0, &["check", arg(&example()), "--format", "json"]);
    assert_exit(&o, 0);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["ok"], true);
    let documents: Vec<String> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}-{}",
                d["layout"].as_str().unwrap(),
                d["lang"].as_str().unwrap()
            )
        })
        .collect();
    let expected: Vec<String> = ["en", "ja", "km"]
        .iter()
        .flat_map(|lang| {
            ["factsheet", "brochure", "trifold", "donor-letter"]
                .iter()
                .map(move |l| format!("{l}-{lang}"))
        })
        .collect();
    assert_eq!(
        documents, expected,
        "every layout in every language is checked"
    );
    assert!(dir.listing().len() == 1, "check wrote {:?}", dir.listing());
}

#[test]
fn the_donor_letter_needs_a_letter() {
    let dir = Scratch::new("no-letter");
    let without = example_variant(&dir, "no-letter.yaml", |text| {
        let at = text.find("\nletter:").expect("the example has a letter");
        text[..at].to_string()
    });
    // `check` leaves out the layout the content has nothing for.
    let o = run_in(&dir.0, &["check", arg(&without), "--format", "json"]);
    assert_exit(&o, 0);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let layouts: Vec<&str> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["layout"].as_str().unwrap())
        .collect();
    assert_eq!(layouts, ["factsheet", "brochure", "trifold"]);
    // Asked for by name, it says what is missing and writes nothing.
    let out = dir.join("letter.pdf");
    let o = run_in(
        &dir.0,
        &[
            "build",
            arg(&without),
            "--layout",
            "donor-letter",
            "-o",
            arg(&out),
        ],
    );
    assert_exit(&o, 2);
    assert!(
        stderr(&o).contains("needs a `letter:` group"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("greeting:"),
        "shows an example: {}",
        stderr(&o)
    );
    assert!(!out.exists());
    // With its letter, the example builds one page.
    let o = run_in(
        &dir.0,
        &[
            "build",
            arg(&example()),
            "--layout",
            "donor-letter",
            "-o",
            arg(&out),
        ],
    );
    assert_exit(&o, 0);
    assert!(is_complete_pdf(&std::fs::read(&out).unwrap()));
}

#[test]
fn lang_all_writes_one_pdf_per_language_and_refuses_one_output() {
    let dir = Scratch::new("lang-all");
    let o = run_in(
        &dir.0,
        &[
            "build",
            arg(&example()),
            "--layout",
            "factsheet",
            "--lang",
            "all",
        ],
    );
    assert_exit(&o, 0);
    let out = dir.join("out");
    assert_eq!(
        listing(&out),
        [
            "japan-heart-cambodia-factsheet-en.pdf",
            "japan-heart-cambodia-factsheet-ja.pdf",
            "japan-heart-cambodia-factsheet-km.pdf"
        ]
    );
    // One `-o` cannot hold three editions: nothing is written.
    let one = dir.join("one.pdf");
    let o = run_in(
        &dir.0,
        &["build", arg(&example()), "--lang", "all", "-o", arg(&one)],
    );
    assert_exit(&o, 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("--lang km"));
    assert!(!one.exists());
    // An edition the file has no text in is refused with the languages it has.
    let o = run(&["check", arg(&dir.join("none.yaml")), "--lang", "km"]);
    assert_exit(&o, 2);
    let o = run_in(
        &dir.0,
        &[
            "build",
            arg(&example_variant(&dir, "en.yaml", |t| t)),
            "--lang",
            "ja",
        ],
    );
    assert_exit(&o, 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("no Japanese (`ja`) text"));
}
