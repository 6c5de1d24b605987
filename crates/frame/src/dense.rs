//! The assessment of a large panel without a data-frame library: targets paired with their results
//! cell by cell, judged by the scalar rules of `zhibiao_core::assess::judge`, summarised in one pass
//! and written straight from the panel.
//!
//! This is what `zhibiao assess` runs on CSV. It gives the same bytes as the polars pipeline of
//! [`crate::assess`] (a test runs both on the fixture panels and on random ones), in a fraction of
//! the time and memory:
//!
//! * **Pairing.** A fact's cell is (indicator, region, year). A dense panel comes with its cell
//!   index ([`zhibiao_panel::Cells`], built while its duplicates are checked): walking the target
//!   slots in cell order is walking the targets sorted by (indicator, region, year), each beside
//!   its actual and estimate, so no sort and no hash join is needed; the pairs (a column of target
//!   rows, one of result rows) are written over the index's own target and actual slots as they
//!   are walked. A sparse panel sorts packed keys instead.
//! * **Judging.** Each pair is judged when it is needed (by the summaries and by the writer, on
//!   every core), never stored: a pair is 8 bytes (two rows), a judged row would be 60. The facts of a
//!   shuffled file lie at random, so they are read a few hundred pairs at a time: first touched in
//!   a loop of a few instructions a pair (many cache misses in flight at once), then copied, then
//!   judged (a fact is one 16-byte record, one cache line).
//! * **Summaries.** One pass: counts and compensated sums per (domain, year, status) and per region;
//!   the median of results per (indicator, year) by selection within each indicator's run of
//!   pairs, with the interpolation polars uses (`lo + 0.5 × (hi − lo)`).

use crate::assess::{BASES, STATUSES, f6};
use std::fmt::Write as _;
use std::io::{self, Write};
use zhibiao_core::assess::{Basis, Judgement, Status, Tolerance, judge};
use zhibiao_core::output::{cell, number, push_number_bytes};
use zhibiao_core::{Bound, Direction};
use zhibiao_panel::{Cells, Coded, EMPTY as NONE, Panel};

/// A target and the result it is judged by (actual, else estimate; [`NONE`] when there is none).
/// Which of the two the result is, its record says (its kind).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Pair {
    target: u32,
    result: u32,
}

/// The pairs, target rows beside result rows (two columns, so that the cell index's own slots
/// can become them).
#[derive(Debug, Default)]
struct Pairs {
    targets: Vec<u32>,
    results: Vec<u32>,
}

/// A run of consecutive pairs.
#[derive(Clone, Copy, Debug)]
struct Run<'a> {
    targets: &'a [u32],
    results: &'a [u32],
}

impl Pairs {
    fn all(&self) -> Run<'_> {
        let n = self.targets.len().min(self.results.len());
        Run { targets: &self.targets[..n], results: &self.results[..n] }
    }
}

impl<'a> Run<'a> {
    fn len(&self) -> usize {
        self.targets.len()
    }

    fn split_at(&self, k: usize) -> (Run<'a>, Run<'a>) {
        let (t, u) = self.targets.split_at(k.min(self.len()));
        let (r, s) = self.results.split_at(k.min(self.len()));
        (Run { targets: t, results: r }, Run { targets: u, results: s })
    }

    /// Runs of `size` pairs (the last may be shorter).
    fn chunks(self, size: usize) -> impl Iterator<Item = Run<'a>> {
        self.targets.chunks(size).zip(self.results.chunks(size)).map(|(targets, results)| Run { targets, results })
    }

    fn iter(self) -> impl Iterator<Item = Pair> + 'a {
        self.targets.iter().zip(self.results).map(|(&target, &result)| Pair { target, result })
    }
}

/// A panel with its targets paired, in (indicator, region, year) order.
#[derive(Debug)]
pub struct Judged {
    panel: Panel,
    pairs: Pairs,
    tolerance: Tolerance,
    /// Per unit code: whether its base unit is `%` (the tolerance is then in points).
    percent: Vec<bool>,
}

