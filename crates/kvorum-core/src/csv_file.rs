//! A CSV file as associations have them — exported from Excel (semicolons, Windows-1252) or
//! from another register (UTF-8, maybe with a BOM, commas or tabs) — decoded and split into
//! a heading line and records with the line numbers an editor shows. Never panics: any bytes
//! end in a table or a Danish error. Used by the member import and the bank import.

use crate::text::Text;

/// Files larger than this are refused before parsing (a register of 5 000 is ~0.5 MB).
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// Why a file cannot be read (or imported): a catalogue message for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ImportError(pub Text);

fn import_error(message: impl Into<Text>) -> ImportError {
    ImportError(message.into())
}

/// The file, decoded and split, before any mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedCsv {
    pub encoding: &'static str,
    pub delimiter: u8,
    pub headers: Vec<String>,
    /// The line the heading is on (blank lines above it skipped).
    pub header_line: u32,
    /// (line number, cells)
    pub records: Vec<(u32, Vec<String>)>,
}

/// The file's text: UTF-8 (with or without a BOM) or Windows-1252. A file that is UTF-8 but
/// for a stray byte is refused with the line to fix, not decoded wholly as Windows-1252
/// (which would import "SÃ¸ren" as a success).
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), ImportError> {
    let (body, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    if let Ok(s) = std::str::from_utf8(body) {
        return Ok((s.to_owned(), "UTF-8"));
    }
    let utf8_letters = body
        .utf8_chunks()
        .flat_map(|c| c.valid().chars())
        .any(|c| !c.is_ascii());
    if bom || utf8_letters {
        let bad = body.utf8_chunks().find(|c| !c.invalid().is_empty());
        let offset = bad.map_or(0, |c| {
            c.valid().as_ptr() as usize - body.as_ptr() as usize + c.valid().len()
        });
        let line = body[..offset.min(body.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        return Err(import_error(
            Text::new("csv-mixed-encoding").num("line", i64::try_from(line).unwrap_or(i64::MAX)),
        ));
    }
    let (s, _, _) = encoding_rs::WINDOWS_1252.decode(body);
    Ok((s.into_owned(), "Windows-1252"))
}

/// Decodes and splits a CSV file. Never panics; any bytes end in a table or a Danish error.
pub fn parse_csv(bytes: &[u8]) -> Result<ParsedCsv, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(import_error(Text::new("csv-too-large")));
    }
    let (text, encoding) = decode(bytes)?;
    if text.contains('\0') {
        return Err(import_error(Text::new("csv-binary")));
    }
    if text.trim().is_empty() {
        return Err(import_error(Text::new("csv-empty")));
    }
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |d: char| first_line.matches(d).count();
    let delimiter = [(';', count(';')), ('\t', count('\t')), (',', count(','))]
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map(|(d, _)| d as u8)
        .unwrap_or(b';');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut header_line = 1;
    let mut records = Vec::new();
    let (mut counted, mut newlines) = (0usize, 0usize);
    for result in reader.records() {
        let rec = result.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            import_error(
                Text::new("csv-line-unreadable")
                    .num("line", i64::try_from(line).unwrap_or(i64::MAX))
                    .str("cause", e.to_string()),
            )
        })?;
        // The line a person sees in an editor: newlines before the record's first byte, + 1.
        // csv reports the start as the byte after the previous record's first terminator
        // byte, so skip the rest of the terminator (and blank lines) first.
        let mut byte = rec
            .position()
            .map(|p| usize::try_from(p.byte()).unwrap_or(usize::MAX))
            .unwrap_or(0);
        while matches!(text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        // Counted on from the previous record: counting from the top each time is quadratic.
        let upto = byte.min(text.len());
        newlines += text.as_bytes()[counted.min(upto)..upto]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        counted = counted.max(upto);
        let line = u32::try_from(newlines + 1).unwrap_or(u32::MAX);
        // A field that holds a line break and the delimiter is two rows glued together by a
        // quotation mark left open: refused with its line rather than read as one member.
        let glued = |c: &str| c.contains('\n') && c.as_bytes().contains(&delimiter);
        if rec.iter().any(glued) {
            return Err(import_error(Text::new("csv-open-quote").num("line", line)));
        }
        // A byte-order mark inside a field (a pasted cell) is invisible and would break search.
        let cells: Vec<String> = rec
            .iter()
            .map(|c| restore_cell(c.replace('\u{feff}', "").trim()).to_owned())
            .collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if headers.is_none() {
            headers = Some(cells);
            header_line = line;
        } else {
            records.push((line, cells));
        }
    }
    let headers = headers.ok_or_else(|| import_error(Text::new("csv-no-heading")))?;
    Ok(ParsedCsv {
        encoding,
        delimiter,
        headers,
        header_line,
        records,
    })
}

