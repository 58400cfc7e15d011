//! A small run of the fuzz program (`examples/fuzz.rs`, which is run with a
//! million cases by hand): the same targets and corpus, 2,000 cases.

#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/fuzz.rs"]
mod program;

#[test]
fn a_fuzz_smoke_run_finds_no_panic_and_no_server_error() {
    let report = program::run(2_000, 2026, &program::default_corpus());
    assert_eq!(report.cases.iter().sum::<u64>(), 2_000);
    assert_eq!(report.failures(), 0, "{report:#?}");
}
