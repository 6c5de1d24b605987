//! Reading a CSV table against a schema, collecting every located problem.
//!
//! A [`Schema`] names the columns a table must have and those it may have. [`Table::parse`] checks
//! the header (missing, unknown, duplicated columns, with a suggestion for misspellings) and the
//! number of fields of every row; cells are then read by column name, and each knows its line and
//! column for messages.

use crate::diagnostic::{Diagnostic, Location};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One column of a schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    /// Its name in the header.
    pub name: &'static str,
    /// Whether the header must have it.
    pub required: bool,
}

/// The columns of a table, in the order a writer emits them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schema {
    /// What the table is, for messages (`facts`).
    pub name: &'static str,
    /// Its columns.
    pub columns: &'static [Column],
}

impl Schema {
    /// The header line a writer emits: every column, comma-separated.
    pub fn header(&self) -> String {
        self.columns.iter().map(|c| c.name).collect::<Vec<_>>().join(",")
    }
}

/// A parsed table: its header and rows, each row with its line number.
#[derive(Debug)]
pub struct Table {
    header: Header,
    rows: Vec<Row>,
}

/// One data row.
#[derive(Debug)]
pub struct Row {
    line: u64,
    fields: Vec<String>,
}

impl Row {
    /// The 1-based line the row starts on.
    pub fn line(&self) -> u64 {
        self.line
    }
}

/// A cell: its text and where it is.
#[derive(Clone, Copy, Debug)]
pub struct Cell<'a> {
    /// The text, verbatim (empty when the column is absent).
    pub text: &'a str,
    /// 1-based line.
    pub line: u64,
    /// 1-based column (0 when the column is absent from the header).
    pub column: u64,
}

/// The header of a table: where each schema column is.
#[derive(Clone, Debug)]
pub struct Header {
    path: PathBuf,
    positions: HashMap<&'static str, usize>,
    width: usize,
}

impl Header {
    /// The header of a table whose column names come from elsewhere than a CSV line (a Parquet
    /// schema, say); problems are located at line 1 as for CSV. `None` when it is unusable.
    pub fn from_names(
        path: &Path,
        names: &[String],
        schema: &Schema,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Header> {
        let fields: Vec<&str> = names.iter().map(String::as_str).collect();
        let positions = check_header(path, &fields, schema, diagnostics)?;
        Some(Header { path: path.to_path_buf(), positions, width: names.len() })
    }

    /// The file being read.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the header has `column`.
    pub fn has(&self, column: &str) -> bool {
        self.positions.contains_key(column)
    }

    /// The position of `column` in the header.
    pub fn index(&self, column: &str) -> Option<usize> {
        self.positions.get(column).copied()
    }

    /// The cell of a record's fields at a position found with [`Header::index`] (empty when
    /// `None`).
    pub fn cell_at<'r>(&self, fields: &[&'r str], line: u64, index: Option<usize>) -> Cell<'r> {
        match index {
            Some(i) => Cell { text: fields.get(i).copied().unwrap_or(""), line, column: i as u64 + 1 },
            None => Cell { text: "", line, column: 0 },
        }
    }

    /// The cell of a record's fields in `column` (empty text, column 0, when the header lacks it).
    pub fn cell<'r>(&self, fields: &[&'r str], line: u64, column: &str) -> Cell<'r> {
        self.cell_at(fields, line, self.index(column))
    }

    /// A diagnostic at a cell.
    pub fn at(&self, cell: Cell<'_>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Location::at(&self.path, cell.line, cell.column), message)
    }
}

/// Bytes read from a file at a time when streaming.
const CHUNK: usize = 8 << 20;

/// Room a chunk's buffer has beyond [`CHUNK`] for the unfinished record carried over in front of
/// the next chunk: a spare buffer is then never grown (which would copy its whole old block into
/// fresh pages); a record longer than this gets a buffer of its own.
const SLACK: usize = 64 << 10;

/// Most problems reported for one file; the rest are counted (a file where every one of millions of
/// rows is wrong gets a readable answer, in bounded memory).
pub const MOST_PROBLEMS: usize = 1000;

