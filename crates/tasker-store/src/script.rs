//! Several statements of one write, sent as one exchange.
//!
//! Once a write has read what it decides on, the rest of it — the
//! compare-and-set `UPDATE`s, the transition rows, a read of what the caller
//! is answered with — depends only on values already known. A [`Script`]
//! gathers those statements and [`Script::run`] sends them: on SQLite as one
//! multi-statement exchange with the connection's thread (the placeholders
//! of each statement renumbered after the ones before it); on PostgreSQL,
//! whose extended protocol takes one statement per prepared query, the
//! changes in a row become one statement of data-modifying `WITH` clauses
//! that returns how many rows each changed, and a read runs on its own.
//! Either way each statement's outcome (rows changed, rows returned) comes
//! back in order, and a statement that must change an exact number of rows
//! (a compare-and-set) fails the write when it did not: the caller's write
//! is then rolled back whole, so running the statements after a failed
//! check first costs nothing but their work.
//!
//! The changes of one script must not depend on each other's effects: in
//! PostgreSQL's `WITH` they all see the snapshot from before the statement
//! (foreign keys are checked at its end, so a row and the rows referring to
//! it may go in together), and no row may be changed twice.

use futures_util::TryStreamExt as _;
use sqlx::Either;
use sqlx::any::AnyRow;

use crate::StoreError;
use crate::engine::{Param, Tx, values_list};

/// The most values one statement binds: SQLite's default limit since 3.32
/// (`SQLITE_MAX_VARIABLE_NUMBER`, 32766; PostgreSQL allows 65535). A
/// multi-statement exchange on SQLite binds per statement, so the limit
/// holds per statement, not per script.
const MAX_BINDS: usize = 32_766;

/// The most values one PostgreSQL statement binds (its protocol counts
/// them in 16 bits).
const POSTGRES_MAX_BINDS: usize = 65_535;

/// Statements of one write, run together by [`Script::run`].
#[derive(Debug, Default)]
pub(crate) struct Script {
    parts: Vec<Part>,
}

#[derive(Debug)]
struct Part {
    /// The statement, its placeholders numbered from `$1`.
    sql: String,
    params: Vec<Param>,
    /// The rows it must change, and the error when it did not.
    expect: Option<(u64, String)>,
    /// A read, whose rows are wanted (else a change, whose count is).
    read: bool,
}

/// What one statement of a script did.
#[derive(Default)]
pub(crate) struct Outcome {
    /// Rows inserted, updated or deleted.
    pub(crate) changed: u64,
    /// Rows returned.
    pub(crate) rows: Vec<AnyRow>,
}

impl Script {
    /// Adds a statement; returns its index in [`Script::run`]'s outcomes.
    pub(crate) fn push(&mut self, sql: impl Into<String>, params: Vec<Param>) -> usize {
        self.parts.push(Part {
            sql: sql.into(),
            params,
            expect: None,
            read: false,
        });
        self.parts.len() - 1
    }

    /// Adds a read (a `SELECT`), whose rows the caller wants; returns its
    /// index in [`Script::run`]'s outcomes.
    pub(crate) fn push_read(&mut self, sql: impl Into<String>, params: Vec<Param>) -> usize {
        self.parts.push(Part {
            sql: sql.into(),
            params,
            expect: None,
            read: true,
        });
        self.parts.len() - 1
    }

    /// Adds a statement that must change exactly `rows` rows; otherwise the
    /// script fails with [`StoreError::StateConflict`] carrying
    /// `message`.
    pub(crate) fn push_expecting(
        &mut self,
        sql: impl Into<String>,
        params: Vec<Param>,
        rows: u64,
        message: impl Into<String>,
    ) -> usize {
        self.parts.push(Part {
            sql: sql.into(),
            params,
            expect: Some((rows, message.into())),
            read: false,
        });
        self.parts.len() - 1
    }

