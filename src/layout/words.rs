//! The layouts' own words, per language: the labels a document prints that are not in
//! the content file ("Sources:", "Photo credits", "Give online:"), the punctuation
//! around them, and the descriptions given to screen readers.
//!
//! A language without a table of its own gets English, the content's words around it
//! still being in its language.

/// One language's words and punctuation for the layouts.
#[derive(Debug)]
pub struct Words {
    /// Before the key figures' sources: "Sources: ".
    pub sources: &'static str,
    /// Before a chart's source: "Source: ".
    pub source: &'static str,
    /// Between items of a list in running text: "; ".
    pub list_separator: &'static str,
    /// The end of a sentence the layout writes: ".".
    pub full_stop: &'static str,
    /// Characters that already end a sentence, so no full stop is added.
    pub sentence_ends: &'static [char],
    /// Between a label and what it labels: ": ".
    pub colon: &'static str,
    /// Before the donation address: "Give online: ".
    pub give_online: &'static str,
    /// Beside a QR code with room for a sentence.
    pub scan_to_give: &'static str,
    /// Under a QR code with room for a few words.
    pub scan_to_give_short: &'static str,
    /// The heading over the photo credits.
    pub photo_credits: &'static str,
    /// The cover photo, in the credits: "Cover".
    pub cover: &'static str,
    /// The label over the contact details, set in capitals where the script has them.
    pub contact: &'static str,
    /// The heading of a page left for notes.
    pub notes: &'static str,
    /// Around a quotation: “ and ”.
    pub quote_marks: (&'static str, &'static str),
    /// Before a quotation's attribution: "— ".
    pub attribution_dash: &'static str,
    /// Screen-reader descriptions of the two chart styles.
    pub bar_chart: &'static str,
    /// See [`Self::bar_chart`].
    pub column_chart: &'static str,
    /// A QR code's description, before its address: "QR code linking to ".
    pub qr_code_to: &'static str,
}

const ENGLISH: Words = Words {
    sources: "Sources: ",
    source: "Source: ",
    list_separator: "; ",
    full_stop: ".",
    sentence_ends: &['.', '!', '?'],
    colon: ": ",
    give_online: "Give online: ",
    scan_to_give: "Scan with your phone’s camera to give online.",
    scan_to_give_short: "Scan to give online",
    photo_credits: "Photo credits",
    cover: "Cover",
    contact: "CONTACT",
    notes: "Notes",
    quote_marks: ("“", "”"),
    attribution_dash: "— ",
    bar_chart: "Bar chart",
    column_chart: "Column chart",
    qr_code_to: "QR code linking to ",
};

const JAPANESE: Words = Words {
    sources: "出典：",
    source: "出典：",
    list_separator: "、",
    full_stop: "。",
    sentence_ends: &['。', '！', '？', '.', '!', '?'],
    colon: "：",
    give_online: "オンラインでのご寄付：",
    scan_to_give: "スマートフォンのカメラで読み取ると、オンラインでご寄付いただけます。",
    scan_to_give_short: "読み取ってご寄付を",
    photo_credits: "写真提供",
    cover: "表紙",
    contact: "お問い合わせ",
    notes: "メモ",
    quote_marks: ("「", "」"),
    attribution_dash: "――",
    bar_chart: "横棒グラフ",
    column_chart: "縦棒グラフ",
    qr_code_to: "QRコードのリンク先：",
};

const KHMER: Words = Words {
    sources: "ប្រភព៖ ",
    source: "ប្រភព៖ ",
    list_separator: "; ",
    full_stop: "។",
    sentence_ends: &['។', '៕', '!', '?', '.'],
    colon: "៖ ",
    give_online: "បរិច្ចាគតាមអនឡាញ៖ ",
    scan_to_give: "ស្កេនដោយកាមេរ៉ាទូរស័ព្ទរបស់អ្នក ដើម្បីបរិច្ចាគតាមអនឡាញ។",
    scan_to_give_short: "ស្កេនដើម្បីបរិច្ចាគ",
    photo_credits: "ប្រភពរូបថត",
    cover: "ក្របមុខ",
    contact: "ទំនាក់ទំនង",
    notes: "កំណត់ចំណាំ",
    quote_marks: ("«", "»"),
    attribution_dash: "— ",
    bar_chart: "គំនូសតាងរបារផ្តេក",
    column_chart: "គំនូសតាងរបារបញ្ឈរ",
    qr_code_to: "កូដ QR ភ្ជាប់ទៅ ",
};

/// The words for language `lang` (a code such as `km`); English for any other.
pub fn words(lang: &str) -> &'static Words {
    match crate::text::primary_language(lang) {
        "ja" => &JAPANESE,
        "km" => &KHMER,
        _ => &ENGLISH,
    }
}

impl Words {
    /// `text` with a full stop added unless it already ends a sentence.
    pub fn sentence(&self, text: &str) -> String {
        let text = text.trim_end();
        if text.ends_with(self.sentence_ends) {
            text.to_string()
        } else {
            format!("{text}{}", self.full_stop)
        }
    }

    /// `text` quoted with the language's marks.
    pub fn quoted(&self, text: &str) -> String {
        format!(
            "{}{}{}",
            self.quote_marks.0,
            text.trim(),
            self.quote_marks.1
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_its_own_labels() {
        assert_eq!(words("en").photo_credits, "Photo credits");
        assert_eq!(words("ja").photo_credits, "写真提供");
        assert_eq!(words("km").cover, "ក្របមុខ");
        assert_eq!(words("fr").cover, "Cover");
    }

    #[test]
    fn sentences_end_once() {
        assert_eq!(words("en").sentence("Sources: a; b"), "Sources: a; b.");
        assert_eq!(words("en").sentence("Done!"), "Done!");
        assert_eq!(words("ja").sentence("出典：報告書"), "出典：報告書。");
        assert_eq!(words("km").sentence("ប្រភព៖ ក"), "ប្រភព៖ ក។");
    }
}
