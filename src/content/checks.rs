//! Checks on the characters of a value, and how a value is quoted back in a message.
//!
//! These look at one string at a time and know nothing of the file's structure; the
//! validator decides what each finding means for the field it came from.

use crate::limits::MAX_ECHO_CHARS;

/// Invisible characters that change the direction of the text around them, with their
/// Unicode names in lower case. With them a name or a web address can print in an order
/// that differs from the one it is read or followed in. Letters of right-to-left scripts
/// are not among them: only these controls are.
const DIRECTION_CONTROLS: &[(char, &str)] = &[
    ('\u{061C}', "Arabic letter mark"),
    ('\u{200E}', "left-to-right mark"),
    ('\u{200F}', "right-to-left mark"),
    ('\u{202A}', "left-to-right embedding"),
    ('\u{202B}', "right-to-left embedding"),
    ('\u{202C}', "pop directional formatting"),
    ('\u{202D}', "left-to-right override"),
    ('\u{202E}', "right-to-left override"),
    ('\u{2066}', "left-to-right isolate"),
    ('\u{2067}', "right-to-left isolate"),
    ('\u{2068}', "first strong isolate"),
    ('\u{2069}', "pop directional isolate"),
];

/// The first direction control in `text`, if any.
pub(crate) fn direction_control(text: &str) -> Option<char> {
    text.chars().find(|c| is_direction_control(*c))
}

fn is_direction_control(c: char) -> bool {
    DIRECTION_CONTROLS.iter().any(|(control, _)| *control == c)
}

/// A character named for a message, e.g. `U+202E (right-to-left override)`.
pub(crate) fn code_point(c: char) -> String {
    match DIRECTION_CONTROLS.iter().find(|(control, _)| *control == c) {
        Some((_, name)) => format!("U+{:04X} ({name})", u32::from(c)),
        None => format!("U+{:04X}", u32::from(c)),
    }
}

/// Whether `c` leaves no mark on the page: white space of any kind (including no-break
/// and ideographic spaces), control characters, and the zero-width and other format
/// characters that only steer how their neighbours are shown.
pub(crate) fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || is_direction_control(c)
        || matches!(c,
            '\u{00AD}'                      // soft hyphen
            | '\u{034F}'                    // combining grapheme joiner
            | '\u{115F}' | '\u{1160}'       // Hangul fillers
            | '\u{17B4}' | '\u{17B5}'       // Khmer inherent vowels
            | '\u{180B}'..='\u{180F}'       // Mongolian selectors and vowel separator
            | '\u{200B}'..='\u{200D}'       // zero-width space, non-joiner, joiner
            | '\u{2060}'..='\u{2064}'       // word joiner, invisible operators
            | '\u{206A}'..='\u{206F}'       // deprecated format characters
            | '\u{2800}'                    // braille blank, often used as a "blank" letter
            | '\u{3164}' | '\u{FFA0}'       // Hangul fillers
            | '\u{FE00}'..='\u{FE0F}'       // variation selectors
            | '\u{FEFF}'                    // zero-width no-break space
            | '\u{FFF9}'..='\u{FFFB}'       // interlinear annotation controls
            | '\u{1D173}'..='\u{1D17A}'     // musical formatting
            | '\u{E0000}'..='\u{E0FFF}'     // tags, variation selectors supplement
        )
}

/// Whether `text` has at least one character that shows on the page.
pub(crate) fn has_visible_text(text: &str) -> bool {
    text.chars().any(|c| !is_invisible(c))
}

