//! Total-fit line breaking (Knuth and Plass, "Breaking Paragraphs into Lines", 1981).
//!
//! The paragraph is a list of boxes, glues and penalties; we choose the breaks that
//! minimise the sum of demerits over the whole paragraph, so one bad line is not
//! bought with three good ones, and rivers and loose lines are rare.

/// One element of the paragraph model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Elem {
    /// Unbreakable material: a word, whose letters may be spaced a little wider or
    /// closer (glyph-width flexibility) when its line would otherwise be too loose
    /// or too tight.
    Box {
        /// Natural width.
        width: f32,
        /// How far it may grow at adjustment ratio 1.
        stretch: f32,
        /// How far it may shrink at adjustment ratio -1.
        shrink: f32,
    },
    /// Space that may stretch or shrink, and where a line may end.
    Glue {
        /// Natural width.
        width: f32,
        /// How far it may grow at adjustment ratio 1.
        stretch: f32,
        /// How far it may shrink at adjustment ratio -1.
        shrink: f32,
    },
    /// A possible break with a cost; `width` is added only when the line ends here
    /// (a hyphen). Flagged penalties are hyphens: two in a row cost extra.
    Penalty {
        /// Width if broken here.
        width: f32,
        /// Cost; `-INF` forces a break, `INF` forbids one.
        cost: f32,
        /// A hyphenation.
        flagged: bool,
    },
}

/// Costs at or beyond this are infinite.
pub const INF: f32 = 10_000.0;

/// A penalty of at least this cost (and below [`INF`]) is a last-resort break: only
/// the final pass, which accepts any looseness, may take it, and there it is worth a
/// line set about three times as loose as the breaker's first tolerance.
pub const LAST_RESORT: f32 = 3_000.0;

/// Tuning of the breaker.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Largest acceptable adjustment ratio on the first attempt.
    pub tolerance: f32,
    /// Added to every line's badness, so fewer lines are preferred.
    pub line_penalty: f32,
    /// Extra demerits for two hyphenated lines in a row.
    pub double_hyphen_demerits: f32,
    /// Extra demerits for a tight line next to a loose one.
    pub fitness_demerits: f32,
    /// Stretch every line gets at its end (ragged setting); 0 for justified text.
    pub ragged_stretch: f32,
    /// Shortest last line of a paragraph of several lines, as a share of the measure.
    pub min_last_line: f32,
    /// Extra demerits for a last line shorter than that: more than any one line can
    /// cost, so a paragraph ends in a word or two only when no setting within the
    /// tolerance avoids it (often none does: a whole word must move between lines).
    pub short_last_demerits: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            tolerance: 1.5,
            line_penalty: 10.0,
            double_hyphen_demerits: 10_000.0,
            fitness_demerits: 1000.0,
            ragged_stretch: 0.0,
            min_last_line: 0.25,
            short_last_demerits: 1_000_000.0,
        }
    }
}

/// A chosen break: the index of the element the line ends at, and the line's
/// adjustment ratio (how much its glue stretches, > 0, or shrinks, < 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    /// Index into the element list.
    pub at: usize,
    /// Adjustment ratio of the line ending here.
    pub ratio: f32,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    at: usize,
    line: usize,
    fitness: u8,
    width: f32,
    stretch: f32,
    shrink: f32,
    demerits: f64,
    ratio: f32,
    prev: Option<usize>,
    flagged: bool,
    /// Hyphenated lines in a row ending here.
    hyphen_run: u8,
}

/// Most hyphenated lines in a row: a third is refused, except as the last resort of
/// a paragraph that cannot be set otherwise.
const MAX_HYPHEN_RUN: u8 = 2;

/// Breaks `elems` into lines of `width`. The list must end with a forced break.
/// Always returns a result: when no set of breaks meets the tolerance, the limit is
/// raised, and as a last resort overfull lines are accepted.
pub fn break_lines(elems: &[Elem], width: f32, params: &Params) -> Vec<Break> {
    for tolerance in [params.tolerance, 3.0, FINAL_TOLERANCE] {
        if let Some(b) = run(elems, width, params, tolerance, false) {
            return b;
        }
    }
    run(elems, width, params, f32::INFINITY, true).unwrap_or_default()
}

