//! The inside page: the sections and their photos flowing through the three panels.
//!
//! The panels fit their content both ways: the body is set as large as the panels
//! allow within [`TYPE`], the photos as tall as their shape and the room allow, and
//! the three panels are balanced so they end level. A pull quote that did not fit on
//! the flap closes the right-hand panel; it is never left out.

use super::*;
use crate::layout::fit::{self, MIN_FILL, TypeRange};

/// Body sizes the inside panels may be set at, around the designed [`BODY_SIZE`].
pub const TYPE: TypeRange = TypeRange {
    min: 8.0,
    natural: BODY_SIZE,
    max: 11.0,
    leading_ratio: BODY_LEADING / BODY_SIZE,
};

/// Caps on a photo's height as shares of a panel: comfortable ones first; the text
/// may shrink photos to the smaller ones only when no type size fits otherwise.
const COMFORTABLE_CAPS: [f32; 5] = [0.75, 0.6, 0.5, 0.42, 0.36];
const TIGHT_CAPS: [f32; 3] = [0.3, 0.25, SMALLEST_CAP];
const SMALLEST_CAP: f32 = 0.2;

/// What the inside page produced.
pub(super) struct Inside {
    pub(super) items: Vec<Item>,
    pub(super) pending: Vec<PendingPhoto>,
    pub(super) anchors: Vec<(String, usize, f32)>,
    pub(super) problem: Option<Diagnostic>,
}

/// The fixed facts of the inside page: its panels, the photos that flow and the quote.
struct Setting<'a> {
    content: &'a Content,
    areas: [Rect; 3],
    /// Each flowing photo's caption and natural height at the measure (None for the
    /// cover photo).
    photos: Vec<Option<(Vec<Line>, f32, f32)>>,
    cap_style: ParStyle,
    quote: Option<&'a QuoteSet>,
    accent: Rgb,
}

/// One way of filling the panels.
struct Fit {
    style: FlowStyle,
    cap: f32,
    flowed: Flowed,
    next: u32,
}

/// Lays out the inside page; an overflow is returned as the page's problem so the
/// caller can report it with the outside panels' problems.
#[allow(clippy::too_many_arguments)]
pub(super) fn inside_page(
    content: &Content,
    cover: Option<usize>,
    paper: Paper,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
    quote: Option<&QuoteSet>,
    accent: Rgb,
    groups: &mut Groups,
) -> Result<Inside, Error> {
    let w = measure(paper);
    let cap_style = parts::free_caption_style(&content.lang.0);
    let mut flowing = Vec::new();
    for (i, p) in content.photos.iter().enumerate() {
        if Some(i) == cover {
            flowing.push(None);
            continue;
        }
        let caption = ts.set(&parts::caption_pieces(p), &cap_style, w).lines;
        let (iw, ih) = photos.dimensions(i)?;
        let pw = parts::sharp_width(w, iw);
        flowing.push(Some((caption, pw * ih as f32 / iw.max(1) as f32, pw)));
    }
    let set = Setting {
        content,
        areas: [Panel::InsideLeft, Panel::InsideMiddle, Panel::InsideRight]
            .map(|p| p.text_area(paper)),
        photos: flowing,
        cap_style,
        quote,
        accent,
    };
    let base = groups.last();
    if let Some(problem) = quote_too_tall(&set) {
        return Ok(Inside {
            items: Vec::new(),
            pending: Vec::new(),
            anchors: Vec::new(),
            problem: Some(problem),
        });
    }
    let Some(fit) = choose(&set, ts, base) else {
        return Ok(Inside {
            items: Vec::new(),
            pending: Vec::new(),
            anchors: Vec::new(),
            problem: Some(overflow_problem(&set, ts, base)),
        });
    };
    *groups = Groups::starting_at(fit.next);
    Ok(draw(&set, fit, groups))
}

/// Most of the right-hand panel a pull quote may take.
const QUOTE_MAX_SHARE: f32 = 0.5;

/// A quote that would take more than [`QUOTE_MAX_SHARE`] of the panel it closes.
fn quote_too_tall(set: &Setting) -> Option<Diagnostic> {
    let q = set.quote?;
    let room = set.areas[2].h * QUOTE_MAX_SHARE;
    let quote = set.content.quote.as_ref()?;
    (q.height() > room).then(|| {
        Diagnostic::new(
            &set.content.source_path,
            Some(quote.text.span.clone()),
            format!(
                "`quote.text` is too long for the tri-fold: it would take {:.0} mm of the {}, where at most {:.0} mm is free for it ({:.0} mm too long)",
                q.height() / MM,
                Panel::InsideRight.name(),
                room / MM,
                (q.height() - room) / MM
            ),
        )
        .with_help("shorten the quote to two or three sentences; a pull quote is a line or two the eye catches")
    })
}

