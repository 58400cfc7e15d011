//! Path templates of `google.api.http`, parsed and matched as
//! `google/api/http.proto` specifies.
//!
//! ```text
//! Template = "/" Segments [ Verb ] ;
//! Segments = Segment { "/" Segment } ;
//! Segment  = "*" | "**" | LITERAL | Variable ;
//! Variable = "{" FieldPath [ "=" Segments ] "}" ;
//! FieldPath = IDENT { "." IDENT } ;
//! Verb     = ":" LITERAL ;
//! ```
//!
//! Matching works on the raw (percent-encoded) request path, split on `/`
//! before any decoding. A variable that captures exactly one segment is fully
//! percent-decoded (so `Foo%2FBar` binds `Foo/Bar`); a variable spanning
//! several segments (`{path=**}`, `{name=shelves/*/books/*}`) is decoded except
//! for `%2F`/`%2f`, which stay as they are.

use std::borrow::Cow;
use std::fmt;

/// One segment of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A literal that must equal the request segment (after decoding).
    Literal(String),
    /// `*`: exactly one segment.
    Single,
    /// `**`: zero or more segments.
    Multi,
}

/// A variable: the field it binds and the segments it captures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    /// Field path, for example `["task", "uuid"]` for `{task.uuid}`.
    pub field_path: Vec<String>,
    /// Index of the first captured segment in [`PathTemplate::segments`].
    pub start: usize,
    /// Index one past the last captured segment.
    pub end: usize,
}

impl Variable {
    /// The dotted field path.
    pub fn field_path_string(&self) -> String {
        self.field_path.join(".")
    }
}

/// A parsed path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    source: String,
    segments: Vec<Segment>,
    variables: Vec<Variable>,
    verb: Option<String>,
}

/// Why a template does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid path template {template:?}: {reason}")]
pub struct TemplateError {
    /// The template text.
    pub template: String,
    /// What is wrong with it.
    pub reason: String,
}

/// Values captured by a successful match: `(variable index, decoded value)`.
pub type Captures = Vec<(usize, String)>;

impl PathTemplate {
    /// Parses `source`.
    ///
    /// # Errors
    /// [`TemplateError`] naming the problem: missing leading `/`, empty
    /// segment, unbalanced or nested braces, bad field path, more than one
    /// `**`, or a duplicate variable.
    pub fn parse(source: &str) -> Result<Self, TemplateError> {
        let fail = |reason: &str| TemplateError {
            template: source.to_owned(),
            reason: reason.to_owned(),
        };
        let rest = source
            .strip_prefix('/')
            .ok_or_else(|| fail("must start with '/'"))?;
        if rest.is_empty() {
            return Err(fail("must have at least one segment"));
        }
        // The verb is a ':' outside braces after the last '/' outside braces.
        let (body, verb) = split_verb(rest).map_err(|r| fail(&r))?;
        if let Some(verb) = &verb
            && (verb.is_empty() || !verb.chars().all(is_literal_char))
        {
            return Err(fail("verb must be a non-empty literal"));
        }
        let mut template = Self {
            source: source.to_owned(),
            segments: Vec::new(),
            variables: Vec::new(),
            verb,
        };
        for part in split_top_level(body).map_err(|r| fail(&r))? {
            if let Some(inner) = part.strip_prefix('{') {
                let inner = inner
                    .strip_suffix('}')
                    .ok_or_else(|| fail("unbalanced '{'"))?;
                let (path, pattern) = match inner.split_once('=') {
                    Some((path, pattern)) => (path, pattern),
                    None => (inner, "*"),
                };
                let field_path: Vec<String> = path.split('.').map(str::to_owned).collect();
                if field_path.iter().any(|p| !is_ident(p)) {
                    return Err(fail(&format!("bad field path {path:?}")));
                }
                if template
                    .variables
                    .iter()
                    .any(|v| v.field_path == field_path)
                {
                    return Err(fail(&format!("field {path:?} is bound twice")));
                }
                if pattern.is_empty() {
                    return Err(fail("empty variable pattern"));
                }
                let start = template.segments.len();
                for sub in pattern.split('/') {
                    if sub.contains(['{', '}']) {
                        return Err(fail("variables cannot be nested"));
                    }
                    template
                        .segments
                        .push(parse_plain_segment(sub).map_err(|r| fail(&r))?);
                }
                let end = template.segments.len();
                template.variables.push(Variable {
                    field_path,
                    start,
                    end,
                });
            } else {
                template
                    .segments
                    .push(parse_plain_segment(part).map_err(|r| fail(&r))?);
            }
        }
        if template
            .segments
            .iter()
            .filter(|s| **s == Segment::Multi)
            .count()
            > 1
        {
            return Err(fail("at most one '**' is allowed"));
        }
        Ok(template)
    }