/// Keeps at most [`MOST_PROBLEMS`] of the problems added since `start`, counting the rest.
fn cap(diagnostics: &mut Vec<Diagnostic>, start: usize, dropped: &mut usize) {
    if diagnostics.len() > start + MOST_PROBLEMS {
        *dropped += diagnostics.len() - start - MOST_PROBLEMS;
        diagnostics.truncate(start + MOST_PROBLEMS);
    }
}

fn report_dropped(path: &Path, diagnostics: &mut Vec<Diagnostic>, dropped: usize) {
    if dropped > 0 {
        diagnostics.push(Diagnostic::new(
            Location::file(path),
            format!("{dropped} more problems not shown (the first {MOST_PROBLEMS} are); fix these and check again"),
        ));
    }
}

/// A record callback: the header, the record's fields, its 1-based line, and where to put problems.
pub type EachRecord<'f> = dyn FnMut(&Header, &[&str], u64, &mut Vec<Diagnostic>) + 'f;

/// How [`stream_parallel`] works on several threads.
pub struct Workers<'w, P> {
    /// How many worker threads parse chunks.
    pub threads: usize,
    /// A new, empty part for a chunk.
    pub new_part: &'w (dyn Fn() -> P + Sync),
    /// What each record does to its chunk's part.
    pub work: &'w WorkRecord<'w, P>,
}

/// A record callback of [`stream_parallel`], filling a part of type `P`.
pub type WorkRecord<'f, P> = dyn Fn(&mut P, &Header, &[&str], u64, &mut Vec<Diagnostic>) + Sync + 'f;

/// Cuts a CSV input into chunks of whole records: each ends at a newline outside quotes.
struct Chunker<R> {
    input: R,
    buffer: Vec<u8>,
    /// Buffers the workers are done with, reused so that their pages are not faulted in again.
    spare: Vec<Vec<u8>>,
    scanned: usize,
    in_quotes: bool,
    quote_opened_line: u64,
    base_line: u64,
    eof: bool,
    first: bool,
}

impl<R: Read> Chunker<R> {
    fn new(input: R) -> Chunker<R> {
        Chunker {
            input,
            buffer: Vec::new(),
            spare: Vec::new(),
            scanned: 0,
            in_quotes: false,
            quote_opened_line: 0,
            base_line: 1,
            eof: false,
            first: true,
        }
    }