/// The loosest adjustment ratio a pass accepts before it settles for overfull lines;
/// the pass at this tolerance may also take [`LAST_RESORT`] breaks.
const FINAL_TOLERANCE: f32 = 10.0;

fn fitness_class(ratio: f32) -> u8 {
    if ratio < -0.5 {
        0
    } else if ratio <= 0.5 {
        1
    } else if ratio <= 1.0 {
        2
    } else {
        3
    }
}

/// A candidate break at an element: whether a line may end there, the width added
/// if it does (a hyphen), its cost and whether it is a hyphenation.
fn breakpoint(elems: &[Elem], i: usize, e: &Elem, last_resort: bool) -> (bool, f32, f32, bool) {
    match *e {
        Elem::Box { .. } => (false, 0.0, 0.0, false),
        Elem::Glue { .. } => {
            let after_box = matches!(
                i.checked_sub(1).and_then(|j| elems.get(j)),
                Some(Elem::Box { .. })
            );
            (after_box, 0.0, 0.0, false)
        }
        Elem::Penalty {
            width,
            cost,
            flagged,
        } => (
            cost < INF && (cost < LAST_RESORT || last_resort),
            width,
            cost,
            flagged,
        ),
    }
}

/// The best way (demerits, the node it follows, its ratio) to end a line here, for
/// each fitness class.
type Best = [Option<(f64, usize, f32)>; 4];

/// One pass of the total-fit algorithm at one tolerance.
struct Pass<'a> {
    elems: &'a [Elem],
    width: f32,
    p: &'a Params,
    tolerance: f32,
    /// Accept an overfull line when nothing else survives.
    rescue: bool,
    nodes: Vec<Node>,
    active: Vec<usize>,
    /// Running totals of width, stretch and shrink up to the current element.
    totals: (f32, f32, f32),
}

fn run(elems: &[Elem], width: f32, p: &Params, tolerance: f32, rescue: bool) -> Option<Vec<Break>> {
    let mut pass = Pass {
        elems,
        width,
        p,
        tolerance,
        rescue,
        nodes: vec![Node {
            at: 0,
            line: 0,
            fitness: 1,
            width: 0.0,
            stretch: 0.0,
            shrink: 0.0,
            demerits: 0.0,
            ratio: 0.0,
            prev: None,
            flagged: false,
            hyphen_run: 0,
        }],
        active: vec![0],
        totals: (0.0, 0.0, 0.0),
    };
    for (i, e) in elems.iter().enumerate() {
        let (is_break, pen_w, cost, flagged) =
            breakpoint(elems, i, e, tolerance >= FINAL_TOLERANCE);
        if is_break {
            let best = pass.candidates(pen_w, cost, flagged);
            pass.add_nodes(i, e, &best, flagged);
            if pass.active.is_empty() {
                return None;
            }
        }
        pass.advance(e);
    }
    pass.trace()
}

