//! What each place in a content file should hold, in words a non-programmer can act on.
//!
//! Messages for missing fields, wrong types and unknown fields all draw on these tables,
//! so a field is described the same way wherever it goes wrong.

/// Fields allowed at the top of the file.
pub(crate) const ROOT_FIELDS: &[&str] = &[
    "lang",
    "title",
    "organisation",
    "key_figures",
    "sections",
    "photos",
    "fonts",
];
/// Fields allowed under `organisation:`.
pub(crate) const ORGANISATION_FIELDS: &[&str] =
    &["name", "tagline", "website", "contact", "brand_color"];
/// Fields allowed in one key figure.
pub(crate) const KEY_FIGURE_FIELDS: &[&str] = &["value", "label", "source"];
/// Fields allowed in one section.
pub(crate) const SECTION_FIELDS: &[&str] = &["heading", "body"];
/// Fields allowed in one photo.
pub(crate) const PHOTO_FIELDS: &[&str] = &["file", "caption", "credit", "alt", "focus"];

/// Every group of fields with the path pattern it lives at, to say where a field
/// written in the wrong place belongs.
const GROUPS: &[(&str, &[&str])] = &[
    ("the top level (no indentation)", ROOT_FIELDS),
    ("`organisation:`", ORGANISATION_FIELDS),
    ("each item of `key_figures:`", KEY_FIGURE_FIELDS),
    ("each item of `sections:`", SECTION_FIELDS),
    ("each item of `photos:`", PHOTO_FIELDS),
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

/// The allowed fields of the group at `path`, if `path` is a group.
pub(crate) fn fields_at(path: &str) -> Option<&'static [&'static str]> {
    match last_field(path) {
        ("", false) => Some(ROOT_FIELDS),
        ("organisation", false) => Some(ORGANISATION_FIELDS),
        ("key_figures", true) => Some(KEY_FIGURE_FIELDS),
        ("sections", true) => Some(SECTION_FIELDS),
        ("photos", true) => Some(PHOTO_FIELDS),
        _ => None,
    }
}

/// Where a field name belongs, if it is a field of some group, e.g. `website` belongs
/// under `organisation:`.
pub(crate) fn home_of(field: &str) -> Option<&'static str> {
    GROUPS
        .iter()
        .find(|(_, fields)| fields.contains(&field))
        .map(|(place, _)| *place)
}

/// What the value at `path` should be, completing "… should be ___".
pub(crate) fn expected_at(path: &str) -> &'static str {
    match last_field(path) {
        ("", false) => "a set of fields such as `title:` and `organisation:`, one per line",
        ("organisation", false) => {
            "a group of fields (`name:`, `tagline:`, `website:`, `contact:`, `brand_color:`) \
             indented under it"
        }
        ("key_figures", false) => "a list of key figures, each starting with `- value:`",
        ("key_figures", true) => "a key figure with `value:`, `label:` and `source:`",
        ("sections", false) => "a list of sections, each starting with `- heading:`",
        ("sections", true) => "a section with `heading:` and `body:`",
        ("photos", false) => "a list of photos, each starting with `- file:`",
        ("photos", true) => {
            "a photo with `file:`, `caption:`, `credit:`, `alt:` and maybe `focus:`"
        }
        ("fonts", false) => "a list of font files, each on its own line starting with `- `",
        ("fonts", true) => "the path of a font file",
        ("focus", false) => "a pair of numbers such as `[0.5, 0.45]`",
        ("focus", true) => "a number from 0 to 1",
        ("body", false) => "text: paragraphs indented under `body: |`",
        _ => "text",
    }
}

/// A line (or lines) of YAML showing the field written correctly.
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
        "fonts" => "fonts:\n  - ../fonts/NotoSans-Regular.ttf",
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
        assert_eq!(home_of("website"), Some("`organisation:`"));
    }

    #[test]
    fn every_field_has_an_example() {
        for (_, fields) in GROUPS {
            for field in *fields {
                assert!(example_for(field).is_some(), "{field}");
            }
        }
    }
}