/// `value` as it can be quoted in a message: at most [`MAX_ECHO_CHARS`] characters, the
/// rest replaced by an ellipsis, and control characters (which could garble the
/// terminal or reverse the message around them) written as `<U+202E>`.
pub(crate) fn echo(value: &str) -> String {
    let long = value.chars().nth(MAX_ECHO_CHARS).is_some();
    let keep = if long {
        MAX_ECHO_CHARS.saturating_sub(1)
    } else {
        MAX_ECHO_CHARS
    };
    let mut out = String::new();
    for c in value.chars().take(keep) {
        if c.is_control() || is_direction_control(c) {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    if long {
        out.push('…');
    }
    out
}

/// A number as it can be quoted in a message: as written when that is short, else in
/// exponent form (`1e308` rather than 309 digits).
pub(crate) fn echo_number(number: f64) -> String {
    let plain = number.to_string();
    if plain.chars().count() <= MAX_ECHO_CHARS {
        plain
    } else {
        echo(&format!("{number:e}"))
    }
}

/// A count with its digits grouped in threes by spaces, as the documentation writes
/// limits: `200 000`.
pub(crate) fn grouped(count: u64) -> String {
    let digits = count.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(digit);
    }
    out
}

/// A size in bytes in megabytes for a message: `100 MB`, `12.5 MB`.
pub(crate) fn megabytes(bytes: u64) -> String {
    if bytes.is_multiple_of(1_000_000) {
        format!("{} MB", bytes / 1_000_000)
    } else {
        // Precision lost in the conversion is far below the one decimal shown.
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

/// Whether a path given for a photo or font is really a web address (or another kind
/// of address) rather than a file on this computer.
pub(crate) fn is_address(path: &str) -> bool {
    let lower = path.trim().to_ascii_lowercase();
    if ["www.", "data:", "http:", "https:"]
        .iter()
        .any(|start| lower.starts_with(start))
    {
        return true;
    }
    // Any `scheme://`; a single letter is a Windows drive (`C://…`), not a scheme.
    lower.split_once("://").is_some_and(|(scheme, _)| {
        scheme.len() > 1
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// The scheme of a link target (`javascript` in `javascript:alert(1)`) when it is one a
/// printed document must not link to: anything but `http`, `https` and `mailto`. A
/// target without a scheme gives `None`; it is checked as a web address instead.
pub(crate) fn forbidden_scheme(target: &str) -> Option<&str> {
    let (scheme, rest) = target.split_once(':')?;
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-'));
    // `example.org:8080` has no scheme; a bare port number would read as one.
    let is_port = !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '/');
    if !is_scheme || is_port {
        return None;
    }
    let allowed = ["http", "https", "mailto"]
        .iter()
        .any(|ok| scheme.eq_ignore_ascii_case(ok));
    (!allowed).then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_text() {
        for blank in [
            "\u{a0}",
            "\u{202f}\u{3000}",
            "\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}",
            "\u{ad}\u{34f}\u{fe0f}",
            "\u{202e}",
            "\u{e0100}",
        ] {
            assert!(!has_visible_text(blank), "{blank:?}");
        }
        for text in [
            "a",
            "20\u{a0}%",
            "\u{200b}ខ្មែរ",
            "日本",
            "العربية",
            "\u{1f600}",
        ] {
            assert!(has_visible_text(text), "{text:?}");
        }
    }

    #[test]
    fn direction_controls() {
        assert_eq!(direction_control("abc\u{202e}def"), Some('\u{202e}'));
        assert_eq!(direction_control("العربية"), None);
        assert_eq!(code_point('\u{202e}'), "U+202E (right-to-left override)");
        assert_eq!(code_point('\u{200b}'), "U+200B");
    }

    #[test]
    fn echoes_are_short_and_safe() {
        assert_eq!(echo("short"), "short");
        let long = "x".repeat(1000);
        let shown = echo(&long);
        assert_eq!(shown.chars().count(), MAX_ECHO_CHARS);
        assert!(shown.ends_with('…'));
        assert_eq!(
            echo(&"y".repeat(MAX_ECHO_CHARS)),
            "y".repeat(MAX_ECHO_CHARS)
        );
        assert_eq!(echo("a\u{202e}b\tc"), "a<U+202E>b<U+0009>c");
        assert_eq!(echo_number(20.5), "20.5");
        assert_eq!(echo_number(1e308), "1e308");
        assert_eq!(echo_number(-1e-300), "-1e-300");
    }

    #[test]
    fn grouping() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1 000");
        assert_eq!(grouped(200_000), "200 000");
        assert_eq!(grouped(10_000_000), "10 000 000");
    }

    #[test]
    fn sizes() {
        assert_eq!(megabytes(100_000_000), "100 MB");
        assert_eq!(megabytes(12_345_678), "12.3 MB");
    }

    #[test]
    fn addresses_are_not_files() {
        for address in [
            "https://example.org/a.jpg",
            "http://x",
            "HTTPS://X",
            "ftp://host/a.jpg",
            "file:///home/me/a.jpg",
            "www.example.org/a.jpg",
            "data:image/png;base64,AAAA",
            "https:/example.org/a.jpg",
        ] {
            assert!(is_address(address), "{address}");
        }
        for path in [
            "photos/a.jpg",
            "../assets/a.jpg",
            "/home/me/a.jpg",
            "C:\\photos\\a.jpg",
            "C://photos/a.jpg",
            "wwwphotos/a.jpg",
            "a:b.jpg",
        ] {
            assert!(!is_address(path), "{path}");
        }
    }

    #[test]
    fn link_schemes() {
        assert_eq!(forbidden_scheme("javascript:alert(1)"), Some("javascript"));
        assert_eq!(forbidden_scheme("JavaScript:x"), Some("JavaScript"));
        assert_eq!(forbidden_scheme("file:///etc/passwd"), Some("file"));
        assert_eq!(forbidden_scheme("ftp://x.org"), Some("ftp"));
        assert_eq!(forbidden_scheme("data:text/html,x"), Some("data"));
        for ok in [
            "https://x.org",
            "HTTP://x.org",
            "mailto:a@b.org",
            "page.html",
            "../a",
            "example.org:8080",
            "#top",
        ] {
            assert_eq!(forbidden_scheme(ok), None, "{ok}");
        }
    }
}
