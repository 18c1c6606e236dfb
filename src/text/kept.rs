//! The content's own list of words never to split across lines: names and terms the
//! dictionary does not know. Khmer is written without spaces and broken by a
//! dictionary, which cuts an unknown name such as ជប៉ុនហាត ("Japan Heart") into
//! the pieces it does know (ជប៉ុន | ហា | ត).

use std::ops::Range;

/// Words kept whole, longest first so that the longer of two overlapping entries wins.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct KeptWords(Vec<String>);

impl KeptWords {
    /// The list, without blank entries or repeats.
    pub(super) fn new(words: impl IntoIterator<Item = String>) -> Self {
        let mut list: Vec<String> = words
            .into_iter()
            .map(|w| w.trim().to_string())
            .filter(|w| !w.is_empty())
            .collect();
        list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        list.dedup();
        KeptWords(list)
    }

    /// The byte ranges of `text` an entry covers, in order; overlapping ones merged.
    pub(super) fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        let mut found: Vec<Range<usize>> = self
            .0
            .iter()
            .flat_map(|w| text.match_indices(w.as_str()).map(|(i, m)| i..i + m.len()))
            .collect();
        found.sort_by_key(|r| (r.start, r.end));
        let mut out: Vec<Range<usize>> = Vec::with_capacity(found.len());
        for r in found {
            match out.last_mut() {
                Some(prev) if r.start < prev.end => prev.end = prev.end.max(r.end),
                _ => out.push(r),
            }
        }
        out
    }
}

/// Whether a break at byte `pos` of `text` falls inside a kept word.
pub(super) fn inside(kept: &[Range<usize>], pos: usize) -> bool {
    kept.iter().any(|r| r.start < pos && pos < r.end)
}

/// Whether byte `pos` is the edge of a kept word between two Khmer syllables: the
/// list says a word ends there, so a line may break there as between any two Khmer
/// words. Only before a consonant or independent vowel, where a syllable starts.
pub(super) fn khmer_edge(kept: &[Range<usize>], text: &str, pos: usize) -> bool {
    if !kept.iter().any(|r| r.start == pos || r.end == pos) {
        return false;
    }
    let before = text.get(..pos).and_then(|t| t.chars().next_back());
    let after = text.get(pos..).and_then(|t| t.chars().next());
    before.is_some_and(super::is_khmer_char)
        && after.is_some_and(|c| matches!(c as u32, 0x1780..=0x17B3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_entries_merge_and_blanks_go() {
        let k = KeptWords::new(["ab".to_string(), " bc ".into(), "".into(), "ab".into()]);
        assert_eq!(k.0, vec!["ab".to_string(), "bc".into()]);
        assert_eq!(k.ranges("xabcx ab"), vec![1..4, 6..8]);
        let one = vec![1..4, 9..9];
        assert!(inside(&one, 2) && !inside(&one, 1) && !inside(&one, 4));
    }

    #[test]
    fn a_khmer_edge_is_only_before_a_syllable() {
        let t = "ជប៉ុនហាតកម្ពុជា";
        let end = "ជប៉ុនហាត".len();
        let kept = |r: std::ops::Range<usize>| vec![r, 99..99];
        assert!(khmer_edge(&kept(0..end), t, end));
        // Before a vowel sign is inside a syllable.
        let mid = "ជប៉ុនហ".len();
        assert!(!khmer_edge(&kept(0..mid), t, mid));
        assert!(!khmer_edge(&kept(0..3), "abc def", 3));
    }
}