/// The fitting loop: comfortable photo sizes before tight ones; within them, every
/// type size, paragraph style and photo cap that holds everything is balanced and
/// weighed by how full its emptiest panel is (larger type and indented paragraphs win
/// a tie), and the fullest is kept.
fn choose(set: &Setting, ts: &mut Typesetter, base: u32) -> Option<Fit> {
    for caps in [&COMFORTABLE_CAPS[..], &TIGHT_CAPS[..]] {
        let mut best: Option<(f32, Fit)> = None;
        // Paragraphs indented, then (for short text) open with a line between them.
        let styles = TYPE
            .sizes()
            .into_iter()
            .flat_map(|size| [(size, 0), (size, 1)]);
        // A size whose indented paragraphs fit under no cap is too large: the open
        // style, a blank line between paragraphs, needs more lines still.
        let mut too_large = None;
        for (size, gap) in styles {
            if gap == 1 && too_large == Some(size) {
                continue;
            }
            let mut style = flow_style(&set.content.lang.0, set.accent, size);
            style.paragraph_gap = gap;
            let entries = entries(set, &style, ts);
            let mut fitted = false;
            for share in caps {
                let cap = share * set.areas[0].h;
                let sized = sized(set, &entries, cap, style.body.leading);
                let rects = rects(set, &style);
                let mut next = base;
                let Some(flowed) = fit::balance(&sized, &rects, &style, &mut next) else {
                    continue;
                };
                fitted = true;
                let fill = fill_of(set, &flowed);
                if best.as_ref().is_none_or(|(f, _)| fill > *f + 0.01) {
                    best = Some((
                        fill,
                        Fit {
                            style: style.clone(),
                            cap,
                            flowed,
                            next,
                        },
                    ));
                }
            }
            if !fitted {
                too_large = Some(size);
            }
            // Full enough once both paragraph styles of a size are weighed: smaller
            // type would only make it emptier.
            if gap == 1 && best.as_ref().is_some_and(|(f, _)| *f >= MIN_FILL) {
                break;
            }
        }
        if let Some((_, fit)) = best {
            return Some(fit);
        }
    }
    None
}

/// How full the emptiest panel is, counting the photos' frames.
fn fill_of(set: &Setting, flowed: &Flowed) -> f32 {
    let mut items: Vec<Item> = flowed.items.iter().map(|(_, i)| i.clone()).collect();
    items.extend(
        flowed
            .figures
            .iter()
            .map(|f| parts::filled_rect(f.rect.x, f.rect.y, f.rect.w, f.rect.h, INK)),
    );
    set.areas
        .iter()
        .map(|a| crate::layout::measure::fill_items(&items, *a))
        .fold(1.0, f32::min)
}

/// The panels' text areas, the right one stopping a blank line above the quote.
fn rects(set: &Setting, style: &FlowStyle) -> [Rect; 3] {
    let mut rects = set.areas;
    if let Some(q) = set.quote {
        let grid = Grid::at(set.areas[2], style);
        let quote_top = grid.at_or_above(set.areas[2].bottom()) - q.height();
        let last = grid.at_or_above(quote_top - style.body.leading);
        rects[2].h = (last - rects[2].y + 0.5).max(0.0);
    }
    rects
}

/// The body set in `style`, with each photo after the first paragraph of its section
/// (as a figure of no size yet).
fn entries(set: &Setting, style: &FlowStyle, ts: &mut Typesetter) -> Vec<Entry> {
    let w = set.areas[0].w;
    let flows = |i: usize| matches!(set.photos.get(i), Some(Some(_)));
    compose::body_with_photos(set.content, flows)
        .into_iter()
        .map(|item| match item {
            BodyItem::Block(b) => flow::set_block(&b, w, style, ts),
            BodyItem::Photo { index, section } => Entry::Figure {
                id: index,
                lines: 0,
                wide: false,
                section,
            },
        })
        .collect()
}

/// The entries with every photo sized for a height cap of `cap` points.
fn sized(set: &Setting, entries: &[Entry], cap: f32, lead: f32) -> Vec<Entry> {
    entries
        .iter()
        .map(|e| match e {
            Entry::Figure { id, section, .. } => Entry::Figure {
                id: *id,
                lines: photo_size(set, *id, cap, lead).map_or(0, |p| p.lines),
                wide: false,
                section: *section,
            },
            other => other.clone(),
        })
        .collect()
}

/// Photo `i` at most `cap` points high and never taller than its own shape (so it is
/// not enlarged to fill its frame): its image height and the grid lines it takes with
/// its caption and a blank line under it.
fn photo_size(set: &Setting, i: usize, cap: f32, lead: f32) -> Option<FlowPhoto> {
    let (caption, natural, img_w) = set.photos.get(i)?.as_ref()?;
    let img_h = (((natural.min(cap) + lead * 0.3) / lead).floor().max(1.0)) * lead - lead * 0.3;
    let total = img_h + 3.0 + caption.len() as f32 * set.cap_style.leading;
    Some(FlowPhoto {
        caption: caption.clone(),
        img_w: *img_w,
        img_h,
        lines: (total / lead).ceil() as usize + 1,
    })
}

