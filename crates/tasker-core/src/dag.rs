//! The dependency graph of a task's steps.
//!
//! A [`Dag`] is built from `(step name, dependency names)` pairs, either from a
//! [`Template`](crate::Template) or from stored step rows, and is guaranteed
//! acyclic with every dependency known. It answers the questions the
//! orchestrator asks: in which order may steps run, and which are ready now.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet, VecDeque};

use crate::{CoreError, StepState, Violation};

/// An acyclic graph of named steps and their dependencies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dag {
    names: Vec<String>,
    index: HashMap<String, usize>,
    /// `dependencies[i]`: indexes of the steps step `i` depends on.
    dependencies: Vec<Vec<usize>>,
    /// Step indexes, dependencies first, ties in declaration order.
    order: Vec<usize>,
}

impl Dag {
    /// Builds the graph of `steps`, each a name with the names it depends on.
    ///
    /// # Errors
    ///
    /// [`CoreError::InvalidTemplate`] listing every empty or duplicate step
    /// name, unknown, repeated or self dependency and every cycle, with fields
    /// named like a template's (`steps[2].depends_on[0]`).
    pub fn new<I, N, D, DN>(steps: I) -> Result<Self, CoreError>
    where
        I: IntoIterator<Item = (N, D)>,
        N: Into<String>,
        D: IntoIterator<Item = DN>,
        DN: Into<String>,
    {
        let (names, dependency_names): (Vec<String>, Vec<Vec<String>>) = steps
            .into_iter()
            .map(|(name, deps)| (name.into(), deps.into_iter().map(Into::into).collect()))
            .unzip();
        let mut graph = Graph::build(&names, &dependency_names);
        let mut violations: Vec<Violation> = names
            .iter()
            .enumerate()
            .filter(|(_, name)| name.is_empty())
            .map(|(i, _)| Violation::new(format!("steps[{i}].name"), "must not be empty"))
            .collect();
        violations.append(&mut graph.violations);
        if !violations.is_empty() {
            return Err(CoreError::InvalidTemplate { violations });
        }
        let order = topological_order(&graph.edges);
        let index = names
            .iter()
            .enumerate()
            .map(|(i, name)| (name.clone(), i))
            .collect();
        Ok(Self {
            names,
            index,
            dependencies: graph.edges,
            order,
        })
    }

    /// Number of steps.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the graph has no step.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Step names in declaration order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }

    /// Whether a step of this name exists.
    pub fn contains(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }

    /// The steps `name` depends on, or `None` for an unknown step.
    pub fn dependencies(&self, name: &str) -> Option<impl Iterator<Item = &str>> {
        let i = *self.index.get(name)?;
        Some(self.dependencies[i].iter().map(|&d| self.names[d].as_str()))
    }

    /// Every step, each after all of its dependencies; steps that could go in
    /// either order keep their declaration order.
    pub fn topological_order(&self) -> Vec<&str> {
        self.order.iter().map(|&i| self.names[i].as_str()).collect()
    }

    /// Steps that can be enqueued now: `pending` steps whose dependencies all
    /// satisfy dependents (only `complete` and `resolved_manually` do), in
    /// topological order. `state_of` gives each step's current state; a step
    /// it does not know is taken as `pending`.
    pub fn ready_steps(&self, state_of: impl Fn(&str) -> Option<StepState>) -> Vec<&str> {
        let states = self.states(state_of);
        self.ready_given(&states)
    }

    /// The declaration indexes of the steps [`ready_steps`](Self::ready_steps)
    /// names, for states given by declaration index.
    pub fn ready_indexes(&self, states: &[StepState]) -> Vec<usize> {
        self.order
            .iter()
            .copied()
            .filter(|&i| self.is_ready(i, states))
            .collect()
    }

    /// [`ready_steps`](Self::ready_steps) for states already looked up, by
    /// declaration index.
    pub(crate) fn ready_given(&self, states: &[StepState]) -> Vec<&str> {
        self.order
            .iter()
            .copied()
            .filter(|&i| self.is_ready(i, states))
            .filter_map(|i| self.names.get(i).map(String::as_str))
            .collect()
    }

    /// Each step's state, by index; unknown steps are `pending`.
    pub(crate) fn states(&self, state_of: impl Fn(&str) -> Option<StepState>) -> Vec<StepState> {
        self.names
            .iter()
            .map(|name| state_of(name).unwrap_or(StepState::Pending))
            .collect()
    }