    /// Adds `rows` with `insert` (`INSERT INTO t (a, b) VALUES`, `columns`
    /// values per row) and `tail` (`ON CONFLICT …` or empty) in as few
    /// multi-row statements as the bind limit allows: one, unless a row set
    /// is very large.
    pub(crate) fn insert_rows(
        &mut self,
        insert: &str,
        columns: usize,
        rows: Vec<Vec<Param>>,
        tail: &str,
    ) {
        let per_statement = (MAX_BINDS / columns.max(1)).max(1);
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<Vec<Param>> = rows.by_ref().take(per_statement).collect();
            let sql = format!("{insert} {}{tail}", values_list(chunk.len(), columns));
            self.push(sql, chunk.into_iter().flatten().collect());
        }
    }

    /// Sends the statements added so far (leaving the script empty for
    /// more) and returns what each did, in order.
    ///
    /// # Errors
    /// [`StoreError::Database`] when a statement fails (the statements after
    /// it did not run), [`StoreError::StateConflict`] when a statement
    /// changed other than the rows it must.
    pub(crate) async fn run(&mut self, tx: &mut Tx) -> Result<Vec<Outcome>, StoreError> {
        let parts = std::mem::take(&mut self.parts);
        let outcomes = match parts.len() {
            0 => Vec::new(),
            1 => vec![run_one(tx, &parts[0]).await?],
            _ if tx.is_grouped() => run_together(tx, &parts).await?,
            _ => {
                let mut outcomes = Vec::with_capacity(parts.len());
                let mut rest = &parts[..];
                while let Some(first) = rest.first() {
                    // Changes in a row, as many as PostgreSQL binds in one
                    // statement.
                    let mut binds = 0;
                    let changes = rest
                        .iter()
                        .take_while(|p| {
                            binds += p.params.len();
                            !p.read && binds <= POSTGRES_MAX_BINDS
                        })
                        .count();
                    if changes >= 2 {
                        outcomes.extend(run_changes(tx, &rest[..changes]).await?);
                        rest = &rest[changes..];
                    } else {
                        outcomes.push(run_one(tx, first).await?);
                        rest = &rest[1..];
                    }
                }
                outcomes
            }
        };
        for (part, outcome) in parts.iter().zip(&outcomes) {
            if let Some((rows, message)) = &part.expect
                && outcome.changed != *rows
            {
                return Err(StoreError::StateConflict(message.clone()));
            }
        }
        Ok(outcomes)
    }
}

/// One statement, in its own exchange.
async fn run_one(tx: &mut Tx, part: &Part) -> Result<Outcome, StoreError> {
    let query = bind_all(
        sqlx::query(sqlx::AssertSqlSafe(part.sql.clone())),
        &part.params,
    );
    let mut outcomes = collect(sqlx::Executor::fetch_many(tx.conn(), query), 1).await?;
    Ok(outcomes.pop().unwrap_or_default())
}

/// Every statement in one multi-statement exchange (SQLite).
async fn run_together(tx: &mut Tx, parts: &[Part]) -> Result<Vec<Outcome>, StoreError> {
    let mut sql = String::with_capacity(parts.iter().map(|p| p.sql.len() + 8).sum());
    let mut bound = 0;
    for part in parts {
        renumber(&part.sql, bound, &mut sql);
        sql.push_str(";\n");
        bound += part.params.len();
    }
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for part in parts {
        query = bind_all(query, &part.params);
    }
    let statements = u64::try_from(parts.len()).unwrap_or(u64::MAX);
    // sqlx runs a query of several statements one after the other on
    // SQLite, each bound from the shared arguments by its `$n` numbers.
    let outcomes = collect(
        sqlx::Executor::fetch_many(tx.conn_for(statements), query),
        parts.len(),
    )
    .await?;
    if outcomes.len() != parts.len() {
        return Err(StoreError::Database(sqlx::Error::Protocol(format!(
            "a script of {} statements reported {}",
            parts.len(),
            outcomes.len()
        ))));
    }
    Ok(outcomes)
}

