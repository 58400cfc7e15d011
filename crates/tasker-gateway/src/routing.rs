//! Which REST route answers a request: the routes whose template matches
//! its path, the one of its method among them, or why there is none (405
//! with the methods of the path, 400 for a path value that does not
//! decode, 404).
//!
//! The routes worth matching come from a [`TemplateIndex`] built with the
//! table, which also splits the path once; each is matched on those
//! segments ([`PathTemplate::match_segments`]) and offered to a
//! [`Selection`] in table order, so the answer is the one of trying every
//! route in order (the test oracle below does just that).

use http::Method;

use crate::index::TemplateIndex;
use crate::template::{Captures, PathError, PathTemplate};

/// What routing needs of a route: its HTTP method and path template.
pub(crate) trait Routable {
    /// The HTTP method the route is bound to.
    fn http_method(&self) -> &Method;
    /// The route's path template.
    fn template(&self) -> &PathTemplate;
}

/// The outcome of routing a request.
pub(crate) enum Matched<'a, R> {
    /// The route, with the decoded value of each of its variables.
    Route(&'a R, Captures),
    /// The path is known but not with this method: the methods it has, in
    /// the order their routes come in the table, `HEAD` after them when
    /// `GET` is one and `HEAD` is not.
    MethodNotAllowed(Vec<Method>),
    /// A route's shape matches but a path value does not decode (the
    /// first such route in the table names it).
    BadPath(PathError),
    /// No route has this path.
    NotFound,
}

/// The route of `routes` (indexed by `index`) for `method` on `path`. HEAD
/// is answered by a GET route when no route declares HEAD itself; among
/// several routes of the method, the most specific wins
/// ([`specificity`]), the first in the table on a tie.
pub(crate) fn find<'a, R: Routable>(
    routes: &'a [R],
    index: &TemplateIndex,
    method: &Method,
    path: &str,
) -> Matched<'a, R> {
    let candidates = index.candidates(path);
    let mut selection = Selection::new(method);
    for route in candidates.templates().iter().filter_map(|&i| routes.get(i)) {
        selection.offer(
            route,
            route.template().match_segments(candidates.segments()),
        );
    }
    selection.finish()
}

/// Whether some route's template matches `path` (any method): exactly when
/// [`find`] answers with a route for the method of one of the routes.
pub(crate) fn knows_path<R: Routable>(routes: &[R], index: &TemplateIndex, path: &str) -> bool {
    let candidates = index.candidates(path);
    candidates
        .templates()
        .iter()
        .filter_map(|&i| routes.get(i))
        .any(|route| {
            matches!(
                route.template().match_segments(candidates.segments()),
                Ok(Some(_))
            )
        })
}

/// The routes matching a path, offered in table order, and what they
/// decide.
struct Selection<'a, 'm, R> {
    method: &'m Method,
    /// The best route so far, its captures, and whether its method is the
    /// request's own (a GET route answering HEAD is not).
    best: Option<(&'a R, Captures, bool)>,
    /// The methods of the matching routes, in table order.
    allowed: Vec<Method>,
    /// The first path value that did not decode.
    undecodable: Option<PathError>,
}

impl<'a, 'm, R: Routable> Selection<'a, 'm, R> {
    fn new(method: &'m Method) -> Self {
        Self {
            method,
            best: None,
            allowed: Vec::new(),
            undecodable: None,
        }
    }

    /// Takes in `route` and how its template matched the path.
    fn offer(&mut self, route: &'a R, matched: Result<Option<Captures>, PathError>) {
        let captures = match matched {
            Ok(Some(captures)) => captures,
            Ok(None) => return,
            Err(error) => {
                self.undecodable.get_or_insert(error);
                return;
            }
        };
        let route_method = route.http_method();
        if !self.allowed.contains(route_method) {
            self.allowed.push(route_method.clone());
        }
        let exact = route_method == self.method;
        let head_by_get = *self.method == Method::HEAD && *route_method == Method::GET;
        if !(exact || head_by_get) {
            return;
        }
        let better = match &self.best {
            None => true,
            Some((current, _, current_exact)) => {
                (exact, specificity(route.template()))
                    > (*current_exact, specificity(current.template()))
            }
        };
        if better {
            self.best = Some((route, captures, exact));
        }
    }

    fn finish(mut self) -> Matched<'a, R> {
        if self.allowed.contains(&Method::GET) && !self.allowed.contains(&Method::HEAD) {
            self.allowed.push(Method::HEAD);
        }
        match (self.best, self.undecodable) {
            (Some((route, captures, _)), _) => Matched::Route(route, captures),
            (None, Some(error)) => Matched::BadPath(error),
            (None, None) if !self.allowed.is_empty() => Matched::MethodNotAllowed(self.allowed),
            (None, None) => Matched::NotFound,
        }
    }
}

/// How specific a template is, greater first: one with a verb, then more
/// literal segments, then fewer segments.
fn specificity(template: &PathTemplate) -> (bool, usize, usize) {
    (
        template.verb().is_some(),
        template.literal_count(),
        usize::MAX - template.segments().len(),
    )
}