    /// Whether step `i` is pending with every dependency satisfied.
    fn is_ready(&self, i: usize, states: &[StepState]) -> bool {
        states.get(i) == Some(&StepState::Pending)
            && self.dependencies.get(i).is_some_and(|deps| {
                deps.iter()
                    .all(|&d| states.get(d).is_some_and(|s| s.satisfies_dependencies()))
            })
    }
}

/// Result of checking a list of steps as a graph.
pub(crate) struct Graph {
    /// Dependency edges by step index; unknown, self and repeated dependencies
    /// are left out.
    pub(crate) edges: Vec<Vec<usize>>,
    /// Everything wrong with the graph.
    pub(crate) violations: Vec<Violation>,
}

impl Graph {
    /// Checks names for duplicates, dependencies for unknown, self and
    /// repeated references, and the whole for cycles.
    pub(crate) fn build<N: AsRef<str>, D: AsRef<str>>(
        names: &[N],
        dependencies: &[Vec<D>],
    ) -> Self {
        let mut violations = Vec::new();
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (i, name) in names.iter().enumerate() {
            let name = name.as_ref();
            match first.get(name) {
                Some(&earlier) if !name.is_empty() => violations.push(Violation::new(
                    format!("steps[{i}].name"),
                    format!("duplicate step name {name:?}; steps[{earlier}] already uses it"),
                )),
                Some(_) => {}
                None => {
                    first.insert(name, i);
                }
            }
        }

        let mut edges = vec![Vec::new(); names.len()];
        for (i, deps) in dependencies.iter().enumerate() {
            let own = names.get(i).map_or("", AsRef::as_ref);
            let mut seen = HashSet::new();
            for (j, dep) in deps.iter().enumerate() {
                let dep = dep.as_ref();
                let field = format!("steps[{i}].depends_on[{j}]");
                if dep == own {
                    violations.push(Violation::new(
                        field,
                        format!("step {own:?} cannot depend on itself"),
                    ));
                } else if let Some(&target) = first.get(dep) {
                    if seen.insert(target) {
                        if let Some(list) = edges.get_mut(i) {
                            list.push(target);
                        }
                    } else {
                        violations.push(Violation::new(
                            field,
                            format!("{dep:?} is listed more than once"),
                        ));
                    }
                } else {
                    violations.push(Violation::new(field, unknown_step(dep, names)));
                }
            }
        }

        for cycle in cycles(&edges) {
            let Some(&start) = cycle.first() else {
                continue;
            };
            let next = cycle.get(1).copied().unwrap_or(start);
            let position = dependencies
                .get(start)
                .and_then(|deps| {
                    deps.iter()
                        .position(|d| first.get(d.as_ref()) == Some(&next))
                })
                .unwrap_or(0);
            let path: Vec<&str> = cycle
                .iter()
                .chain(std::iter::once(&start))
                .map(|&i| names.get(i).map_or("?", AsRef::as_ref))
                .collect();
            violations.push(Violation::new(
                format!("steps[{start}].depends_on[{position}]"),
                format!(
                    "dependency cycle: {} (each step depends on the next)",
                    path.join(" -> ")
                ),
            ));
        }

        Self { edges, violations }
    }
}