    /// The template text as written in the proto.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The segments, variables expanded in place.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The variables, in order of appearance.
    pub fn variables(&self) -> &[Variable] {
        &self.variables
    }

    /// The custom verb, if any (`cancel` in `/v1/{name}:cancel`).
    pub fn verb(&self) -> Option<&str> {
        self.verb.as_deref()
    }

    /// Number of literal segments; more literals make a more specific route.
    pub fn literal_count(&self) -> usize {
        self.segments
            .iter()
            .filter(|s| matches!(s, Segment::Literal(_)))
            .count()
    }

    /// Matches a raw, percent-encoded request path (without query string).
    /// Returns the decoded value of each variable, or `None` when the path
    /// does not match or a captured value does not decode (see
    /// [`PathTemplate::match_path`]).
    pub fn matches(&self, raw_path: &str) -> Option<Captures> {
        self.match_path(raw_path).ok().flatten()
    }

    /// As the check [`Self::match_path`] starts with, on a path already
    /// split: `segments` are the request path's segments after its leading
    /// `/`, without the `:verb` suffix when this template has a verb. A
    /// `false` means the path cannot match; a `true` is confirmed by
    /// [`Self::match_path`]. For a router trying many templates against one
    /// path, which it splits once.
    #[must_use]
    pub fn fits_segments(&self, segments: &[&str]) -> bool {
        self.fits_iter(segments.len(), segments.iter().copied())
    }

    fn fits_iter<'a>(&self, count: usize, mut raw: impl Iterator<Item = &'a str>) -> bool {
        let mut at = 0;
        for (index, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Literal(literal) => match raw.next() {
                    Some(candidate) if decodes_to(candidate, literal) => at += 1,
                    _ => return false,
                },
                Segment::Single => match raw.next() {
                    Some(candidate) if !candidate.is_empty() => at += 1,
                    _ => return false,
                },
                Segment::Multi => {
                    let after = self.segments.len() - index - 1;
                    let Some(take) = count.checked_sub(at + after) else {
                        return false;
                    };
                    for _ in 0..take {
                        match raw.next() {
                            Some(candidate) if !candidate.is_empty() => {}
                            _ => return false,
                        }
                    }
                    at += take;
                }
            }
        }
        at == count
    }

    /// Matches a raw, percent-encoded request path (without query string):
    /// `Ok(Some(values))` with the decoded value of each variable,
    /// `Ok(None)` when the path does not have the template's shape, and
    /// [`PathError`] when it does but a captured value is not valid UTF-8
    /// once percent-decoded, or has a malformed escape (a client error,
    /// not an unknown path).
    ///
    /// # Errors
    /// [`PathError`] naming the variable.
    pub fn match_path(&self, raw_path: &str) -> Result<Option<Captures>, PathError> {
        let Some(rest) = raw_path.strip_prefix('/') else {
            return Ok(None);
        };
        let rest = match &self.verb {
            Some(verb) => match strip_verb(rest, verb) {
                Some(stripped) => stripped,
                None => return Ok(None),
            },
            None => rest,
        };
        let segments: Vec<&str> = rest.split('/').collect();
        self.match_segments(&segments)
    }

    /// [`Self::match_path`] on a path already split: `segments` are the
    /// request path's segments after its leading `/`, without the `:verb`
    /// suffix when this template has a verb (as [`Self::fits_segments`]
    /// takes them). For a router trying several templates against one
    /// path, which it splits once.
    ///
    /// # Errors
    /// [`PathError`] naming the variable whose value does not decode.
    pub fn match_segments(&self, segments: &[&str]) -> Result<Option<Captures>, PathError> {
        // The shape: the count, the literals and the non-empty segments,
        // checked with nothing allocated. Past it, each template segment
        // has its place among the request's.
        if !self.fits_segments(segments) {
            return Ok(None);
        }
        // Where a `**` is, how many request segments it takes (the rest of
        // the template takes one each).
        let multi = self
            .segments
            .iter()
            .position(|s| *s == Segment::Multi)
            .map(|at| (at, (segments.len() + 1).saturating_sub(self.segments.len())));
        // The request segments template segment `index` covers.
        let range = |index: usize| match multi {
            Some((at, take)) if index == at => (at, at + take),
            Some((at, take)) if index > at => (index + take - 1, index + take),
            _ => (index, index + 1),
        };
        let mut captures = Vec::with_capacity(self.variables.len());
        for (index, variable) in self.variables.iter().enumerate() {
            let first = range(variable.start).0;
            let last = range(variable.end.saturating_sub(1)).1;
            let value = match segments.get(first..last) {
                // A `**` is a multi-segment variable even when it takes one
                // segment: its `%2F` stays encoded (google/api/http.proto).
                Some([one])
                    if variable.end == variable.start + 1
                        && self.segments.get(variable.start) != Some(&Segment::Multi) =>
                {
                    percent_decode(one, true)
                }
                Some(several) => percent_decode(&several.join("/"), false),
                None => return Ok(None),
            };
            let Some(value) = value else {
                return Err(PathError {
                    variable: variable.field_path_string(),
                });
            };
            captures.push((index, value));
        }
        Ok(Some(captures))
    }
}

