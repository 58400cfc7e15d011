//! Namespace scopes: which namespaces a caller may see and act on.
//!
//! Every task, step, template and dead-letter entry belongs to one namespace
//! (its template's). A credential is either unrestricted or limited to a set
//! of namespaces; whatever it reads, lists, watches or changes is bounded by
//! that set. The rule the server applies with it: a single object outside the
//! scope is answered as if it did not exist, and lists only ever contain
//! objects inside it.

use std::collections::BTreeSet;

/// The namespaces a caller may reach: all of them, or exactly a set (which
/// may be empty: then nothing is reachable).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum NamespaceScope {
    /// Every namespace (an unrestricted credential, or authentication off).
    #[default]
    All,
    /// Only these namespaces.
    Only(BTreeSet<String>),
}

impl NamespaceScope {
    /// A credential's scope from its namespace list, where an empty list
    /// means "every namespace" (the convention of API keys and tokens).
    pub fn from_credential<I, S>(namespaces: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let set: BTreeSet<String> = namespaces.into_iter().map(Into::into).collect();
        if set.is_empty() {
            Self::All
        } else {
            Self::Only(set)
        }
    }

    /// Exactly these namespaces (an empty list reaches nothing).
    pub fn only<I, S>(namespaces: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self::Only(namespaces.into_iter().map(Into::into).collect())
    }

    /// Whether every namespace is reachable.
    pub fn is_all(&self) -> bool {
        matches!(self, Self::All)
    }

    /// Whether no namespace at all is reachable.
    pub fn is_empty(&self) -> bool {
        matches!(self, Self::Only(set) if set.is_empty())
    }

    /// Whether `namespace` is reachable.
    pub fn contains(&self, namespace: &str) -> bool {
        match self {
            Self::All => true,
            Self::Only(set) => set.contains(namespace),
        }
    }

    /// The namespaces, or `None` for every namespace.
    pub fn namespaces(&self) -> Option<&BTreeSet<String>> {
        match self {
            Self::All => None,
            Self::Only(set) => Some(set),
        }
    }

    /// What both scopes reach.
    #[must_use]
    pub fn intersect(&self, other: &NamespaceScope) -> NamespaceScope {
        match (self, other) {
            (Self::All, other) | (other, Self::All) => other.clone(),
            (Self::Only(a), Self::Only(b)) => Self::Only(a.intersection(b).cloned().collect()),
        }
    }

    /// This scope narrowed to one requested namespace (a list filter):
    /// `None` or an empty name keeps the scope as it is.
    #[must_use]
    pub fn narrow(&self, namespace: Option<&str>) -> NamespaceScope {
        match namespace.filter(|n| !n.is_empty()) {
            Some(namespace) => self.intersect(&Self::only([namespace])),
            None => self.clone(),
        }
    }

    /// Whether everything `self` reaches is reachable by `other` (for
    /// example, whether a key limited to `self` may be created, seen or
    /// revoked by a caller limited to `other`).
    pub fn is_subset_of(&self, other: &NamespaceScope) -> bool {
        match (self, other) {
            (_, Self::All) => true,
            (Self::All, Self::Only(_)) => false,
            (Self::Only(mine), Self::Only(theirs)) => mine.is_subset(theirs),
        }
    }

    /// Whether every one of `namespaces` is reachable (true for none).
    pub fn contains_all<'a, I>(&self, namespaces: I) -> bool
    where
        I: IntoIterator<Item = &'a String>,
    {
        namespaces.into_iter().all(|n| self.contains(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_credential_list_means_every_namespace() {
        assert_eq!(
            NamespaceScope::from_credential(Vec::<String>::new()),
            NamespaceScope::All
        );
        let scope = NamespaceScope::from_credential(["a", "b"]);
        assert!(scope.contains("a") && scope.contains("b") && !scope.contains("c"));
        assert!(!scope.is_all() && !scope.is_empty());
        // Exactly nothing is a different thing from everything.
        let none = NamespaceScope::only(Vec::<String>::new());
        assert!(none.is_empty() && !none.contains("a"));
        assert!(NamespaceScope::All.contains("anything"));
    }

    #[test]
    fn intersections_and_narrowing() {
        let ab = NamespaceScope::only(["a", "b"]);
        let bc = NamespaceScope::only(["b", "c"]);
        assert_eq!(ab.intersect(&bc), NamespaceScope::only(["b"]));
        assert_eq!(ab.intersect(&NamespaceScope::All), ab);
        assert_eq!(NamespaceScope::All.intersect(&bc), bc);
        assert!(ab.intersect(&NamespaceScope::only(["z"])).is_empty());
        assert_eq!(ab.narrow(Some("a")), NamespaceScope::only(["a"]));
        assert!(ab.narrow(Some("c")).is_empty());
        assert_eq!(ab.narrow(Some("")), ab);
        assert_eq!(ab.narrow(None), ab);
        assert_eq!(
            NamespaceScope::All.narrow(Some("c")),
            NamespaceScope::only(["c"])
        );
    }

    #[test]
    fn subsets() {
        let a = NamespaceScope::only(["a"]);
        let ab = NamespaceScope::only(["a", "b"]);
        assert!(a.is_subset_of(&ab));
        assert!(!ab.is_subset_of(&a));
        assert!(a.is_subset_of(&NamespaceScope::All));
        assert!(NamespaceScope::All.is_subset_of(&NamespaceScope::All));
        // An unrestricted key is never within a limited caller's scope.
        assert!(!NamespaceScope::All.is_subset_of(&ab));
        assert!(NamespaceScope::only(Vec::<String>::new()).is_subset_of(&a));
        assert!(ab.contains_all(&["a".to_owned(), "b".to_owned()]));
        assert!(!a.contains_all(&["a".to_owned(), "b".to_owned()]));
    }
}