/// A target and its result read from the panel: everything judging them and `assessment.csv`
/// need, so that the facts are read once each, together.
#[derive(Clone, Copy, Debug, Default)]
struct Fetched {
    target: Coded,
    /// The result (any fact when there is none: `basis` is then `None`).
    result: Coded,
    basis: Option<Basis>,
    /// The target's value (and range's upper end) in the base unit; the result's.
    target_base: f64,
    target_hi_base: Option<f64>,
    result_base: f64,
    /// The target's range's upper end as written.
    target_hi: Option<f64>,
}

/// One judged target, everything `assessment.csv` says about it.
#[derive(Clone, Copy, Debug)]
struct Row {
    fetched: Fetched,
    judgement: Option<Judgement>,
}

impl Row {
    fn status(&self) -> Status {
        self.judgement.map_or(Status::Pending, |j| j.status)
    }
}

/// How targets find their results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pairing {
    /// The panel's cell index ([`zhibiao_panel::Cells`]) when it has one, else sorting.
    #[default]
    Auto,
    /// Sorted packed keys, merged (what a sparse panel gets).
    Sort,
}

/// Pairs the targets of `panel` with their results ([`Pairing::Auto`]). Rows are fact indices;
/// panels hold fewer than 2³² − 1 facts (more is refused with `None`).
pub fn pair(panel: Panel, tolerance: Tolerance) -> Option<Judged> {
    pair_by(panel, tolerance, Pairing::Auto)
}

/// [`pair`] the way `pairing` says (the results are the same; the time is not).
pub fn pair_by(mut panel: Panel, tolerance: Tolerance, pairing: Pairing) -> Option<Judged> {
    if panel.len() >= NONE as usize {
        return None;
    }
    let cells = panel.cells.take().filter(|_| pairing != Pairing::Sort);
    let pairs = match cells {
        Some(cells) => cell_pairs(cells),
        None => sorted_pairs(&panel),
    };
    let percent = panel.units.iter().map(|u| u.base == "%").collect();
    Some(Judged { panel, pairs, tolerance, percent })
}

/// The targets in cell order, each with its result, written over the cell index's own slots: the
/// k-th target and its result go where the k-th cell's target and actual were, and k never passes
/// the cell being read, so pairing takes no memory of its own (a large panel's pairs are 67 MB of
/// fresh pages otherwise).
fn cell_pairs(cells: Cells) -> Pairs {
    let [actual, estimate, mut targets] = cells.slots;
    // the results go over the actual slots, or over the estimate ones when no fact is an actual
    let (mut results, fallback) = if actual.is_empty() { (estimate, actual) } else { (actual, estimate) };
    let mut n = 0;
    for cell in 0..targets.len() {
        let t = targets[cell];
        if t == NONE {
            continue;
        }
        let first = results.get(cell).copied().unwrap_or(NONE);
        let result = if first != NONE { first } else { fallback.get(cell).copied().unwrap_or(NONE) };
        targets[n] = t;
        if let Some(slot) = results.get_mut(n) {
            *slot = result;
        }
        n += 1;
    }
    targets.truncate(n);
    if results.is_empty() {
        // no fact is an actual or an estimate
        results = vec![NONE; n];
    }
    results.truncate(n);
    Pairs { targets, results }
}

fn with_result(target: u32, actual: u32, estimate: u32) -> Pair {
    Pair { target, result: if actual != NONE { actual } else { estimate } }
}

/// Pairs a sparse panel by sorting the packed keys of each kind and merging.
fn sorted_pairs(panel: &Panel) -> Pairs {
    let keyed = |kind: u8| {
        let mut rows: Vec<(u64, u32)> = panel
            .facts
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind() == kind)
            .map(|(i, f)| (f.key(), i as u32))
            .collect();
        rows.sort_unstable();
        rows
    };
    let (actual, estimate, target) = (keyed(0), keyed(1), keyed(2));
    let find = |rows: &[(u64, u32)], key: u64| rows.binary_search_by_key(&key, |r| r.0).map_or(NONE, |at| rows[at].1);
    let (targets, results) = target
        .iter()
        .map(|&(key, t)| with_result(t, find(&actual, key), find(&estimate, key)))
        .map(|pair| (pair.target, pair.result))
        .unzip();
    Pairs { targets, results }
}

