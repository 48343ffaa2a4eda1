//! Which fund the reports speak of.

/// The fund of the charter version in force at the state's latest instant (the last version
/// before any entry), as the fund report picks it.
pub fn fund_in_force(state: &snapback_engine::State) -> Option<&snapback_charter::Fund> {
    let history = state.history();
    state
        .as_of
        .and_then(|t| history.in_force(t))
        .or_else(|| history.versions().last())
        .and_then(|c| c.fund.as_ref())
}

/// Whether there is a fund to report on: the charter sets one up, or something happened in one.
pub fn has_fund(state: &snapback_engine::State) -> bool {
    fund_in_force(state).is_some() || !state.fund.is_empty()
}
