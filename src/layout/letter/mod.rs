//! The donor letter: one personal page. A letterhead with the logo and the
//! organisation's address; the letter in one column at a comfortable measure, from the
//! greeting to the signature; beside it a narrow column with a photo, the key figures
//! and the call to action with its QR code.
//!
//! The letter is set as large as its column allows within [`TYPE`], ragged right as a
//! letter is, paragraphs apart on the baseline grid. A letter that does not fit at the
//! smallest size is an error naming `letter.body`. The side column gives its photo the
//! room the figures and the call to action leave, up to the photo's own shape.

mod head;
mod side;

use crate::compose;
use crate::content::model::{Content, Letter};
use crate::diag::{Diagnostic, Error};
use crate::layout::fit::TypeRange;
use crate::layout::flow::{self, Entry, FlowStyle, Overflow};
use crate::layout::frame::{self, Item, MM, Rect, Role};
use crate::layout::parts::{self, Groups, INK, MUTED};
use crate::layout::{Paper, PhotoSource};
use crate::text::{Align, Family, Line, ParStyle, Styled, Typesetter};

const MARGIN_X: f32 = 20.0 * MM;
const MARGIN_TOP: f32 = 15.0 * MM;
const MARGIN_BOTTOM: f32 = 17.0 * MM;
/// The side column's share of the text width, and the gap between the columns.
const SIDE_SHARE: f32 = 0.3;
const COLUMN_GAP: f32 = 8.0 * MM;
/// From the letterhead's rule to the top of the letter.
const HEAD_GAP: f32 = 8.0 * MM;

/// The letter's body sizes: a letter reads at book size, larger than a fact sheet,
/// and no larger than 11 pt, where the blank line between paragraphs still reads as
/// paragraph space rather than a break in the page.
pub const TYPE: TypeRange = TypeRange {
    min: 9.0,
    natural: 10.5,
    max: 11.0,
    leading_ratio: 1.45,
};

/// Blank grid lines for the handwritten signature, under the one after the sign-off.
const SIGNATURE_LINES: usize = 2;

/// Lays out the donor letter on one page of `paper`.
pub fn layout(
    content: &Content,
    paper: Paper,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
) -> Result<frame::Document, Error> {
    let letter = content.letter.as_ref().ok_or_else(|| no_letter(content))?;
    let (pw, ph) = paper.size();
    let inner_w = pw - 2.0 * MARGIN_X;
    let mut groups = Groups::default();
    let (mut items, head_h) = head::letterhead(
        content,
        photos.logo()?,
        MARGIN_X,
        MARGIN_TOP,
        inner_w,
        ts,
        &mut groups,
    );
    head::check_height(content, paper, head_h)?;
    let top = MARGIN_TOP + head_h + HEAD_GAP;
    let side_w = (inner_w * SIDE_SHARE).round();
    let main = Rect::new(
        MARGIN_X,
        top,
        inner_w - side_w - COLUMN_GAP,
        ph - MARGIN_BOTTOM - top,
    );
    let side = Rect::new(main.right() + COLUMN_GAP, top, side_w, main.h);
    items.extend(set_letter(content, letter, main, paper, ts, &mut groups)?);
    items.extend(side::column(content, side, paper, ts, photos, &mut groups)?);
    let margins = Rect::new(
        MARGIN_X,
        MARGIN_TOP,
        inner_w,
        ph - MARGIN_TOP - MARGIN_BOTTOM,
    );
    let page = parts::one_page(paper, margins, items, vec![main]);
    Ok(parts::document(content, vec![page], Vec::new()))
}

/// The letter's type at one body size.
fn styles(lang: &str, size: f32) -> FlowStyle {
    let lead = TYPE.leading(size, lang);
    let mut body = ParStyle::on_grid(Family::Serif, size, lead, INK, lang);
    body.align = Align::Left;
    body.hyphenate = true;
    FlowStyle {
        first_baseline: size * 0.9,
        heading: body.clone(),
        body,
        min_lines: 2,
        paragraph_gap: 1,
    }
}