/// The request path `rest` (after its leading `/`) without the `:verb`
/// suffix of a template with `verb`: `None` when it does not end so, or
/// when the verb does not follow a segment (`/:verb`, `/a/:verb`).
pub(crate) fn strip_verb<'p>(rest: &'p str, verb: &str) -> Option<&'p str> {
    let stripped = rest.strip_suffix(verb)?.strip_suffix(':')?;
    (!stripped.is_empty() && !stripped.ends_with('/')).then_some(stripped)
}

/// A path with a template's shape whose captured value does not decode.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "path value of {variable} is not valid UTF-8 once percent-decoded (or has a malformed %-escape)"
)]
pub struct PathError {
    /// The variable's field path.
    pub variable: String,
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_literal_char(c: char) -> bool {
    !matches!(c, '/' | '{' | '}' | ':' | '*' | '=' | '?' | '#')
        && !c.is_whitespace()
        && !c.is_control()
}

fn parse_plain_segment(text: &str) -> Result<Segment, String> {
    match text {
        "" => Err("empty segment".into()),
        "*" => Ok(Segment::Single),
        "**" => Ok(Segment::Multi),
        literal if literal.chars().all(is_literal_char) => Ok(Segment::Literal(literal.to_owned())),
        other => Err(format!("bad literal segment {other:?}")),
    }
}

/// Splits `a/{b=c/d}/e` into `["a", "{b=c/d}", "e"]`.
fn split_top_level(body: &str) -> Result<Vec<&str>, String> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in body.char_indices() {
        match c {
            '{' => {
                depth += 1;
                if depth > 1 {
                    return Err("variables cannot be nested".into());
                }
            }
            '}' => depth = depth.checked_sub(1).ok_or("unbalanced '}'")?,
            '/' if depth == 0 => {
                parts.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err("unbalanced '{'".into());
    }
    parts.push(&body[start..]);
    Ok(parts)
}

/// Separates a trailing `:verb` that is outside braces and after the last `/`.
fn split_verb(rest: &str) -> Result<(&str, Option<String>), String> {
    let mut depth = 0usize;
    let mut verb_at = None;
    for (i, c) in rest.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.checked_sub(1).ok_or("unbalanced '}'")?,
            '/' if depth == 0 => verb_at = None,
            ':' if depth == 0 => verb_at = Some(i),
            _ => {}
        }
    }
    Ok(match verb_at {
        Some(i) => (&rest[..i], Some(rest[i + 1..].to_owned())),
        None => (rest, None),
    })
}

/// Whether the request segment `candidate`, percent-decoded, is `literal`
/// (allocating only when it holds an escape).
fn decodes_to(candidate: &str, literal: &str) -> bool {
    literal_key(candidate).as_deref() == Some(literal)
}