    /// The next chunk and the line of its first byte; `Ok(None)` at the end; `Err(())` when the
    /// input cannot be read or is not UTF-8 text (the problem is in `diagnostics`).
    fn next(
        &mut self,
        path: &Path,
        schema: &Schema,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Option<(Vec<u8>, u64)>, ()> {
        loop {
            if !self.eof {
                // read into the buffer's spare room, which `read_to_end` does not zero first (a
                // gigabyte of zeros written only to be overwritten); it retries interruptions
                let old = self.buffer.len();
                self.buffer.reserve(CHUNK);
                match (&mut self.input).take(CHUNK as u64).read_to_end(&mut self.buffer) {
                    Ok(_) if self.buffer.len() < old + CHUNK => self.eof = true,
                    Ok(_) => {}
                    Err(e) => {
                        diagnostics.push(Diagnostic::new(Location::file(path), format!("cannot read the file: {e}")));
                        return Err(());
                    }
                }
            }
            if self.first {
                self.first = false;
                if self.buffer.is_empty() {
                    diagnostics.push(Diagnostic::new(
                        Location::file(path),
                        format!("the file is empty; expected the header {}", schema.header()),
                    ));
                    return Err(());
                }
                let head = &self.buffer[..self.buffer.len().min(4096)];
                if let Err(d) = crate::text::decode_utf8(path, head) {
                    // a multi-byte character cut at 4096 bytes is not an error
                    if !(self.buffer.len() > 4096 && d.message.starts_with("invalid UTF-8")) {
                        diagnostics.push(d);
                        return Err(());
                    }
                }
                if self.buffer.starts_with(crate::text::BOM.as_bytes()) {
                    self.buffer.drain(..crate::text::BOM.len());
                }
            }
            // the end of the last complete record: the last newline outside quotes
            let fresh = &self.buffer[self.scanned..];
            // (memchr's vector search: the slice's own `contains` reads a word at a time)
            let cut = if !self.in_quotes && memchr::memchr(b'"', fresh).is_none() {
                memchr::memrchr(b'\n', fresh).map(|i| self.scanned + i + 1)
            } else {
                let mut line_of = self.base_line + count_newlines(&self.buffer[..self.scanned]);
                let mut cut = None;
                for (i, b) in fresh.iter().enumerate() {
                    match b {
                        b'"' => {
                            self.in_quotes = !self.in_quotes;
                            if self.in_quotes {
                                self.quote_opened_line = line_of;
                            }
                        }
                        b'\n' => {
                            line_of += 1;
                            if !self.in_quotes {
                                cut = Some(self.scanned + i + 1);
                            }
                        }
                        _ => {}
                    }
                }
                cut
            };
            self.scanned = self.buffer.len();
            let end = if self.eof { self.buffer.len() } else { cut.unwrap_or(0) };
            if end > 0 || self.eof {
                if end == 0 {
                    if self.in_quotes {
                        diagnostics.push(Diagnostic::new(
                            Location::at(path, self.quote_opened_line, 0),
                            "a quoted field opened here is never closed (unbalanced \\\")",
                        ));
                        self.in_quotes = false;
                    }
                    return Ok(None);
                }
                // the chunk is the buffer itself; the unfinished record moves to a spare one
                // (a spare without room for it is dropped, not grown)
                let need = CHUNK + (self.buffer.len() - end);
                let mut rest = self
                    .spare
                    .pop()
                    .filter(|spare| spare.capacity() >= need)
                    .unwrap_or_else(|| Vec::with_capacity(need + SLACK));
                rest.clear();
                rest.extend_from_slice(&self.buffer[end..]);
                let mut chunk = std::mem::replace(&mut self.buffer, rest);
                chunk.truncate(end);
                self.scanned -= end;
                let line = self.base_line;
                self.base_line += count_newlines(&chunk);
                return Ok(Some((chunk, line)));
            }
        }
    }
}

impl<R> Chunker<R> {
    /// Takes back a chunk's buffer for a later chunk (a few are kept).
    fn recycle(&mut self, buffer: Vec<u8>) {
        if self.spare.len() < 8 {
            self.spare.push(buffer);
        }
    }
}

/// Parses one chunk of whole records starting at `base_line`; the first record of the file sets
/// `header`. Returns false when the header is unusable.
///
/// The chunk's UTF-8 is validated once. A chunk without quotes or lone carriage returns (a panel
/// of codes and numbers, the common case) is split on newlines and commas in place, its fields
/// borrowed from the text; any other goes through the CSV reader.
fn parse_chunk(
    path: &Path,
    schema: &Schema,
    (bytes, base_line): (&[u8], u64),
    header: &mut Option<Header>,
    record: &mut csv::StringRecord,
    diagnostics: &mut Vec<Diagnostic>,
    each: &mut EachRecord<'_>,
) -> bool {
    let text = match crate::text::decode_utf8(path, bytes) {
        Ok(text) => text,
        Err(mut d) => {
            if d.location.line > 0 {
                d.location.line += base_line - 1;
            }
            diagnostics.push(d);
            return true;
        }
    };
    let mut take = |fields: &[&str], line: u64, diagnostics: &mut Vec<Diagnostic>| -> bool {
        let Some(h) = header.as_ref() else {
            match check_header(path, fields, schema, diagnostics) {
                Some(positions) => *header = Some(Header { path: path.to_path_buf(), positions, width: fields.len() }),
                None => return false,
            }
            return true;
        };
        if fields.len() == 1 && fields[0].is_empty() {
            return true; // a blank line
        }
        if fields.len() != h.width {
            diagnostics.push(Diagnostic::new(
                Location::at(path, line, 0),
                format!(
                    "{} fields, expected {} (as many as the header); quote fields that contain commas",
                    fields.len(),
                    h.width
                ),
            ));
            return true;
        }
        each(h, fields, line, diagnostics);
        true
    };
    if plain(bytes) {
        split_plain(text, base_line, diagnostics, &mut take)
    } else {
        split_csv(path, (text, base_line), record, diagnostics, &mut take)
    }
}

/// What a splitter hands each record to: its fields and line; false stops the chunk.
type Take<'t> = dyn FnMut(&[&str], u64, &mut Vec<Diagnostic>) -> bool + 't;

/// Splits a [`plain`] chunk on newlines and commas, in one pass over the separators, its fields
/// borrowed from the text (a line's last field ends before its `\r\n` or `\n`; blank lines are
/// skipped). Returns false when `take` stopped it.
fn split_plain(text: &str, base_line: u64, diagnostics: &mut Vec<Diagnostic>, take: &mut Take<'_>) -> bool {
    let bytes = text.as_bytes();
    let mut fields: Vec<&str> = Vec::with_capacity(16);
    let (mut field_start, mut line_start, mut line) = (0, 0, base_line);
    let ends = memchr::memchr2_iter(b',', b'\n', bytes).chain((bytes.last() != Some(&b'\n')).then_some(bytes.len()));
    for pos in ends {
        if bytes.get(pos) == Some(&b',') {
            fields.push(&text[field_start..pos]);
            field_start = pos + 1;
            continue;
        }
        let end = if pos > field_start && bytes[pos - 1] == b'\r' { pos - 1 } else { pos };
        if !(fields.is_empty() && end <= line_start) {
            fields.push(&text[field_start..end]);
            if !take(&fields, line, diagnostics) {
                return false;
            }
        }
        fields.clear();
        (field_start, line_start, line) = (pos + 1, pos + 1, line + 1);
    }
    true
}

/// Splits any chunk with the CSV reader (quotes, escaped quotes, newlines inside quotes, lone
/// `\r` line ends); malformed records are reported and skipped. Returns false when `take` stopped
/// it.
fn split_csv(
    path: &Path,
    (text, base_line): (&str, u64),
    record: &mut csv::StringRecord,
    diagnostics: &mut Vec<Diagnostic>,
    take: &mut Take<'_>,
) -> bool {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut lines = LineCounter::new(text);
    loop {
        match reader.read_record(record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => {
                let mut d = csv_error(path, &err);
                d.location.line += base_line - 1;
                diagnostics.push(d);
                continue;
            }
        }
        let line = base_line - 1 + record.position().map_or(0, |p| lines.line_at(p.byte()));
        let fields: Vec<&str> = record.iter().collect();
        if !take(&fields, line, diagnostics) {
            return false;
        }
    }
    true
}

/// Whether a chunk can be split on newlines and commas alone: no quote, and every carriage return
/// ends a line (the CSV reader also takes a lone `\r` as a line end).
fn plain(bytes: &[u8]) -> bool {
    memchr::memchr(b'"', bytes).is_none() && memchr::memchr_iter(b'\r', bytes).all(|i| bytes.get(i + 1) == Some(&b'\n'))
}

/// Streams a CSV file record by record in bounded memory: decodes and checks each chunk (UTF-8 only,
/// with a precise answer for UTF-16, GBK and NUL bytes), checks the header against `schema`, skips
/// blank lines, reports rows with the wrong number of fields and quotes left open, and calls `each`
/// with every other record and its 1-based line. Returns the header, or `None` when it is unusable
/// (nothing is streamed then).
pub fn stream<R: std::io::Read>(
    path: &Path,
    input: R,
    schema: &Schema,
    diagnostics: &mut Vec<Diagnostic>,
    mut each: impl FnMut(&Header, &[&str], u64, &mut Vec<Diagnostic>),
) -> Option<Header> {
    let mut chunks = Chunker::new(input);
    let mut header = None;
    let mut record = csv::StringRecord::new();
    let (start, mut dropped) = (diagnostics.len(), 0usize);
    while let Ok(Some((bytes, line))) = chunks.next(path, schema, diagnostics) {
        if !parse_chunk(path, schema, (&bytes, line), &mut header, &mut record, diagnostics, &mut each) {
            return None;
        }
        cap(diagnostics, start, &mut dropped);
        chunks.recycle(bytes);
    }
    report_dropped(path, diagnostics, dropped);
    if header.is_none() && diagnostics.is_empty() {
        diagnostics.push(Diagnostic::new(
            Location::file(path),
            format!("the file is empty; expected the header {}", schema.header()),
        ));
    }
    header
}

/// [`stream`] on `threads` worker threads: chunks are parsed in parallel, each into a part of its
/// own (`new_part`, filled by `work`), and the parts are handed to `merge` in file order.
/// Diagnostics are collected in file order too.
pub fn stream_parallel<R: std::io::Read, P: Send>(
    path: &Path,
    input: R,
    schema: &Schema,
    diagnostics: &mut Vec<Diagnostic>,
    workers: Workers<'_, P>,
    merge: &mut dyn FnMut(P),
) -> Option<Header> {
    let Workers { threads, new_part, work } = workers;
    use std::collections::BTreeMap;
    use std::sync::{Mutex, mpsc};
    let mut chunks = Chunker::new(input);
    let mut record = csv::StringRecord::new();
    let (start, mut dropped) = (diagnostics.len(), 0usize);
    // the first chunk, with the header, in this thread
    let mut header = None;
    match chunks.next(path, schema, diagnostics) {
        Ok(Some((bytes, line))) => {
            let mut part = new_part();
            let mut each = |h: &Header, r: &[&str], l: u64, d: &mut Vec<Diagnostic>| work(&mut part, h, r, l, d);
            if !parse_chunk(path, schema, (&bytes, line), &mut header, &mut record, diagnostics, &mut each) {
                return None;
            }
            cap(diagnostics, start, &mut dropped);
            merge(part);
            chunks.recycle(bytes);
        }
        _ => return None,
    }
    let Some(shared) = header.clone() else {
        report_dropped(path, diagnostics, dropped);
        if diagnostics.is_empty() {
            diagnostics.push(Diagnostic::new(
                Location::file(path),
                format!("the file is empty; expected the header {}", schema.header()),
            ));
        }
        return None;
    };
    let threads = threads.max(1);
    let (to_workers, from_reader) = mpsc::sync_channel::<(usize, Vec<u8>, u64)>(threads * 2);
    let from_reader = Mutex::new(from_reader);
    let (to_merger, results) = mpsc::channel::<(usize, P, Vec<Diagnostic>, Vec<u8>)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let to_merger = to_merger.clone();
            let (from_reader, shared) = (&from_reader, &shared);
            scope.spawn(move || {
                let mut record = csv::StringRecord::new();
                loop {
                    let next = from_reader.lock().ok().and_then(|r| r.recv().ok());
                    let Some((seq, bytes, line)) = next else { break };
                    let mut part = new_part();
                    let mut problems = Vec::new();
                    let mut header = Some(shared.clone());
                    let mut each =
                        |h: &Header, r: &[&str], l: u64, d: &mut Vec<Diagnostic>| work(&mut part, h, r, l, d);
                    parse_chunk(path, schema, (&bytes, line), &mut header, &mut record, &mut problems, &mut each);
                    if to_merger.send((seq, part, problems, bytes)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(to_merger);
        let mut pending: BTreeMap<usize, (P, Vec<Diagnostic>)> = BTreeMap::new();
        let mut next_to_merge = 0usize;
        let mut sent = 0usize;
        let mut deliver = |pending: &mut BTreeMap<usize, (P, Vec<Diagnostic>)>, diagnostics: &mut Vec<Diagnostic>| {
            while let Some((part, problems)) = pending.remove(&next_to_merge) {
                diagnostics.extend(problems);
                cap(diagnostics, start, &mut dropped);
                merge(part);
                next_to_merge += 1;
            }
        };
        let mut reading = true;
        while reading {
            match chunks.next(path, schema, diagnostics) {
                Ok(Some((bytes, line))) => {
                    if to_workers.send((sent, bytes, line)).is_err() {
                        reading = false;
                    }
                    sent += 1;
                }
                _ => reading = false,
            }
            while let Ok((seq, part, problems, spent)) = results.try_recv() {
                pending.insert(seq, (part, problems));
                chunks.recycle(spent);
            }
            deliver(&mut pending, diagnostics);
        }
        drop(to_workers);
        for (seq, part, problems, _) in results.iter() {
            pending.insert(seq, (part, problems));
            deliver(&mut pending, diagnostics);
        }
    });
    report_dropped(path, diagnostics, dropped);
    header
}

fn count_newlines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

impl Table {
    /// Parses `text` (already decoded) read from `path`. Problems go to `diagnostics`; returns `None`
    /// when the header is unusable (empty file, missing required columns).
    pub fn parse(path: &Path, text: &str, schema: &Schema, diagnostics: &mut Vec<Diagnostic>) -> Option<Table> {
        let mut rows = Vec::new();
        let header = stream(path, text.as_bytes(), schema, diagnostics, |_, fields, line, _| {
            rows.push(Row { line, fields: fields.iter().map(|f| (*f).to_owned()).collect() });
        })?;
        Some(Table { header, rows })
    }

    /// The file the table was read from.
    pub fn path(&self) -> &Path {
        &self.header.path
    }

    /// The rows whose field count matched the header.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Whether the header has `column`.
    pub fn has(&self, column: &str) -> bool {
        self.header.has(column)
    }

    /// The cell of `row` in `column` (empty text, column 0, when the header lacks it).
    pub fn cell<'a>(&self, row: &'a Row, column: &str) -> Cell<'a> {
        match self.header.positions.get(column) {
            Some(&i) => {
                Cell { text: row.fields.get(i).map_or("", String::as_str), line: row.line, column: i as u64 + 1 }
            }
            None => Cell { text: "", line: row.line, column: 0 },
        }
    }

    /// A diagnostic at a cell.
    pub fn at(&self, cell: Cell<'_>, message: impl Into<String>) -> Diagnostic {
        self.header.at(cell, message)
    }
}

/// 1-based line of a byte offset, counted incrementally (offsets only grow). The csv crate's own line
/// numbers count a CRLF's `\n` as the start of the next record, so records are located by byte.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter { text: text.as_bytes(), offset: 0, line: 1 }
    }

    /// The line of the first non-blank byte at or after `byte`.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut start = usize::try_from(byte).unwrap_or(usize::MAX).min(self.text.len());
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start >= self.offset {
            self.line += self.text[self.offset..start].iter().filter(|b| **b == b'\n').count() as u64;
            self.offset = start;
        }
        self.line
    }
}

