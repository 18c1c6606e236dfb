//! "Did you mean …?" suggestions for misspelt field names, languages and file names.

/// Number of single-character insertions, deletions, substitutions and swaps of two
/// neighbours that turn `a` into `b`, counted in characters. Swaps count as one edit
/// because `fiel` for `file` is as common a slip as a wrong letter.
// The dynamic programme indexes its rows directly. In range: every row has
// `b.len() + 1` entries and `j` runs over `1..=b.len()`; `i` runs over `1..=a.len()`,
// so `a[i - 1]` and `b[j - 1]` exist, and `a[i - 2]`, `b[j - 2]` are read only when
// `i > 1 && j > 1`.
#[allow(clippy::indexing_slicing)]
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the classic table suffice: a swap looks two rows back.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
///
/// Comparison ignores case, so `Caption` finds `caption`. Short words allow one
/// mistake, longer ones roughly one per three characters, never more than three.
/// Failing that, a candidate contained in the word (`old_photos` → `photos`) or
/// containing it (`color` → `brand_color`) is offered.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // A pasted paragraph as a "field name" is never a typo; skip the quadratic work.
    if word.chars().count() > 128 {
        return None;
    }
    let word = word.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    let mut containing: Option<&'a str> = None;
    let word_chars = word.chars().count();
    for candidate in candidates {
        let lower = candidate.to_lowercase();
        let candidate_chars = candidate.chars().count();
        let allowed = (candidate_chars / 3).clamp(1, 3);
        // The distance is at least the difference in length, so a much longer candidate
        // (a pasted paragraph as a heading) is never close, and is not worth the
        // quadratic comparison.
        if candidate_chars.abs_diff(word_chars) <= allowed {
            let distance = edit_distance(&word, &lower);
            if distance <= allowed && best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, candidate));
            }
        }
        let (shorter, longer) = if word.len() < lower.len() {
            (&word, &lower)
        } else {
            (&lower, &word)
        };
        if containing.is_none() && shorter.chars().count() >= 4 && longer.contains(shorter.as_str())
        {
            containing = Some(candidate);
        }
    }
    best.map(|(_, candidate)| candidate).or(containing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("captoin", "caption"), 1);
        assert_eq!(edit_distance("fiel", "file"), 1);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("brand_colour", "brand_color"), 1);
        assert_eq!(edit_distance("日本", "日本語"), 1);
    }

    #[test]
    fn suggestions() {
        let fields = ["file", "caption", "credit", "alt", "focus"];
        assert_eq!(closest("captoin", fields), Some("caption"));
        assert_eq!(closest("Caption", fields), Some("caption"));
        assert_eq!(closest("fiel", fields), Some("file"));
        assert_eq!(closest("description", fields), None);
        assert_eq!(closest("jp", ["en", "ja", "km"]), Some("ja"));
        assert_eq!(
            closest("old_photos", ["sections", "photos"]),
            Some("photos")
        );
        assert_eq!(
            closest("color", ["name", "brand_color"]),
            Some("brand_color")
        );
        let long = "x".repeat(200_000);
        assert_eq!(closest("xxxx", [long.as_str()]), Some(long.as_str()));
        assert_eq!(closest("xxxy", [long.as_str(), "xxxz"]), Some("xxxz"));
    }
}