/// Changes in one statement of data-modifying `WITH` clauses (PostgreSQL),
/// answering how many rows each changed.
async fn run_changes(tx: &mut Tx, parts: &[Part]) -> Result<Vec<Outcome>, StoreError> {
    let mut sql = String::with_capacity(parts.iter().map(|p| p.sql.len() + 40).sum());
    let mut bound = 0;
    for (i, part) in parts.iter().enumerate() {
        sql.push_str(if i == 0 { "WITH " } else { ", " });
        sql.push_str(&format!("c{i} AS ("));
        renumber(&part.sql, bound, &mut sql);
        sql.push_str(" RETURNING 1)");
        bound += part.params.len();
    }
    sql.push_str(" SELECT ");
    for i in 0..parts.len() {
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&format!("(SELECT COUNT(*) FROM c{i}) AS n{i}"));
    }
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for part in parts {
        query = bind_all(query, &part.params);
    }
    let statements = u64::try_from(parts.len()).unwrap_or(u64::MAX);
    let row = query.fetch_one(tx.conn_for(statements)).await?;
    let mut outcomes = Vec::with_capacity(parts.len());
    for i in 0..parts.len() {
        let changed: i64 = sqlx::Row::try_get(&row, i)?;
        outcomes.push(Outcome {
            changed: u64::try_from(changed).unwrap_or(0),
            rows: Vec::new(),
        });
    }
    Ok(outcomes)
}

/// Gathers a statement stream's outcomes: rows belong to the statement whose
/// end comes after them.
async fn collect<'e>(
    mut stream: futures_util::stream::BoxStream<
        'e,
        Result<Either<sqlx::any::AnyQueryResult, AnyRow>, sqlx::Error>,
    >,
    statements: usize,
) -> Result<Vec<Outcome>, StoreError> {
    let mut outcomes = Vec::with_capacity(statements);
    let mut current = Outcome::default();
    while let Some(item) = stream.try_next().await? {
        match item {
            Either::Left(done) => {
                current.changed = done.rows_affected();
                outcomes.push(std::mem::take(&mut current));
            }
            Either::Right(row) => current.rows.push(row),
        }
    }
    Ok(outcomes)
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>;

/// `query` with `params` bound in order.
pub(crate) fn bind_all<'q>(mut query: AnyQuery<'q>, params: &[Param]) -> AnyQuery<'q> {
    for value in params {
        query = match value {
            Param::Text(v) => query.bind(v.clone()),
            Param::OptText(v) => query.bind(v.clone()),
            Param::Int(v) => query.bind(*v),
            Param::OptInt(v) => query.bind(*v),
        };
    }
    query
}

/// Appends `sql` to `out` with every placeholder `$n` written `$(n + by)`.
/// The store's statements carry no `$` but in placeholders (values are
/// always bound), so a `$` followed by digits is always one.
fn renumber(sql: &str, by: usize, out: &mut String) {
    let bytes = sql.as_bytes();
    let mut at = 0;
    while let Some(offset) = sql[at..].find('$') {
        let dollar = at + offset;
        out.push_str(&sql[at..=dollar]);
        let digits = bytes[dollar + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let end = dollar + 1 + digits;
        match sql[dollar + 1..end].parse::<usize>() {
            Ok(n) if digits > 0 => out.push_str(&(n + by).to_string()),
            _ => out.push_str(&sql[dollar + 1..end]),
        }
        at = end;
    }
    out.push_str(&sql[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_renumbered_after_the_statements_before() {
        let mut out = String::new();
        renumber("UPDATE t SET a = $1, b = $12 WHERE c = $2", 10, &mut out);
        assert_eq!(out, "UPDATE t SET a = $11, b = $22 WHERE c = $12");
        let mut out = String::new();
        renumber("SELECT '$' || x, $ FROM t WHERE y = $3", 0, &mut out);
        assert_eq!(out, "SELECT '$' || x, $ FROM t WHERE y = $3");
        let mut out = String::new();
        renumber("no placeholders", 5, &mut out);
        assert_eq!(out, "no placeholders");
    }
}
