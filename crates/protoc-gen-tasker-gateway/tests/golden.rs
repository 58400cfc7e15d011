//! Golden tests: each folder under `tests/golden/` holds an `input.proto`
//! (compiled here with protox, the vendored `proto/google` on the include
//! path) and what the plugin must answer for it: the `*.gateway.rs`,
//! `*.openapi.json` and `*.md` files, or `error.txt` when the plugin must
//! fail.
//! The request goes through the real plugin protocol (an encoded
//! `CodeGeneratorRequest` into [`run`]). `UPDATE_GOLDEN=1 cargo test -p
//! protoc-gen-tasker-gateway` rewrites the expected files.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use protoc_gen_tasker_gateway::{encode_request, run};

const INPUT: &str = "input.proto";
const ERROR: &str = "error.txt";

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("tests/golden exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.join(INPUT).is_file())
        .collect();
    cases.sort();
    cases
}

/// The encoded descriptor set of `case/input.proto` with its imports and
/// source info, as buf would hand it to a plugin.
fn descriptor_set(case: &Path) -> Vec<u8> {
    let mut compiler =
        protox::Compiler::new([case.to_path_buf(), repo_root().join("proto")]).expect("includes");
    compiler.include_imports(true).include_source_info(true);
    compiler
        .open_file(INPUT)
        .unwrap_or_else(|e| panic!("{}: {e}", case.display()));
    compiler.encode_file_descriptor_set()
}

/// What the plugin answers for `case`, by file name: the generated files for
/// both targets, or `error.txt`.
fn produce(case: &Path) -> BTreeMap<String, String> {
    let set = descriptor_set(case);
    let mut produced = BTreeMap::new();
    for parameter in ["target=rust", "target=openapi", "target=markdown"] {
        let request = encode_request(&set, &[INPUT.to_owned()], parameter).unwrap();
        let response = run(&request);
        assert_eq!(response.supported_features, Some(1), "proto3 optional");
        if let Some(error) = response.error {
            assert!(response.file.is_empty());
            let text = format!("{error}\n");
            if let Some(previous) = produced.insert(ERROR.to_owned(), text.clone()) {
                assert_eq!(previous, text, "both targets fail the same way");
            }
            continue;
        }
        assert_eq!(
            response.file.len(),
            1,
            "{}: one file per package",
            case.display()
        );
        for file in response.file {
            let name = file.name.unwrap();
            let base = name.rsplit('/').next().unwrap().to_owned();
            produced.insert(base, file.content.unwrap());
        }
    }
    produced
}

#[test]
fn golden_cases() {
    let update = std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 16, "golden cases missing: {cases:?}");
    for case in &cases {
        let produced = produce(case);
        let mut expected = BTreeMap::new();
        for entry in std::fs::read_dir(case).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name != INPUT {
                expected.insert(name, std::fs::read_to_string(&path).unwrap());
            }
        }
        if update {
            for name in expected.keys().filter(|n| !produced.contains_key(*n)) {
                std::fs::remove_file(case.join(name)).unwrap();
            }
            for (name, content) in &produced {
                std::fs::write(case.join(name), content).unwrap();
            }
            continue;
        }
        if produced != expected {
            let names = |m: &BTreeMap<String, String>| m.keys().cloned().collect::<Vec<_>>();
            let mut report = format!(
                "{}: produced {:?}, expected {:?}",
                case.display(),
                names(&produced),
                names(&expected)
            );
            for (name, content) in &produced {
                if let Some(want) = expected.get(name)
                    && want != content
                {
                    let line = want
                        .lines()
                        .zip(content.lines())
                        .position(|(a, b)| a != b)
                        .unwrap_or_else(|| want.lines().count().min(content.lines().count()));
                    report.push_str(&format!(
                        "\n  {name} differs from line {}:\n    want: {:?}\n    got:  {:?}",
                        line + 1,
                        want.lines().nth(line),
                        content.lines().nth(line)
                    ));
                }
            }
            failures.push(report);
        }
    }
    assert!(
        failures.is_empty(),
        "golden files differ (rerun with UPDATE_GOLDEN=1 to accept):\n{}",
        failures.join("\n")
    );
}

#[test]
fn errors_name_the_rpc_and_the_problem() {
    for (case, expected) in [
        (
            "error_bad_template",
            "error_bad_template.v1.BrokenService.Get: invalid path template \
             \"/v1/things/{thing_id\": unbalanced '{'",
        ),
        (
            "error_unknown_field",
            "error_unknown_field.v1.BrokenService.Get: path variable {thing.uuid}: \
             error_unknown_field.v1.Thing has no field \"uuid\"",
        ),
        (
            "error_body_on_get",
            "error_body_on_get.v1.BrokenService.Get: a GET binding must not have a body",
        ),
        (
            "error_security_scheme",
            "error_security_scheme.v1: OpenAPI option: security scheme \"oauth\": type \
             \"oauth2\" is not apiKey or http",
        ),
    ] {
        let produced = produce(&golden_dir().join(case));
        let error = produced.get(ERROR).map(String::as_str).unwrap_or_default();
        assert!(error.starts_with(expected), "{case}: {error:?}");
    }
}

#[test]
fn output_is_deterministic() {
    for case in ["json_mapping", "query_params", "additional_bindings"] {
        let case = golden_dir().join(case);
        assert_eq!(produce(&case), produce(&case), "{}", case.display());
    }
}
