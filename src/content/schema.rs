//! What each place in a content file should hold, in words a non-programmer can act on.
//!
//! Messages for missing fields, wrong types and unknown fields all draw on these tables,
//! so a field is described the same way wherever it goes wrong.

use crate::content::model::PhotoPlacement;

/// Fields allowed at the top of the file.
pub(crate) const ROOT_FIELDS: &[&str] = &[
    "lang",
    "title",
    "organisation",
    "key_figures",
    "sections",
    "photos",
    "quote",
    "chart",
    "call_to_action",
    "letter",
    "fonts",
    "khmer_words",
];
/// Fields allowed under `organisation:`.
pub(crate) const ORGANISATION_FIELDS: &[&str] = &[
    "name",
    "tagline",
    "website",
    "contact",
    "brand_color",
    "logo",
];
/// Fields allowed in one key figure.
pub(crate) const KEY_FIGURE_FIELDS: &[&str] = &["value", "label", "source"];
/// Fields allowed in one section.
pub(crate) const SECTION_FIELDS: &[&str] = &["heading", "body"];
/// Fields allowed in one photo.
pub(crate) const PHOTO_FIELDS: &[&str] = &[
    "file",
    "caption",
    "credit",
    "alt",
    "focus",
    "placement",
    "section",
];
/// Fields allowed under `quote:`.
pub(crate) const QUOTE_FIELDS: &[&str] = &["text", "attribution"];
/// Fields allowed under `chart:`.
pub(crate) const CHART_FIELDS: &[&str] = &["title", "unit", "bars", "source", "max", "style"];
/// Fields allowed in one bar of `chart.bars`.
pub(crate) const CHART_BAR_FIELDS: &[&str] = &["label", "value", "display", "highlight"];
/// Fields allowed under `call_to_action:`.
pub(crate) const CALL_TO_ACTION_FIELDS: &[&str] = &["heading", "body", "donate_url", "details"];
/// Fields allowed under `letter:`.
pub(crate) const LETTER_FIELDS: &[&str] = &["date", "greeting", "body", "sign_off", "name", "role"];

/// The words `placement:` accepts, with what each means, in the order the
/// documentation lists them.
pub(crate) const PLACEMENTS: &[(&str, PhotoPlacement, &str)] = &[
    (
        "auto",
        PhotoPlacement::Auto,
        "let the layout decide, the default",
    ),
    (
        "cover",
        PhotoPlacement::Cover,
        "the brochure's cover and the tri-fold's front panel",
    ),
    ("column", PhotoPlacement::Column, "one text column wide"),
    ("page", PhotoPlacement::Page, "the full width of the text"),
];

/// The kinds of group a content file has. Some field names (`value`, `title`,
/// `heading`) occur in more than one, and mean different things in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Group {
    Root,
    Organisation,
    KeyFigure,
    Section,
    Photo,
    Quote,
    Chart,
    ChartBar,
    CallToAction,
    Letter,
}

impl Group {
    /// The fields allowed in this group.
    pub(crate) fn fields(self) -> &'static [&'static str] {
        match self {
            Group::Root => ROOT_FIELDS,
            Group::Organisation => ORGANISATION_FIELDS,
            Group::KeyFigure => KEY_FIGURE_FIELDS,
            Group::Section => SECTION_FIELDS,
            Group::Photo => PHOTO_FIELDS,
            Group::Quote => QUOTE_FIELDS,
            Group::Chart => CHART_FIELDS,
            Group::ChartBar => CHART_BAR_FIELDS,
            Group::CallToAction => CALL_TO_ACTION_FIELDS,
            Group::Letter => LETTER_FIELDS,
        }
    }

    /// Where the group is written, completing "belongs under ___".
    fn place(self) -> &'static str {
        match self {
            Group::Root => "the top level (no indentation)",
            Group::Organisation => "`organisation:`",
            Group::KeyFigure => "each item of `key_figures:`",
            Group::Section => "each item of `sections:`",
            Group::Photo => "each item of `photos:`",
            Group::Quote => "`quote:`",
            Group::Chart => "`chart:`",
            Group::ChartBar => "each bar under `chart:` → `bars:`",
            Group::CallToAction => "`call_to_action:`",
            Group::Letter => "`letter:`",
        }
    }
}

