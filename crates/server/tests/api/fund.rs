//! The Stabilization Fund through the API: `/v1/fund` against the ledger's own fund report,
//! `/v1/fund/transfers` paged in log order, the refusals of fund events as problems, and a
//! charter without a fund.

use axum::http::StatusCode;
use serde_json::{Value, json};
use snapback_engine::fund::report::fund_report;

use crate::schema;
use crate::support::*;

/// The ledger's fund report, straight from the node.
async fn report(s: &Server) -> Value {
    s.state()
        .node()
        .run(|ctx| serde_json::to_value(fund_report(ctx.ledger.state())).unwrap())
        .await
        .unwrap()
}

fn paid_in(transfer: &str, amount: &str, currency: &str) -> Value {
    json!({ "type": "fund.paid_in", "transfer": transfer, "amount": amount, "currency": currency, "reference": format!("payment {transfer}") })
}

fn disbursed(transfer: &str, purpose: &str, amount: &str, reference: &str) -> Value {
    json!({
        "type": "fund.disbursed", "transfer": transfer, "purpose": purpose, "recipient": "UA",
        "amount": amount, "currency": "EUR", "reference": reference,
    })
}

/// Peace mode on `scenarios/charters/fund.toml`: a dollar rate; A and B pay in euros, C in
/// dollars (222.22 × 0.90 = 199.998, rounded to 200.00); D pledges 150.00 and pays 100.00; the
/// manager disburses 50.00 for reconstruction.
async fn paid(name: &str) -> Server {
    let s = Server::start_with(name, FUND).await;
    s.submit(
        "FB",
        json!({ "type": "fund.fx_rate", "currency": "USD", "rate": "0.90" }),
    )
    .await;
    s.submit("A", paid_in("A-PAY-1", "400.00", "EUR")).await;
    s.submit("B", paid_in("B-PAY-1", "300.00", "EUR")).await;
    s.submit("C", paid_in("C-PAY-1", "222.22", "USD")).await;
    s.submit(
        "D",
        json!({ "type": "fund.pledged", "transfer": "D-PLEDGE-1", "amount": "150.00", "currency": "EUR" }),
    )
    .await;
    s.submit("D", paid_in("D-PAY-1", "100.00", "EUR")).await;
    s.submit(
        "FB",
        disbursed("FB-D-1", "reconstruction", "50.00", "Kharkiv grid repair"),
    )
    .await;
    s
}

#[tokio::test]
async fn fund_is_the_ledgers_fund_report_and_is_cached() {
    let s = paid("fund-report").await;
    let first = s.get("/v1/fund").await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    assert_eq!(first.content_type(), "application/json");
    let fund = first.json();
    schema::check(&fund, "FundReport");
    assert_eq!(fund, report(&s).await);
    assert_eq!(fund["name"], "Test Fund");
    assert_eq!(fund["currency"], "EUR");
    assert_eq!(fund["mode"], "peace");
    assert_eq!(fund["modes"], json!([]));
    assert_eq!(
        fund["pools"][0],
        json!({ "pool": "core", "balance": "950.00", "reserved": "0.00", "available": "950.00" })
    );
    assert_eq!(fund["pools"][1]["balance"], "0.00");
    let c = &fund["contributors"][2];
    assert_eq!((&c["id"], &c["paid_in"]), (&json!("C"), &json!("200.00")));
    let d = &fund["contributors"][3];
    assert_eq!(d["pledged"], "150.00");
    assert_eq!(d["pledge_outstanding"], "50.00");
    assert_eq!(d["paid_in"], "100.00");
    assert_eq!(
        fund["purposes"][0],
        json!({ "purpose": "reconstruction", "disbursed": "50.00" })
    );
    assert_eq!(
        fund["recipients"],
        json!([{ "id": "UA", "received": "50.00", "reserved": "0.00" }])
    );
    assert_eq!(fund["rates"][0]["currency"], "USD");
    assert_eq!(fund["rates"][0]["rate"], "0.90");
    assert_eq!(fund["totals"]["balanced"], true);
    assert_eq!(fund["problems"], json!([]));

    // Cached per log size: the same bytes again, until a new entry.
    assert_eq!(
        s.state().cached_fund(),
        Some(Some(first.body.clone())),
        "the answer is cached"
    );
    assert_eq!(s.get("/v1/fund").await.body, first.body);
    s.submit("A", paid_in("A-PAY-2", "10.00", "EUR")).await;
    assert_eq!(s.state().cached_fund(), None);
    let after = s.get("/v1/fund").await.json();
    assert_eq!(after["pools"][0]["balance"], "960.00");
    assert_eq!(after, report(&s).await);

    // The same section is in the whole state, which matches the document with it.
    let state = s.get("/v1/state").await.json();
    schema::check(&state, "Report");
    assert_eq!(state["fund"], after);
    s.stop().await;
}

