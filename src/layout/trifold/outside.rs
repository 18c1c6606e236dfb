//! The outside page: the front cover and the inside flap, with the pieces they share
//! with the back panel (photo credits, the pull quote).

use super::*;
use crate::image::logo::Logo;
use crate::layout::logo;
use crate::layout::words::words;

/// The logo's box on the cover band, and the gap between its plate and the title.
const COVER_LOGO_MAX_W: f32 = 40.0 * MM;
const COVER_LOGO_MAX_H: f32 = 14.0 * MM;
const COVER_LOGO_GAP: f32 = 5.0 * MM;

/// The photo credits, set once so they can be measured before choosing their panel.
#[derive(Clone)]
pub(super) struct Credits {
    pub(super) head: Vec<Line>,
    pub(super) lines: Vec<Line>,
    pub(super) style: ParStyle,
}

impl Credits {
    pub(super) fn new(
        content: &Content,
        cover: Option<usize>,
        width: f32,
        ts: &mut Typesetter,
    ) -> Self {
        let lang = content.lang.0.as_str();
        let words = crate::layout::words::words(lang);
        let style = ParStyle::new(Family::Sans, 6.5, 8.2, MUTED, lang);
        let mut head_style = style.clone();
        head_style.bold = true;
        let head = if content.photos.is_empty() {
            Vec::new()
        } else {
            ts.set(&[Styled::plain(words.photo_credits)], &head_style, width)
                .lines
        };
        let mut lines = Vec::new();
        for (i, p) in content.photos.iter().enumerate() {
            // The cover photo has no caption in print: say where it is instead.
            let what = if Some(i) == cover {
                words.cover.to_string()
            } else {
                p.caption.value.trim().trim_end_matches('.').to_string()
            };
            let text = format!("{what}{}{}", words.colon, p.credit.value);
            lines.extend(ts.set(&[Styled::plain(text)], &style, width).lines);
        }
        Credits { head, lines, style }
    }
    /// Height from the rule above to the last baseline.
    pub(super) fn height(&self) -> f32 {
        if self.head.is_empty() {
            return 0.0;
        }
        4.0 + self.style.size + (self.head.len() + self.lines.len() - 1) as f32 * self.style.leading
    }
    /// Places the credits with the last baseline at `bottom`.
    pub(super) fn place(&self, x: f32, bottom: f32, width: f32, groups: &mut Groups) -> Vec<Item> {
        let mut items = Vec::new();
        if self.head.is_empty() {
            return items;
        }
        let top = bottom - self.height();
        items.push(parts::rule(x, top, width));
        let tag = groups.tag(Role::Caption);
        let y = place_lines(
            &mut items,
            &self.head,
            x,
            top + 4.0 + self.style.size,
            self.style.leading,
            &tag,
        );
        place_lines(&mut items, &self.lines, x, y, self.style.leading, &tag);
        items
    }
}

/// The pull quote, set once so it can be measured before choosing its place: on the
/// flap, or else at the foot of the right inside panel.
pub(super) struct QuoteSet {
    pub(super) text: Vec<Line>,
    pub(super) attribution: Vec<Line>,
    pub(super) style: ParStyle,
    pub(super) attr_style: ParStyle,
}

impl QuoteSet {
    /// Space above the first quote line for the rule.
    pub(super) const RULE_GAP: f32 = 9.0;

