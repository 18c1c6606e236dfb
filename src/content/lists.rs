//! Bulleted and numbered lists inside a paragraph: lines that start with `- ` (or
//! `* `, `• `) or with `1. ` (or `1) `) are list items, each set with its marker hanging
//! in the margin of its text.
//!
//! Lines become a list only when at least two of them start items of one kind (the
//! kind with more items, if both appear), and numbers count up by one, so a paragraph that happens to start with "- 40 doctors"
//! or "2018. A new ward" prints as written. A line that starts no item continues the
//! item above it (a long item wrapped in the editor); lines before the first item are
//! a paragraph of their own that leads into the list.

/// One piece of a paragraph's lines: where it starts, the marker it prints with (none
/// for the lead-in), and how many bytes of its first line the marker took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Index of its first line.
    pub start: usize,
    /// `•` or `3.`, or `None` for text before the list.
    pub marker: Option<String>,
    /// Bytes to skip at the start of its first line.
    pub skip: usize,
}

/// How a line starts an item: a bullet, or a number (and the bytes the marker takes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    Bullet(usize),
    Number(u32, usize),
}

fn item_start(line: &str) -> Option<Start> {
    for bullet in ["- ", "* ", "• "] {
        if line.starts_with(bullet) {
            return Some(Start::Bullet(bullet.len()));
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    // Up to two digits: "2018. " is a year starting a sentence, not item 2018.
    if !(1..=2).contains(&digits) {
        return None;
    }
    let rest = line.get(digits..)?;
    if rest.starts_with(". ") || rest.starts_with(") ") {
        let n = line.get(..digits)?.parse().ok()?;
        return Some(Start::Number(n, digits + 2));
    }
    None
}

/// Splits a paragraph's lines into its lead-in and list items; a paragraph that is not
/// a list is one piece.
pub(crate) fn split(lines: &[&str]) -> Vec<Piece> {
    let starts: Vec<Option<Start>> = lines.iter().map(|l| item_start(l)).collect();
    let bullets = starts
        .iter()
        .filter(|s| matches!(s, Some(Start::Bullet(_))))
        .count();
    // Numbered items count up by one from the first.
    let mut numbers = Vec::new();
    for s in starts.iter().flatten() {
        if let Start::Number(n, _) = s
            && numbers.last().is_none_or(|last| n == &(last + 1))
        {
            numbers.push(*n);
        }
    }
    // The kind with more items makes the list; the other kind's lines continue items.
    let numbered = numbers.len() >= 2 && numbers.len() > bullets;
    let bulleted = bullets >= 2 && bullets >= numbers.len();
    let whole = vec![Piece {
        start: 0,
        marker: None,
        skip: 0,
    }];
    if !numbered && !bulleted {
        return whole;
    }
    let mut pieces = Vec::new();
    let mut expected = numbers.first().copied();
    for (i, s) in starts.iter().enumerate() {
        let item = match (s, expected) {
            (Some(Start::Bullet(skip)), _) if bulleted => Some(("•".to_string(), *skip)),
            (Some(Start::Number(n, skip)), Some(e)) if numbered && *n == e => {
                expected = Some(e + 1);
                Some((format!("{n}."), *skip))
            }
            _ => None,
        };
        match item {
            Some((marker, skip)) => pieces.push(Piece {
                start: i,
                marker: Some(marker),
                skip,
            }),
            None if i == 0 => pieces.push(Piece {
                start: 0,
                marker: None,
                skip: 0,
            }),
            None => {}
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers(lines: &[&str]) -> Vec<(usize, Option<String>)> {
        split(lines)
            .into_iter()
            .map(|p| (p.start, p.marker))
            .collect()
    }

    #[test]
    fn bullets_and_numbers_become_items() {
        let m = markers(&[
            "We work:",
            "- in hospitals;",
            "- in schools,",
            "  where children are;",
            "- on the road.",
        ]);
        assert_eq!(
            m,
            [
                (0, None),
                (1, Some("•".into())),
                (2, Some("•".into())),
                (4, Some("•".into()))
            ]
        );
        let m = markers(&["1. Examine.", "2. Measure.", "3. Operate."]);
        assert_eq!(
            m,
            [
                (0, Some("1.".into())),
                (1, Some("2.".into())),
                (2, Some("3.".into()))
            ]
        );
        assert_eq!(split(&["- a", "- b"])[1].skip, 2);
        assert_eq!(split(&["10) a", "11) b"])[0].skip, 4);
    }

    #[test]
    fn a_lone_marker_or_a_year_is_text() {
        for lines in [
            &["- 40 doctors survived"][..],
            &["2018. A new ward", "2019. Another"][..],
            &["1. First", "3. Third"][..],
            &["- a", "1. b"][..],
        ] {
            assert_eq!(markers(lines), [(0, None)], "{lines:?}");
        }
    }
}