/// A cell of an exported CSV file as a spreadsheet must not evaluate it (OWASP's rule for
/// CSV injection): text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets
/// a leading `'`. Use it for text people typed (names, bank texts), not for the amounts and
/// dates Kvorum writes itself.
pub fn neutralise_cell(text: &str) -> String {
    if text.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The cell as it was before [`neutralise_cell`]: Kvorum's own exports read back unchanged.
pub fn restore_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

#[cfg(test)]
mod formula_cells {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_evaluate_are_neutralised_and_read_back() {
        for evil in [
            "=HYPERLINK(\"http://x\")",
            "+45 12 34",
            "-2+3",
            "@SUM(A1)",
            "\tx",
        ] {
            let out = neutralise_cell(evil);
            assert!(out.starts_with('\''), "{out}");
            assert_eq!(restore_cell(&out), evil);
        }
        for plain in ["Søren Ærø", "'citat'", "", "Torvet 1"] {
            assert_eq!(neutralise_cell(plain), plain);
            assert_eq!(restore_cell(plain), plain);
        }
        let file = format!("Navn;By\r\n{};Maribo\r\n", neutralise_cell("=1+1"));
        let parsed = parse_csv(file.as_bytes()).unwrap();
        assert_eq!(parsed.records[0].1[0], "=1+1");
    }
}

#[cfg(test)]
mod encodings {
    use super::*;

    #[test]
    fn utf8_with_a_stray_windows_byte_is_refused_with_its_line() {
        let mut file = "Navn;By\nSøren Ærø;Maribo\nÅse;Nakskov\n"
            .as_bytes()
            .to_vec();
        file.extend_from_slice(b"Bj\xf8rn;Rudk\xf8bing\n");
        let e = parse_csv(&file).unwrap_err();
        assert_eq!(e.0, Text::new("csv-mixed-encoding").num("line", 4));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(b"Navn\nBj\xf8rn\n");
        assert_eq!(parse_csv(&bom).unwrap_err().0.id, "csv-mixed-encoding");
    }

    #[test]
    fn windows_1252_and_utf8_files_are_read_as_written() {
        let cp1252 = b"Navn;By\nS\xf8ren \xc6r\xf8;Maribo\n";
        let parsed = parse_csv(cp1252).unwrap();
        assert_eq!(
            (parsed.encoding, parsed.records[0].1[0].as_str()),
            ("Windows-1252", "Søren Ærø")
        );
        let parsed = parse_csv("Navn\nSøren Ærø\n".as_bytes()).unwrap();
        assert_eq!(
            (parsed.encoding, parsed.records[0].1[0].as_str()),
            ("UTF-8", "Søren Ærø")
        );
    }
}

#[cfg(test)]
mod glued_rows {
    use super::*;

    #[test]
    fn an_open_quotation_mark_is_refused_with_its_line_not_merged_into_one_member() {
        let file = "Navn;By\nSøren;Maribo\n\"Åse;Nakskov\nBjørn;Rudkøbing\n";
        let e = parse_csv(file.as_bytes()).unwrap_err();
        assert_eq!(e.0, Text::new("csv-open-quote").num("line", 3));
        // A quoted address over two lines is still one field.
        let ok = parse_csv("Navn;Adresse\nSøren;\"Torvet 1\n2. sal\"\n".as_bytes()).unwrap();
        assert_eq!(ok.records[0].1[1], "Torvet 1\n2. sal");
    }

    #[test]
    fn a_byte_order_mark_inside_a_field_is_dropped() {
        let parsed = parse_csv("Navn;By\n\u{feff}Søren\u{feff};Maribo\n".as_bytes()).unwrap();
        assert_eq!(parsed.records[0].1[0], "Søren");
    }
}