/// The request segment `candidate` as a literal compares with it: fully
/// percent-decoded (borrowed when it holds no escape), `None` when it does
/// not decode (it then equals no literal).
pub(crate) fn literal_key(candidate: &str) -> Option<Cow<'_, str>> {
    if candidate.contains('%') {
        percent_decode(candidate, true).map(Cow::Owned)
    } else {
        Some(Cow::Borrowed(candidate))
    }
}

/// Percent-decodes `text`. With `decode_slash` false, `%2F`/`%2f` are kept
/// encoded, as written (http.proto: a multi-segment variable keeps them).
/// `None` for a malformed escape (`%` not followed by two hex digits) or
/// invalid UTF-8 — stricter than the `percent-encoding` crate, which passes
/// a malformed escape through.
pub fn percent_decode(text: &str, decode_slash: bool) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_owned());
    }
    let well_formed = text.as_bytes().split(|&b| b == b'%').skip(1).all(|after| {
        after.len() >= 2 && after[0].is_ascii_hexdigit() && after[1].is_ascii_hexdigit()
    });
    if !well_formed {
        return None;
    }
    fn decode(piece: &str) -> Option<std::borrow::Cow<'_, str>> {
        percent_encoding::percent_decode_str(piece)
            .decode_utf8()
            .ok()
    }
    if decode_slash {
        return decode(text).map(std::borrow::Cow::into_owned);
    }
    // Decode the pieces between encoded slashes; a slash is one byte of
    // its own, so no UTF-8 sequence spans a cut.
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = encoded_slash(rest) {
        out.push_str(&decode(&rest[..at])?);
        out.push_str(&rest[at..at + 3]);
        rest = &rest[at + 3..];
    }
    out.push_str(&decode(rest)?);
    Some(out)
}

/// Where the first `%2F` or `%2f` of `text` starts.
fn encoded_slash(text: &str) -> Option<usize> {
    text.as_bytes()
        .windows(3)
        .position(|w| w[0] == b'%' && w[1] == b'2' && w[2].eq_ignore_ascii_case(&b'f'))
}

/// What [`percent_encode`] leaves as it is: RFC 3986's unreserved characters.
const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// [`UNRESERVED`] and `/`.
const UNRESERVED_AND_SLASH: &percent_encoding::AsciiSet = &UNRESERVED.remove(b'/');

