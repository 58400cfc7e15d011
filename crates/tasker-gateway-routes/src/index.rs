//! Finding the templates a request path can match without trying every
//! template: [`TemplateIndex`], built once from a route table, gives for a
//! path the few templates worth matching and the path split once.
//!
//! The templates are kept in one segment trie per verb (and one for the
//! templates without a verb): a literal segment is an edge labelled with
//! it, `*` the one wildcard edge of a node, and a template without `**`
//! ends at the node its last segment leads to. A template with `**` is
//! kept at the node its segments before the `**` lead to; the rest of it is
//! checked by [`PathTemplate::match_segments`].
//!
//! A lookup follows the request's verb to its trie (a path ending in a
//! route's `:verb` is matched only against the templates with that verb,
//! as the verb is part of a template; any other colon is part of a value),
//! then walks the trie with the path's segments, a segment taking the edge
//! of its percent-decoded text and, when not empty, the wildcard edge. The
//! candidates are the templates ending where the walk ends and the `**`
//! templates of every node it passes. So every template whose
//! [`PathTemplate::fits_segments`] accepts the path is a candidate — each
//! step is that check, segment by segment — and, without `**`, only those
//! are. The work depends on the path and on how many templates share its
//! shape, not on the size of the table.

use std::borrow::Cow;

use crate::template::{PathTemplate, Segment, literal_key, strip_verb};

/// The templates of a route table arranged for lookup by request path.
/// Templates are named by their position in the table they were built
/// from.
#[derive(Debug, Clone, Default)]
pub struct TemplateIndex {
    /// The templates without a verb.
    plain: Node,
    /// Per verb, sorted by verb, the templates with it.
    verbs: Vec<(Box<str>, Node)>,
}

/// One node of a segment trie: the templates reached by the segments on
/// its way from the root.
#[derive(Debug, Clone, Default)]
struct Node {
    /// Literal edges, sorted by literal.
    literals: Vec<(Box<str>, Node)>,
    /// The `*` edge (a variable of one segment, too).
    single: Option<Box<Node>>,
    /// Templates whose last segment leads here.
    ends: Vec<usize>,
    /// Templates with `**` right after the segments leading here.
    multi: Vec<usize>,
}

/// The templates a request path can match, and its segments.
#[derive(Debug, Clone, Default)]
pub struct Candidates<'p> {
    segments: Vec<&'p str>,
    templates: Vec<usize>,
}

impl<'p> Candidates<'p> {
    /// The request path's segments after its leading `/`, without its
    /// `:verb` suffix when it asks for a verb: what
    /// [`PathTemplate::match_segments`] takes for each candidate.
    pub fn segments(&self) -> &[&'p str] {
        &self.segments
    }

    /// Positions in the table of the templates that can match, in table
    /// order. Every template that matches the path is among them.
    pub fn templates(&self) -> &[usize] {
        &self.templates
    }
}

impl TemplateIndex {
    /// Indexes `templates`, named by their position in the iteration.
    pub fn new<'t>(templates: impl IntoIterator<Item = &'t PathTemplate>) -> Self {
        let mut index = Self::default();
        for (position, template) in templates.into_iter().enumerate() {
            let mut node = match template.verb() {
                None => &mut index.plain,
                Some(verb) => {
                    let at = match index.verbs.binary_search_by(|(v, _)| (**v).cmp(verb)) {
                        Ok(at) => at,
                        Err(at) => {
                            index.verbs.insert(at, (verb.into(), Node::default()));
                            at
                        }
                    };
                    &mut index.verbs[at].1
                }
            };
            let mut multi = false;
            for segment in template.segments() {
                node = match segment {
                    Segment::Literal(literal) => node.literal_mut(literal),
                    Segment::Single => node.single.get_or_insert_with(Box::default),
                    Segment::Multi => {
                        multi = true;
                        break;
                    }
                };
            }
            if multi {
                node.multi.push(position);
            } else {
                node.ends.push(position);
            }
        }
        index
    }

    /// The verb `path` asks for: the text after the last `:` of its last
    /// segment (as sent, before percent-decoding), when some template has
    /// that verb.
    pub fn request_verb<'p>(&self, path: &'p str) -> Option<&'p str> {
        self.verb_trie(path).map(|(verb, _)| verb)
    }

    /// The request verb of `path` and the trie of its templates.
    fn verb_trie<'p>(&self, path: &'p str) -> Option<(&'p str, &Node)> {
        let last = path.rsplit('/').next()?;
        let (_, verb) = last.rsplit_once(':')?;
        let at = self.verbs.binary_search_by(|(v, _)| (**v).cmp(verb)).ok()?;
        self.verbs.get(at).map(|(_, node)| (verb, node))
    }

    /// The templates `path` (raw, percent-encoded, without query string)
    /// can match, and its segments.
    pub fn candidates<'p>(&self, path: &'p str) -> Candidates<'p> {
        let (rest, trie) = match self.verb_trie(path) {
            Some((verb, trie)) => (
                path.strip_prefix('/')
                    .and_then(|rest| strip_verb(rest, verb)),
                trie,
            ),
            None => (path.strip_prefix('/'), &self.plain),
        };
        let Some(rest) = rest else {
            return Candidates::default();
        };
        let segments: Vec<&str> = rest.split('/').collect();
        let mut templates = Vec::new();
        trie.walk(&segments, &mut templates);
        templates.sort_unstable();
        Candidates {
            segments,
            templates,
        }
    }
}

