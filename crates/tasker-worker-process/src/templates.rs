//! The templates a worker can serve: read from YAML files and matched against
//! the worker's handlers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tasker_core::Template;
use tasker_proto::worker::v1::WorkerTemplate;

use crate::{ProcessError, TemplateSource};

/// Reads and validates every `*.yaml` / `*.yml` file under `dir` (including
/// subdirectories), in path order.
///
/// # Errors
/// [`ProcessError::Template`] naming the first file that cannot be read or is
/// not a valid template ([`Template::load`]), and [`ProcessError::Io`] when the
/// directory cannot be listed.
pub fn load_templates(dir: &Path) -> Result<Vec<(PathBuf, Template)>, ProcessError> {
    let mut files = Vec::new();
    yaml_files(dir, &mut files)?;
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).map_err(|e| ProcessError::Template {
                path: path.clone(),
                source: TemplateSource::Io(e),
            })?;
            let template = Template::load(&text).map_err(|e| ProcessError::Template {
                path: path.clone(),
                source: TemplateSource::Invalid(e),
            })?;
            Ok((path, template))
        })
        .collect()
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), ProcessError> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            yaml_files(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|ext| ext == "yaml" || ext == "yml")
        {
            out.push(path);
        }
    }
    Ok(())
}

/// The templates a worker serves, sorted by namespace, name and version.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TemplateCatalog {
    templates: Vec<WorkerTemplate>,
}

impl TemplateCatalog {
    /// The templates with at least one step the worker has a handler for,
    /// each listing those handlers and whether it covers every step. A
    /// template identity (namespace, name, version) seen twice keeps the
    /// first.
    pub fn new<'a>(templates: impl IntoIterator<Item = &'a Template>, handlers: &[String]) -> Self {
        let mut by_key: BTreeMap<(String, String, String), WorkerTemplate> = BTreeMap::new();
        for template in templates {
            let mut own: Vec<String> = template
                .steps
                .iter()
                .map(|s| s.handler.clone())
                .filter(|h| handlers.contains(h))
                .collect();
            own.sort();
            own.dedup();
            if own.is_empty() {
                continue;
            }
            let complete = template.steps.iter().all(|s| handlers.contains(&s.handler));
            let key = (
                template.namespace.clone(),
                template.name.clone(),
                template.version.clone(),
            );
            by_key.entry(key).or_insert_with(|| WorkerTemplate {
                namespace: template.namespace.clone(),
                name: template.name.clone(),
                version: template.version.clone(),
                handlers: own,
                complete,
            });
        }
        Self {
            templates: by_key.into_values().collect(),
        }
    }

    /// Loads the templates under `dir` ([`load_templates`]) and keeps those the
    /// handlers serve. A directory that does not exist gives an empty catalog.
    ///
    /// # Errors
    /// As [`load_templates`].
    pub fn load(dir: &Path, handlers: &[String]) -> Result<Self, ProcessError> {
        if !dir.exists() {
            tracing::warn!(dir = %dir.display(), "template directory not found; serving no templates");
            return Ok(Self::default());
        }
        let loaded = load_templates(dir)?;
        Ok(Self::new(loaded.iter().map(|(_, t)| t), handlers))
    }

    /// The templates, in order.
    pub fn templates(&self) -> &[WorkerTemplate] {
        &self.templates
    }

    /// Number of templates.
    pub fn len(&self) -> usize {
        self.templates.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.templates.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use tasker_examples::example_registry;

    use super::*;

    fn repo_templates() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/templates")
    }

    #[test]
    fn example_templates_are_valid_and_served() {
        let loaded = load_templates(&repo_templates()).unwrap();
        let examples: Vec<&Template> = loaded
            .iter()
            .map(|(_, t)| t)
            .filter(|t| t.namespace == "examples")
            .collect();
        let mut names: Vec<&str> = examples.iter().map(|t| t.name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            ["always_fails", "diamond", "flaky", "linear", "tree"]
        );
        for t in &examples {
            assert_eq!(t.version, "1.0.0", "{}", t.name);
            assert!(!t.description.is_empty(), "{} has a description", t.name);
        }
        let by_name = |name: &str| *examples.iter().find(|t| t.name == name).unwrap();

        let linear = by_name("linear");
        assert_eq!(linear.topological_order().unwrap(), ["a", "b", "c", "d"]);
        assert!(linear.steps.iter().all(|s| s.handler == "noop"));

        let diamond = by_name("diamond");
        assert_eq!(diamond.step("d").unwrap().depends_on.len(), 2);
        assert_eq!(diamond.ready_steps(|_| None).unwrap(), ["a"]);

        let tree = by_name("tree");
        let leaves = tree
            .steps
            .iter()
            .filter(|s| !tree.steps.iter().any(|o| o.depends_on.contains(&s.name)))
            .count();
        assert!(leaves >= 4, "two branches with leaves each");

        let flaky = by_name("flaky");
        assert!(
            flaky
                .steps
                .iter()
                .any(|s| s.handler == "fail_then_succeed" && s.retry.max_attempts >= 2)
        );

        let fails = by_name("always_fails");
        let step = fails
            .steps
            .iter()
            .find(|s| s.handler == "always_fail")
            .unwrap();
        assert_eq!(step.retry.max_attempts, 2);

        let handlers = example_registry().names();
        let catalog = TemplateCatalog::new(examples.iter().copied(), &handlers);
        assert_eq!(catalog.len(), 5);
        assert!(catalog.templates().iter().all(|t| t.complete));
    }

    #[test]
    fn catalog_filters_and_marks_partial_templates() {
        let t = |name: &str, handlers: &[&str]| {
            let steps: String = handlers
                .iter()
                .enumerate()
                .map(|(i, h)| format!("  - {{name: s{i}, handler: {h}}}\n"))
                .collect();
            Template::load(&format!(
                "namespace: n\nname: {name}\nversion: '1'\nsteps:\n{steps}"
            ))
            .unwrap()
        };
        let templates = [
            t("b", &["x", "y"]),
            t("a", &["x"]),
            t("c", &["z"]),
            t("a", &["y"]),
        ];
        let catalog = TemplateCatalog::new(templates.iter(), &["x".to_owned(), "y".to_owned()]);
        let got: Vec<_> = catalog
            .templates()
            .iter()
            .map(|t| (t.name.as_str(), t.handlers.clone(), t.complete))
            .collect();
        assert_eq!(
            got,
            [
                ("a", vec!["x".to_owned()], true),
                ("b", vec!["x".to_owned(), "y".to_owned()], true),
            ]
        );
        let partial = TemplateCatalog::new(templates.iter(), &["x".to_owned()]);
        assert!(!partial.templates()[1].complete);
        assert!(!partial.is_empty());
    }

    #[test]
    fn bad_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/bad.yaml"), "namespace: n\nsteps: []\n").unwrap();
        std::fs::write(dir.path().join("ignored.txt"), "not yaml").unwrap();
        let err = load_templates(dir.path()).unwrap_err().to_string();
        assert!(err.contains("bad.yaml") && err.contains("steps"), "{err}");
        let missing = TemplateCatalog::load(&dir.path().join("absent"), &[]).unwrap();
        assert!(missing.is_empty());
    }
}