#[cfg(test)]
mod tests {
    //! The index against the oracle it replaces: every route tried in
    //! table order on the raw path.

    use std::collections::HashSet;

    use proptest::prelude::*;

    use super::*;
    use crate::template::Segment;

    impl Routable for (Method, PathTemplate) {
        fn http_method(&self) -> &Method {
            &self.0
        }
        fn template(&self) -> &PathTemplate {
            &self.1
        }
    }

    /// The verb a path asks for, as routing had it before the index: the
    /// text after the last `:` of its last segment, when a route has it.
    fn request_verb_linear<'p, R: Routable>(routes: &[R], path: &'p str) -> Option<&'p str> {
        let verbs: HashSet<&str> = routes.iter().filter_map(|r| r.template().verb()).collect();
        let last = path.rsplit('/').next()?;
        let (_, verb) = last.rsplit_once(':')?;
        verbs.contains(verb).then_some(verb)
    }

    /// Routing as it was before the index: every route whose verb is the
    /// request's (any route when it asks for none) matched on the raw
    /// path, in table order.
    fn find_linear<'a, R: Routable>(
        routes: &'a [R],
        method: &Method,
        path: &str,
    ) -> Matched<'a, R> {
        let verb = request_verb_linear(routes, path);
        let mut selection = Selection::new(method);
        for route in routes {
            if verb.is_some() && route.template().verb() != verb {
                continue;
            }
            selection.offer(route, route.template().match_path(path));
        }
        selection.finish()
    }

    fn knows_path_linear<R: Routable>(routes: &[R], path: &str) -> bool {
        let verb = request_verb_linear(routes, path);
        routes.iter().any(|r| {
            (verb.is_none() || r.template().verb() == verb) && r.template().matches(path).is_some()
        })
    }

    /// A matched route as its position in the table, for comparison.
    #[derive(Debug, PartialEq, Eq)]
    enum Outcome {
        Route(usize, Captures),
        MethodNotAllowed(Vec<Method>),
        BadPath(PathError),
        NotFound,
    }

    fn outcome<R>(routes: &[R], matched: Matched<'_, R>) -> Outcome {
        match matched {
            Matched::Route(route, captures) => Outcome::Route(
                routes.iter().position(|r| std::ptr::eq(r, route)).unwrap(),
                captures,
            ),
            Matched::MethodNotAllowed(allowed) => Outcome::MethodNotAllowed(allowed),
            Matched::BadPath(error) => Outcome::BadPath(error),
            Matched::NotFound => Outcome::NotFound,
        }
    }

    fn table(specs: &[(&str, &str)]) -> Vec<(Method, PathTemplate)> {
        specs
            .iter()
            .map(|(method, template)| {
                (
                    Method::from_bytes(method.as_bytes()).unwrap(),
                    PathTemplate::parse(template).unwrap(),
                )
            })
            .collect()
    }

    /// Both ways of routing agree on `path` for every method, and
    /// `knows_path` agrees with both.
    fn assert_agree(routes: &[(Method, PathTemplate)], index: &TemplateIndex, path: &str) {
        for method in [
            Method::GET,
            Method::HEAD,
            Method::POST,
            Method::DELETE,
            Method::PATCH,
        ] {
            let indexed = outcome(routes, find(routes, index, &method, path));
            let linear = outcome(routes, find_linear(routes, &method, path));
            assert_eq!(indexed, linear, "{method} {path}");
        }
        // A path is known when a route matches it: that route's method
        // finds one.
        let known = knows_path(routes, index, path);
        assert_eq!(known, knows_path_linear(routes, path), "{path}");
        let found = routes
            .iter()
            .any(|(method, _)| matches!(find(routes, index, method, path), Matched::Route(..)));
        assert_eq!(known, found, "{path}");
    }

    #[test]
    fn the_rules_hold_through_the_index() {
        let routes = table(&[
            ("GET", "/v1/tasks/{id}"),
            ("POST", "/v1/tasks/{id}:cancel"),
            ("GET", "/v1/tasks/{id}:watch"),
            ("DELETE", "/v1/tasks/{id}"),
            ("GET", "/v1/{name=tasks/*}"),
            ("GET", "/v1/tasks/special"),
            ("HEAD", "/v1/tasks/special"),
            ("GET", "/files/{path=**}"),
            ("PUT", "/files/{path=**}/meta"),
        ]);
        let index = TemplateIndex::new(routes.iter().map(|r| &r.1));
        let get = |path| outcome(&routes, find(&routes, &index, &Method::GET, path));
        assert_eq!(get("/v1/tasks/a"), Outcome::Route(0, vec![(0, "a".into())]));
        // The more literal template wins.
        assert_eq!(get("/v1/tasks/special"), Outcome::Route(5, vec![]));
        assert_eq!(
            get("/v1/tasks/a:watch"),
            Outcome::Route(2, vec![(0, "a".into())])
        );
        assert_eq!(
            get("/v1/tasks/a:b"),
            Outcome::Route(0, vec![(0, "a:b".into())])
        );
        assert_eq!(
            get("/v1/tasks/a:cancel"),
            Outcome::MethodNotAllowed(vec![Method::POST])
        );
        assert_eq!(
            get("/files/a%2Fb/c"),
            Outcome::Route(7, vec![(0, "a%2Fb/c".into())])
        );
        assert_eq!(
            get("/v1/tasks/%ff"),
            Outcome::BadPath(PathError {
                variable: "id".into()
            })
        );
        assert_eq!(get("/v2/tasks/a"), Outcome::NotFound);
        assert_eq!(
            outcome(
                &routes,
                find(&routes, &index, &Method::PATCH, "/v1/tasks/a")
            ),
            Outcome::MethodNotAllowed(vec![Method::GET, Method::DELETE, Method::HEAD])
        );
        assert_eq!(
            outcome(
                &routes,
                find(&routes, &index, &Method::HEAD, "/v1/tasks/special")
            ),
            Outcome::Route(6, vec![])
        );
        for path in [
            "/v1/tasks/a",
            "/v1/tasks/special",
            "/v1/tasks/a:watch",
            "/v1/tasks/a:cancel",
            "/v1/tasks/%ff",
            "/files",
            "/files/a/b/meta",
            "/files//meta",
            "/v1/tasks/",
            "/",
            "",
            "v1/tasks/a",
        ] {
            assert_agree(&routes, &index, path);
        }
    }

    /// A segment of a generated template: literals from a small alphabet
    /// (so that paths often hit them), `*`, `**` and variables.
    fn template_segment() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "(a|b|v1|tasks|ta%73ks)".prop_map(String::from),
            2 => Just("*".to_owned()),
            1 => Just("**".to_owned()),
            2 => Just("{v}".to_owned()),
            1 => "(a|\\*)(/(b|\\*))?".prop_map(|p| format!("{{v={p}}}")),
            1 => Just("{v=**}".to_owned()),
        ]
    }

    /// A template: segments, the variables numbered so that none is bound
    /// twice, maybe a verb. Texts that do not parse (two `**`) are left
    /// out by the caller.
    fn template() -> impl Strategy<Value = String> {
        (
            prop::collection::vec(template_segment(), 1..5),
            prop::option::of("(cancel|watch|a)"),
        )
            .prop_map(|(segments, verb)| {
                let mut text = String::new();
                for (n, segment) in segments.iter().enumerate() {
                    text.push('/');
                    text.push_str(&segment.replace("{v", &format!("{{v{n}")));
                }
                if let Some(verb) = verb {
                    text.push(':');
                    text.push_str(&verb);
                }
                text
            })
    }

    fn method() -> impl Strategy<Value = Method> {
        prop_oneof![
            Just(Method::GET),
            Just(Method::HEAD),
            Just(Method::POST),
            Just(Method::DELETE),
        ]
    }

    /// A request path: segments from the templates' alphabet, escapes
    /// (good, `%2F`, undecodable, malformed), empty segments, colons, verbs,
    /// trailing slashes.
    fn path() -> impl Strategy<Value = String> {
        let segment = "(a|b|v1|tasks|ta%73ks|ta%2573ks|x|a%2Fb|a%2fb|%ff|%zz|%C3%A9|a:b|:|)";
        (
            prop::collection::vec(segment, 0..6),
            prop::option::of("(cancel|watch|a|other)"),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(segments, verb, slash, trailing)| {
                let mut text = if slash { "/".to_owned() } else { String::new() };
                text.push_str(&segments.join("/"));
                if trailing {
                    text.push('/');
                }
                if let Some(verb) = verb {
                    text.push(':');
                    text.push_str(&verb);
                }
                text
            })
    }

    /// A path `template` matches: its literals, `w` for `*`, `y/z` for
    /// `**`, its verb.
    fn spell(template: &PathTemplate) -> String {
        let mut path = String::new();
        for segment in template.segments() {
            path.push('/');
            path.push_str(match segment {
                Segment::Literal(literal) => literal,
                Segment::Single => "w",
                Segment::Multi => "y/z",
            });
        }
        if let Some(verb) = template.verb() {
            path.push(':');
            path.push_str(verb);
        }
        path
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The index answers as trying every route in order did: the same
        /// route and captures, the same 405 methods in the same order, the
        /// same undecodable variable, and `knows_path` with them
        /// ([`assert_agree`]).
        #[test]
        fn the_index_routes_as_the_linear_scan(
            specs in prop::collection::vec((method(), template()), 1..12),
            paths in prop::collection::vec(path(), 1..12),
        ) {
            let routes: Vec<(Method, PathTemplate)> = specs
                .into_iter()
                .filter_map(|(m, t)| PathTemplate::parse(&t).ok().map(|t| (m, t)))
                .collect();
            let index = TemplateIndex::new(routes.iter().map(|r| &r.1));
            // Paths the templates themselves spell, besides the random ones.
            let spelt = routes.iter().map(|(_, template)| spell(template));
            for path in paths.into_iter().chain(spelt) {
                assert_agree(&routes, &index, &path);
            }
        }
    }
}
