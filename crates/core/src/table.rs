//! Reading a CSV table against a schema, collecting every located problem.
//!
//! A [`Schema`] names the columns a table must have and those it may have. [`Table::parse`] checks
//! the header (missing, unknown, duplicated columns, with a suggestion for misspellings) and the
//! number of fields of every row; cells are then read by column name, and each knows its line and
//! column for messages.

use crate::diagnostic::{Diagnostic, Location};
use std::collections::HashMap;
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

    /// The cell of a record at a position found with [`Header::index`] (empty when `None`).
    pub fn cell_at<'r>(&self, record: &'r csv::StringRecord, line: u64, index: Option<usize>) -> Cell<'r> {
        match index {
            Some(i) => Cell { text: record.get(i).unwrap_or(""), line, column: i as u64 + 1 },
            None => Cell { text: "", line, column: 0 },
        }
    }

    /// The cell of a record in `column` (empty text, column 0, when the header lacks it).
    pub fn cell<'r>(&self, record: &'r csv::StringRecord, line: u64, column: &str) -> Cell<'r> {
        match self.positions.get(column) {
            Some(&i) => Cell { text: record.get(i).unwrap_or(""), line, column: i as u64 + 1 },
            None => Cell { text: "", line, column: 0 },
        }
    }

    /// A diagnostic at a cell.
    pub fn at(&self, cell: Cell<'_>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Location::at(&self.path, cell.line, cell.column), message)
    }
}

/// Bytes read from a file at a time when streaming.
const CHUNK: usize = 8 << 20;

/// Streams a CSV file record by record in bounded memory: decodes and checks each chunk (UTF-8 only,
/// with a precise answer for UTF-16, GBK and NUL bytes), checks the header against `schema`, skips
/// blank lines, reports rows with the wrong number of fields and quotes left open, and calls `each`
/// with every other record and its 1-based line. Returns the header, or `None` when it is unusable
/// (nothing is streamed then).
pub fn stream<R: std::io::Read>(
    path: &Path,
    mut input: R,
    schema: &Schema,
    diagnostics: &mut Vec<Diagnostic>,
    mut each: impl FnMut(&Header, &csv::StringRecord, u64, &mut Vec<Diagnostic>),
) -> Option<Header> {
    let mut buffer: Vec<u8> = Vec::new();
    let mut scanned = 0; // bytes of `buffer` already scanned for the quote state
    let mut in_quotes = false;
    let mut quote_opened_line = 0u64;
    let mut base_line = 1u64; // line of buffer[0]
    let mut header: Option<Header> = None;
    let mut first = true;
    let mut eof = false;
    let mut record = csv::StringRecord::new();
    loop {
        if !eof {
            let old = buffer.len();
            buffer.resize(old + CHUNK, 0);
            let mut filled = old;
            while filled < buffer.len() {
                match input.read(&mut buffer[filled..]) {
                    Ok(0) => {
                        eof = true;
                        break;
                    }
                    Ok(n) => filled += n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        diagnostics.push(Diagnostic::new(Location::file(path), format!("cannot read the file: {e}")));
                        return None;
                    }
                }
            }
            buffer.truncate(filled);
        }
        if first {
            first = false;
            if buffer.is_empty() {
                diagnostics.push(Diagnostic::new(
                    Location::file(path),
                    format!("the file is empty; expected the header {}", schema.header()),
                ));
                return None;
            }
            if let Err(d) = crate::text::decode_utf8(path, &buffer[..buffer.len().min(4096)]).map(|_| ()).or_else(|d| {
                // a multi-byte character cut at 4096 bytes is not an error
                if buffer.len() > 4096 && d.message.starts_with("invalid UTF-8") { Ok(()) } else { Err(d) }
            }) {
                diagnostics.push(d);
                return None;
            }
            if buffer.starts_with(crate::text::BOM.as_bytes()) {
                buffer.drain(..crate::text::BOM.len());
            }
        }
        // the end of the last complete record: the last newline outside quotes
        let mut cut = None;
        let mut line_of = base_line + count_newlines(&buffer[..scanned]);
        for (i, b) in buffer.iter().enumerate().skip(scanned) {
            match b {
                b'"' => {
                    in_quotes = !in_quotes;
                    if in_quotes {
                        quote_opened_line = line_of;
                    }
                }
                b'\n' => {
                    line_of += 1;
                    if !in_quotes {
                        cut = Some(i + 1);
                    }
                }
                _ => {}
            }
        }
        scanned = buffer.len();
        let end = if eof { buffer.len() } else { cut.unwrap_or(0) };
        if end > 0 {
            let slice = &buffer[..end];
            let text = match crate::text::decode_utf8(path, slice) {
                Ok(text) => text,
                Err(mut d) => {
                    d.location.line += base_line - 1;
                    diagnostics.push(d);
                    return header;
                }
            };
            let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
            let mut lines = LineCounter::new(text);
            loop {
                match reader.read_record(&mut record) {
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
                let Some(h) = &header else {
                    let positions = check_header(path, &record, schema, diagnostics)?;
                    header = Some(Header { path: path.to_path_buf(), positions, width: record.len() });
                    continue;
                };
                if record.len() == 1 && record.get(0) == Some("") {
                    continue; // a blank line
                }
                if record.len() != h.width {
                    diagnostics.push(Diagnostic::new(
                        Location::at(path, line, 0),
                        format!(
                            "{} fields, expected {} (as many as the header); quote fields that contain commas",
                            record.len(),
                            h.width
                        ),
                    ));
                    continue;
                }
                each(h, &record, line, diagnostics);
            }
            base_line += count_newlines(slice);
            buffer.drain(..end);
            scanned -= end;
        }
        if eof {
            break;
        }
    }
    if in_quotes {
        diagnostics.push(Diagnostic::new(
            Location::at(path, quote_opened_line, 0),
            "a quoted field opened here is never closed (unbalanced \\\")",
        ));
    }
    if header.is_none() {
        diagnostics.push(Diagnostic::new(
            Location::file(path),
            format!("the file is empty; expected the header {}", schema.header()),
        ));
    }
    header
}

fn count_newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| **b == b'\n').count() as u64
}

impl Table {
    /// Parses `text` (already decoded) read from `path`. Problems go to `diagnostics`; returns `None`
    /// when the header is unusable (empty file, missing required columns).
    pub fn parse(path: &Path, text: &str, schema: &Schema, diagnostics: &mut Vec<Diagnostic>) -> Option<Table> {
        let mut rows = Vec::new();
        let header = stream(path, text.as_bytes(), schema, diagnostics, |_, record, line, _| {
            rows.push(Row { line, fields: record.iter().map(str::to_owned).collect() });
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
    header: &csv::StringRecord,
    schema: &Schema,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<HashMap<&'static str, usize>> {
    let mut positions = HashMap::new();
    let mut usable = true;
    for (i, name) in header.iter().enumerate() {
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
