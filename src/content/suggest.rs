//! "Did you mean …?" suggestions for misspelt field names, languages and file names.

/// Number of single-character insertions, deletions and substitutions that turn `a`
/// into `b` (Levenshtein distance), counted in characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b_chars: Vec<char> = b.chars().collect();
    // One row of the classic table is enough: each cell only needs its left, upper
    // and upper-left neighbours.
    let mut row: Vec<usize> = (0..=b_chars.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut upper_left = row[0];
        row[0] = i + 1;
        for (j, cb) in b_chars.iter().enumerate() {
            let upper = row[j + 1];
            let substitution = upper_left + usize::from(ca != *cb);
            row[j + 1] = substitution.min(upper + 1).min(row[j] + 1);
            upper_left = upper;
        }
    }
    row[b_chars.len()]
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
///
/// Comparison ignores case, so `Caption` finds `caption`. Short words allow one
/// mistake, longer ones roughly one per three characters, never more than three.
pub(crate) fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // A pasted paragraph as a "field name" is never a typo; skip the quadratic work.
    if word.chars().count() > 64 {
        return None;
    }
    let word = word.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let distance = edit_distance(&word, &candidate.to_lowercase());
        let allowed = (candidate.chars().count() / 3).clamp(1, 3);
        if distance <= allowed && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("captoin", "caption"), 2);
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
    }
}
