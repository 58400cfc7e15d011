//! Identifiers. Every entity is named by a UUIDv7: time-ordered, so new rows
//! land at the end of primary-key indexes and ids sort by creation time.

use uuid::Uuid;

/// A new time-ordered identifier.
pub fn new_uuid() -> Uuid {
    Uuid::now_v7()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_version_7_and_ordered() {
        let a = new_uuid();
        let b = new_uuid();
        assert_eq!(a.get_version_num(), 7);
        assert!(a < b, "{a} should sort before {b}");
    }
}