/// A compensated (Neumaier) sum and a count.
#[derive(Clone, Copy, Debug, Default)]
struct Sum {
    sum: f64,
    compensation: f64,
    n: u64,
}

impl Sum {
    fn add(&mut self, x: f64) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.compensation += (self.sum - t) + x;
        } else {
            self.compensation += (x - t) + self.sum;
        }
        self.sum = t;
        self.n += 1;
    }

    /// Adds another sum (of later terms).
    fn merge(&mut self, other: &Sum) {
        let n = self.n + other.n;
        self.add(other.sum);
        self.compensation += other.compensation;
        self.n = n;
    }

    fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| (self.sum + self.compensation) / self.n as f64)
    }
}

/// The three summaries of the reference benchmark (SPEC §5) as CSV text, and the status counts.
#[derive(Debug)]
pub struct Summaries {
    /// `by_domain_year.csv`, `by_region.csv`, `by_indicator.csv`.
    pub csv: [String; 3],
    /// Targets by status, in `Status::ALL` order.
    pub counts: [(Status, usize); 4],
}

/// The shape of the summaries' accumulators.
struct Frame {
    first_year: i32,
    years: usize,
    domains: usize,
    regions: usize,
}

/// The summaries' accumulators over part of the pairs.
struct Partial {
    /// Per (domain, year, status code): the sum of rel_gap.
    by_domain: Vec<Sum>,
    /// Per (domain, year, status code): targets.
    by_domain_n: Vec<u64>,
    /// Per region: assessed, met, near, missed.
    by_region: Vec<[u64; 4]>,
    /// `by_indicator.csv`'s rows of the part's indicators.
    by_indicator: String,
    /// Targets by status code.
    counts: [usize; 4],
}

impl Partial {
    /// Adds `later`, the part that follows this one.
    fn merge(&mut self, later: Partial) {
        for (a, b) in self.by_domain.iter_mut().zip(&later.by_domain) {
            a.merge(b);
        }
        for (a, b) in self.by_domain_n.iter_mut().zip(&later.by_domain_n) {
            *a += b;
        }
        for (a, b) in self.by_region.iter_mut().zip(&later.by_region) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        self.by_indicator.push_str(&later.by_indicator);
        for (a, b) in self.counts.iter_mut().zip(later.counts) {
            *a += b;
        }
    }

    /// The three CSV texts and the counts.
    fn finish(self, p: &Panel, frame: &Frame) -> Summaries {
        let years = frame.years;
        let mut by_domain_year = String::from("domain,year,status,n,mean_rel_gap\n");
        for (d, domain) in p.domains.iter().enumerate() {
            for y in 0..years {
                for (code, status) in STATUSES.iter().enumerate() {
                    let slot = (d * years + y) * 4 + code;
                    let n = self.by_domain_n[slot];
                    if n == 0 {
                        continue;
                    }
                    let mean = if *status == Status::Pending {
                        String::new()
                    } else {
                        self.by_domain[slot].mean().map(f6).unwrap_or_default()
                    };
                    let year = frame.first_year + y as i32;
                    let _ = writeln!(by_domain_year, "{domain},{year},{status},{n},{mean}");
                }
            }
        }
        let mut regions: Vec<(usize, [u64; 4], f64)> = self
            .by_region
            .iter()
            .enumerate()
            .filter(|(_, c)| c[0] > 0)
            .map(|(r, c)| (r, *c, c[1] as f64 / c[0] as f64))
            .collect();
        regions.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        let mut by_region = String::from("region,assessed,met,near,missed,met_share\n");
        for (r, c, share) in regions {
            let _ = writeln!(by_region, "{},{},{},{},{},{}", p.regions[r], c[0], c[1], c[2], c[3], f6(share));
        }
        let mut by_indicator = String::from("indicator,year,assessed,met_share,median_actual_base\n");
        by_indicator.push_str(&self.by_indicator);
        let by_code = |s: Status| self.counts[status_code(s)];
        Summaries {
            csv: [by_domain_year, by_region, by_indicator],
            counts: [Status::Met, Status::Near, Status::Missed, Status::Pending].map(|s| (s, by_code(s))),
        }
    }
}

