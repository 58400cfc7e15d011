//! Page tokens (`page_token` / `next_page_token`), one format for every list
//! of every process.
//!
//! A token is opaque to clients: URL-safe base64 (no padding) of the list's
//! kind, `:`, and the position to continue after — a key of one or more
//! parts (joined by U+001F, which no key contains), or an offset for lists
//! ranked by something that changes with time. A token of another list, or
//! one that is not a token at all, is refused rather than read as a
//! position.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Separates the parts of a composite key.
const PART_SEPARATOR: char = '\u{1f}';

/// A `page_token` that this list did not hand out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("page_token: not a token returned by this list; start again without it")]
pub struct InvalidPageToken;

/// The token of a keyset position in the list `kind`.
pub fn encode(kind: &str, key: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{kind}:{key}"))
}

/// The token of a position given by several key parts.
pub fn encode_parts(kind: &str, parts: &[&str]) -> String {
    encode(kind, &parts.join(&PART_SEPARATOR.to_string()))
}

/// The token of an offset into a ranked list.
pub fn encode_offset(kind: &str, offset: usize) -> String {
    encode(kind, &offset.to_string())
}

/// The position in a token of the list `kind`; an empty token (the first
/// page) is `None`.
///
/// # Errors
/// [`InvalidPageToken`] for a token that is not one of `kind`'s.
pub fn decode(kind: &str, token: &str) -> Result<Option<String>, InvalidPageToken> {
    if token.is_empty() {
        return Ok(None);
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(token)
        .map_err(|_| InvalidPageToken)?;
    let text = String::from_utf8(bytes).map_err(|_| InvalidPageToken)?;
    text.strip_prefix(kind)
        .and_then(|rest| rest.strip_prefix(':'))
        .map(|key| Some(key.to_owned()))
        .ok_or(InvalidPageToken)
}

/// The `N` key parts in a token of the list `kind`.
///
/// # Errors
/// [`InvalidPageToken`] for a token that is not one of `kind`'s or holds
/// another number of parts.
pub fn decode_parts<const N: usize>(
    kind: &str,
    token: &str,
) -> Result<Option<[String; N]>, InvalidPageToken> {
    let Some(key) = decode(kind, token)? else {
        return Ok(None);
    };
    let parts: Vec<String> = key.split(PART_SEPARATOR).map(str::to_owned).collect();
    parts.try_into().map(Some).map_err(|_| InvalidPageToken)
}

/// The number in a token of the list `kind` (an offset or a numeric key).
///
/// # Errors
/// [`InvalidPageToken`] for a token that is not one of `kind`'s or holds no
/// number of type `T`.
pub fn decode_number<T: std::str::FromStr>(
    kind: &str,
    token: &str,
) -> Result<Option<T>, InvalidPageToken> {
    decode(kind, token)?
        .map(|key| key.parse().map_err(|_| InvalidPageToken))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_refuse_foreign_ones() {
        let token = encode("tasks", "0190");
        assert_eq!(decode("tasks", &token), Ok(Some("0190".to_owned())));
        assert_eq!(decode("steps", &token), Err(InvalidPageToken));
        assert_eq!(decode("tasks", "!!!"), Err(InvalidPageToken));
        assert_eq!(decode("tasks", ""), Ok(None));
        // A kind that is a prefix of another is still another kind.
        assert_eq!(decode("task", &token), Err(InvalidPageToken));
    }

    #[test]
    fn composite_keys_and_offsets() {
        let token = encode_parts("templates", &["ns", "name/with:slash", "1.0.0"]);
        assert_eq!(
            decode_parts::<3>("templates", &token),
            Ok(Some([
                "ns".into(),
                "name/with:slash".into(),
                "1.0.0".into()
            ]))
        );
        assert_eq!(
            decode_parts::<2>("templates", &token),
            Err(InvalidPageToken)
        );
        assert_eq!(decode_parts::<3>("templates", ""), Ok(None));
        let offset = encode_offset("queue", 40);
        assert_eq!(decode_number::<usize>("queue", &offset), Ok(Some(40)));
        assert_eq!(
            decode_number::<usize>("queue", &encode("queue", "x")),
            Err(InvalidPageToken)
        );
        assert_eq!(decode_number::<i64>("steps", ""), Ok(None));
    }
}
