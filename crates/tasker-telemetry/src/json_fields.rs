//! Span fields for JSON log lines, kept as the members of one JSON object
//! that later `record`s append to.
//!
//! `tracing-subscriber`'s own `JsonFields` parses a span's stored fields and
//! serialises them again on every `Span::record`, and the request span is
//! recorded three times per request. Here a record appends its members to
//! the stored object instead. A field recorded twice then appears twice in
//! the stored text; the JSON line formatter reads it into a map, where the
//! last value wins, as it would have with the parsing formatter.

use std::fmt::{self, Write as _};

use tracing::field::{Field, Visit};
use tracing_subscriber::field::RecordFields;
use tracing_subscriber::fmt::FormatFields;
use tracing_subscriber::fmt::FormattedFields;
use tracing_subscriber::fmt::format::Writer;

/// See the module documentation.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct JsonSpanFields;

/// Writes `"name":value` members, comma-separated, into `out`, with no
/// allocation of their own: strings are escaped as they are written.
struct Members<'a> {
    out: &'a mut String,
    first: bool,
}

impl Members<'_> {
    /// Starts a member: the separator and the quoted name, up to the colon.
    fn name(&mut self, field: &Field) {
        let name = field.name();
        let name = name.strip_prefix("r#").unwrap_or(name);
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.out.push('"');
        escape_into(self.out, name);
        self.out.push_str("\":");
    }

    /// A member whose value is `value`'s text, written by `fmt::Write`.
    fn plain(&mut self, field: &Field, value: impl fmt::Display) {
        self.name(field);
        // Writing into a String cannot fail.
        let _ = write!(self.out, "{value}");
    }

    /// A member whose value is a JSON string of `text`.
    fn string(&mut self, field: &Field, text: &str) {
        self.name(field);
        self.out.push('"');
        escape_into(self.out, text);
        self.out.push('"');
    }
}

/// Appends `text` with JSON string escapes (RFC 8259 §7): quote, backslash
/// and the control characters. Scans bytes, not chars: every byte to escape
/// is ASCII, so the runs between them are whole UTF-8 sequences.
fn escape_into(out: &mut String, text: &str) {
    // The usual text has nothing to escape: checked without an early exit,
    // which the compiler turns into a few vector instructions per 16 bytes.
    let escapes = text.bytes().fold(false, |found, byte| {
        found | (byte < 0x20) | (byte == b'"') | (byte == b'\\')
    });
    if !escapes {
        out.push_str(text);
        return;
    }
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[start..at]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{:04x}", byte);
        } else {
            out.push_str(escape);
        }
        start = at + 1;
    }
    out.push_str(&text[start..]);
}

/// A `fmt::Write` that escapes what is written into a JSON string.
struct Escaping<'a>(&'a mut String);

impl fmt::Write for Escaping<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        escape_into(self.0, s);
        Ok(())
    }
}

impl Visit for Members<'_> {
    fn record_f64(&mut self, field: &Field, value: f64) {
        if value.is_finite() {
            self.plain(field, value);
        } else {
            // As serde_json's value model has it.
            self.plain(field, "null");
        }
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.plain(field, value);
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.plain(field, value);
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.plain(field, value);
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.string(field, value);
    }

    fn record_bytes(&mut self, field: &Field, value: &[u8]) {
        // An array of numbers, as serde_json writes a byte slice.
        self.name(field);
        self.out.push('[');
        for (i, byte) in value.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            let _ = write!(self.out, "{byte}");
        }
        self.out.push(']');
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.name(field);
        self.out.push('"');
        let _ = write!(Escaping(self.out), "{value:?}");
        self.out.push('"');
    }
}

/// Appends the members of `fields`, comma-separated, without braces, to
/// `out`; `first` when `out` holds no member yet.
fn members(out: &mut String, first: bool, fields: impl RecordFields) {
    let mut visitor = Members { out, first };
    fields.record(&mut visitor);
}

impl<'writer> FormatFields<'writer> for JsonSpanFields {
    fn format_fields<R: RecordFields>(
        &self,
        mut writer: Writer<'writer>,
        fields: R,
    ) -> fmt::Result {
        // Sized for a request span's fields at once: one allocation here
        // and one for the copy the layer keeps, not a growth per member.
        let mut object = String::with_capacity(256);
        object.push('{');
        members(&mut object, true, fields);
        object.push('}');
        writer.write_str(&object)
    }