fn status_code(status: Status) -> usize {
    STATUSES.iter().position(|s| *s == status).unwrap_or(0)
}

impl Judged {
    /// Targets.
    pub fn len(&self) -> usize {
        self.pairs.all().len()
    }

    /// Whether there are no targets.
    pub fn is_empty(&self) -> bool {
        self.pairs.all().len() == 0
    }

    /// Judges `pairs` in order, handing each row to `f`. The facts of a shuffled file lie at
    /// random, so those of a few hundred pairs are touched first ([`Judged::touch`]), then copied
    /// out in one loop ([`Judged::facts_of`]), and only then judged.
    fn each_row(&self, pairs: Run<'_>, mut f: impl FnMut(Row)) {
        let mut read = Vec::with_capacity(FETCHED);
        for some in pairs.chunks(FETCHED) {
            self.touch(some);
            read.clear();
            read.extend(some.iter().map(|pair| self.facts_of(pair)));
            for (pair, (target, result)) in some.iter().zip(&read) {
                f(self.judged(self.fetched(pair, *target, *result)));
            }
        }
    }

    /// Reads one word of each of `pairs`' facts (a fact lies in one cache line) in a loop of a few
    /// instructions a pair, so that many more of their cache lines are on their way at once than
    /// in the loop that copies the facts whole.
    fn touch(&self, pairs: Run<'_>) {
        let facts = &self.panel.facts;
        let mut seen = 0u64;
        for pair in pairs.iter() {
            for row in [pair.target, pair.result] {
                if let Some(fact) = facts.get(row as usize) {
                    seen ^= fact.value.to_bits();
                }
            }
        }
        std::hint::black_box(seen);
    }

    /// A pair's target and result (any fact when there is none).
    fn facts_of(&self, pair: Pair) -> (Coded, Coded) {
        let facts = &self.panel.facts;
        let target = facts.get(pair.target as usize).copied().unwrap_or_default();
        (target, facts.get(pair.result as usize).copied().unwrap_or_default())
    }

    /// A pair read from the panel, once its facts are ([`Judged::facts_of`]).
    fn fetched(&self, pair: Pair, target: Coded, result: Coded) -> Fetched {
        let p = &self.panel;
        let (t, r) = (pair.target as usize, pair.result as usize);
        let found = pair.result != NONE;
        Fetched {
            target,
            result,
            // a result is an actual or an estimate (kind codes 0 and 1)
            basis: found.then_some(if result.kind() == 0 { Basis::Actual } else { Basis::Estimate }),
            target_base: p.base_of(t, &target),
            target_hi_base: p.hi_base_of(t, &target),
            result_base: if found { p.base_of(r, &result) } else { f64::NAN },
            target_hi: p.value_hi.get(t).copied().filter(|h| !h.is_nan()),
        }
    }

    /// Judges a fetched pair.
    fn judged(&self, fetched: Fetched) -> Row {
        if fetched.basis.is_none() {
            return Row { fetched, judgement: None };
        }
        let p = &self.panel;
        let target = fetched.target;
        let direction = p.indicators.get(target.indicator() as usize).map_or(Direction::None, |i| i.direction);
        let bound = Bound::ALL.get(usize::from(target.bound())).copied().unwrap_or(Bound::Eq);
        let base = if self.percent.get(usize::from(target.unit())).copied().unwrap_or(false) { "%" } else { "" };
        let (t, hi, actual) = (fetched.target_base, fetched.target_hi_base, fetched.result_base);
        Row { fetched, judgement: Some(judge(bound, t, hi, direction, base, actual, self.tolerance)) }
    }