/// Description of a dependency on a step that does not exist, with a
/// suggestion when a step of a similar name does.
fn unknown_step<N: AsRef<str>>(dep: &str, names: &[N]) -> String {
    const MAX_SUGGESTION_CANDIDATES: usize = 1_000;
    let suggestion = if names.len() <= MAX_SUGGESTION_CANDIDATES && dep.len() <= 128 {
        names
            .iter()
            .map(AsRef::as_ref)
            .filter(|name| !name.is_empty() && name.len() <= 128)
            .map(|name| (edit_distance(dep, name), name))
            .filter(|&(distance, name)| distance <= 2.max(name.chars().count() / 3))
            .min_by_key(|&(distance, _)| distance)
            .map(|(_, name)| name)
    } else {
        None
    };
    match suggestion {
        Some(name) => format!("unknown step {dep:?}; did you mean {name:?}?"),
        None => format!("unknown step {dep:?}"),
    }
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// One cycle per strongly connected component that has one, each as the list
/// of step indexes starting from the component's first-declared step, along
/// the shortest way round. Components are reported in declaration order.
fn cycles(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut found = Vec::new();
    for component in strongly_connected_components(edges) {
        if component.len() < 2 {
            continue;
        }
        let members: HashSet<usize> = component.iter().copied().collect();
        let Some(&start) = component.iter().min() else {
            continue;
        };
        // Breadth-first search inside the component for the shortest way back.
        let mut parent: HashMap<usize, usize> = HashMap::new();
        let mut queue = VecDeque::from([start]);
        let mut closing = None;
        while let Some(node) = queue.pop_front() {
            for &next in edges.get(node).map_or(&[][..], Vec::as_slice) {
                if !members.contains(&next) {
                    continue;
                }
                if next == start {
                    closing = Some(node);
                    break;
                }
                if let std::collections::hash_map::Entry::Vacant(entry) = parent.entry(next) {
                    entry.insert(node);
                    queue.push_back(next);
                }
            }
            if closing.is_some() {
                break;
            }
        }
        let Some(mut node) = closing else {
            continue;
        };
        let mut path = vec![node];
        while node != start {
            match parent.get(&node) {
                Some(&p) => {
                    node = p;
                    path.push(node);
                }
                None => break,
            }
        }
        path.reverse();
        found.push(path);
    }
    found.sort_by_key(|path| path.first().copied());
    found
}

/// Tarjan's algorithm without recursion, so deep graphs cannot overflow the
/// stack.
fn strongly_connected_components(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNVISITED: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNVISITED; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut components = Vec::new();
    let mut counter = 0;
    // Call stack of (node, next edge to look at).
    let mut calls: Vec<(usize, usize)> = Vec::new();

    for root in 0..n {
        if index[root] != UNVISITED {
            continue;
        }
        calls.push((root, 0));
        while let Some(&mut (node, ref mut edge)) = calls.last_mut() {
            if *edge == 0 && index[node] == UNVISITED {
                index[node] = counter;
                low[node] = counter;
                counter += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            let successors = &edges[node];
            if let Some(&next) = successors.get(*edge) {
                *edge += 1;
                if next >= n {
                    continue;
                }
                if index[next] == UNVISITED {
                    calls.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            // All successors done: close the node.
            calls.pop();
            if let Some(&(caller, _)) = calls.last() {
                low[caller] = low[caller].min(low[node]);
            }
            if low[node] == index[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                components.push(component);
            }
        }
    }
    components
}

/// Kahn's algorithm; among steps whose dependencies are placed, the first
/// declared goes first. Steps on a cycle are left out.
fn topological_order(dependencies: &[Vec<usize>]) -> Vec<usize> {
    let n = dependencies.len();
    let mut waiting_on: Vec<usize> = dependencies.iter().map(Vec::len).collect();
    let mut dependents = vec![Vec::new(); n];
    for (i, deps) in dependencies.iter().enumerate() {
        for &d in deps {
            if let Some(list) = dependents.get_mut(d) {
                list.push(i);
            }
        }
    }
    let mut ready: BinaryHeap<Reverse<usize>> = (0..n)
        .filter(|&i| waiting_on[i] == 0)
        .map(Reverse)
        .collect();
    let mut order = Vec::with_capacity(n);
    while let Some(Reverse(i)) = ready.pop() {
        order.push(i);
        for &dependent in &dependents[i] {
            waiting_on[dependent] -= 1;
            if waiting_on[dependent] == 0 {
                ready.push(Reverse(dependent));
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn dag(steps: &[(&str, &[&str])]) -> Result<Dag, CoreError> {
        Dag::new(steps.iter().map(|(n, d)| (*n, d.iter().copied())))
    }

    fn violations(steps: &[(&str, &[&str])]) -> Vec<(String, String)> {
        match dag(steps) {
            Err(CoreError::InvalidTemplate { violations }) => violations
                .into_iter()
                .map(|v| (v.field, v.description))
                .collect(),
            other => panic!("expected violations, got {other:?}"),
        }
    }

    #[test]
    fn diamond_order_and_readiness() {
        let g = dag(&[("d", &["b", "c"]), ("b", &["a"]), ("c", &["a"]), ("a", &[])]).unwrap();
        assert_eq!(g.topological_order(), ["a", "b", "c", "d"]);
        assert_eq!(g.len(), 4);
        assert!(g.contains("a") && !g.contains("z"));
        assert_eq!(g.dependencies("d").unwrap().collect::<Vec<_>>(), ["b", "c"]);
        assert!(g.dependencies("z").is_none());

        assert_eq!(g.ready_steps(|_| None), ["a"]);
        let states = |pairs: &'static [(&'static str, StepState)]| {
            move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
        };
        assert_eq!(
            g.ready_steps(states(&[("a", StepState::Complete)])),
            ["b", "c"]
        );
        assert_eq!(
            g.ready_steps(states(&[
                ("a", StepState::Complete),
                ("b", StepState::ResolvedManually),
                ("c", StepState::InProgress),
            ])),
            ["c"; 0]
        );
        assert_eq!(
            g.ready_steps(states(&[
                ("a", StepState::Complete),
                ("b", StepState::ResolvedManually),
                ("c", StepState::Complete),
            ])),
            ["d"]
        );
        assert_eq!(
            g.ready_steps(states(&[
                ("a", StepState::Complete),
                ("b", StepState::Error),
                ("c", StepState::Complete),
            ])),
            ["d"; 0],
            "error does not satisfy dependencies"
        );
    }

    #[test]
    fn independent_steps_keep_declaration_order() {
        let g = dag(&[("z", &[]), ("y", &[]), ("x", &["z"])]).unwrap();
        assert_eq!(g.topological_order(), ["z", "y", "x"]);
        assert_eq!(g.ready_steps(|_| None), ["z", "y"]);
        assert!(dag(&[]).unwrap().is_empty());
    }

    #[test]
    fn empty_names_are_refused() {
        assert_eq!(
            violations(&[("", &[]), ("", &[])]),
            [
                ("steps[0].name".into(), "must not be empty".into()),
                ("steps[1].name".into(), "must not be empty".into()),
            ]
        );
    }

    #[test]
    fn reports_every_graph_problem() {
        let found = violations(&[
            ("a", &["a", "b", "nope", "b"]),
            ("b", &[]),
            ("a", &[]),
            ("fetch_order", &["fetch_ordr"]),
        ]);
        assert_eq!(
            found,
            [
                (
                    "steps[2].name".into(),
                    "duplicate step name \"a\"; steps[0] already uses it".into()
                ),
                (
                    "steps[0].depends_on[0]".into(),
                    "step \"a\" cannot depend on itself".into()
                ),
                (
                    "steps[0].depends_on[2]".into(),
                    "unknown step \"nope\"".into()
                ),
                (
                    "steps[0].depends_on[3]".into(),
                    "\"b\" is listed more than once".into()
                ),
                (
                    "steps[3].depends_on[0]".into(),
                    "unknown step \"fetch_ordr\"; did you mean \"fetch_order\"?".into()
                ),
            ]
        );
    }

    #[test]
    fn reports_each_cycle_with_its_path() {
        let found = violations(&[
            ("a", &["c"]),
            ("b", &["a"]),
            ("c", &["b"]),
            ("ok", &[]),
            ("x", &["ok", "y"]),
            ("y", &["x"]),
        ]);
        assert_eq!(
            found,
            [
                (
                    "steps[0].depends_on[0]".into(),
                    "dependency cycle: a -> c -> b -> a (each step depends on the next)".into()
                ),
                (
                    "steps[4].depends_on[1]".into(),
                    "dependency cycle: x -> y -> x (each step depends on the next)".into()
                ),
            ]
        );
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let n = 200_000;
        let names: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
        let steps = (0..n).map(|i| {
            let deps: Vec<String> = if i == 0 {
                vec![format!("s{}", n - 1)]
            } else {
                vec![names[i - 1].clone()]
            };
            (names[i].clone(), deps)
        });
        let Err(CoreError::InvalidTemplate { violations }) = Dag::new(steps) else {
            panic!("a ring is a cycle");
        };
        assert_eq!(violations.len(), 1);
        assert_eq!(violations[0].field, "steps[0].depends_on[0]");

        let chain = (0..n).map(|i| {
            let deps: Vec<String> = if i == 0 {
                vec![]
            } else {
                vec![names[i - 1].clone()]
            };
            (names[i].clone(), deps)
        });
        let g = Dag::new(chain).unwrap();
        assert_eq!(g.topological_order().len(), n);
    }

    #[test]
    fn edit_distance_basics() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("abc", "abd"), 1);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    proptest! {
        /// Random graphs over a small name space: either the graph is
        /// accepted and its order respects every edge, or problems are
        /// reported; never a panic.
        #[test]
        fn random_graphs(steps in prop::collection::vec(
            ("[a-e]", prop::collection::vec("[a-f]", 0..4)),
            0..8,
        )) {
            match Dag::new(steps.clone()) {
                Ok(g) => {
                    let order = g.topological_order();
                    prop_assert_eq!(order.len(), steps.len());
                    for (name, deps) in &steps {
                        let at = order.iter().position(|n| n == name).unwrap();
                        for dep in deps {
                            let dep_at = order.iter().position(|n| n == dep).unwrap();
                            prop_assert!(dep_at < at);
                        }
                    }
                }
                Err(CoreError::InvalidTemplate { violations }) => {
                    prop_assert!(!violations.is_empty());
                }
                Err(other) => prop_assert!(false, "unexpected {other:?}"),
            }
        }
    }
}
