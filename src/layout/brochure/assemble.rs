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
    let Planned {
        g,
        figures_h,
        flowed,
        n_inner,
        quote_page,
        photo_sets,
        flowing,
        cap_style,
        quote_style,
        ..
    } = p;
    let lang = content.lang.0.as_str();
    let brand = content.organisation.brand_color.value;
    // Assemble pages: cover, inner pages, optional quote page, optional blank, back.
    let mut groups = Groups::default();
    let mut pages: Vec<frame::Page> = Vec::new();
    pages.push(cover(content, cover_idx, paper, ts, photos, &mut groups)?);

    let mut inner: Vec<Vec<Item>> = vec![Vec::new(); n_inner];
    // Key figures at the top of the first inner page.
    let (figs, _) = parts::key_figures(content, g.margin_x, g.top, g.text_w(), ts, &mut groups);
    if let Some(first) = inner.first_mut() {
        first.extend(figs);
    }
    let mut placements: Vec<FigurePlacement> = flowed.figures.clone();
    placements.sort_by_key(|p| (p.page, p.rect.y as i64));
    let mut text_groups_base = groups.last();
    for fp in &placements {
        let Some(page_items) = inner.get_mut(fp.page) else {
            continue;
        };
        match Fig::from_id(fp.id) {
            Fig::Chart => {
                if let Some(c) = &content.chart {
                    let mut n = groups.last();
                    let block = chart::chart(
                        c,
                        fp.rect.w,
                        Point {
                            x: fp.rect.x,
                            y: fp.rect.y + 2.0,
                        },
                        brand,
                        ts,
                        lang,
                        &mut n,
                    );
                    groups = Groups::starting_at(n);
                    page_items.extend(block.items);
                }
            }
            Fig::Quote => {
                if let Some(q) = &content.quote {
                    page_items.extend(quote_band(
                        q,
                        fp.rect,
                        &quote_style,
                        brand,
                        lang,
                        ts,
                        &mut groups,
                    ));
                }
            }
            Fig::Photo(i) => {
                if let (
                    Some(photo),
                    Some(Some((img_h, _, wide, img_w))),
                    Some(Some((narrow, wide_cap, _, _))),
                ) = (content.photos.get(i), photo_sets.get(i), flowing.get(i))
                {
                    let cap = if *wide { wide_cap } else { narrow };
                    page_items.extend(parts::photo_block(
                        photo,
                        i,
                        fp.rect.x,
                        fp.rect.y,
                        img_w.min(fp.rect.w),
                        *img_h,
                        cap,
                        &cap_style,
                        photos,
                        &mut groups,
                    )?);
                }
            }
        }
    }
    // Text items carry group numbers from the flow; shift them after ours.
    text_groups_base = text_groups_base.max(groups.last());
    let mut max_group = text_groups_base;
    for (page, mut item) in flowed.items {
        if item.tag.role != Role::Artifact {
            item.tag.group += text_groups_base;
            max_group = max_group.max(item.tag.group);
        }
        if let Some(v) = inner.get_mut(page) {
            v.push(item);
        }
    }
    groups = Groups::starting_at(max_group);
    for (i, items) in inner.into_iter().enumerate() {
        let mut page = g.page(items);
        let top = if i == 0 { g.top + figures_h } else { g.top };
        let bottom = if i + 1 == n_inner {
            last_page_bottom(&page, g, top)
        } else {
            g.bottom
        };
        page.regions = (0..2)
            .map(|c| Rect::new(g.col_x(c), top, g.col_w, bottom - top))
            .collect();
        pages.push(page);
    }
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

    let mut outline: Vec<(String, usize, f32)> = flowed
        .anchors
        .iter()
        .map(|(t, p, y)| (t.clone(), p + 1, *y))
        .collect();
    if let Some(cta) = &content.call_to_action {
        outline.push((cta.heading.value.clone(), total - 1, g.top));
    }
    Ok(frame::Document {
        pages,
        info: parts::doc_info(content, outline),
        warnings: Vec::new(),
    })
}