/// The date, the letter and the signature in `column`, at the largest size that
/// holds them all.
fn set_letter(
    content: &Content,
    letter: &Letter,
    column: Rect,
    paper: Paper,
    ts: &mut Typesetter,
    groups: &mut Groups,
) -> Result<Vec<Item>, Error> {
    let lang = content.lang.as_str();
    let blocks = compose::letter_blocks(letter);
    let mut last = None;
    for size in TYPE.sizes() {
        let style = styles(lang, size);
        let mut entries = Vec::new();
        if let Some(date) = &letter.date {
            entries.push(date_entry(&date.value, &style, column.w, ts));
        }
        entries.extend(flow::set_blocks(&blocks, column.w, &style, ts));
        let closing = closing(letter, &style, column.w, ts);
        entries.push(Entry::Figure {
            id: 0,
            lines: SIGNATURE_LINES + closing.len(),
            wide: false,
            section: 0,
        });
        let mut g = groups.last();
        let flowed = flow::place(&entries, &[column], &style, &mut g);
        if let Some(o) = flowed.overflow {
            last = Some(o);
            continue;
        }
        *groups = Groups::starting_at(g);
        let mut items: Vec<Item> = flowed.items.into_iter().map(|(_, i)| i).collect();
        let at = flowed.figures.first().map_or(column.y, |f| f.rect.y);
        let room = SIGNATURE_LINES as f32 * style.body.leading;
        items.push(Item {
            pos: frame::Point { x: column.x, y: at },
            content: frame::Content::Space {
                w: column.w * 0.5,
                h: room,
            },
            tag: frame::Tag::ARTIFACT,
        });
        let mut y = at + style.first_baseline + room;
        for (line, role) in closing {
            let tag = groups.tag(role);
            flow::push_line(&mut items, &line, column.x, y, tag);
            y += style.body.leading;
        }
        return Ok(items);
    }
    Err(overflow(content, letter, last, paper))
}

/// The date, flush right above the greeting, as a paragraph of its own.
fn date_entry(date: &str, style: &FlowStyle, width: f32, ts: &mut Typesetter) -> Entry {
    let mut s = style.body.clone();
    s.align = Align::Right;
    s.hyphenate = false;
    Entry::Text {
        lines: ts.set(&[Styled::plain(date)], &s, width).lines,
        heading: None,
        section: 0,
        hang: None,
    }
}

/// The signer's name in bold and their role in grey, a grid line each.
fn closing(
    letter: &Letter,
    style: &FlowStyle,
    width: f32,
    ts: &mut Typesetter,
) -> Vec<(Line, Role)> {
    let mut name = style.body.clone();
    name.bold = true;
    name.hyphenate = false;
    let mut role = ParStyle::on_grid(
        Family::Sans,
        style.body.size * 0.8,
        style.body.leading,
        MUTED,
        &style.body.lang,
    );
    role.align = Align::Left;
    let mut out: Vec<(Line, Role)> = ts
        .set(&[Styled::plain(letter.name.value.clone())], &name, width)
        .lines
        .into_iter()
        .map(|l| (l, Role::Paragraph))
        .collect();
    if let Some(r) = &letter.role {
        let lines = ts
            .set(&[Styled::plain(r.value.clone())], &role, width)
            .lines;
        out.extend(lines.into_iter().map(|l| (l, Role::Paragraph)));
    }
    out
}

/// The letter does not fit even at the smallest size: say by how much.
fn overflow(content: &Content, letter: &Letter, o: Option<Overflow>, paper: Paper) -> Error {
    let o = o.unwrap_or(Overflow {
        section: 0,
        lines: 0,
        height: 0.0,
    });
    let span = at_fault(letter);
    // About nine words a line in the letter's column at its smallest size.
    let words = (o.lines * 9).max(5);
    Error::input(
        Diagnostic::new(
            &content.source_path,
            Some(span.clone()),
            format!(
                "the donor letter is one page and `{}` does not fit: the letter is {} line{} ({:.0} mm) too long on {}, with the text set at its smallest size ({} pt)",
                span.path,
                o.lines,
                if o.lines == 1 { "" } else { "s" },
                o.height / MM,
                paper.name(),
                TYPE.min
            ),
        )
        .with_help(format!(
            "shorten it by about {words} words; a letter that is read to the end is shorter than a page"
        )),
    )
}

/// The field an overflowing letter should name: a one-line field (greeting, sign-off,
/// name, role, date) grown longer than the body, else the body.
fn at_fault(letter: &Letter) -> crate::content::model::Span {
    let body: usize = letter.paragraphs.iter().map(|p| p.plain_text().len()).sum();
    let lines = [&letter.greeting, &letter.sign_off, &letter.name]
        .into_iter()
        .chain(letter.role.as_ref())
        .chain(letter.date.as_ref());
    match lines.max_by_key(|f| f.value.len()) {
        Some(f) if f.value.len() > body => f.span.clone(),
        _ => {
            let first = letter
                .paragraphs
                .first()
                .map_or(&letter.greeting.span, |p| &p.span);
            crate::content::model::Span {
                path: "letter.body".into(),
                ..first.clone()
            }
        }
    }
}

/// The layout was asked for but the content has no letter to set.
fn no_letter(content: &Content) -> Error {
    let example = crate::content::example_yaml("letter").unwrap_or_default();
    Error::input(
        Diagnostic::new(
            &content.source_path,
            Some(crate::content::model::Span {
                line: 0,
                column: 0,
                path: "letter".into(),
            }),
            "the donor letter needs a `letter:` group in the content, and this file has none",
        )
        .with_help(format!(
            "add one at the top level of the file, for example:\n{example}"
        )),
    )
}
