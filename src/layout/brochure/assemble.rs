//! Building the pages of a plan.

use super::*;

/// Builds the pages of a plan: cover, inner pages, the quote's own page if it has
/// one, a notes page if the count would be odd, and the back page.
pub(super) fn assemble(
    content: &Content,
    paper: Paper,
    cover_idx: Option<usize>,
    p: Planned,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
) -> Result<frame::Document, Error> {
    let g = p.g;
    let mut groups = Groups::default();
    let mut pages = vec![cover(content, cover_idx, paper, ts, photos, &mut groups)?];
    let anchors = p.flowed.anchors.clone();
    let quote_page = p.quote_page;
    pages.extend(inner_pages(content, p, ts, photos, &mut groups)?);
    if quote_page && let Some(q) = &content.quote {
        pages.push(quote_page_of(content, q, paper, ts, &mut groups));
    }
    let back = back_page(content, paper, ts, photos, &mut groups)?;
    if (pages.len() + 1) % 2 == 1 {
        // Keep the count even: a blank page before the back (notes).
        pages.push(notes_page(content, paper, ts));
    }
    pages.push(back);

    // Running footers on every page but the cover.
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate().skip(1) {
        page.items.extend(running_footer(content, i, total, g, ts));
    }
    let mut outline: Vec<(String, usize, f32)> =
        anchors.into_iter().map(|(t, p, y)| (t, p + 1, y)).collect();
    if let Some(cta) = &content.call_to_action {
        outline.push((cta.heading.value.clone(), total - 1, g.top));
    }
    Ok(frame::Document {
        pages,
        info: parts::doc_info(content, outline),
        warnings: Vec::new(),
    })
}

/// The inner pages: the key figures heading the first, the figures where the flow put
/// them, then the flowed text, and each page's designed columns.
fn inner_pages(
    content: &Content,
    p: Planned,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
    groups: &mut Groups,
) -> Result<Vec<frame::Page>, Error> {
    let g = p.g;
    let mut inner: Vec<Vec<Item>> = vec![Vec::new(); p.n_inner];
    let (figs, _) = parts::key_figures(content, g.margin_x, g.top, g.text_w(), ts, groups);
    if let Some(first) = inner.first_mut() {
        first.extend(figs);
    }
    let mut placements: Vec<FigurePlacement> = p.flowed.figures.clone();
    placements.sort_by_key(|p| (p.page, p.rect.y as i64));
    let text_groups_base = groups.last();
    for fp in &placements {
        if let Some(page_items) = inner.get_mut(fp.page) {
            page_items.extend(figure(content, &p, fp, ts, photos, groups)?);
        }
    }
    // Text items carry group numbers from the flow; shift them after ours.
    let text_groups_base = text_groups_base.max(groups.last());
    let mut max_group = text_groups_base;
    for (page, mut item) in p.flowed.items {
        if item.tag.role != Role::Artifact {
            item.tag.group += text_groups_base;
            max_group = max_group.max(item.tag.group);
        }
        if let Some(v) = inner.get_mut(page) {
            v.push(item);
        }
    }
    *groups = Groups::starting_at(max_group);
    let n_inner = p.n_inner;
    let pages = inner.into_iter().enumerate().map(|(i, items)| {
        let mut page = g.page(items);
        let top = if i == 0 { g.top + p.figures_h } else { g.top };
        let bottom = if i + 1 == n_inner {
            last_page_bottom(&page, g, top)
        } else {
            g.bottom
        };
        page.regions = (0..2)
            .map(|c| Rect::new(g.col_x(c), top, g.col_w, bottom - top))
            .collect();
        page
    });
    Ok(pages.collect())
}

/// One figure the flow placed: the chart, the quote band or a photo with its caption.
fn figure(
    content: &Content,
    p: &Planned,
    fp: &FigurePlacement,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
    groups: &mut Groups,
) -> Result<Vec<Item>, Error> {
    let lang = content.lang.0.as_str();
    let brand = content.organisation.brand_color.value;
    match Fig::from_id(fp.id) {
        Fig::Chart => {
            let Some(c) = &content.chart else {
                return Ok(Vec::new());
            };
            let mut n = groups.last();
            let at = Point {
                x: fp.rect.x,
                y: fp.rect.y + 2.0,
            };
            let block = chart::chart(c, fp.rect.w, at, brand, ts, lang, &mut n);
            *groups = Groups::starting_at(n);
            Ok(block.items)
        }
        Fig::Quote => Ok(match &content.quote {
            Some(q) => quote_band(q, fp.rect, &p.quote_style, brand, lang, ts, groups),
            None => Vec::new(),
        }),
        Fig::Photo(i) => {
            let (
                Some(photo),
                Some(Some((img_h, _, wide, img_w))),
                Some(Some((narrow, wide_cap, _, _))),
            ) = (content.photos.get(i), p.photo_sets.get(i), p.flowing.get(i))
            else {
                return Ok(Vec::new());
            };
            let cap = if *wide { wide_cap } else { narrow };
            let w = img_w.min(fp.rect.w);
            let (x, y) = (fp.rect.x, fp.rect.y);
            parts::photo_block(photo, i, x, y, w, *img_h, cap, &p.cap_style, photos, groups)
        }
    }
}