/// Every group, in the order the documentation describes them.
const GROUPS: &[Group] = &[
    Group::Root,
    Group::Organisation,
    Group::KeyFigure,
    Group::Section,
    Group::Photo,
    Group::Quote,
    Group::Chart,
    Group::ChartBar,
    Group::CallToAction,
    Group::Letter,
];

/// Splits a field path into its last field name and whether it ends in a list index:
/// `photos[0].focus[1]` gives `("focus", true)`, `organisation.name` gives `("name", false)`.
pub(crate) fn last_field(path: &str) -> (&str, bool) {
    let last = path.rsplit('.').next().unwrap_or("");
    match last.split_once('[') {
        Some((name, _)) => (name, true),
        None => (last, false),
    }
}

/// The group at `path`, if `path` is a group (`chart`, `photos[2]`, the root `""`).
pub(crate) fn group_at(path: &str) -> Option<Group> {
    match last_field(path) {
        ("", false) => Some(Group::Root),
        ("organisation", false) => Some(Group::Organisation),
        ("key_figures", true) => Some(Group::KeyFigure),
        ("sections", true) => Some(Group::Section),
        ("photos", true) => Some(Group::Photo),
        ("quote", false) => Some(Group::Quote),
        ("chart", false) => Some(Group::Chart),
        ("bars", true) => Some(Group::ChartBar),
        ("call_to_action", false) => Some(Group::CallToAction),
        ("letter", false) => Some(Group::Letter),
        _ => None,
    }
}

/// The group the field at `path` sits in: `chart` for `chart.title`, the root for
/// `title`.
fn group_of(path: &str) -> Option<Group> {
    let parent = path.rsplit_once('.').map_or("", |(parent, _)| parent);
    group_at(parent)
}

/// The allowed fields of the group at `path`, if `path` is a group.
pub(crate) fn fields_at(path: &str) -> Option<&'static [&'static str]> {
    group_at(path).map(Group::fields)
}

/// Where a field name belongs, if it is a field of some group, e.g. `website` belongs
/// under `organisation:`. A name used by several groups lists them all.
pub(crate) fn home_of(field: &str) -> Option<String> {
    let homes: Vec<&str> = GROUPS
        .iter()
        .filter(|group| group.fields().contains(&field))
        .map(|group| group.place())
        .collect();
    (!homes.is_empty()).then(|| homes.join(" or "))
}

/// Whether the value at `path` is a number (a chart value or scale end).
pub(crate) fn is_number(path: &str) -> bool {
    matches!(
        (group_of(path), last_field(path)),
        (Some(Group::ChartBar), ("value", false)) | (Some(Group::Chart), ("max", false))
    )
}