impl Node {
    /// The node behind the edge `literal`, added when missing.
    fn literal_mut(&mut self, literal: &str) -> &mut Node {
        let at = match self.literals.binary_search_by(|(l, _)| (**l).cmp(literal)) {
            Ok(at) => at,
            Err(at) => {
                self.literals.insert(at, (literal.into(), Node::default()));
                at
            }
        };
        &mut self.literals[at].1
    }

    /// The node behind the edge of the request segment `candidate`, as a
    /// literal compares with it (decoded).
    fn literal(&self, candidate: &str) -> Option<&Node> {
        let key: Cow<'_, str> = literal_key(candidate)?;
        let at = self
            .literals
            .binary_search_by(|(l, _)| (**l).cmp(&*key))
            .ok()?;
        self.literals.get(at).map(|(_, node)| node)
    }

    /// Adds to `found` the templates of this node and the nodes below it
    /// that `rest`, the request segments not yet walked, leads to. Each
    /// node is reached by one sequence of edges, so no template is added
    /// twice.
    fn walk(&self, rest: &[&str], found: &mut Vec<usize>) {
        found.extend_from_slice(&self.multi);
        let Some((segment, after)) = rest.split_first() else {
            found.extend_from_slice(&self.ends);
            return;
        };
        if let Some(next) = self.literal(segment) {
            next.walk(after, found);
        }
        if !segment.is_empty()
            && let Some(next) = &self.single
        {
            next.walk(after, found);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(templates: &[&str]) -> (Vec<PathTemplate>, TemplateIndex) {
        let parsed: Vec<PathTemplate> = templates
            .iter()
            .map(|t| PathTemplate::parse(t).unwrap())
            .collect();
        let index = TemplateIndex::new(&parsed);
        (parsed, index)
    }

    #[test]
    fn a_path_finds_the_templates_of_its_shape() {
        let (_, index) = index(&[
            "/v1/tasks",
            "/v1/tasks/{task_uuid}",
            "/v1/tasks/{task_uuid}/context",
            "/v1/tasks/{task_uuid}:cancel",
            "/v1/{name=tasks/*}",
            "/files/{path=**}",
            "/v1/taskCounts",
        ]);
        assert_eq!(index.candidates("/v1/tasks").templates(), [0]);
        assert_eq!(index.candidates("/v1/tasks/abc").templates(), [1, 4]);
        assert_eq!(index.candidates("/v1/ta%73ks/abc").templates(), [1, 4]);
        assert_eq!(index.candidates("/v1/tasks/abc/context").templates(), [2]);
        assert_eq!(index.candidates("/v1/tasks/abc:cancel").templates(), [3]);
        assert_eq!(
            index.candidates("/v1/tasks/abc:cancel").segments(),
            ["v1", "tasks", "abc"]
        );
        // Without a route verb, a colon is part of the value.
        assert_eq!(index.candidates("/v1/tasks/a:b").templates(), [1, 4]);
        assert_eq!(index.candidates("/files").templates(), [5]);
        assert_eq!(index.candidates("/files/a/b").templates(), [5]);
        assert_eq!(index.candidates("/v1/tasks/").templates(), [] as [usize; 0]);
        assert_eq!(index.candidates("v1/tasks").templates(), [] as [usize; 0]);
        assert_eq!(index.candidates("/:cancel").templates(), [] as [usize; 0]);
        assert_eq!(index.request_verb("/v1/tasks/abc:cancel"), Some("cancel"));
        assert_eq!(index.request_verb("/v1/tasks/abc:watch"), None);
    }
}
