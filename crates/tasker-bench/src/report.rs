//! What a scenario reports: a table for people, figures and targets for the
//! JSON file and the charts.

use std::collections::BTreeMap;

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde::Serialize;

/// A target of DESIGN §8 or issue 6, checked against a figure of this run.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Target {
    /// What is compared, e.g. "GetTask REST-h1/gRPC server CPU".
    pub(crate) name: String,
    /// Measured value.
    pub(crate) value: f64,
    /// The bound.
    pub(crate) limit: f64,
    /// `true`: value must be at most `limit`; `false`: at least.
    pub(crate) at_most: bool,
    /// Whether the value meets the bound.
    pub(crate) met: bool,
}

impl Target {
    /// `value` must be ≤ `limit`.
    pub(crate) fn at_most(name: impl Into<String>, value: f64, limit: f64) -> Self {
        Self {
            name: name.into(),
            value,
            limit,
            at_most: true,
            met: value <= limit,
        }
    }

    /// `value` must be ≥ `limit`.
    pub(crate) fn at_least(name: impl Into<String>, value: f64, limit: f64) -> Self {
        Self {
            name: name.into(),
            value,
            limit,
            at_most: false,
            met: value >= limit,
        }
    }
}

/// The result of one scenario.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Section {
    /// Scenario name (`doors`, `e2e`, ...).
    pub(crate) name: String,
    /// What ran, in words (sizes, rounds, backends).
    pub(crate) setup: String,
    /// Column headers of the table.
    pub(crate) headers: Vec<String>,
    /// Table rows (strings, as printed).
    pub(crate) rows: Vec<Vec<String>>,
    /// Headline figures by name (all positive when the scenario ran).
    pub(crate) figures: BTreeMap<String, f64>,
    /// Targets checked.
    pub(crate) targets: Vec<Target>,
    /// Further detail (per-round values, histograms).
    pub(crate) detail: serde_json::Value,
}

impl Section {
    /// An empty section.
    pub(crate) fn new(name: &str, setup: String, headers: &[&str]) -> Self {
        Self {
            name: name.into(),
            setup,
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
            figures: BTreeMap::new(),
            targets: Vec::new(),
            detail: serde_json::Value::Null,
        }
    }

    /// Adds a row.
    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Records a headline figure.
    pub(crate) fn figure(&mut self, name: impl Into<String>, value: f64) {
        self.figures.insert(name.into(), value);
    }

    /// The table as printed.
    pub(crate) fn table(&self) -> Table {
        let mut table = Table::new();
        table
            .load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(self.headers.clone());
        for row in &self.rows {
            table.add_row(row.clone());
        }
        table
    }

    /// The targets as a table (empty when none).
    pub(crate) fn target_table(&self) -> Option<Table> {
        if self.targets.is_empty() {
            return None;
        }
        let mut table = Table::new();
        table
            .load_preset(UTF8_FULL_CONDENSED)
            .set_header(["target", "measured", "bound", "result"]);
        for t in &self.targets {
            let bound = format!("{} {}", if t.at_most { "≤" } else { "≥" }, fmt(t.limit));
            let result = if t.met {
                "met".to_owned()
            } else if t.at_most {
                format!("MISSED by {}", pct(t.value / t.limit - 1.0))
            } else {
                format!("MISSED by {}", pct(1.0 - t.value / t.limit))
            };
            table.add_row([t.name.clone(), fmt(t.value), bound, result]);
        }
        Some(table)
    }
}

/// A number with a sensible number of digits.
pub(crate) fn fmt(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if v.abs() >= 100.0 {
        format!("{v:.0}")
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else if v.abs() >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

/// A fraction as a percentage.
pub(crate) fn pct(v: f64) -> String {
    format!("{:.1} %", v * 100.0)
}