/// What the value at `path` should be, completing "… should be ___".
pub(crate) fn expected_at(path: &str) -> &'static str {
    match last_field(path) {
        ("", false) => "a set of fields such as `title:` and `organisation:`, one per line",
        ("organisation", false) => {
            "a group of fields (`name:`, `tagline:`, `website:`, `contact:`, `brand_color:`, \
             optionally `logo:`) indented under it"
        }
        ("key_figures", false) => "a list of key figures, each starting with `- value:`",
        ("key_figures", true) => "a key figure with `value:`, `label:` and `source:`",
        ("sections", false) => "a list of sections, each starting with `- heading:`",
        ("sections", true) => "a section with `heading:` and `body:`",
        ("photos", false) => "a list of photos, each starting with `- file:`",
        ("photos", true) => {
            "a photo with `file:`, `caption:`, `credit:`, `alt:` and maybe `focus:`, \
             `placement:` and `section:`"
        }
        ("fonts", false) => "a list of font files, each on its own line starting with `- `",
        ("fonts", true) => "the path of a font file",
        ("khmer_words", false) => {
            "a list of words and names, each on its own line starting with `- `"
        }
        ("khmer_words", true) => "a word or name never to split between lines",
        ("focus", false) => "a pair of numbers such as `[0.5, 0.45]`",
        ("focus", true) => "a number from 0 to 1",
        ("body", false) => "text: paragraphs indented under `body: |`",
        ("placement", false) => "one of `auto`, `cover`, `column` or `page`",
        ("section", false) => "the heading of one of the sections, as text",
        ("quote", false) => "a group of fields (`text:`, `attribution:`) indented under it",
        ("chart", false) => {
            "a group of fields (`title:`, `unit:`, `bars:`, `source:`, `max:`, `style:`) indented \
             under it"
        }
        ("bars", false) => "a list of bars, each starting with `- label:`",
        ("bars", true) => "a bar with `label:`, `value:` and maybe `display:` and `highlight:`",
        ("highlight", false) => "`true` or `false`",
        ("style", false) => "`bars` or `columns`",
        ("call_to_action", false) => {
            "a group of fields (`heading:`, `body:`, `donate_url:`, `details:`) indented under it"
        }
        ("letter", false) => {
            "a group of fields (`greeting:`, `body:`, `sign_off:`, `name:`, maybe `date:` and \
             `role:`) indented under it"
        }
        ("details", false) => "a list of lines, each starting with `- `",
        ("details", true) => "one line of text",
        _ if is_number(path) => "a number such as `20`",
        _ => "text",
    }
}

/// A line (or lines) of YAML showing the field at `path` written correctly. Fields whose
/// name several groups share get the example of their own group.
pub(crate) fn example_at(path: &str) -> Option<&'static str> {
    let (field, _) = last_field(path);
    let specific = match (group_of(path), field) {
        (Some(Group::Chart), "title") => "title: Children who survive cancer",
        (Some(Group::Chart), "source") => {
            "source: Japan Heart Cambodia, Pediatric Cancer Treatment"
        }
        (Some(Group::ChartBar), "label") => "label: Cambodia",
        (Some(Group::ChartBar), "value") => "value: 20",
        (Some(Group::CallToAction), "heading") => "heading: How you can help",
        (Some(Group::CallToAction), "body") => {
            "body: |\n  Your gift keeps treatment free for children.\n\n  Second paragraph."
        }
        (Some(Group::Letter), "body") => {
            "body: |\n  Thank you for standing with our patients this year.\n\n  Second paragraph."
        }
        (Some(Group::Letter), "name") => "name: Dr. Aiko Tanaka",
        _ => return example_for(field),
    };
    Some(specific)
}