/// Percent-encodes everything but RFC 3986's unreserved characters (and `/`
/// when `keep_slash`), with upper-case hex digits: a value encoded so is
/// bound back to itself by [`percent_decode`] — a single-segment variable
/// with `keep_slash` false, a multi-segment one with it true.
pub fn percent_encode(text: &str, keep_slash: bool) -> String {
    if keep_slash {
        percent_encoding::utf8_percent_encode(text, UNRESERVED_AND_SLASH).to_string()
    } else {
        percent_encoding::utf8_percent_encode(text, UNRESERVED).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn capture(template: &str, path: &str) -> Option<Vec<String>> {
        let t = PathTemplate::parse(template).unwrap();
        t.matches(path)
            .map(|c| c.into_iter().map(|(_, v)| v).collect())
    }

    #[test]
    fn simple_variables_and_literals() {
        assert_eq!(
            capture("/v1/tasks/{task_uuid}", "/v1/tasks/abc"),
            Some(vec!["abc".into()])
        );
        assert_eq!(capture("/v1/tasks/{task_uuid}", "/v1/tasks"), None);
        assert_eq!(
            capture("/v1/tasks/{task_uuid}", "/v1/tasks/abc/steps"),
            None
        );
        assert_eq!(capture("/v1/tasks/{task_uuid}", "/v1/tasks/"), None);
        assert_eq!(capture("/v1/tasks", "/v1/tasks"), Some(vec![]));
        assert_eq!(capture("/v1/tasks", "/v1/task"), None);
    }

    #[test]
    fn verbs() {
        let t = "/v1/tasks/{task_uuid}:cancel";
        assert_eq!(capture(t, "/v1/tasks/abc:cancel"), Some(vec!["abc".into()]));
        assert_eq!(capture(t, "/v1/tasks/abc"), None);
        assert_eq!(capture(t, "/v1/tasks/abc:watch"), None);
        assert_eq!(
            capture("/v1/templates:validate", "/v1/templates:validate"),
            Some(vec![])
        );
        // Without a verb in the template, a colon is part of the value.
        assert_eq!(
            capture("/v1/tasks/{id}", "/v1/tasks/a:b"),
            Some(vec!["a:b".into()])
        );
        let parsed = PathTemplate::parse("/v1/{name=projects/*/tasks/*}:cancel").unwrap();
        assert_eq!(parsed.verb(), Some("cancel"));
    }

    #[test]
    fn multi_segment_variables() {
        let t = "/v1/{name=projects/*/tasks/*}";
        assert_eq!(
            capture(t, "/v1/projects/p1/tasks/t1"),
            Some(vec!["projects/p1/tasks/t1".into()])
        );
        assert_eq!(capture(t, "/v1/projects/p1/tasks"), None);
        assert_eq!(capture(t, "/v1/projects/p1/jobs/t1"), None);
        assert_eq!(
            capture("/files/{path=**}", "/files/a/b/c"),
            Some(vec!["a/b/c".into()])
        );
        assert_eq!(capture("/files/{path=**}", "/files"), Some(vec!["".into()]));
        assert_eq!(
            capture("/v1/{name=**}/meta", "/v1/a/b/meta"),
            Some(vec!["a/b".into()])
        );
        assert_eq!(capture("/v1/*/x", "/v1/anything/x"), Some(vec![]));
    }

    #[test]
    fn percent_decoding_follows_http_proto() {
        // Single segment: fully decoded, %2F included.
        assert_eq!(
            capture("/v1/tasks/{id}", "/v1/tasks/Foo%2FBar"),
            Some(vec!["Foo/Bar".into()])
        );
        assert_eq!(
            capture("/v1/tasks/{id}", "/v1/tasks/a%20b%3Ac"),
            Some(vec!["a b:c".into()])
        );
        // Multi segment: %2F stays encoded, the rest is decoded.
        assert_eq!(
            capture("/files/{path=**}", "/files/a%2Fb/c%20d"),
            Some(vec!["a%2Fb/c d".into()])
        );
        // ... also when the `**` takes a single segment.
        assert_eq!(
            capture("/files/{path=**}", "/files/a%2Fb"),
            Some(vec!["a%2Fb".into()])
        );
        assert_eq!(
            capture("/files/{path=**}:get", "/files/a%2Fb%20c:get"),
            Some(vec!["a%2Fb c".into()])
        );
        // Literals compare decoded.
        assert_eq!(capture("/v1/tasks", "/v1/ta%73ks"), Some(vec![]));
        // Malformed escapes and invalid UTF-8 do not match: they are errors
        // of a path that has the template's shape.
        assert_eq!(capture("/v1/tasks/{id}", "/v1/tasks/%zz"), None);
        assert_eq!(capture("/v1/tasks/{id}", "/v1/tasks/%ff"), None);
        let template = PathTemplate::parse("/v1/tasks/{id}").unwrap();
        assert!(template.match_path("/v1/tasks/%ff").is_err());
        assert!(template.match_path("/v1/tasks/%C3%28").is_err());
        assert_eq!(template.match_path("/v1/things/%ff"), Ok(None));
        // A literal that does not decode is simply another path.
        assert_eq!(capture("/v1/tasks", "/v1/ta%ffks"), None);
    }

    #[test]
    fn nested_field_paths() {
        let t = PathTemplate::parse("/v1/dlq/entries/{entry.dlq_entry_uuid}").unwrap();
        assert_eq!(
            t.variables()[0].field_path,
            vec!["entry".to_owned(), "dlq_entry_uuid".to_owned()]
        );
    }

    #[test]
    fn bad_templates_are_rejected_with_a_reason() {
        for (bad, reason) in [
            ("v1/tasks", "must start with '/'"),
            ("/", "at least one segment"),
            ("/v1//tasks", "empty segment"),
            ("/v1/{id", "unbalanced"),
            ("/v1/id}", "unbalanced"),
            ("/v1/{a={b}}", "nested"),
            ("/v1/{1a}", "bad field path"),
            ("/v1/{a}/{a}", "bound twice"),
            ("/v1/{a=**}/{b=**}", "at most one"),
            ("/v1/tasks:", "verb"),
        ] {
            let err = PathTemplate::parse(bad).unwrap_err();
            assert!(err.reason.contains(reason), "{bad}: {err}");
        }
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn parsing_any_text_never_panics(text in ".{0,64}") {
            let _ = PathTemplate::parse(&text);
        }

        #[test]
        fn parsing_template_like_text_never_panics(text in "/[a-z{}=*/:.%0-9]{0,40}") {
            if let Ok(template) = PathTemplate::parse(&text) {
                let _ = template.matches(&text);
            }
        }

        /// The split-once check never refuses a path the full match accepts.
        #[test]
        fn a_matching_path_always_fits_its_segments(path in "/[a-z0-9%/:._-]{0,40}") {
            for template in [
                "/v1/{name=shelves/*/books/*}:get",
                "/files/{path=**}",
                "/v1/{a.b}/x/{c=**}/y",
                "/{x}",
                "/v1/tasks/{task_uuid}:cancel",
                "/v1/tasks/{task_uuid}",
                "/v1/t%61sks",
            ] {
                let template = PathTemplate::parse(template).unwrap();
                if let Ok(Some(_)) = template.match_path(&path) {
                    let rest = &path[1..];
                    let rest = match template.verb() {
                        Some(verb) => rest.strip_suffix(verb).and_then(|r| r.strip_suffix(':')).unwrap(),
                        None => rest,
                    };
                    let segments: Vec<&str> = rest.split('/').collect();
                    prop_assert!(template.fits_segments(&segments), "{path} {template:?}");
                }
            }
        }

        #[test]
        fn matching_any_path_never_panics(path in "/[a-zA-Z0-9%/:._~-]{0,60}") {
            for template in ["/v1/{name=shelves/*/books/*}:get", "/files/{path=**}", "/v1/{a.b}/x/{c=**}/y", "/{x}"] {
                let template = PathTemplate::parse(template).unwrap();
                let _ = template.matches(&path);
            }
        }

        #[test]
        fn single_segment_values_round_trip_through_encoding(value in "[^/]{1,20}") {
            let template = PathTemplate::parse("/v1/things/{id}").unwrap();
            let encoded: String = value.bytes().map(|b| format!("%{b:02X}")).collect();
            let captures = template.matches(&format!("/v1/things/{encoded}")).unwrap();
            prop_assert_eq!(&captures[0].1, &value);
        }

        #[test]
        fn percent_decode_never_panics(text in ".{0,40}") {
            let _ = percent_decode(&text, true);
            let _ = percent_decode(&text, false);
        }

        #[test]
        fn percent_decode_agrees_with_the_byte_by_byte_rule(
            text in "([a-zA-Z/é]|%[0-9a-fA-FgG%]{0,2}|%2[fF]|%C3|%A9){0,12}"
        ) {
            for decode_slash in [true, false] {
                prop_assert_eq!(
                    percent_decode(&text, decode_slash),
                    byte_by_byte(&text, decode_slash),
                    "{:?} decode_slash={}", text, decode_slash
                );
            }
        }

        #[test]
        fn encoded_values_decode_to_themselves(value in ".{0,20}") {
            prop_assert_eq!(percent_decode(&percent_encode(&value, false), true), Some(value.clone()));
            let multi = percent_encode(&value, true);
            prop_assert_eq!(
                percent_decode(&multi, false),
                Some(value.clone()),
                "a multi-segment value keeps its slashes as they are"
            );
        }
    }

    /// The decoding rule spelt out byte by byte: `%` and two hex digits is
    /// the byte (kept encoded when it is `/` and `!decode_slash`), a `%`
    /// without them is refused, and the result must be UTF-8.
    fn byte_by_byte(text: &str, decode_slash: bool) -> Option<String> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let digits = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                let byte = u8::from_str_radix(digits, 16).ok()?;
                if byte == b'/' && !decode_slash {
                    out.extend_from_slice(&bytes[i..i + 3]);
                } else {
                    out.push(byte);
                }
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).ok()
    }

    #[test]
    fn percent_encoding_keeps_unreserved_characters() {
        assert_eq!(percent_encode("a/b c~", false), "a%2Fb%20c~");
        assert_eq!(percent_encode("a/b c~", true), "a/b%20c~");
        assert_eq!(percent_encode("é-._", false), "%C3%A9-._");
    }
}