/// The flowed text, the photos' captions and frames, and the quote.
fn draw(set: &Setting, fit: Fit, groups: &mut Groups) -> Inside {
    let mut items: Vec<Item> = fit.flowed.items.into_iter().map(|(_, i)| i).collect();
    let mut pending = Vec::new();
    let lead = fit.style.body.leading;
    for fp in &fit.flowed.figures {
        let (Some(p), Some(photo)) = (
            photo_size(set, fp.id, fit.cap, lead),
            set.content.photos.get(fp.id),
        ) else {
            continue;
        };
        let frame = Rect::new(fp.rect.x, fp.rect.y, p.img_w.min(fp.rect.w), p.img_h);
        pending.push(PendingPhoto {
            page: 1,
            index: fp.id,
            frame,
            tag: groups.tag(Role::Figure(photo.alt.value.clone())),
        });
        let tag = groups.tag(Role::Caption);
        let cs = &set.cap_style;
        place_lines(
            &mut items,
            &p.caption,
            frame.x,
            frame.bottom() + 3.0 + cs.size,
            cs.leading,
            &tag,
        );
    }
    if let Some(q) = set.quote {
        let bottom = Grid::at(set.areas[2], &fit.style).at_or_above(set.areas[2].bottom());
        items.extend(q.place(set.areas[2].x, bottom, set.accent, groups));
    }
    Inside {
        items,
        pending,
        // The flow numbers its one page 0; the inside is the sheet's second page.
        anchors: fit
            .flowed
            .anchors
            .into_iter()
            .map(|(t, _, y)| (t, 1, y))
            .collect(),
        problem: None,
    }
}

/// The error for text that does not fit the inside panels even at the smallest type
/// and photos, with each panel's fill.
fn overflow_problem(set: &Setting, ts: &mut Typesetter, base: u32) -> Diagnostic {
    let content = set.content;
    let style = flow_style(&content.lang.0, set.accent, TYPE.min);
    let lead = style.body.leading;
    let entries = entries(set, &style, ts);
    let sized = sized(set, &entries, SMALLEST_CAP * set.areas[0].h, lead);
    let mut n = base;
    let flowed = flow::place(&sized, &rects(set, &style), &style, &mut n);
    let o = flowed.overflow.clone().unwrap_or(flow::Overflow {
        section: 0,
        lines: 0,
        height: 0.0,
    });
    // Overflowing text belongs to a section, so there is one to name.
    let section = content.sections.get(o.section).or(content.sections.last());
    let used = lines_used(&flowed, &set.areas, &style);
    let capacity = ((set.areas[0].h - style.first_baseline) / lead).floor() as usize + 1;
    let fill: Vec<String> = [Panel::InsideLeft, Panel::InsideMiddle, Panel::InsideRight]
        .iter()
        .zip(used)
        .map(|(p, n)| format!("{} {n} of {capacity} lines", p.name()))
        .collect();
    let quote = if set.quote.is_some() {
        " and the pull quote"
    } else {
        ""
    };
    Diagnostic::new(
        &content.source_path,
        section.map(|s| s.heading.span.clone()),
        format!(
            "section \"{}\" does not fit in the tri-fold: {} line{} ({:.0} mm) are left over after the three inside panels{quote}, with the body at its smallest size ({} pt)",
            section.map_or("", |s| s.heading.value.as_str()),
            o.lines,
            if o.lines == 1 { "" } else { "s" },
            o.height / MM,
            TYPE.min,
        ),
    )
    .with_help(format!(
        "the three inside panels are full ({}); shorten the text by about {} words, or remove a photo",
        fill.join(", "),
        (o.lines * 8).max(5)
    ))
}

/// Grid lines each inside panel uses, from the flow's items and figures.
fn lines_used(flowed: &Flowed, areas: &[Rect; 3], style: &FlowStyle) -> [usize; 3] {
    let mut used = [0usize; 3];
    let lead = style.body.leading;
    let first = style.first_baseline;
    let panel_of = |x: f32| areas.iter().position(|a| x >= a.x - 0.5 && x < a.right());
    for (_, item) in &flowed.items {
        if let (C::Text(_), Some(k)) = (&item.content, panel_of(item.pos.x))
            && let (Some(area), Some(n)) = (areas.get(k), used.get_mut(k))
        {
            let line = ((item.pos.y - area.y - first) / lead).round() as usize + 1;
            *n = (*n).max(line);
        }
    }
    for fp in &flowed.figures {
        if let Some(k) = panel_of(fp.rect.x)
            && let (Some(area), Some(n)) = (areas.get(k), used.get_mut(k))
        {
            let line = ((fp.rect.bottom() - area.y) / lead).round() as usize;
            *n = (*n).max(line);
        }
    }
    used
}
