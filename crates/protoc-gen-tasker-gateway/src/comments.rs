//! Source comments of proto elements, read from each file's
//! `SourceCodeInfo` (which buf and protoc put in every plugin request).
//!
//! An element is found by its file and its descriptor path (for example
//! `[4, 0, 2, 1]`: message 0, field 1), which prost-reflect gives as
//! `path()` on every descriptor.

use std::collections::HashMap;

use prost_reflect::DescriptorPool;

/// The leading (or, failing that, trailing) comment of every element of
/// every file of a pool, normalised: the one space after `//` removed, blank
/// lines at either end dropped, paragraphs kept.
#[derive(Debug, Clone, Default)]
pub struct Comments {
    by_file: HashMap<String, HashMap<Vec<i32>, String>>,
}

impl Comments {
    /// Reads the comments of every file in `pool`.
    pub fn new(pool: &DescriptorPool) -> Self {
        let mut by_file = HashMap::new();
        for file in pool.files() {
            let mut comments = HashMap::new();
            if let Some(info) = &file.file_descriptor_proto().source_code_info {
                for location in &info.location {
                    let text = location
                        .leading_comments
                        .as_deref()
                        .map(normalise)
                        .filter(|t| !t.is_empty())
                        .or_else(|| {
                            location
                                .trailing_comments
                                .as_deref()
                                .map(normalise)
                                .filter(|t| !t.is_empty())
                        });
                    if let Some(text) = text {
                        comments.entry(location.path.clone()).or_insert(text);
                    }
                }
            }
            by_file.insert(file.name().to_owned(), comments);
        }
        Self { by_file }
    }

    /// The comment of the element at `path` in `file`, if it has one.
    pub fn get(&self, file: &str, path: &[i32]) -> Option<&str> {
        self.by_file.get(file)?.get(path).map(String::as_str)
    }
}

/// Strips one leading space per line and blank lines at both ends.
fn normalise(raw: &str) -> String {
    let lines: Vec<&str> = raw
        .lines()
        .map(|line| line.strip_prefix(' ').unwrap_or(line).trim_end())
        .collect();
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(start, |i| i + 1);
    lines[start..end].join("\n")
}

/// The first paragraph of `text`, its lines joined with spaces.
pub fn first_paragraph(text: &str) -> String {
    text.split("\n\n")
        .next()
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising() {
        assert_eq!(normalise(" Foo\n bar.\n\n Baz\n"), "Foo\nbar.\n\nBaz");
        assert_eq!(normalise("\n\n  indented\n"), " indented");
        assert_eq!(normalise("   \n"), "");
        assert_eq!(first_paragraph("Foo\nbar.\n\nBaz"), "Foo bar.");
    }
}