fn check_header(
    path: &Path,
    header: &[&str],
    schema: &Schema,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<HashMap<&'static str, usize>> {
    let mut positions = HashMap::new();
    let mut usable = true;
    for (i, &name) in header.iter().enumerate() {
        let at = Location::at(path, 1, i as u64 + 1);
        match schema.columns.iter().find(|c| c.name == name) {
            Some(column) => {
                if positions.insert(column.name, i).is_some() {
                    diagnostics.push(Diagnostic::new(at, format!("column \"{name}\" appears twice")));
                    usable = false;
                }
            }
            None => {
                let hint = match closest(name, schema) {
                    Some(known) => format!("; did you mean \"{known}\"?"),
                    None => format!("; expected columns: {}", schema.header()),
                };
                diagnostics
                    .push(Diagnostic::new(at, format!("unknown column \"{name}\" in a {} file{hint}", schema.name)));
            }
        }
    }
    for column in schema.columns.iter().filter(|c| c.required) {
        if !positions.contains_key(column.name) {
            diagnostics.push(Diagnostic::new(
                Location::at(path, 1, 0),
                format!("missing column \"{}\"; expected the header {}", column.name, schema.header()),
            ));
            usable = false;
        }
    }
    usable.then_some(positions)
}

/// The schema column nearest to a misspelled name (edit distance ≤ 2), ignoring case.
fn closest(name: &str, schema: &Schema) -> Option<&'static str> {
    let lower = name.trim().to_lowercase();
    schema
        .columns
        .iter()
        .map(|c| (edit_distance(&lower, c.name), c.name))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, n)| n)
}

pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

fn csv_error(path: &Path, err: &csv::Error) -> Diagnostic {
    let line = err.position().map_or(0, |p| p.line());
    Diagnostic::new(Location::at(path, line, 0), format!("malformed CSV: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: Schema = Schema {
        name: "test",
        columns: &[
            Column { name: "id", required: true },
            Column { name: "value", required: true },
            Column { name: "note", required: false },
        ],
    };

    fn parse(text: &str) -> (Option<Table>, Vec<String>) {
        let mut d = Vec::new();
        let t = Table::parse(Path::new("t.csv"), text, &SCHEMA, &mut d);
        (t, d.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn reads_cells_with_locations() {
        let (t, d) = parse("value,id\r\n1,a\r\n\r\n\"2,5\",\"b\"\"c\"\n");
        assert!(d.is_empty(), "{d:?}");
        let t = t.unwrap();
        assert_eq!(t.rows().len(), 2);
        let row = &t.rows()[1];
        let cell = t.cell(row, "value");
        assert_eq!((cell.text, cell.line, cell.column), ("2,5", 4, 1));
        assert_eq!(t.cell(row, "id").text, "b\"c");
        assert_eq!(t.cell(row, "note").column, 0);
        assert!(!t.has("note"));
    }

    #[test]
    fn header_problems_are_all_reported() {
        let (t, d) = parse("id,vaule,id,extra\n");
        assert!(t.is_none());
        assert_eq!(
            d,
            [
                "t.csv:1:2: unknown column \"vaule\" in a test file; did you mean \"value\"?",
                "t.csv:1:3: column \"id\" appears twice",
                "t.csv:1:4: unknown column \"extra\" in a test file; expected columns: id,value,note",
                "t.csv:1: missing column \"value\"; expected the header id,value,note",
            ]
        );
        let (t, d) = parse("");
        assert!(t.is_none());
        assert_eq!(d, ["t.csv: the file is empty; expected the header id,value,note"]);
    }

    /// The records a splitter yields: fields and line.
    fn split(text: &str, csv: bool) -> Vec<(Vec<String>, u64)> {
        let mut out = Vec::new();
        let mut take = |fields: &[&str], line: u64, _: &mut Vec<Diagnostic>| {
            out.push((fields.iter().map(|f| (*f).to_owned()).collect(), line));
            true
        };
        let mut d = Vec::new();
        if csv {
            split_csv(Path::new("t.csv"), (text, 7), &mut csv::StringRecord::new(), &mut d, &mut take);
        } else {
            split_plain(text, 7, &mut d, &mut take);
        }
        assert!(d.is_empty(), "{d:?}");
        out
    }

    #[test]
    fn plain_chunks_split_as_the_csv_reader_does() {
        for text in ["a,b\n\nc,,d\r\n,\n", "x", "\r\n\r\n1,2\r\n", "", "\n\n", "é,中文\n3"] {
            assert!(plain(text.as_bytes()), "{text:?}");
            assert_eq!(split(text, false), split(text, true), "{text:?}");
        }
        assert_eq!(split("a,b\n\nc,,d\r\n", false)[1], (vec!["c".to_owned(), String::new(), "d".to_owned()], 9));
        assert!(!plain(b"a\rb\n") && !plain(b"a,\"b\"\n") && !plain(b"a\r"));
    }

    proptest::proptest! {
        /// Any chunk without quotes or lone carriage returns splits into the same fields on the same
        /// lines as the CSV reader gives.
        #[test]
        fn plain_split_agrees_with_the_csv_reader(parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just(",".to_owned()),
                proptest::strategy::Just("\n".to_owned()),
                proptest::strategy::Just("\r\n".to_owned()),
                "[a-z0-9. 中%-]{0,4}",
            ], 0..40)) {
            let text = parts.concat();
            proptest::prop_assert!(plain(text.as_bytes()));
            proptest::prop_assert_eq!(split(&text, false), split(&text, true));
        }
    }

    /// A reader that hands out a few bytes at a time, uneven, and is interrupted now and then.
    struct Trickle<'a> {
        bytes: &'a [u8],
        calls: usize,
    }

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.calls += 1;
            if self.calls.is_multiple_of(97) {
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            let n = (self.calls * 7919 % 65_521).min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    /// A file of `id,value,note` rows, row `k` as `row(k)` writes it, of more than two chunks;
    /// and how many rows it has.
    fn chunks_of_rows(row: impl Fn(usize) -> String) -> (String, usize) {
        let mut text = String::from("id,value,note\n");
        let mut k = 0;
        while text.len() < 2 * CHUNK + CHUNK / 2 {
            text.push_str(&row(k));
            k += 1;
        }
        (text, k)
    }

    /// What `keep` makes of each record `input` streams, with its line (no problem expected).
    fn streamed<T>(input: &mut dyn std::io::Read, keep: impl Fn(&[&str]) -> T) -> Vec<(T, u64)> {
        let (mut out, mut d) = (Vec::new(), Vec::new());
        stream(Path::new("t.csv"), input, &SCHEMA, &mut d, |_, fields, line, _| out.push((keep(fields), line)));
        assert!(d.is_empty(), "{d:?}");
        out
    }

    #[test]
    fn a_file_of_several_chunks_streams_the_same_however_its_reader_hands_it_out() {
        // more than two chunks, a quoted field across a chunk boundary or two
        let (text, k) = chunks_of_rows(|k| {
            let note = if k % 1000 == 0 { format!("\"a,\n{k}\"") } else { String::new() };
            format!("r{k},{},{note}\n", k * 7)
        });
        let records = |input: &mut dyn std::io::Read| streamed(input, |fields| fields.concat());
        let whole = records(&mut text.as_bytes());
        assert_eq!(whole.len(), k);
        assert_eq!(whole.last().map(|r| r.1), Some(k as u64 + 1 + (k as u64 - 1) / 1000 + 1));
        assert!(whole == records(&mut Trickle { bytes: text.as_bytes(), calls: 0 }));
    }

    #[test]
    fn records_longer_than_a_buffers_slack_are_carried_over_whole() {
        // unquoted records of 100 KiB, some of them cut by a chunk's end
        let (text, k) = chunks_of_rows(|k| {
            let note = if k % 40 == 0 { "x".repeat(100 << 10) } else { String::new() };
            format!("r{k},{k},{note}\n")
        });
        let records = |input: &mut dyn std::io::Read| streamed(input, |fields| (fields[0].to_owned(), fields[2].len()));
        let expected: Vec<((String, usize), u64)> =
            (0..k).map(|k| ((format!("r{k}"), if k % 40 == 0 { 100 << 10 } else { 0 }), k as u64 + 2)).collect();
        assert!(records(&mut text.as_bytes()) == expected);
        assert!(records(&mut Trickle { bytes: text.as_bytes(), calls: 0 }) == expected);
    }

    #[test]
    fn rows_with_the_wrong_number_of_fields_are_located() {
        let (t, d) = parse("id,value\na,1,2\nb\nc,3\n");
        assert_eq!(t.unwrap().rows().len(), 1);
        assert_eq!(
            d,
            [
                "t.csv:2: 3 fields, expected 2 (as many as the header); quote fields that contain commas",
                "t.csv:3: 1 fields, expected 2 (as many as the header); quote fields that contain commas",
            ]
        );
    }
}
