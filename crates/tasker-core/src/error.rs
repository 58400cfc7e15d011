//! The domain error type, and the [`Violation`] that template validation
//! reports.

use std::fmt;

/// Everything that can go wrong in the domain layer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CoreError {
    /// A stored or transmitted state name is not one of the machine's states.
    #[error("unknown {machine} state {value:?}")]
    UnknownState {
        /// Which machine: `task` or `step`.
        machine: &'static str,
        /// The text that did not match.
        value: String,
    },

    /// A stored or transmitted event name is not one of the machine's events.
    #[error("unknown {machine} event {value:?}")]
    UnknownEvent {
        /// Which machine: `task` or `step`.
        machine: &'static str,
        /// The text that did not match.
        value: String,
    },

    /// The event is not accepted in the current state. The message names what
    /// was attempted and, for a state that is not final, which events it does
    /// accept; for example `cannot cancel a task in state complete (complete is
    /// a final state)`.
    #[error(
        "cannot {action} a {machine} in state {from} ({})",
        accepted_hint(.from, .accepted)
    )]
    IllegalTransition {
        /// Which machine: `task` or `step`.
        machine: &'static str,
        /// The state the entity was in (storage name).
        from: &'static str,
        /// The refused event (storage name).
        event: &'static str,
        /// What the event does, as a verb phrase (`cancel`, `claim`, ...).
        action: &'static str,
        /// Storage names of the events the state does accept; empty for a final
        /// state.
        accepted: Vec<&'static str>,
    },

    /// A template is malformed or breaks a rule. Every problem found is listed.
    #[error("invalid template: {}", join_violations(.violations))]
    InvalidTemplate {
        /// Every problem found, in document order.
        violations: Vec<Violation>,
    },

    /// A duration string could not be read.
    #[error("invalid duration {value:?}: {reason}")]
    InvalidDuration {
        /// The text that was given.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
}

fn accepted_hint(from: &str, accepted: &[&str]) -> String {
    if accepted.is_empty() {
        format!("{from} is a final state")
    } else {
        format!("{from} accepts: {}", accepted.join(", "))
    }
}

fn join_violations(violations: &[Violation]) -> String {
    match violations {
        [] => "no details".to_owned(),
        [only] => only.to_string(),
        many => {
            let list: Vec<String> = many.iter().map(ToString::to_string).collect();
            format!("{} problems: {}", many.len(), list.join("; "))
        }
    }
}

/// One problem found in a template: where it is and what is wrong.
///
/// `field` is a path into the template such as `steps[2].depends_on[0]`
/// (empty when the problem concerns the document as a whole), so the pair maps
/// directly onto `google.rpc.BadRequest.FieldViolation`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Violation {
    /// Path of the offending field, e.g. `steps[2].depends_on[0]`.
    pub field: String,
    /// What is wrong, in words a template author can act on.
    pub description: String,
    /// Position in the YAML source, for syntax and type errors.
    pub location: Option<SourceLocation>,
}

impl Violation {
    /// A violation of `field` without a source position.
    pub fn new(field: impl Into<String>, description: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            description: description.into(),
            location: None,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.description)
        } else {
            write!(f, "{}: {}", self.field, self.description)
        }
    }
}

/// A position in a source document, both counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SourceLocation {
    /// Line number, from 1.
    pub line: usize,
    /// Column number, from 1.
    pub column: usize,
}

impl fmt::Display for SourceLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn illegal_transition_messages_say_what_to_do() {
        let err = CoreError::IllegalTransition {
            machine: "task",
            from: "complete",
            event: "cancel",
            action: "cancel",
            accepted: vec![],
        };
        assert_eq!(
            err.to_string(),
            "cannot cancel a task in state complete (complete is a final state)"
        );
        let err = CoreError::IllegalTransition {
            machine: "step",
            from: "pending",
            event: "claim",
            action: "claim",
            accepted: vec!["enqueue", "cancel"],
        };
        assert_eq!(
            err.to_string(),
            "cannot claim a step in state pending (pending accepts: enqueue, cancel)"
        );
    }

    #[test]
    fn template_errors_list_every_violation() {
        let one = CoreError::InvalidTemplate {
            violations: vec![Violation::new("name", "must not be empty")],
        };
        assert_eq!(one.to_string(), "invalid template: name: must not be empty");
        let two = CoreError::InvalidTemplate {
            violations: vec![
                Violation::new("name", "must not be empty"),
                Violation::new("", "document is empty"),
            ],
        };
        assert_eq!(
            two.to_string(),
            "invalid template: 2 problems: name: must not be empty; document is empty"
        );
    }
}