    /// Computes the three summaries: one pass over the pairs, split at indicator boundaries over
    /// two threads, the parts merged.
    pub fn summaries(&self) -> Summaries {
        let p = &self.panel;
        // the panel's years, found when it was finished (not from the pairs, whose facts lie at
        // random)
        let (first_year, years) = p.year_span();
        let frame = Frame { first_year, years, domains: p.domains.len(), regions: p.regions.len() };
        // the split: the first indicator boundary after the middle (an indicator's run stays whole)
        let pairs = self.pairs.all();
        let middle = pairs.len() / 2;
        let indicator_of = |k: usize| pairs.targets.get(k).and_then(|&t| p.facts.get(t as usize)).map(Coded::indicator);
        let split =
            (middle..pairs.len()).find(|&k| k == 0 || indicator_of(k) != indicator_of(k - 1)).unwrap_or(pairs.len());
        let (head, tail) = pairs.split_at(split);
        let (mut total, rest) = std::thread::scope(|scope| {
            let rest = scope.spawn(|| self.partial(tail, &frame));
            (self.partial(head, &frame), rest.join())
        });
        match rest {
            Ok(rest) => total.merge(rest),
            // a panicking thread: recompute its half here (the result is the same)
            Err(_) => total.merge(self.partial(tail, &frame)),
        }
        total.finish(p, &frame)
    }

    /// The summaries' accumulators over a run of pairs that splits no indicator.
    fn partial(&self, pairs: Run<'_>, frame: &Frame) -> Partial {
        let p = &self.panel;
        let years = frame.years;
        let mut part = Partial {
            by_domain: vec![Sum::default(); frame.domains * years * 4],
            by_domain_n: vec![0; frame.domains * years * 4],
            by_region: vec![[0; 4]; frame.regions],
            by_indicator: String::new(),
            counts: [0; 4],
        };
        // by (indicator, year): met, and the results of the assessed, one indicator at a time
        let mut results: Vec<Vec<f64>> = vec![Vec::new(); years];
        let mut met: Vec<u64> = vec![0; years];
        let mut current: Option<u32> = None;
        let flush = |indicator: Option<u32>, results: &mut Vec<Vec<f64>>, met: &mut Vec<u64>, out: &mut String| {
            let Some(indicator) = indicator else { return };
            let id = p.indicators.get(indicator as usize).map_or("", |i| i.id.as_str());
            for (y, values) in results.iter_mut().enumerate() {
                if values.is_empty() {
                    continue;
                }
                let assessed = values.len();
                let share = f6(met[y] as f64 / assessed as f64);
                let median = median(values).map(f6).unwrap_or_default();
                let year = frame.first_year + y as i32;
                let _ = writeln!(out, "{id},{year},{assessed},{share},{median}");
                values.clear();
                met[y] = 0;
            }
        };
        self.each_row(pairs, |row| {
            let target = row.fetched.target;
            let status = row.status();
            let code = status_code(status);
            part.counts[code] += 1;
            let y = (target.year() - frame.first_year) as usize;
            let domain = usize::from(p.indicator_domain.get(target.indicator() as usize).copied().unwrap_or(0));
            let slot = (domain * years + y) * 4 + code;
            part.by_domain_n[slot] += 1;
            if let Some(rel) = row.judgement.and_then(|j| j.rel_gap) {
                part.by_domain[slot].add(rel);
            }
            if status == Status::Pending {
                return;
            }
            let region = &mut part.by_region[target.region() as usize];
            region[0] += 1;
            match status {
                Status::Met => region[1] += 1,
                Status::Near => region[2] += 1,
                Status::Missed => region[3] += 1,
                Status::Pending => {}
            }
            if current != Some(target.indicator()) {
                flush(current, &mut results, &mut met, &mut part.by_indicator);
                current = Some(target.indicator());
            }
            results[y].push(row.fetched.result_base);
            if status == Status::Met {
                met[y] += 1;
            }
        });
        flush(current, &mut results, &mut met, &mut part.by_indicator);
        part
    }

