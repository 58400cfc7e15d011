//! A caller's [`NamespaceScope`] as an SQL condition, the same on both
//! backends: nothing for every namespace, `column IN ($n, …)` for a set, and
//! a condition that is never true for the empty set.

use sqlx::Any;
use sqlx::any::AnyArguments;
use sqlx::query::{Query, QueryScalar};
use tasker_core::NamespaceScope;

/// A scope rendered as a condition on one column, with the values its
/// placeholders stand for.
#[derive(Debug, Clone)]
pub(crate) struct ScopeFilter {
    sql: String,
    values: Vec<String>,
}

impl ScopeFilter {
    /// The condition that `column` lies in `scope`, numbering its
    /// placeholders from `$first`.
    pub(crate) fn new(scope: &NamespaceScope, column: &str, first: usize) -> Self {
        match scope.namespaces() {
            None => Self {
                sql: "1 = 1".into(),
                values: Vec::new(),
            },
            Some(set) if set.is_empty() => Self {
                sql: "1 = 0".into(),
                values: Vec::new(),
            },
            Some(set) => {
                let placeholders = (first..first + set.len())
                    .map(|i| format!("${i}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                Self {
                    sql: format!("{column} IN ({placeholders})"),
                    values: set.iter().cloned().collect(),
                }
            }
        }
    }

    /// The condition, to be joined with `AND`.
    pub(crate) fn sql(&self) -> &str {
        &self.sql
    }

    /// The values of the placeholders, in order.
    pub(crate) fn values(&self) -> &[String] {
        &self.values
    }

    /// Binds the placeholders' values to `query` (after the ones before them).
    pub(crate) fn bind<'q>(
        &self,
        query: Query<'q, Any, AnyArguments>,
    ) -> Query<'q, Any, AnyArguments> {
        self.values
            .iter()
            .fold(query, |query, value| query.bind(value.clone()))
    }

    /// As [`ScopeFilter::bind`], for a scalar query.
    pub(crate) fn bind_scalar<'q, O>(
        &self,
        query: QueryScalar<'q, Any, O, AnyArguments>,
    ) -> QueryScalar<'q, Any, O, AnyArguments> {
        self.values
            .iter()
            .fold(query, |query, value| query.bind(value.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_become_conditions() {
        let all = ScopeFilter::new(&NamespaceScope::All, "namespace", 3);
        assert_eq!(all.sql(), "1 = 1");
        assert!(all.values().is_empty());
        let none = ScopeFilter::new(
            &NamespaceScope::only(Vec::<String>::new()),
            "t.namespace",
            1,
        );
        assert_eq!(none.sql(), "1 = 0");
        let some = ScopeFilter::new(&NamespaceScope::only(["b", "a"]), "t.namespace", 4);
        assert_eq!(some.sql(), "t.namespace IN ($4, $5)");
        assert_eq!(some.values(), ["a".to_owned(), "b".to_owned()]);
    }
}