    pub(super) fn new(
        content: &Content,
        accent: Rgb,
        width: f32,
        ts: &mut Typesetter,
    ) -> Option<Self> {
        let q = content.quote.as_ref()?;
        let lang = content.lang.0.as_str();
        let mut style = ParStyle::new(Family::Serif, 12.5, 16.0, accent, lang);
        style.italic = true;
        let attr_style = ParStyle::new(Family::Sans, 7.5, 10.0, MUTED, lang);
        let text = ts
            .set(
                &[Styled::plain(words(lang).quoted(&q.text.value))],
                &style,
                width,
            )
            .lines;
        let attribution = ts
            .set(
                &[Styled::plain(format!(
                    "{}{}",
                    words(lang).attribution_dash,
                    q.attribution.value.trim()
                ))],
                &attr_style,
                width,
            )
            .lines;
        Some(QuoteSet {
            text,
            attribution,
            style,
            attr_style,
        })
    }
    /// Height from the rule to the attribution's last baseline.
    pub(super) fn height(&self) -> f32 {
        Self::RULE_GAP
            + self.style.size
            + (self.text.len().max(1) - 1) as f32 * self.style.leading
            + 4.0
            + self.attribution.len() as f32 * self.attr_style.leading
    }
    /// Places the quote with the attribution's last baseline at `bottom`.
    pub(super) fn place(&self, x: f32, bottom: f32, accent: Rgb, groups: &mut Groups) -> Vec<Item> {
        let mut items = Vec::new();
        let top = bottom - self.height();
        items.push(Item {
            pos: Point { x, y: top },
            content: C::Shape(Shape::Line {
                dx: 18.0 * MM,
                dy: 0.0,
                width: 1.5,
                color: accent,
            }),
            tag: Tag::ARTIFACT,
        });
        let tag = groups.tag(Role::Paragraph);
        let y = place_lines(
            &mut items,
            &self.text,
            x,
            top + Self::RULE_GAP + self.style.size,
            self.style.leading,
            &tag,
        );
        place_lines(
            &mut items,
            &self.attribution,
            x,
            y - self.style.leading + 4.0 + self.attr_style.leading,
            self.attr_style.leading,
            &tag,
        );
        items
    }
}

/// The front cover: the cover photo over the top of the panel to its edges, then the
/// organisation, title and tagline in white on a band of the brand colour, and the
/// website at the foot. A long title takes room from the photo (down to
/// [`COVER_PHOTO_MIN`] of the panel); beyond that the cover is reported as overfull.
#[allow(clippy::too_many_arguments)]
pub(super) fn cover_panel(
    content: &Content,
    cover: Option<(usize, (u32, u32))>,
    logo: Option<&Logo>,
    paper: Paper,
    ts: &mut Typesetter,
    pending: &mut Vec<PendingPhoto>,
    groups: &mut Groups,
) -> (Vec<Item>, Option<Diagnostic>) {
    let panel = Panel::Cover.rect(paper);
    let area = Panel::Cover.text_area(paper);
    // White text needs a dark enough band; a pale brand colour is deepened.
    let band = legible_on_white(content.organisation.brand_color.value);
    let title = |top: f32, ts: &mut Typesetter, groups: &mut Groups| {
        parts::title_block(
            content,
            &content.organisation.name.value,
            &content.title.value,
            area.x,
            top,
            area.w,
            COVER_TITLE_SIZE,
            ts,
            groups,
        )
    };
    let (_, title_h) = title(0.0, ts, &mut Groups::default());
    let (site, site_lines) = cover_website(content, band, area.w, ts);
    let site_base = area.bottom() - (site_lines.len().max(1) - 1) as f32 * site.leading;
    // The logo on its plate heads the band, above the title block.
    let plate = logo.map(|l| logo::on_plate(l, COVER_LOGO_MAX_W, COVER_LOGO_MAX_H));
    let plate_room = plate.as_ref().map_or(0.0, |(_, (_, h))| h + COVER_LOGO_GAP);
    // Room the band needs under its top: padding, the logo, the title block, a gap,
    // the website.
    let pad = 10.0 * MM;
    let room = pad + plate_room + title_h + BLOCK_GAP + site.size;
    let photo_h = (site_base - room).min(panel.h * COVER_PHOTO_SHARE);
    let min_h = panel.h * COVER_PHOTO_MIN;
    let problem = (photo_h < min_h).then(|| cover_overfull(content, min_h - photo_h));
    let photo_h = photo_h.max(min_h);
    let mut items = Vec::new();
    let band_top = match cover.and_then(|(i, dims)| Some((i, dims, content.photos.get(i)?))) {
        Some((i, dims, photo)) => {
            let area = Rect::new(panel.x, panel.y, panel.w, photo_h);
            let tag = groups.tag(Role::Figure(photo.alt.value.clone()));
            items.extend(cover_photo(area, (i, dims), band, tag, pending));
            photo_h
        }
        None => 0.0,
    };
    items.push(parts::filled_rect(
        panel.x,
        band_top,
        panel.w,
        panel.h - band_top,
        band,
    ));
    if let Some((plate, _)) = plate {
        items.extend(logo::moved(plate, area.x, photo_h + pad));
    }
    let (block, _) = title(photo_h + pad + plate_room, ts, groups);
    items.extend(block);
    // The website at the foot of the band, where a reader looks last.
    let tag = groups.tag(Role::Paragraph);
    place_lines(
        &mut items,
        &site_lines,
        area.x,
        site_base,
        site.leading,
        &tag,
    );
    (items, problem)
}