    /// Writes `assessment.csv` (the columns of [`crate::assess::ASSESSMENT_COLUMNS`], the bytes the
    /// polars pipeline writes), formatting blocks of rows on every core.
    pub fn write_assessment_csv(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(crate::assess::ASSESSMENT_COLUMNS.join(",").as_bytes())?;
        out.write_all(b"\n")?;
        let names = Names::of(self);
        let threads = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 8);
        // blocks of rows are formatted on every core while this thread writes the finished ones in
        // order; at most a few blocks wait, and their buffers come back for later blocks
        let blocks: Vec<Run<'_>> = self.pairs.all().chunks(32_768).collect();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let (done, finished) = std::sync::mpsc::sync_channel::<(usize, Vec<u8>)>(threads * 2);
        let (give_back, spare) = std::sync::mpsc::channel::<Vec<u8>>();
        let spare = std::sync::Mutex::new(spare);
        std::thread::scope(|scope| {
            for _ in 0..threads {
                let (done, names, blocks, next, spare) = (done.clone(), &names, &blocks, &next, &spare);
                scope.spawn(move || {
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(pairs) = blocks.get(k) else { break };
                        let recycled = spare.lock().ok().and_then(|s| s.try_recv().ok());
                        let mut text = recycled.unwrap_or_else(|| Vec::with_capacity(pairs.len() * 150));
                        text.clear();
                        self.each_row(*pairs, |row| self.push_row(&mut text, names, row));
                        if done.send((k, text)).is_err() {
                            break; // the writer stopped on an error
                        }
                    }
                });
            }
            drop(done);
            // owned here, so that an error returning early drops it and stops the formatters
            let finished = finished;
            let mut waiting = std::collections::BTreeMap::new();
            let mut due = 0usize;
            for (k, text) in finished.iter() {
                waiting.insert(k, text);
                while let Some(text) = waiting.remove(&due) {
                    out.write_all(&text)?;
                    let _ = give_back.send(text);
                    due += 1;
                }
            }
            if due == blocks.len() { Ok(()) } else { Err(io::Error::other("a writer thread failed")) }
        })
    }

    fn push_row(&self, out: &mut Vec<u8>, names: &Names, row: Row) {
        let p = &self.panel;
        let f = row.fetched;
        let target = f.target;
        let result = f.basis.map(|_| f.result);
        let indicator = target.indicator() as usize;
        // a number's cell, and where its text lies (so that an equal number later in the row is
        // copied: a base value in a unit whose factor is 1 is the value itself)
        let num = |out: &mut Vec<u8>, x: Option<f64>| {
            let at = out.len();
            if let Some(x) = x.filter(|x| !x.is_nan()) {
                push_number_bytes(out, x); // a plain number: no spreadsheet runs it
            }
            let written = at..out.len();
            out.push(b',');
            written
        };
        let again =
            |out: &mut Vec<u8>, x: Option<f64>, earlier: (Option<f64>, std::ops::Range<usize>)| match (x, earlier.0) {
                (Some(x), Some(e)) if x.to_bits() == e.to_bits() => {
                    out.extend_from_within(earlier.1);
                    out.push(b',');
                }
                _ => {
                    num(out, x);
                }
            };
        let text = |out: &mut Vec<u8>, list: &[Text], code: Option<usize>| {
            if let Some(name) = code.and_then(|c| list.get(c)) {
                name.push_to(out);
            }
            out.push(b',');
        };
        text(out, &names.indicators, Some(indicator));
        text(out, &names.domains, p.indicator_domain.get(indicator).map(|d| usize::from(*d)));
        text(out, &names.regions, Some(target.region() as usize));
        match usize::try_from(target.year() - p.year_span().0).ok().and_then(|y| names.years.get(y)) {
            Some(year) => year.push_to(out),
            None => push_number_bytes(out, f64::from(target.year())),
        }
        out.push(b',');
        text(out, &names.bounds, Some(usize::from(target.bound())));
        let target_text = num(out, Some(target.value));
        num(out, f.target_hi);
        text(out, &names.units, Some(usize::from(target.unit())));
        text(out, &names.bases_of_basis, f.basis.and_then(|b| BASES.iter().position(|x| *x == b)));
        let result_value = result.map(|r| r.value);
        let result_text = num(out, result_value);
        text(out, &names.bounds, result.map(|r| usize::from(r.bound())));
        text(out, &names.units, result.map(|r| usize::from(r.unit())));
        text(out, &names.bases, Some(usize::from(target.unit())));
        again(out, Some(f.target_base), (Some(target.value), target_text));
        num(out, f.target_hi_base);
        again(out, result.map(|_| f.result_base), (result_value, result_text));
        let j = row.judgement;
        num(out, j.map(|j| j.gap));
        num(out, j.and_then(|j| j.rel_gap));
        num(out, j.map(|j| j.tol));
        out.extend_from_slice(row.status().as_str().as_bytes());
        out.push(b'\n');
    }
}

