//! The fund page's sections: mode, contributors, calls, purposes, recipients, tranches, rates
//! and transfers.

use super::*;

pub(super) fn mode_section(r: &FundReport, fund: Option<&Fund>) -> String {
    let mode = r.mode.name();
    let since = match r.modes.last() {
        Some(m) => {
            let by = m
                .activation
                .as_ref()
                .map(|a| format!(" (activation {})", escape(a.as_str())))
                .unwrap_or_default();
            format!("since {}{by}", time(m.at))
        }
        None => "since the start of the log".to_owned(),
    };
    let mut s = format!(
        r#"<section id="fund-mode" class="panel mode" data-mode="{mode}" aria-labelledby="fund-mode-h"><h2 id="fund-mode-h" class="mode-name">Mode: {badge}</h2><p>In {mode} mode {since}.</p>"#,
        badge = mode_badge(r.mode),
    );
    if let Some(f) = fund {
        let _ = write!(
            s,
            r#"<p>May disburse now for: {}.</p><p class="note">An activation whose package carries a funds obligation moves the fund to conflict mode (and calls the surge, if the charter sets one); it returns to peace mode after {} without such an activation ({}). In peace mode it disburses for {}; in conflict mode for {}, from the surge pool first.</p>"#,
            purposes_text(f.purposes(r.mode)),
            escape(&f.quiet_period.to_string()),
            escape(&f.article.to_string()),
            purposes_text(&f.peace_purposes),
            purposes_text(&f.conflict_purposes),
        );
    }
    s.push_str(r#"<h3>Mode history</h3><ol id="mode-history" class="timeline">"#);
    let first = r.modes.first().map_or(r.mode, |m| match m.mode {
        FundMode::Peace => FundMode::Conflict,
        FundMode::Conflict => FundMode::Peace,
    });
    let _ = write!(
        s,
        r#"<li data-mode="{m}"><span class="kind">{m}</span> &middot; from the start of the log</li>"#,
        m = first.name()
    );
    // The latest changes, if there have been more than a page holds.
    for m in r
        .modes
        .iter()
        .skip(r.modes.len().saturating_sub(crate::dashboard::ROWS_MAX))
    {
        let why = match &m.activation {
            Some(a) => format!(
                "activation {} moved the fund to conflict mode",
                escape(a.as_str())
            ),
            None => "the quiet period ended without a new activation".to_owned(),
        };
        let _ = write!(
            s,
            r#"<li data-mode="{mode}"><span class="kind">{mode}</span> &middot; {at}<br>{why}</li>"#,
            mode = m.mode.name(),
            at = time(m.at),
        );
    }
    s.push_str("</ol>");
    s.push_str(&crate::dashboard::rows_note(r.modes.len(), "/v1/fund"));
    s.push_str("</section>");
    s
}

pub(super) fn contributors_section(r: &FundReport, names: &Names, currency: &str) -> String {
    let mut s = contributors_chart(&r.contributors, names, currency);
    s.push_str(&table_head(
        "contributors",
        &format!("Contributors, in {currency}"),
        &[
            ("Contributor", false),
            ("Key (share)", true),
            ("Subscribed", true),
            ("Pledged", true),
            ("Paid in", true),
            ("Callable", true),
            ("Surge called", true),
            ("Surge paid", true),
            ("Outstanding", true),
        ],
    ));
    for c in &r.contributors {
        let key = match (c.key, c.share) {
            (Some(k), Some(share)) => format!("{} ({})", escape(&k.to_string()), percent(share)),
            (Some(k), None) => escape(&k.to_string()),
            _ => "&mdash;".to_owned(),
        };
        let outstanding = c.call_outstanding + c.pledge_outstanding;
        let _ = write!(
            s,
            r#"<tr data-party="{id}"><th scope="row">{name}</th><td class="num">{key}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num" data-outstanding="{raw}">{}</td></tr>"#,
            opt_amount(c.subscribed),
            amount(c.pledged),
            amount(c.paid_in),
            opt_amount(c.callable),
            amount(c.called),
            amount(c.call_paid),
            amount(outstanding),
            id = escape(c.id.as_str()),
            name = escape(&names.party(c.id.as_str())),
            raw = escape(&outstanding.to_string()),
        );
    }
    if r.contributors.is_empty() {
        empty_row(&mut s, 9, "No contributor.");
    }
    s.push_str(TABLE_END);
    s.push_str(r#"<p class="note">Paid in: every payment, surge payments included. Outstanding: surge calls and pledges not yet paid.</p>"#);
    s
}

pub(super) fn call_block(c: &CallReport, names: &Names, currency: &str) -> String {
    let paid = c
        .shares
        .iter()
        .filter(|s| {
            matches!(
                s.status,
                Some(ObligationStatus::Fulfilled | ObligationStatus::Late)
            )
        })
        .count();
    let open = c
        .shares
        .iter()
        .any(|s| matches!(s.status, Some(ObligationStatus::Pending) | None));
    // While a share is not yet due, the due instant counts down.
    let due = if open {
        super::super::legacy::deadline(c.due)
    } else {
        time(c.due)
    };
    let mut s = format!(
        r#"<section class="call" data-activation="{a}" aria-labelledby="call-{a}-h"><h3 id="call-{a}-h">Surge call of activation {a}: {currency} {total}</h3><p class="meta">Called {at}, due {due} &middot; {paid} of {n} shares paid</p><ul class="items">"#,
        a = escape(c.activation.as_str()),
        currency = escape(currency),
        total = amount(c.total),
        at = time(c.at),
        n = c.shares.len(),
    );
    for share in &c.shares {
        let status = share_status(share.status);
        let when = match share.paid_at {
            Some(at) => format!(" &middot; paid {}", time(at)),
            None => String::new(),
        };
        let _ = write!(
            s,
            r#"<li data-obligation="{o}" data-party="{p}" data-status="{status}"><p class="item-title">{name} {badge}</p><p class="meta">{currency} {amount} &middot; obligation {o}{when}</p></li>"#,
            o = escape(share.obligation.as_str()),
            p = escape(share.party.as_str()),
            name = escape(&names.party(share.party.as_str())),
            badge = badge(status),
            currency = escape(currency),
            amount = amount(share.amount),
        );
    }
    s.push_str("</ul></section>");
    s
}

pub(super) fn calls_section(r: &FundReport, names: &Names, currency: &str) -> String {
    let mut s = String::from(r#"<div id="calls">"#);
    for c in r.calls.iter().rev().take(crate::dashboard::ROWS_MAX) {
        s.push_str(&call_block(c, names, currency));
    }
    if r.calls.is_empty() {
        s.push_str(r#"<p class="empty">No surge has been called.</p>"#);
    }
    s.push_str("</div>");
    s.push_str(&crate::dashboard::rows_note(r.calls.len(), "/v1/fund"));
    s.push_str(r#"<p class="note">Each share is an obligation of its contributor, met by paying it into the surge pool. Paid: on time. Late: paid after the due instant. Overdue: the due instant passed unpaid. Pending: not yet due.</p>"#);
    s
}

pub(super) fn purposes_section(r: &FundReport, currency: &str) -> String {
    let mut s = table_head(
        "purposes",
        &format!("Disbursed by purpose, in {currency}"),
        &[("Purpose", false), ("Disbursed", true)],
    );
    for p in &r.purposes {
        let _ = write!(
            s,
            r#"<tr data-purpose="{id}"><th scope="row">{id}</th><td class="num">{}</td></tr>"#,
            amount(p.disbursed),
            id = escape(&p.purpose),
        );
    }
    if r.purposes.is_empty() {
        empty_row(&mut s, 2, "No purpose.");
    }
    s.push_str(TABLE_END);
    s
}

pub(super) fn recipients_section(r: &FundReport, names: &Names, currency: &str) -> String {
    let mut s = table_head(
        "recipients",
        &format!("Recipients, in {currency}"),
        &[("Recipient", false), ("Received", true), ("Reserved", true)],
    );
    for p in r.recipients.iter().take(crate::dashboard::ROWS_MAX) {
        let _ = write!(
            s,
            r#"<tr data-recipient="{id}"><th scope="row">{name}</th><td class="num">{}</td><td class="num">{}</td></tr>"#,
            amount(p.received),
            amount(p.reserved),
            id = escape(&p.id),
            name = escape(&names.party(&p.id)),
        );
    }
    if r.recipients.is_empty() {
        empty_row(&mut s, 3, "Nothing has been disbursed yet.");
    }
    s.push_str(TABLE_END);
    s.push_str(&crate::dashboard::rows_note(r.recipients.len(), "/v1/fund"));
    s
}

pub(super) fn tranches_section(r: &FundReport, names: &Names, currency: &str) -> String {
    let mut s = table_head(
        "tranches",
        &format!("Tranches, in {currency}"),
        &[
            ("Claim", false),
            ("Recipient and purpose", false),
            ("Amount", true),
            ("Reserved", false),
            ("Status", false),
        ],
    );
    for t in r.tranches.iter().rev().take(crate::dashboard::ROWS_MAX) {
        let status = tranche_status(t.status);
        let resolved = match (t.resolved_at, &t.activation) {
            (Some(at), Some(a)) => format!(
                r#"<div class="meta">{} {} (activation {})</div>"#,
                status,
                time(at),
                escape(a.as_str())
            ),
            (Some(at), None) => format!(r#"<div class="meta">{status} {}</div>"#, time(at)),
            _ => String::new(),
        };
        let _ = write!(
            s,
            r#"<tr data-claim="{id}" data-status="{status}"><td>{link}</td><td>{recipient}<div class="meta">{purpose}</div></td><td class="num">{}</td><td>{}{resolved}</td><td>{}</td></tr>"#,
            amount(t.amount),
            time(t.reserved_at),
            badge(status),
            id = escape(t.claim.as_str()),
            link = super::super::legacy::claim_link(t.claim.as_str()),
            recipient = escape(&names.party(&t.recipient)),
            purpose = escape(&t.purpose),
        );
    }
    if r.tranches.is_empty() {
        empty_row(&mut s, 5, "No tranche has been reserved.");
    }
    s.push_str(TABLE_END);
    s.push_str(&crate::dashboard::rows_note(r.tranches.len(), "/v1/fund"));
    s.push_str(r#"<p class="note">A tranche is reserved when a claim is filed, released to its recipient when the claim's activation moves the fund to conflict mode, and voided (returned to the core pool) otherwise.</p>"#);
    s
}

pub(super) fn rates_section(r: &FundReport, currency: &str) -> String {
    let mut s = table_head(
        "rates",
        &format!("Latest exchange rates into {currency}"),
        &[("Currency", false), ("Rate", true), ("Recorded", false)],
    );
    for rate in &r.rates {
        let _ = write!(
            s,
            r#"<tr data-currency="{c}"><th scope="row">{c}</th><td class="num">{}</td><td>{}</td></tr>"#,
            escape(&rate.rate.to_string()),
            time(rate.at),
            c = escape(&rate.currency),
        );
    }
    if r.rates.is_empty() {
        empty_row(&mut s, 3, "No exchange rate has been recorded.");
    }
    s.push_str(TABLE_END);
    let _ = write!(
        s,
        r#"<p class="note">The rate is how many units of {} one unit of the currency buys; money paid in another currency is converted at the latest rate and rounded once, half to even.</p>"#,
        escape(currency)
    );
    s
}

pub(super) fn transfers_section(v: &FundView, names: &Names, currency: &str) -> String {
    let mut s = table_head(
        "transfers",
        &format!(
            "The latest transfers ({} of {}), in {currency}",
            v.recent.len(),
            v.transfer_total
        ),
        &[
            ("When", false),
            ("Movement", false),
            ("From and to", false),
            ("Amount", true),
            ("Reference", false),
        ],
    );
    for r in &v.recent {
        let t = &r.transfer;
        let by = r
            .party
            .as_ref()
            .map(|p| format!(" by {}", escape(&names.party(p.as_str()))))
            .unwrap_or_default();
        let purpose = t
            .purpose
            .as_ref()
            .map(|p| format!(" &middot; {}", escape(p.as_str())))
            .unwrap_or_default();
        let converted = r
            .conversion
            .as_ref()
            .map(|c| {
                format!(
                    r#"<div class="meta">{} {} at {}</div>"#,
                    escape(&c.currency),
                    escape(&group_digits(&c.amount.to_string())),
                    escape(&c.rate.to_string())
                )
            })
            .unwrap_or_default();
        let _ = write!(
            s,
            r#"<tr data-transfer="{id}" data-code="{code}"><td>{at}</td><td>{code_text}<div class="meta">{source}{by}{purpose}</div></td><td><code>{debit}</code> &rarr; <code>{credit}</code></td><td class="num">{}{converted}</td><td>{reference}<div class="meta">{id}</div></td></tr>"#,
            amount(t.amount),
            id = escape(t.transfer.as_str()),
            code = t.code.name(),
            code_text = escape(&t.code.name().replace('_', " ")),
            at = time(r.at),
            source = escape(r.source),
            debit = escape(&t.debit),
            credit = escape(&t.credit),
            reference = r.reference.as_deref().map(escape).unwrap_or_default(),
        );
    }
    if v.recent.is_empty() {
        empty_row(&mut s, 5, "No money has moved yet.");
    }
    s.push_str(TABLE_END);
    s.push_str(r#"<p class="note">Every movement is a double-entry transfer: one account debited, another credited by the same amount. All of them, with their IATI transaction types: <a href="/v1/fund/transfers"><code>GET /v1/fund/transfers</code></a>; the figures on this page: <a href="/v1/fund"><code>GET /v1/fund</code></a>.</p>"#);
    s
}
