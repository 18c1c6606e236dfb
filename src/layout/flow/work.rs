//! The state of one flow through its regions, and how each kind of entry is placed.

use std::collections::VecDeque;

use super::*;

/// What placing one entry asks of the flow next.
pub(super) enum Stop {
    /// Go on in this region (it may be full now).
    Stay,
    /// Go on in the next region.
    Next,
    /// Move to the next region straight away, before anything else is counted.
    Skip,
    /// Give up: the rest does not fit anywhere.
    Finish,
}

/// The state of one flow.
pub(super) struct Work<'a> {
    source: &'a mut dyn RegionSource,
    style: &'a FlowStyle,
    next_group: &'a mut u32,
    out: Flowed,
    /// Entries not placed yet.
    queue: VecDeque<Entry>,
    /// Column-wide figures waiting for the next region's top.
    pending_col: VecDeque<Entry>,
    /// Page-wide figures waiting for the next page: (id, lines, height).
    pending_wide: Vec<(usize, usize, f32)>,
    /// Group of a paragraph whose remaining lines wait for the next region.
    carry: Option<u32>,
    index: usize,
    region: Region,
    /// Grid lines used in the region.
    line: usize,
    /// Empty regions in a row that a waiting entry did not fit.
    stuck: usize,
    /// Whether the last thing placed in this region was (part of) a paragraph, or of
    /// a list item.
    after_paragraph: bool,
    after_item: bool,
}

impl<'a> Work<'a> {
    /// A flow starting in `region` (with the figures its source placed there and the
    /// page-wide ones still waiting).
    pub(super) fn new(
        source: &'a mut dyn RegionSource,
        style: &'a FlowStyle,
        next_group: &'a mut u32,
        (region, placed, pending_wide): (Region, Vec<FigurePlacement>, Vec<(usize, usize, f32)>),
        queue: VecDeque<Entry>,
    ) -> Self {
        Work {
            source,
            style,
            next_group,
            out: Flowed {
                figures: placed,
                ..Flowed::default()
            },
            queue,
            pending_col: VecDeque::new(),
            pending_wide,
            carry: None,
            index: 0,
            region,
            line: 0,
            stuck: 0,
            after_paragraph: false,
            after_item: false,
        }
    }

    pub(super) fn run(&mut self) {
        loop {
            // Waiting column figures go first at the top of a fresh region.
            let entry = if self.line == 0 && !self.pending_col.is_empty() {
                self.pending_col.pop_front()
            } else {
                self.queue.pop_front()
            };
            let Some(entry) = entry else {
                // The text has ended with a figure still waiting: it heads the next region.
                if self.pending_col.is_empty() || !self.advance() {
                    break;
                }
                continue;
            };
            let line_before = self.line;
            let is_paragraph = matches!(entry, Entry::Text { heading: None, .. });
            let is_item = matches!(entry, Entry::Text { hang: Some(_), .. });
            let stop = match entry {
                Entry::Figure {
                    id,
                    lines,
                    wide: true,
                    ..
                } => {
                    let h = lines as f32 * self.style.body.leading;
                    self.pending_wide.push((id, lines, h));
                    Stop::Stay
                }
                e @ Entry::Figure { .. } => self.figure(e),
                Entry::Text {
                    lines,
                    heading: Some(text),
                    section,
                    ..
                } => self.heading(lines, text, section),
                Entry::Text {
                    lines,
                    heading: None,
                    section,
                    hang,
                } => self.paragraph(lines, section, hang, is_item),
            };
            match stop {
                Stop::Finish => break,
                Stop::Skip => {
                    if !self.advance() {
                        break;
                    }
                    continue;
                }
                Stop::Stay | Stop::Next => {}
            }
            if self.line > 0 {
                self.stuck = 0;
            }
            // A figure sent on to the next region leaves the paragraphs around it adjacent.
            if self.line != line_before {
                self.after_paragraph = is_paragraph;
                self.after_item = is_item;
            }
            if (matches!(stop, Stop::Next) || self.line >= self.capacity()) && !self.advance() {
                break;
            }
        }
    }