/// The CSV-ready text of every code (neutralised against formulas, quoted where needed).
struct Names {
    indicators: Vec<Text>,
    domains: Vec<Text>,
    regions: Vec<Text>,
    units: Vec<Text>,
    bases: Vec<Text>,
    bounds: Vec<Text>,
    bases_of_basis: Vec<Text>,
    /// The years of the panel, from its first (none when they span more than [`YEAR_TEXTS`]).
    years: Vec<Text>,
}

/// Most years whose text the writer makes once (more are formatted row by row).
const YEAR_TEXTS: usize = 10_000;

/// Pairs whose facts the writer reads ahead of formatting them.
const FETCHED: usize = 256;

/// Room for a name written with one fixed-size copy.
const PADDED: usize = 64;

/// A cell's text, kept padded when it is short, so that writing it (millions of times, a few bytes
/// each) is one copy of a fixed size and a length set, not a call to copy a few bytes.
struct Text {
    padded: [u8; PADDED],
    len: usize,
    long: Option<String>,
}

impl Text {
    fn new(text: String) -> Text {
        let mut padded = [0u8; PADDED];
        match padded.get_mut(..text.len()) {
            Some(room) => {
                room.copy_from_slice(text.as_bytes());
                Text { padded, len: text.len(), long: None }
            }
            None => Text { padded, len: text.len(), long: Some(text) },
        }
    }

    fn push_to(&self, out: &mut Vec<u8>) {
        match &self.long {
            Some(text) => out.extend_from_slice(text.as_bytes()),
            None => {
                let at = out.len();
                out.extend_from_slice(&self.padded);
                out.truncate(at + self.len);
            }
        }
    }
}

impl Names {
    fn of(judged: &Judged) -> Names {
        let p = &judged.panel;
        let (first_year, years) = p.year_span();
        let field = |text: &str| {
            let text = cell(text);
            Text::new(if text.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", text.replace('"', "\"\""))
            } else {
                text.into_owned()
            })
        };
        Names {
            indicators: p.indicators.iter().map(|i| field(&i.id)).collect(),
            domains: p.domains.iter().map(|d| field(d)).collect(),
            regions: p.regions.iter().map(|r| field(r)).collect(),
            units: p.units.iter().map(|u| field(&u.name)).collect(),
            bases: p.units.iter().map(|u| field(&u.base)).collect(),
            bounds: Bound::ALL.iter().map(|b| Text::new(b.as_str().to_owned())).collect(),
            bases_of_basis: BASES.iter().map(|b| Text::new(b.as_str().to_owned())).collect(),
            years: if years <= YEAR_TEXTS {
                (0..years).map(|y| Text::new(number(f64::from(first_year) + y as f64))).collect()
            } else {
                Vec::new()
            },
        }
    }
}