impl Pass<'_> {
    /// Adjustment ratio of a line of natural width `lw` with `stretch` and `shrink`.
    fn ratio(&self, lw: f32, stretch: f32, shrink: f32) -> f32 {
        let width = self.width;
        if lw < width {
            if stretch > 0.0 {
                (width - lw) / stretch
            } else {
                INF
            }
        } else if lw > width {
            if shrink > 0.0 {
                (width - lw) / shrink
            } else {
                -INF
            }
        } else {
            0.0
        }
    }

    /// Demerits of a line after node `n` at `ratio`, ending at a break of `cost`.
    fn demerits(&self, n: &Node, ratio: f32, cost: f32, flagged: bool) -> f64 {
        let p = self.p;
        let badness = 100.0 * (ratio.abs().min(10.0) as f64).powi(3);
        let mut d = (p.line_penalty as f64 + badness).powi(2);
        if cost >= 0.0 {
            d += (cost as f64).powi(2);
        } else if cost > -INF {
            d -= (cost as f64).powi(2);
        }
        if flagged && n.flagged {
            d += p.double_hyphen_demerits as f64;
        }
        if (fitness_class(ratio) as i32 - n.fitness as i32).abs() > 1 {
            d += p.fitness_demerits as f64;
        }
        n.demerits + d
    }

    /// The best line ending here from each active node, by fitness class; nodes that
    /// can no longer start a line that reaches here are deactivated.
    fn candidates(&mut self, pen_w: f32, cost: f32, flagged: bool) -> Best {
        let (tw, ty, tz) = self.totals;
        let mut best: Best = [None; 4];
        let mut deactivate = Vec::new();
        let mut overfull_best: Option<(f64, usize, f32)> = None;
        for (k, &a) in self.active.iter().enumerate() {
            let Some(&n) = self.nodes.get(a) else {
                continue;
            };
            let lw = tw - n.width + pen_w;
            let stretch = ty - n.stretch + self.p.ragged_stretch;
            let shrink = tz - n.shrink;
            let ratio = self.ratio(lw, stretch, shrink);
            let forced = cost <= -INF;
            if ratio < -1.0 || forced {
                deactivate.push(k);
            }
            // A third hyphen in a row only when nothing else can set the paragraph.
            let third_hyphen = flagged && n.hyphen_run >= MAX_HYPHEN_RUN;
            let feasible = (-1.0..=self.tolerance).contains(&ratio) && !third_hyphen;
            if third_hyphen && self.rescue && (-1.0..=self.tolerance).contains(&ratio) {
                let d = self.demerits(&n, ratio.min(10.0), cost, flagged) + 1e8;
                if overfull_best.is_none_or(|(bd, _, _)| d < bd) {
                    overfull_best = Some((d, a, ratio.min(10.0)));
                }
                continue;
            }
            if feasible || (forced && ratio > self.tolerance && self.rescue) {
                let r = ratio.min(self.tolerance.min(10.0)).max(-1.0);
                let mut d = self.demerits(&n, r, cost, flagged);
                if forced && n.line > 0 && lw < self.p.min_last_line * self.width {
                    d += self.p.short_last_demerits as f64;
                }
                if let Some(slot) = best.get_mut(fitness_class(r) as usize)
                    && slot.is_none_or(|(bd, _, _)| d < bd)
                {
                    *slot = Some((d, a, r));
                }
            } else if self.rescue && ratio < -1.0 {
                // An overfull line: kept only if nothing else survives.
                let d = self.demerits(&n, -1.0, cost, flagged) + 1e9;
                if overfull_best.is_none_or(|(bd, _, _)| d < bd) {
                    overfull_best = Some((d, a, ratio));
                }
            }
        }
        for k in deactivate.into_iter().rev() {
            self.active.remove(k);
        }
        if best.iter().all(Option::is_none)
            && self.active.is_empty()
            && let Some(o) = overfull_best
        {
            best[1] = Some(o);
        }
        best
    }

    /// Records the best breaks at element `i` as active nodes.
    fn add_nodes(&mut self, i: usize, e: &Elem, best: &Best, flagged: bool) {
        let (aw, ay, az) = self.totals_after(i, e);
        for (fc, b) in best.iter().enumerate() {
            if let Some((d, a, r)) = *b {
                self.nodes.push(Node {
                    at: i,
                    line: self.nodes.get(a).map_or(0, |n| n.line) + 1,
                    fitness: fc as u8,
                    width: aw,
                    stretch: ay,
                    shrink: az,
                    demerits: d,
                    ratio: r,
                    prev: Some(a),
                    flagged,
                    hyphen_run: match self.nodes.get(a) {
                        Some(n) if flagged => n.hyphen_run + 1,
                        _ => 0,
                    },
                });
                self.active.push(self.nodes.len() - 1);
            }
        }
    }

    /// Totals after a break at element `i`: the glue and non-forced penalties that
    /// follow it are skipped, as a line never starts with them.
    fn totals_after(&self, i: usize, e: &Elem) -> (f32, f32, f32) {
        let (mut aw, mut ay, mut az) = self.totals;
        for f in self.elems.iter().skip(i) {
            match *f {
                Elem::Box { .. } => break,
                Elem::Glue {
                    width,
                    stretch,
                    shrink,
                } => {
                    aw += width;
                    ay += stretch;
                    az += shrink;
                }
                Elem::Penalty { cost, .. } if cost <= -INF && !std::ptr::eq(f, e) => break,
                Elem::Penalty { .. } => {}
            }
        }
        (aw, ay, az)
    }

    /// Adds element `e` to the running totals.
    fn advance(&mut self, e: &Elem) {
        let (tw, ty, tz) = &mut self.totals;
        if let Elem::Box {
            width,
            stretch,
            shrink,
        } = *e
        {
            *tw += width;
            *ty += stretch;
            *tz += shrink;
        } else if let Elem::Glue {
            width,
            stretch,
            shrink,
        } = *e
        {
            *tw += width;
            *ty += stretch;
            *tz += shrink;
        }
    }

    /// The breaks of the best node at the forced break that ends the paragraph.
    fn trace(&self) -> Option<Vec<Break>> {
        let last = self.elems.len().checked_sub(1)?;
        let (best, _) = self
            .active
            .iter()
            .filter_map(|&a| self.nodes.get(a).map(|n| (a, n)))
            .filter(|(_, n)| n.at == last)
            .min_by(|(_, a), (_, b)| a.demerits.total_cmp(&b.demerits))?;
        let mut out = Vec::new();
        let mut cur = Some(best);
        while let Some(c) = cur {
            let Some(&n) = self.nodes.get(c) else { break };
            if n.prev.is_some() {
                out.push(Break {
                    at: n.at,
                    ratio: n.ratio,
                });
            }
            cur = n.prev;
        }
        out.reverse();
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(ws: &[f32]) -> Vec<Elem> {
        words_with(ws, 3.0, 1.5)
    }

    /// Words of widths `ws` between spaces of `space` that stretch by `stretch`.
    fn words_with(ws: &[f32], space: f32, stretch: f32) -> Vec<Elem> {
        let mut v = Vec::new();
        for (i, &w) in ws.iter().enumerate() {
            v.push(Elem::Box {
                width: w,
                stretch: 0.0,
                shrink: 0.0,
            });
            if i + 1 < ws.len() {
                v.push(Elem::Glue {
                    width: space,
                    stretch,
                    shrink: 1.0,
                });
            }
        }
        v.push(Elem::Glue {
            width: 0.0,
            stretch: INF,
            shrink: 0.0,
        });
        v.push(Elem::Penalty {
            width: 0.0,
            cost: -INF,
            flagged: false,
        });
        v
    }

    #[test]
    fn breaks_into_justifiable_lines() {
        let e = words(&[20.0; 30]);
        let b = break_lines(&e, 100.0, &Params::default());
        assert!(b.len() >= 6);
        for br in &b[..b.len() - 1] {
            assert!(br.ratio >= -1.0 && br.ratio <= 3.0, "{br:?}");
        }
        assert_eq!(b.last().unwrap().at, e.len() - 1);
    }

    #[test]
    fn overlong_word_still_breaks() {
        let e = words(&[20.0, 300.0, 20.0]);
        let b = break_lines(&e, 100.0, &Params::default());
        assert_eq!(b.last().unwrap().at, e.len() - 1);
    }

    #[test]
    fn a_last_line_of_one_short_word_is_avoided_where_it_can_be() {
        // Four words fill a line nearly (ratio 0.17); nine words then end on one word,
        // a fifth of the measure, unless two lines are set looser.
        let e = words_with(&[20.0; 9], 5.0, 10.0);
        let last_words = |p: &Params| {
            let b = break_lines(&e, 100.0, p);
            let from = b.get(b.len().wrapping_sub(2)).map_or(0, |br| br.at);
            e.iter()
                .skip(from)
                .filter(|x| matches!(x, Elem::Box { .. }))
                .count()
        };
        let without = Params {
            min_last_line: 0.0,
            ..Params::default()
        };
        assert_eq!(last_words(&without), 1);
        assert!(last_words(&Params::default()) >= 2);
    }

    /// Total badness of the lines (all but the last) that `breaks` sets.
    fn badness(e: &[Elem], breaks: &[usize], width: f32) -> f64 {
        let mut total = 0.0;
        let mut start = 0;
        for &b in breaks.iter().take(breaks.len().saturating_sub(1)) {
            let (mut w, mut y, mut z) = (0.0, 0.0, 0.0);
            for x in e.get(start..b).unwrap_or_default() {
                match *x {
                    Elem::Box { width, .. } => w += width,
                    Elem::Glue {
                        width,
                        stretch,
                        shrink,
                    } => (w, y, z) = (w + width, y + stretch, z + shrink),
                    Elem::Penalty { .. } => {}
                }
            }
            let r = if w < width {
                (width - w) / y
            } else {
                (width - w) / z
            };
            total += 100.0 * f64::from(r.abs().min(10.0)).powi(3);
            start = b + 1;
        }
        total
    }

    /// First fit: each line takes every word that still fits at full shrink.
    fn first_fit(e: &[Elem], width: f32) -> Vec<usize> {
        let mut out = Vec::new();
        let (mut w, mut z, mut last_glue) = (0.0, 0.0, None);
        for (i, x) in e.iter().enumerate() {
            match *x {
                Elem::Box { width: bw, .. } => {
                    if w + bw - z > width
                        && let Some(g) = last_glue
                    {
                        out.push(g);
                        (w, z) = (0.0, 0.0);
                    }
                    w += bw;
                }
                Elem::Glue {
                    width: gw, shrink, ..
                } => {
                    last_glue = Some(i);
                    w += gw;
                    z += shrink;
                }
                Elem::Penalty { .. } => {}
            }
        }
        out.push(e.len() - 1);
        out
    }

    #[test]
    fn total_fit_sets_paragraphs_better_than_first_fit() {
        // Forty paragraphs of words of pseudo-random widths, at several measures.
        let mut seed = 7u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % 30
        };
        // Without the rule for last lines, which first fit does not follow.
        let free_end = Params {
            min_last_line: 0.0,
            ..Params::default()
        };
        let (mut ours, mut greedy) = (0.0, 0.0);
        for n in 0..40 {
            let ws: Vec<f32> = (0..60).map(|_| 10.0 + next() as f32).collect();
            let e = words_with(&ws, 6.0, 3.0);
            let width = 200.0 + 10.0 * (n % 10) as f32;
            let b: Vec<usize> = break_lines(&e, width, &free_end)
                .iter()
                .map(|b| b.at)
                .collect();
            let (t, g) = (
                badness(&e, &b, width),
                badness(&e, &first_fit(&e, width), width),
            );
            (ours, greedy) = (ours + t, greedy + g);
        }
        // Over all, not in every paragraph: total fit minimises demerits, which also
        // weigh the number of lines and a tight line beside a loose one.
        assert!(ours < greedy * 0.85, "{ours} against {greedy}");
    }

    #[test]
    fn a_last_resort_break_is_taken_only_to_avoid_a_hole() {
        // Three words and a last-resort break inside the fourth: ending the line after
        // three words leaves it far too loose, ending it at the break fills it.
        let para = |first: f32| {
            let mut e = words(&[first, 20.0, 20.0]);
            e.truncate(e.len() - 2);
            e.push(Elem::Glue {
                width: 3.0,
                stretch: 1.5,
                shrink: 1.0,
            });
            e.push(Elem::Box {
                width: 12.0,
                stretch: 0.0,
                shrink: 0.0,
            });
            e.push(Elem::Penalty {
                width: 3.0,
                cost: LAST_RESORT,
                flagged: true,
            });
            e.extend(words(&[60.0, 20.0, 20.0]));
            e
        };
        let e = para(20.0);
        let b = break_lines(&e, 81.0, &Params::default());
        assert_eq!(b.first().map(|b| b.at), Some(7), "{b:?}");
        // A first word 9 wider lets the line end after three words at ratio 1: the
        // last-resort break is left alone.
        let e = para(29.0);
        let b = break_lines(&e, 81.0, &Params::default());
        assert_eq!(b.first().map(|b| b.at), Some(5), "{b:?}");
    }
}
