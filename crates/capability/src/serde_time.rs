//! Timestamps serialized as RFC 3339 UTC strings, as the rest of snapback writes them, without
//! enabling jiff's `serde` feature for the whole workspace.

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