/// The median as polars computes it: the lower middle value, plus half the distance to the upper
/// one for an even count.
fn median(values: &mut [f64]) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    if n == 1 {
        return Some(values[0]);
    }
    let float_idx = (n as f64 - 1.0) * 0.5;
    let idx = float_idx as usize;
    let (_, lower, rest) = values.select_nth_unstable_by(idx, f64::total_cmp);
    let lower = *lower;
    if float_idx.ceil() as usize == idx {
        return Some(lower);
    }
    let upper = rest.iter().copied().min_by(f64::total_cmp).unwrap_or(lower);
    Some(if lower == upper { lower } else { (float_idx - idx as f64) * (upper - lower) + lower })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_written_over_the_cell_index_are_the_sorted_pairs() {
        use zhibiao_core::units::{Normalise, Units};
        use zhibiao_core::{Bound, Direction, Fact, Indicator, Kind};
        let indicator = |id: &str| Indicator::minimal(id, "economy", "%", Direction::Up);
        let fact = |id: &str, region: &str, year: i32, kind: Kind| Fact {
            indicator: id.into(),
            region: region.into(),
            year,
            kind,
            bound: Bound::Eq,
            value: "1".parse().unwrap(),
            value_hi: None,
            unit: "%".into(),
            source: None,
            quote: None,
            note: None,
        };
        let (t, a, e) = (Kind::Target, Kind::Actual, Kind::Estimate);
        // targets alone; with estimates but no actual; with both; results without targets; a
        // target after cells that have none (the pairs fall behind the cells being read)
        let panels: [&[(&str, &str, i32, Kind)]; 5] = [
            &[("b", "1", 2020, t), ("a", "2", 2021, t)],
            &[("b", "1", 2020, t), ("b", "1", 2020, e), ("a", "1", 2021, t)],
            &[("a", "1", 2020, t), ("a", "1", 2020, e), ("a", "1", 2020, a), ("a", "2", 2020, t), ("a", "2", 2020, e)],
            &[("a", "1", 2020, a), ("b", "2", 2021, e)],
            &[("a", "1", 2020, a), ("a", "1", 2021, a), ("b", "2", 2021, t), ("b", "2", 2021, a), ("b", "1", 2020, t)],
        ];
        for facts in panels {
            let panel = || {
                let mut builder =
                    zhibiao_panel::PanelBuilder::new(vec![indicator("a"), indicator("b")], Normalise::Exact);
                for (line, &(id, region, year, kind)) in facts.iter().enumerate() {
                    builder.push_fact(&fact(id, region, year, kind), Units::Registry, line as u64 + 2).unwrap();
                }
                builder.finish(std::path::Path::new("facts.csv")).unwrap()
            };
            let cells = pair_by(panel(), Tolerance::default(), Pairing::Auto).unwrap();
            let sorted = pair_by(panel(), Tolerance::default(), Pairing::Sort).unwrap();
            assert!(cells.panel.cells.is_none() && panel().cells.is_some(), "{facts:?}: the cell index was not used");
            let pairs = |j: &Judged| j.pairs.all().iter().collect::<Vec<Pair>>();
            assert_eq!(pairs(&cells), pairs(&sorted), "{facts:?}");
            let targets = facts.iter().filter(|f| f.3 == t).count();
            assert_eq!(cells.len(), targets, "{facts:?}");
        }
    }

    #[test]
    fn the_median_interpolates_like_polars() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [3.0]), Some(3.0));
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }

    #[test]
    fn a_padded_text_writes_its_bytes_short_or_long() {
        for text in ["", "eq", "economy.gdp_growth", &"指标".repeat(20), &"x".repeat(PADDED), &"y".repeat(PADDED + 1)]
        {
            let mut out = b"a,".to_vec();
            Text::new(text.to_owned()).push_to(&mut out);
            out.push(b',');
            assert_eq!(out, format!("a,{text},").into_bytes(), "{text}");
        }
    }

    #[test]
    fn a_compensated_sum_keeps_what_a_naive_one_loses() {
        let mut s = Sum::default();
        for x in [1e16, 1.0, -1e16, 1.0] {
            s.add(x);
        }
        assert_eq!(s.mean(), Some(0.5));
    }
}