/// The website as the cover band sets it, `width` wide: its style and lines.
fn cover_website(
    content: &Content,
    band: Rgb,
    width: f32,
    ts: &mut Typesetter,
) -> (ParStyle, Vec<Line>) {
    let lang = content.lang.as_str();
    let mut site = ParStyle::new(Family::Sans, 8.0, 10.0, tint(band, WHITE, 0.8), lang);
    site.bold = true;
    let url = content.organisation.website.value.clone();
    let piece = Styled {
        text: parts::display_url(&url),
        link: Some(url),
        ..Default::default()
    };
    let lines = ts.set(&[piece], &site, width).lines;
    (site, lines)
}

/// The error for a title and tagline that leave the cover photo less than its least
/// height, `over` points short.
fn cover_overfull(content: &Content, over: f32) -> Diagnostic {
    let fields = [
        (&content.title, COVER_TITLE_SIZE),
        (&content.organisation.tagline, 12.0),
    ];
    Diagnostic::new(
        &content.source_path,
        parts::largest_field(&fields).map(|f| f.span.clone()),
        format!(
            "the title and tagline do not fit on the tri-fold's {}: {:.0} mm too tall",
            Panel::Cover.name(),
            over / MM
        ),
    )
    .with_help("shorten the title or the tagline")
}

/// The cover photo over `area`, which bleeds to the sheet's top and outer edge but
/// stops at the fold. A photo with too few pixels for the whole area is framed
/// smaller and centred, on a pale tint of the band's colour (the returned items).
fn cover_photo(
    area: Rect,
    (index, dims): (usize, (u32, u32)),
    band: Rgb,
    tag: Tag,
    pending: &mut Vec<PendingPhoto>,
) -> Vec<Item> {
    let (w, h) = parts::sharp_frame(area.w, area.h, dims);
    let mut items = Vec::new();
    if w < area.w - 0.5 {
        let pale = tint(band, WHITE, 0.9);
        items.push(parts::filled_rect(area.x, area.y, area.w, area.h, pale));
    }
    let (x, y) = (area.x + (area.w - w) / 2.0, area.y + (area.h - h) / 2.0);
    pending.push(PendingPhoto {
        page: 0,
        index,
        frame: Rect::new(x, y, w, h),
        tag,
    });
    items
}

/// What the flap produced.
pub(super) struct FlapPanel {
    pub(super) items: Vec<Item>,
    pub(super) problem: Option<Diagnostic>,
    /// Whether the pull quote went on the flap.
    pub(super) quote_placed: bool,
    /// The photo credits when the flap had no room for them: the back panel takes them.
    pub(super) credits_for_back: Option<Credits>,
}

