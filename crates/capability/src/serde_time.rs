//! Timestamps serialized as RFC 3339 UTC strings, as the rest of snapback writes them, without
//! enabling jiff's `serde` feature for the whole workspace.
//!
//! `snapback_charter::time` has the same two serialisers; they are repeated here on purpose:
//! this crate knows no charter (its arithmetic is independent of it), and six lines of
//! formatting are cheaper than a dependency that would say otherwise.

use jiff::Timestamp;
use serde::Serializer;

pub(crate) fn instant<S: Serializer>(at: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(at)
}

pub(crate) fn option_instant<S: Serializer>(
    at: &Option<Timestamp>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => serializer.collect_str(at),
        None => serializer.serialize_none(),
    }
}