/// A line (or lines) of YAML showing a field of this name written correctly, as it is
/// written in the first group that has it.
pub(crate) fn example_for(field: &str) -> Option<&'static str> {
    Some(match field {
        "lang" => "lang: en",
        "title" => "title: Fact sheet 2026",
        "organisation" => {
            "organisation:\n  name: Japan Heart Cambodia\n  tagline: Medical care for every child\n  \
             website: https://www.example.org\n  contact: Phnom Penh, Cambodia\n  \
             brand_color: \"#c8102e\""
        }
        "name" => "name: Japan Heart Cambodia",
        "tagline" => "tagline: Equal access to medical care for every child",
        "website" => "website: https://www.example.org",
        "contact" => "contact: Ponhea Leu, Kandal Province, Cambodia",
        "brand_color" => "brand_color: \"#c8102e\"",
        "logo" => "logo: logo.svg",
        "key_figures" => {
            "key_figures:\n  - value: \"~600\"\n    label: children a year with cancer\n    \
             source: Annual report 2025"
        }
        "value" => "value: \"~600\"",
        "label" => "label: children a year in Cambodia with cancer",
        "source" => "source: Annual report 2025",
        "sections" => "sections:\n  - heading: Our history\n    body: |\n      First paragraph…",
        "heading" => "heading: Our history",
        "body" => {
            "body: |\n  First paragraph, which may run over several lines.\n\n  Second paragraph."
        }
        "photos" => {
            "photos:\n  - file: ../assets/photos/ward.jpg\n    caption: On the children's ward\n    \
             credit: Photo by Jane Doe, CC BY 4.0\n    alt: A nurse reading to a child"
        }
        "file" => "file: ../assets/photos/ward.jpg",
        "caption" => "caption: On the children's ward",
        "credit" => "credit: Photo by Jane Doe, CC BY 4.0",
        "alt" => "alt: A nurse reading a story to a child in a hospital bed",
        "focus" => "focus: [0.5, 0.45]",
        "placement" => "placement: column",
        "section" => "section: Mission & History",
        "quote" => {
            "quote:\n  text: Medical Care is not just treatments…\n  \
             attribution: Japan Heart, Mission & History"
        }
        "text" => "text: Medical Care is not just treatments…",
        "attribution" => "attribution: Japan Heart, Mission & History",
        "chart" => {
            "chart:\n  title: Children who survive cancer\n  unit: \"%\"\n  bars:\n    \
             - label: Cambodia\n      value: 20\n    - label: Developed countries\n      \
             value: 80\n  source: Japan Heart Cambodia, Pediatric Cancer Treatment"
        }
        "unit" => "unit: \"%\"",
        "bars" => {
            "bars:\n  - label: Cambodia\n    value: 20\n    display: \"< 20 %\"\n  \
             - label: Developed countries\n    value: 80"
        }
        "display" => "display: \"< 20 %\"",
        "max" => "max: 100",
        "highlight" => "highlight: true",
        "style" => "style: columns",
        "call_to_action" => {
            "call_to_action:\n  heading: How you can help\n  body: |\n    \
             Your gift keeps treatment free.\n  donate_url: https://www.example.org/donate"
        }
        "donate_url" => "donate_url: https://www.example.org/donate",
        "details" => "details:\n  - \"Online: www.example.org\"",
        "fonts" => "fonts:\n  - ../fonts/NotoSans-Regular.ttf",
        "khmer_words" => "khmer_words:\n  - ជប៉ុនហាត",
        "letter" => {
            "letter:\n  greeting: Dear friend,\n  body: |\n    Thank you for your support.\n  \
             sign_off: With gratitude,\n  name: Dr. Aiko Tanaka"
        }
        "date" => "date: 1 December 2026",
        "greeting" => "greeting: Dear friend,",
        "sign_off" => "sign_off: With gratitude,",
        "role" => "role: Director, Japan Heart Cambodia",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(last_field(""), ("", false));
        assert_eq!(last_field("photos[0].focus[1]"), ("focus", true));
        assert_eq!(last_field("organisation.name"), ("name", false));
        assert_eq!(fields_at("photos[2]"), Some(PHOTO_FIELDS));
        assert_eq!(fields_at("photos"), None);
        assert_eq!(fields_at("chart.bars[1]"), Some(CHART_BAR_FIELDS));
        assert_eq!(home_of("website").as_deref(), Some("`organisation:`"));
        assert_eq!(
            home_of("heading").as_deref(),
            Some("each item of `sections:` or `call_to_action:`")
        );
    }

    #[test]
    fn shared_names_mean_their_group() {
        assert!(is_number("chart.bars[0].value"));
        assert!(is_number("chart.max"));
        assert!(!is_number("key_figures[0].value"));
        assert_eq!(expected_at("chart.bars[3].value"), "a number such as `20`");
        assert_eq!(expected_at("key_figures[3].value"), "text");
        assert_eq!(example_at("chart.bars[0].value"), Some("value: 20"));
        assert_eq!(example_at("key_figures[0].value"), Some("value: \"~600\""));
        assert_eq!(example_at("title"), Some("title: Fact sheet 2026"));
        assert_eq!(
            example_at("chart.title"),
            Some("title: Children who survive cancer")
        );
        assert_eq!(example_at("fonts[0]"), example_for("fonts"));
    }

    #[test]
    fn every_field_has_an_example() {
        for group in GROUPS {
            for field in group.fields() {
                assert!(example_for(field).is_some(), "{field}");
            }
        }
    }
}