#[tokio::test]
async fn transfers_are_listed_in_log_order_with_their_iati_codes_and_paged() {
    let s = paid("fund-transfers").await;
    let all = s.get("/v1/fund/transfers").await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.text());
    let all = all.json();
    schema::check(&all, "FundTransfersPage");
    let fund = report(&s).await;
    let total = fund["transfers"].as_u64().unwrap();
    assert_eq!(all["total"], total);
    assert_eq!(
        (&all["from"], &all["limit"], &all["next"]),
        (&json!(0), &json!(100), &Value::Null)
    );
    let list = all["transfers"].as_array().unwrap().clone();
    assert_eq!(list.len() as u64, total);
    for (i, t) in list.iter().enumerate() {
        assert_eq!(t["index"], i, "{t}");
    }
    // A's payment: incoming funds (IATI 1) from its paid-in account into the core pool.
    assert_eq!(
        list[0],
        json!({
            "index": 0, "at": list[0]["at"], "transfer": "A-PAY-1", "code": "paid_in", "iati": 1,
            "debit": "contributor:A:paid-in", "credit": "pool:core", "amount": "400.00",
            "pending": null, "purpose": null, "source": "fund.paid_in", "party": "A",
            "reference": "payment A-PAY-1", "value_date": null, "conversion": null,
        })
    );
    let by_id = |id: &str| {
        list.iter()
            .find(|t| t["transfer"] == id)
            .unwrap_or_else(|| panic!("no transfer {id}"))
            .clone()
    };
    // C paid in dollars: the conversion is recorded with the transfer.
    let c = by_id("C-PAY-1");
    assert_eq!(c["amount"], "200.00");
    assert_eq!(
        c["conversion"],
        json!({ "amount": "222.22", "currency": "USD", "rate": "0.90", "exact": "199.9980", "converted": "200.00" })
    );
    // D's pledge is an incoming commitment (11); its payment settles the pledge (internal).
    assert_eq!(by_id("D-PLEDGE-1")["code"], "pledge");
    assert_eq!(by_id("D-PLEDGE-1")["iati"], 11);
    let settle = by_id("D-PAY-1/settle");
    assert_eq!(
        (&settle["code"], &settle["iati"]),
        (&json!("settlement"), &Value::Null)
    );
    assert_eq!(settle["debit"], "commitments");
    assert_eq!(settle["credit"], "contributor:D:pledged");
    // The disbursement: IATI 3, its purpose and the manager who made it.
    let d = by_id("FB-D-1");
    assert_eq!(
        (&d["code"], &d["iati"]),
        (&json!("disbursement"), &json!(3))
    );
    assert_eq!(
        (&d["debit"], &d["credit"]),
        (&json!("pool:core"), &json!("recipient:UA"))
    );
    assert_eq!(
        (&d["purpose"], &d["party"]),
        (&json!("reconstruction"), &json!("FB"))
    );
    assert_eq!(d["reference"], "Kharkiv grid repair");

    // Pages of 3 follow `next` and add up to the whole list.
    let mut paged = Vec::new();
    let mut from = Some(0u64);
    while let Some(f) = from {
        let page = s
            .get(&format!("/v1/fund/transfers?from={f}&limit=3"))
            .await
            .json();
        schema::check(&page, "FundTransfersPage");
        assert_eq!(
            (&page["from"], &page["limit"], &page["total"]),
            (&json!(f), &json!(3), &json!(total))
        );
        let items = page["transfers"].as_array().unwrap();
        assert!(items.len() <= 3);
        paged.extend(items.iter().cloned());
        from = page["next"].as_u64();
        if from.is_some() {
            assert_eq!(items.len(), 3);
            assert_eq!(from, Some(f + 3));
        }
    }
    assert_eq!(paged, list);
    // Past the end: an empty page.
    let end = s
        .get(&format!("/v1/fund/transfers?from={}", total + 5))
        .await
        .json();
    assert_eq!(end["transfers"], json!([]));
    assert_eq!(end["next"], Value::Null);
    assert_eq!(end["total"], total);

    // A bad query names the parameter at fault.
    for (query, status, code, field) in [
        ("limit=0", 400, "out_of_range", "limit"),
        ("limit=1001", 400, "out_of_range", "limit"),
        ("from=-1", 400, "malformed", "from"),
        ("from=x", 400, "malformed", "from"),
        ("limit=2&limit=3", 400, "malformed", "limit"),
        ("page=2", 400, "malformed", "page"),
    ] {
        let p = s
            .get(&format!("/v1/fund/transfers?{query}"))
            .await
            .problem(status, code);
        assert_eq!(p["field"], field, "{query}: {p}");
    }
    let max = s.get("/v1/fund/transfers?limit=1000").await.json();
    assert_eq!(max["limit"], 1000);
    s.stop().await;
}