    /// Grid lines the current region holds.
    fn capacity(&self) -> usize {
        let (h, first) = (self.region.rect.h, self.style.first_baseline);
        if h < first {
            0
        } else {
            ((h - first) / self.style.body.leading).floor() as usize + 1
        }
    }

    fn free(&self) -> usize {
        self.capacity().saturating_sub(self.line)
    }

    /// The baseline of grid line `line` of the current region.
    fn baseline(&self, line: usize) -> f32 {
        self.region.rect.y + self.style.first_baseline + line as f32 * self.style.body.leading
    }

    /// Moves to the next region; false when there is none.
    fn advance(&mut self) -> bool {
        self.after_paragraph = false;
        let next = next_region(
            self.source,
            &mut self.index,
            &mut self.pending_wide,
            &mut self.out.figures,
        );
        let Some(r) = next else {
            return false;
        };
        self.region = r;
        self.line = 0;
        true
    }

    /// Counts an empty region that `e` did not fit; true when it is time to give up.
    fn stuck_on(&mut self) -> bool {
        self.stuck += 1;
        self.stuck > MAX_EMPTY_TRIES
    }

    /// A column-wide figure: here, under a blank grid line if text is above it, or
    /// at the top of the next region.
    fn figure(&mut self, e: Entry) -> Stop {
        let Entry::Figure { id, lines, .. } = e else {
            return Stop::Stay;
        };
        // Under text a figure keeps a blank grid line above it, so the photo does not
        // touch the descenders of the line before.
        let gap = usize::from(self.line > 0);
        if lines + gap <= self.free() {
            self.line += gap;
            let c = self.region.rect;
            let lead = self.style.body.leading;
            let y = c.y + self.line as f32 * lead;
            self.out.figures.push(FigurePlacement {
                id,
                page: self.region.page,
                rect: Rect::new(c.x, y, c.w, lines as f32 * lead),
            });
            self.line += lines;
            return Stop::Stay;
        }
        if self.line > 0 {
            self.pending_col.push_back(e);
            return Stop::Stay;
        }
        // Too tall for this empty region, which may be a short one (under the figures
        // box, above a quote band): try the next regions, and give up only when it
        // fits in none of them.
        if self.stuck_on() {
            self.queue.push_front(e);
            return Stop::Finish;
        }
        self.pending_col.push_front(e);
        Stop::Next
    }

    /// A heading, kept with the first lines of its text; a blank grid line above it
    /// unless it starts the region.
    fn heading(&mut self, lines: Vec<Line>, text: String, section: usize) -> Stop {
        let gap = usize::from(self.line > 0);
        let next_min = match self.queue.front() {
            Some(Entry::Text {
                lines: l,
                heading: None,
                ..
            }) => l.len().min(self.style.min_lines),
            _ => 0,
        };
        let free = self.free();
        if lines.len() + next_min + gap > free {
            let again = Entry::Text {
                lines,
                heading: Some(text),
                section,
                hang: None,
            };
            self.queue.push_front(again);
            // Does not fit even in this empty region: try the next ones.
            if self.line == 0 && self.stuck_on() {
                return Stop::Finish;
            }
            return Stop::Next;
        }
        self.line += gap;
        let group = take(self.next_group);
        let top = self.baseline(self.line) - self.style.heading.size;
        self.out.anchors.push((text, self.region.page, top));
        let tag = Tag {
            role: Role::Heading(2),
            group,
        };
        for l in &lines {
            let (x, y) = (self.region.rect.x, self.baseline(self.line));
            push_line_on(&mut self.out.items, self.region.page, l, x, y, tag.clone());
            self.line += 1;
        }
        Stop::Stay
    }