    fn add_fields(
        &self,
        current: &'writer mut FormattedFields<Self>,
        fields: &tracing::span::Record<'_>,
    ) -> fmt::Result {
        let stored = &mut current.fields;
        if stored.ends_with('}') {
            stored.pop();
        } else {
            // Nothing stored yet (or not an object written here): start one.
            stored.clear();
            stored.push('{');
        }
        let first = stored.len() == 1;
        members(stored, first, fields);
        stored.push('}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::io;
    use std::sync::{Arc, Mutex};

    use tracing_subscriber::layer::SubscriberExt as _;

    use super::*;

    /// Log lines written into a shared buffer.
    #[derive(Clone, Default)]
    struct Lines(Arc<Mutex<Vec<u8>>>);

    impl io::Write for Lines {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0
                .lock()
                .map_err(|_| io::Error::other("poisoned"))?
                .extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for text in [
            "",
            "plain",
            "quote \" and backslash \\",
            "lines\nand\rtabs\t",
            "\u{0}\u{1}\u{1f} controls",
            "é, 漢字 and 🦀 stay as they are",
            "\u{7f} is not a control in JSON",
        ] {
            let mut out = String::new();
            escape_into(&mut out, text);
            let expected = serde_json::to_string(text).expect("a string serialises");
            assert_eq!(format!("\"{out}\""), expected, "{text:?}");
        }
    }

    fn logged(run: impl FnOnce()) -> Vec<serde_json::Value> {
        let lines = Lines::default();
        let sink = lines.clone();
        let layer = tracing_subscriber::fmt::layer()
            .json()
            .with_current_span(false)
            .with_span_list(true)
            .fmt_fields(JsonSpanFields)
            .with_writer(move || sink.clone());
        let subscriber = tracing_subscriber::registry().with(layer);
        tracing::subscriber::with_default(subscriber, run);
        let text = String::from_utf8(lines.0.lock().expect("lines").clone()).expect("utf-8");
        text.lines()
            .map(|line| serde_json::from_str(line).expect("a JSON line"))
            .collect()
    }

    #[test]
    fn recorded_fields_join_the_span_in_later_lines() {
        let lines = logged(|| {
            let span = tracing::info_span!(
                "request",
                id = "a\"b\\c\n\u{1}é",
                protocol = "grpc",
                r#type = 7_u64,
                principal = tracing::field::Empty,
                status = tracing::field::Empty,
                latency_ms = tracing::field::Empty,
            );
            let _entered = span.enter();
            tracing::info!("before");
            span.record("principal", "key:abc");
            span.record("status", 200_u16);
            span.record("latency_ms", 1.5_f64);
            span.record("status", tracing::field::debug(404));
            tracing::info!("after");
            let inner = tracing::info_span!("inner", nan = f64::NAN, flag = true, n = -3_i64);
            let _inner = inner.enter();
            tracing::info!("inside");
        });
        assert_eq!(lines.len(), 3, "{lines:?}");
        let before = &lines[0]["spans"][0];
        assert_eq!(before["id"], "a\"b\\c\n\u{1}é");
        assert_eq!(before["type"], 7);
        assert!(before.get("principal").is_none(), "{before}");
        let after = &lines[1]["spans"][0];
        assert_eq!(after["name"], "request");
        assert_eq!(after["principal"], "key:abc");
        assert_eq!(after["latency_ms"], 1.5);
        // Recorded twice: the last value wins.
        assert_eq!(after["status"], "404");
        let inner = &lines[2]["spans"][1];
        assert_eq!(inner["nan"], serde_json::Value::Null);
        assert_eq!(inner["flag"], true);
        assert_eq!(inner["n"], -3);
    }

    #[test]
    fn a_span_without_fields_gets_its_first_ones_on_record() {
        let lines = logged(|| {
            let span = tracing::info_span!("bare", late = tracing::field::Empty);
            let _entered = span.enter();
            span.record("late", "x");
            tracing::info!("line");
        });
        assert_eq!(lines[0]["spans"][0]["late"], "x");
    }
}