/// Submits `event` by `party` and asserts the rules refuse it with `code` (422, documented).
async fn refuse(s: &Server, party: &str, event: Value, code: &str) {
    let reply = s.post_json("/v1/entries", &s.entry(party, event)).await;
    let p = refused(&reply, 422, code);
    assert!(!p["detail"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn refused_fund_events_are_problems_with_their_codes() {
    let s = paid("fund-refusals").await;
    // In peace mode.
    refuse(&s, "B", paid_in("B-PAY-2", "10.00", "GBP"), "no_rate").await;
    refuse(
        &s,
        "A",
        paid_in("A-PAY-1", "401.00", "EUR"),
        "transfer_exists",
    )
    .await;
    refuse(
        &s,
        "FB",
        disbursed("FB-D-2", "military-production-ukraine", "10.00", "shells"),
        "purpose_not_allowed",
    )
    .await;
    refuse(
        &s,
        "FB",
        disbursed("FB-D-3", "reconstruction", "100000.00", "too much"),
        "insufficient_funds",
    )
    .await;
    refuse(
        &s,
        "A",
        disbursed("A-D-1", "reconstruction", "10.00", "not the manager"),
        "not_fund_manager",
    )
    .await;
    refuse(&s, "FB",
        json!({ "type": "fund.disbursed", "transfer": "FB-D-4", "purpose": "reconstruction", "recipient": "UA", "amount": "10.00", "currency": "USD", "reference": "dollars" }),
        "wrong_currency",
    )
    .await;
    // The same payment again is not an error: the log answers with the existing entry, and the
    // books do not change.
    let before = report(&s).await;
    let again = s.entry("A", paid_in("A-PAY-3", "5.00", "EUR"));
    assert_eq!(
        s.post_json("/v1/entries", &again).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        s.post_json("/v1/entries", &again).await.status,
        StatusCode::OK
    );
    assert_eq!(
        report(&s).await["transfers"],
        before["transfers"].as_u64().unwrap() + 1
    );

    // C1 (severity 3) reserves the tranche and activates on three founded votes: conflict mode,
    // the tranche released, the surge called (A 400.00, B 300.00, C 200.00, D 50.00 callable).
    s.submit("UA", claim_filed("C1", 3)).await;
    for p in ["A", "C", "D"] {
        s.submit(p, vote("C1", "founded")).await;
    }
    let fund = s.get("/v1/fund").await.json();
    schema::check(&fund, "FundReport");
    assert_eq!(fund["mode"], "conflict");
    assert_eq!(fund["modes"][0]["activation"], "A1");
    assert_eq!(fund["tranches"][0]["status"], "released");
    let call = &fund["calls"][0];
    assert_eq!(
        (&call["activation"], &call["total"]),
        (&json!("A1"), &json!("950.00"))
    );
    assert_eq!(
        call["shares"][0],
        json!({ "party": "A", "amount": "400.00", "obligation": "A1/surge/A", "status": "pending", "paid_at": null })
    );
    assert_eq!(call["shares"][3]["amount"], "50.00");

    let surge = |transfer: &str, amount: &str, obligation: &str| json!({ "type": "fund.paid_in", "transfer": transfer, "amount": amount, "currency": "EUR", "obligation": obligation });
    refuse(
        &s,
        "A",
        surge("A-S-1", "401.00", "A1/surge/A"),
        "exceeds_call",
    )
    .await;
    refuse(
        &s,
        "B",
        surge("B-S-1", "300.00", "A1/surge/A"),
        "not_your_call",
    )
    .await;
    refuse(
        &s,
        "A",
        surge("A-S-2", "10.00", "A1/sanctions/1"),
        "not_surge_call",
    )
    .await;
    refuse(&s, "C",
        json!({ "type": "obligation.fulfilled", "obligation": "A1/surge/C", "reference": "a report" }),
        "pay_into_fund",
    )
    .await;
    s.submit("A", surge("A-S-1", "400.00", "A1/surge/A")).await;
    let fund = s.get("/v1/fund").await.json();
    assert_eq!(fund["calls"][0]["shares"][0]["status"], "fulfilled");
    assert_eq!(fund["pools"][1]["balance"], "400.00");
    // Budget support: the released tranche (100.00) counts toward the 300.00 cap.
    refuse(
        &s,
        "FB",
        disbursed("FB-BS-1", "budget-support", "250.00", "over the cap"),
        "cap_exceeded",
    )
    .await;
    s.submit(
        "FB",
        disbursed("FB-BS-2", "budget-support", "150.00", "within the cap"),
    )
    .await;
    let fund = s.get("/v1/fund").await.json();
    assert_eq!(fund["totals"]["balanced"], true);
    assert_eq!(fund, report(&s).await);
    s.stop().await;
}

#[tokio::test]
async fn without_a_fund_there_is_no_fund_to_show() {
    let s = Server::start("no-fund").await;
    let p = s.get("/v1/fund").await.problem(404, "no_fund");
    assert!(p["detail"].as_str().unwrap().contains("[fund]"));
    // Cached like an answer: the same problem again.
    assert_eq!(s.state().cached_fund(), Some(None));
    s.get("/v1/fund").await.problem(404, "no_fund");
    s.get("/v1/fund/transfers").await.problem(404, "no_fund");
    s.get("/v1/fund/transfers?from=0&limit=10")
        .await
        .problem(404, "no_fund");
    // The query is read first.
    s.get("/v1/fund/transfers?limit=0")
        .await
        .problem(400, "out_of_range");
    // A fund event is refused by the rules.
    let reply = s
        .post_json(
            "/v1/entries",
            &s.entry("A", paid_in("A-PAY-1", "1.00", "EUR")),
        )
        .await;
    refused(&reply, 422, "no_fund");
    let state = s.get("/v1/state").await.json();
    assert!(state.get("fund").is_none(), "{state}");
    s.stop().await;
}
