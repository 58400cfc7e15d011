//! Smoke test of the benchmark program: `tasker-bench all --quick` runs every
//! scenario against the real binaries and writes JSON with positive figures.
//! No timing is asserted.

// A failed expectation here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Command;

const SCENARIOS: [&str; 6] = ["doors", "e2e", "creation", "watchers", "growth", "idle"];

#[test]
fn all_quick_reports_every_scenario() {
    let bench = PathBuf::from(env!("CARGO_BIN_EXE_tasker-bench"));
    let dir = bench.parent().expect("binary directory");
    for sibling in ["tasker-server", "tasker-worker"] {
        assert!(
            dir.join(sibling).exists(),
            "{} missing: run `cargo build --workspace --bins` first",
            dir.join(sibling).display()
        );
    }
    let out = tempfile::tempdir().expect("temporary directory");
    let json = out.path().join("bench.json");
    let output = Command::new(&bench)
        // SQLite only, to stay well under a minute on a busy machine; the
        // PostgreSQL paths share all code but the database URL and the seeding SQL.
        .args(["all", "--quick", "--no-postgres", "--json"])
        .arg(&json)
        .arg("--chart-dir")
        .arg(out.path())
        .output()
        .expect("tasker-bench runs");
    assert!(
        output.status.success(),
        "tasker-bench failed\nstdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let document: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("JSON written"))
            .expect("valid JSON");
    for name in SCENARIOS {
        let scenario = &document["scenarios"][name];
        let figures = scenario["figures"]
            .as_object()
            .unwrap_or_else(|| panic!("scenario {name} missing: {document}"));
        assert!(!figures.is_empty(), "scenario {name} has no figures");
        for (key, value) in figures {
            let value = value.as_f64().unwrap_or(-1.0);
            // Server CPU is read in clock ticks (10 ms); a quick phase may
            // not last one tick, so CPU figures (and ratios of them) may be 0.
            let cpu = key.contains("cpu") || key.contains("ratio.");
            assert!(
                value > 0.0 || (cpu && value == 0.0),
                "{name}.{key} = {value}"
            );
        }
    }
    for chart in [
        "doors-gettask-cpu.svg",
        "e2e-steps-per-second.svg",
        "growth-ratios.svg",
    ] {
        assert!(out.path().join(chart).exists(), "{chart} not written");
    }
}