    /// A paragraph or list item: as many lines as fit here, with no orphan at the foot
    /// and no widow at the top; the rest waits for the next region.
    fn paragraph(
        &mut self,
        lines: Vec<Line>,
        section: usize,
        hang: Option<Hang>,
        is_item: bool,
    ) -> Stop {
        let again = |lines: Vec<Line>, hang: Option<Hang>| Entry::Text {
            lines,
            heading: None,
            section,
            hang,
        };
        // Open style: a blank line before a paragraph that follows another in this
        // region (not before the rest of a split one). Items of one list stay together.
        let tight = is_item && self.after_item;
        if self.style.paragraph_gap > 0
            && self.line > 0
            && self.after_paragraph
            && !tight
            && self.carry.is_none()
        {
            self.line += self.style.paragraph_gap;
            if self.line >= self.capacity() {
                self.queue.push_front(again(lines, hang));
                return Stop::Skip;
            }
        }
        let k = self.lines_here(lines.len());
        if k == 0 && !lines.is_empty() && self.line == 0 {
            // This region holds no line at all: try the next ones.
            self.queue.push_front(again(lines, hang));
            return if self.stuck_on() {
                Stop::Finish
            } else {
                Stop::Skip
            };
        }
        // The rest of a paragraph split across regions stays one element.
        let group = self.carry.take().unwrap_or_else(|| take(self.next_group));
        let (now, rest) = lines.split_at_checked(k).unwrap_or((lines.as_slice(), &[]));
        self.place_lines(now, hang.as_ref(), group);
        if k < lines.len() {
            // The rest keeps the indent; its marker is already printed.
            let hang = hang.map(|h| Hang {
                marker: if now.is_empty() { h.marker } else { None },
                ..h
            });
            self.queue.push_front(again(rest.to_vec(), hang));
            self.carry = Some(group);
            return Stop::Next;
        }
        Stop::Stay
    }

    /// How many of a paragraph's `n` lines go in this region: at least `min_lines`
    /// each side of a break; in an empty region as many as it holds.
    fn lines_here(&self, n: usize) -> usize {
        let min = self.style.min_lines;
        let mut k = n.min(self.free());
        if k < n {
            if n - k < min {
                k = n.saturating_sub(min);
            }
            if k < min {
                k = 0;
            }
        }
        if k == 0 && self.line == 0 {
            // Not even min_lines fit in an empty region: place what fits.
            k = n.min(self.capacity());
        }
        k
    }

    /// Places paragraph lines from the current grid line, the marker of a list item
    /// hanging before the first.
    fn place_lines(&mut self, now: &[Line], hang: Option<&Hang>, group: u32) {
        let tag = Tag {
            role: Role::Paragraph,
            group,
        };
        let (page, x) = (self.region.page, self.region.rect.x);
        if let (Some(marker), false) = (hang.and_then(|h| h.marker.as_ref()), now.is_empty()) {
            let y = self.baseline(self.line);
            push_line_on(&mut self.out.items, page, marker, x, y, tag.clone());
        }
        let indent = hang.map_or(0.0, |h| h.indent);
        for l in now {
            let y = self.baseline(self.line);
            push_line_on(&mut self.out.items, page, l, x + indent, y, tag.clone());
            self.line += 1;
        }
    }

    /// Page-wide figures still waiting after the text ended get pages of their own;
    /// whatever is left is the overflow.
    pub(super) fn finish(mut self) -> Flowed {
        while !self.pending_wide.is_empty() && self.queue.is_empty() && self.pending_col.is_empty()
        {
            self.index += 1;
            match self.source.region(self.index, &mut self.pending_wide) {
                Some((_, placed)) => self.out.figures.extend(placed),
                None => break,
            }
        }
        let mut out = self.out;
        out.regions_used = self.index + 1;
        let mut rest = self.pending_col;
        rest.extend(self.queue);
        if !rest.is_empty() || !self.pending_wide.is_empty() {
            let wide = &self.pending_wide;
            out.overflow = overflow(&rest, self.style.body.leading).or(Some(Overflow {
                section: 0,
                lines: wide.iter().map(|w| w.1).sum(),
                height: wide.iter().map(|w| w.2).sum(),
            }));
        }
        out
    }
}

/// The next region from `source`, with the page-wide figures it placed recorded.
fn next_region(
    source: &mut dyn RegionSource,
    index: &mut usize,
    wide: &mut Vec<(usize, usize, f32)>,
    figures: &mut Vec<FigurePlacement>,
) -> Option<Region> {
    *index += 1;
    let (region, placed) = source.region(*index, wide)?;
    figures.extend(placed);
    Some(region)
}