/// The error for key figures (and a chart) `fixed_h` tall on a flap `room` tall: the
/// longest label is at fault when the figures alone are too tall, else the chart.
fn flap_overfull(content: &Content, fixed_h: f32, figures_h: f32, room: f32) -> Diagnostic {
    let longest_label = content
        .key_figures
        .iter()
        .max_by_key(|f| f.label.value.chars().count())
        .map(|f| f.label.span.clone());
    let span: Option<Span> = match &content.chart {
        Some(c) if figures_h <= room => Some(c.title.span.clone()),
        _ => longest_label,
    };
    let (what, or_chart) = if content.chart.is_some() {
        ("the key figures and the chart", " or remove the chart")
    } else {
        ("the key figures", "")
    };
    let flap = Panel::Flap.name();
    Diagnostic::new(
        &content.source_path,
        span,
        format!(
            "{what} do not fit on the tri-fold's {flap}: {:.0} mm too tall",
            (fixed_h - room) / MM
        ),
    )
    .with_help(format!(
        "the {flap} is full; shorten the key figures' labels{or_chart}"
    ))
}

/// The inside flap: the key figures, the chart and the pull quote stacked from the
/// top with even gaps, and the photo credits at the foot; the quote and the credits
/// only when there is room for them.
pub(super) fn flap_panel(
    content: &Content,
    paper: Paper,
    ts: &mut Typesetter,
    groups: &mut Groups,
    credits: &Credits,
    quote: Option<&QuoteSet>,
) -> FlapPanel {
    let area = Panel::Flap.text_area(paper);
    let lang = content.lang.0.as_str();
    let accent = legible_on_white(content.organisation.brand_color.value);
    // Blocks are laid out from y = 0 and moved into place once their gaps are known.
    let mut blocks: Vec<(Vec<Item>, f32)> = Vec::new();
    blocks.push(parts::key_figures(content, area.x, 0.0, area.w, ts, groups));
    if let Some(c) = &content.chart {
        let mut n = groups.last();
        let block = chart::chart(
            c,
            area.w,
            Point { x: area.x, y: 0.0 },
            accent,
            ts,
            lang,
            &mut n,
        );
        *groups = Groups::starting_at(n);
        blocks.push((block.items, block.height));
    }
    let fixed_h: f32 =
        blocks.iter().map(|b| b.1).sum::<f32>() + BLOCK_GAP * (blocks.len() - 1) as f32;
    let figures_h = blocks.first().map_or(0.0, |b| b.1);
    let problem = (fixed_h > area.h).then(|| flap_overfull(content, fixed_h, figures_h, area.h));
    let credits_h = credits.height();
    let credits_here = credits_h > 0.0 && fixed_h + BLOCK_GAP + credits_h <= area.h;
    let foot = if credits_here {
        credits_h + BLOCK_GAP
    } else {
        0.0
    };
    let quote_placed = quote.is_some_and(|q| fixed_h + BLOCK_GAP + q.height() + foot <= area.h);
    let quote_h = quote.filter(|_| quote_placed).map_or(0.0, QuoteSet::height);
    // Even gaps between the stacked blocks, within reason: leftover room goes above
    // the credits, so the blocks never drift apart across the whole panel.
    let stacked = blocks.len() + usize::from(quote_placed);
    let content_h = blocks.iter().map(|b| b.1).sum::<f32>() + quote_h;
    let gap = if stacked > 1 {
        ((area.h - foot - content_h) / (stacked - 1) as f32).clamp(BLOCK_GAP, 2.2 * BLOCK_GAP)
    } else {
        BLOCK_GAP
    };
    let mut items = Vec::new();
    let mut y = area.y;
    for (block, h) in blocks {
        for mut item in block {
            item.translate(0.0, y);
            items.push(item);
        }
        y += h + gap;
    }
    if let (true, Some(q)) = (quote_placed, quote) {
        items.extend(q.place(area.x, y + q.height(), accent, groups));
    }
    let credits_for_back = if credits_here {
        items.extend(credits.place(area.x, area.bottom(), area.w, groups));
        None
    } else {
        Some(credits.clone())
    };
    FlapPanel {
        items,
        problem,
        quote_placed,
        credits_for_back,
    }
}
