//! The plain text of a report: the Markdown file with its front matter and Markdown marks removed,
//! nothing else changed.
//!
//! The rule is `tests/gold/normalise.py`, ported exactly (run as a script, Python reads the file with
//! universal newlines, so line ends are unified first):
//!
//! 1. leading byte-order marks are dropped; `\r\n` and a lone `\r` become `\n`;
//! 2. YAML front matter is dropped: when the text starts with a line `---`, everything up to and
//!    including the next line `---` (an unclosed front matter is left as it is, and
//!    [`crate::import()`] reports it);
//! 3. HTML comments `<!-- … -->` are dropped, across lines;
//! 4. every `**` is dropped;
//! 5. a heading mark (`#` to `######` and one space) at the start of a line is dropped;
//! 6. leading blank lines are dropped.
//!
//! ```
//! use zhibiao_corpus::normalise;
//! let raw = "---\ntitle: 咸宁市政府工作报告\n---\n\n## 一、2022年工作回顾\n\n**地区生产总值**增长4.3%。<!-- 校对 -->\n";
//! assert_eq!(normalise(raw), "一、2022年工作回顾\n\n地区生产总值增长4.3%。\n");
//! ```

/// The plain text of a lawtext/gov Markdown report (the six steps of the module docs).
pub fn normalise(raw: &str) -> String {
    let unified = unify(raw);
    let body = match front_matter(&unified) {
        FrontMatter::Closed { body_start } => unified.get(body_start..).unwrap_or(""),
        FrontMatter::Absent | FrontMatter::Unclosed => unified.as_str(),
    };
    let without_comments = drop_comments(body);
    let without_bold = without_comments.replace("**", "");
    let without_headings = drop_heading_marks(&without_bold);
    without_headings.trim_start_matches('\n').to_owned()
}

/// Leading byte-order marks dropped, line ends unified to `\n`.
pub(crate) fn unify(raw: &str) -> String {
    raw.trim_start_matches('\u{feff}').replace("\r\n", "\n").replace('\r', "\n")
}

/// The front matter of a unified text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FrontMatter {
    /// The text does not start with a line `---`.
    Absent,
    /// It does, and a later line `---` closes it; the body starts at byte `body_start`.
    Closed { body_start: usize },
    /// It does, and no later line `---` closes it.
    Unclosed,
}

/// Python: `if t.startswith('---\n'): end = t.find('\n---\n', 3); t = t[end + 5:]`.
pub(crate) fn front_matter(unified: &str) -> FrontMatter {
    if !unified.starts_with("---\n") {
        return FrontMatter::Absent;
    }
    // searched from byte 3, the newline of the opening line, so `---\n---\n` is an empty front matter
    match unified.get(3..).and_then(|rest| rest.find("\n---\n")) {
        Some(at) => FrontMatter::Closed { body_start: at + 3 + "\n---\n".len() },
        None => FrontMatter::Unclosed,
    }
}

/// Python: `re.sub(r'<!--.*?-->', '', t, flags=re.S)`.
fn drop_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("<!--") {
        let after_open = open + "<!--".len();
        let Some(close) = rest.get(after_open..).and_then(|tail| tail.find("-->")) else { break };
        out.push_str(rest.get(..open).unwrap_or(""));
        rest = rest.get(after_open + close + "-->".len()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// Python: `re.sub(r'(?m)^#{1,6} ', '', t)`: one to six `#` and a space at the start of a line.
fn drop_heading_marks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let marks = line.bytes().take_while(|b| *b == b'#').count();
        let stripped =
            if (1..=6).contains(&marks) { line.get(marks..).and_then(|l| l.strip_prefix(' ')) } else { None };
        out.push_str(stripped.unwrap_or(line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, expected: &str) {
        assert_eq!(normalise(raw), expected, "{raw:?}");
    }

    #[test]
    fn front_matter_is_dropped() {
        check("---\ntitle: x\n---\n\n正文\n", "正文\n");
        check("---\n---\n正文", "正文");
        check("---\ntitle: x\n---\n", "");
        // the closing line must end with a newline, as in Python
        check("---\ntitle: x\n---", "---\ntitle: x\n---");
        // unclosed: left as it is
        check("---\ntitle: x\n正文\n", "---\ntitle: x\n正文\n");
        // only at the very start
        check("\n---\ntitle: x\n---\n正文", "---\ntitle: x\n---\n正文");
        // a later --- line in the body stays
        check("---\na: b\n---\n正文\n---\n附\n", "正文\n---\n附\n");
        check("----\na\n---\nb", "----\na\n---\nb");
    }

    #[test]
    fn bom_and_line_ends() {
        check("\u{feff}\u{feff}---\nt: x\n---\n正文\r\n第二段\r第三段", "正文\n第二段\n第三段");
        check("正文\u{feff}", "正文\u{feff}");
    }

    #[test]
    fn comments() {
        check("a<!-- x -->b", "ab");
        check("a<!--\n多行\n-->b", "ab");
        check("a<!-- 1 -->b<!-- 2 -->c", "abc");
        check("a<!-- 未闭合", "a<!-- 未闭合");
        check("a<!-->b-->c", "ac");
        check("a<!--->b", "a<!--->b");
        check("<!-- x -->\n\n正文", "正文");
        // a comment that leaves ** or a heading mark behind: the later steps see it
        check("*<!-- -->*粗", "粗");
        check("<!-- -->## 标题", "标题");
    }

    #[test]
    fn bold_and_headings() {
        check("**政府工作报告**", "政府工作报告");
        check("***强调***", "*强调*");
        check(
            "# 一\n## 二\n###### 六\n####### 七\n#无空格\n  ## 缩进\n正文 ## 中间",
            "一\n二\n六\n####### 七\n#无空格\n  ## 缩进\n正文 ## 中间",
        );
        check("# # 两层", "# 两层");
        check("#\t制表", "#\t制表");
        check("**## 标题**", "标题");
    }

    #[test]
    fn leading_blank_lines_only() {
        check("\n\n\n正文\n\n", "正文\n\n");
        check("   \n正文", "   \n正文");
        check("", "");
    }

    /// The normalisation reproduces the pinned Xianning 2023 text byte for byte from its Markdown
    /// (when the corpus is beside the repository, as `tests/gold/README.md` says: `../shared/corpus/`,
    /// or where `ZHIBIAO_CORPUS` points).
    #[test]
    fn reproduces_the_pinned_xianning_2023_text() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let corpus = std::env::var_os("ZHIBIAO_CORPUS")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| root.join("../shared/corpus"));
        let raw = corpus.join("政府工作报告-其他地市/咸宁市/2023.md");
        let pinned = root.join("data/corpus/421200-2023.txt");
        if !raw.is_file() || !pinned.is_file() {
            return; // the corpus is not part of the repository
        }
        let raw = std::fs::read_to_string(&raw).unwrap();
        let pinned = std::fs::read_to_string(&pinned).unwrap();
        assert!(normalise(&raw) == pinned, "the normalised text differs from the pinned source");
    }
}
