//! `GET /capabilities/training`: throughput against capacity per centre.

use super::*;

// ---------------------------------------------------------------------------------------------
// GET /capabilities/training
// ---------------------------------------------------------------------------------------------

/// Per centre: its monthly capacity (an outlined bar) and the trainees started in the last 30
/// days (a filled bar over it).
pub(super) fn training_chart(r: &CapabilitiesReport) -> String {
    const W: f64 = 720.0;
    const LABEL: f64 = 150.0;
    const BARS: f64 = 460.0;
    const ROW: f64 = 30.0;
    if r.training.is_empty() {
        return r#"<p id="training-chart-empty" class="empty">The charter names no training centre.</p>"#.to_owned();
    }
    let max = r
        .training
        .iter()
        .map(|c| c.capacity_per_month.max(c.started_last_30d))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let height = r.training.len() as f64 * ROW + 8.0;
    let mut s = format!(
        r#"<ul class="legend" aria-label="Legend"><li><span class="swatch bar-capacity" aria-hidden="true"></span>capacity per month (outline)</li><li><span class="swatch bar-started" aria-hidden="true"></span>started in the last 30 days (filled)</li></ul><div class="chart-scroll"><svg id="training-chart" class="chart chart-wide" viewBox="0 0 {W} {height:.0}" role="img" aria-labelledby="training-chart-title training-chart-desc" xmlns="http://www.w3.org/2000/svg"><title id="training-chart-title">Trainees started in the last 30 days against monthly capacity</title><desc id="training-chart-desc">For each training centre an outlined bar for its monthly capacity and a filled bar over it for the trainees started in the last 30 days, with both figures at the end. The centres table gives the same figures.</desc>"#
    );
    for (i, c) in r.training.iter().enumerate() {
        let y = i as f64 * ROW + 4.0;
        let cap = BARS * c.capacity_per_month as f64 / max;
        let started = BARS * c.started_last_30d as f64 / max;
        let percent = c
            .utilisation_percent
            .as_ref()
            .map(|p| format!(" ({p}%)"))
            .unwrap_or_default();
        let _ = write!(
            s,
            r#"<g data-centre="{id}"><title>{id}: {started_n} started in the last 30 days of {cap_n} a month{percent}</title><text x="0" y="{ty:.1}">{id}</text><rect class="bar-capacity" x="{LABEL}" y="{y:.1}" width="{cap:.1}" height="20"/><rect class="bar-started" x="{LABEL}" y="{inner:.1}" width="{started:.1}" height="12"/><text class="value" x="{tx:.1}" y="{ty:.1}">{started_n} / {cap_n}</text></g>"#,
            id = escape(c.centre.as_str()),
            started_n = units(c.started_last_30d),
            cap_n = units(c.capacity_per_month),
            percent = escape(&percent),
            ty = y + 15.0,
            inner = y + 4.0,
            tx = LABEL + cap.max(started) + 6.0,
        );
    }
    s.push_str("</svg></div>");
    s
}

pub(super) fn training_main(r: &CapabilitiesReport, names: &Names) -> String {
    let mut centres = table_head(
        "centres",
        "Training centres",
        &[
            ("Centre", false),
            ("Capacity per month", true),
            ("Started, last 30 days", true),
            ("Started", true),
            ("Completed", true),
            ("In training", true),
        ],
    );
    for c in &r.training {
        let name = c.name.as_deref().unwrap_or(c.centre.as_str());
        let percent = c
            .utilisation_percent
            .as_ref()
            .map(|p| format!(r#"<div class="meta">{}% of capacity</div>"#, escape(p)))
            .unwrap_or_default();
        let _ = write!(
            centres,
            r#"<tr data-centre="{id}"><th scope="row">{name}<div class="meta">{id} &middot; host {host}</div></th><td class="num">{cap}</td><td class="num" data-started="{raw}">{started}{percent}</td><td class="num">{all}</td><td class="num">{completed}</td><td class="num">{in_training}</td></tr>"#,
            id = escape(c.centre.as_str()),
            name = escape(name),
            host = escape(&names.party(c.host.as_str())),
            cap = units(c.capacity_per_month),
            raw = c.started_last_30d,
            started = units(c.started_last_30d),
            all = units(c.started),
            completed = units(c.completed),
            in_training = units(c.in_training),
        );
    }
    if r.training.is_empty() {
        empty_row(&mut centres, 6, "The charter names no training centre.");
    }
    centres.push_str(TABLE_END);
    let mut cohorts = table_head(
        "cohorts",
        "Cohorts",
        &[
            ("Cohort", false),
            ("Trainees", true),
            ("Started", false),
            ("Completed", false),
            ("Status", false),
        ],
    );
    let mut any = false;
    let all_cohorts = r
        .training
        .iter()
        .flat_map(|c| c.cohorts.iter().map(move |k| (c, k)));
    for (c, k) in all_cohorts.take(crate::dashboard::ROWS_MAX) {
        {
            any = true;
            let status = if k.completed_at.is_some() {
                "completed"
            } else {
                "in_training"
            };
            let completed = match (k.completed, k.completed_at) {
                (Some(n), Some(at)) => format!("{} {}", units(n), time(at)),
                _ => "&mdash;".to_owned(),
            };
            let _ = write!(
                cohorts,
                r#"<tr data-cohort="{id}" data-centre="{centre}" data-status="{status}"><td>{id}<div class="meta">{centre}</div></td><td class="num">{trainees}</td><td>{started}</td><td>{completed}</td><td>{badge}</td></tr>"#,
                id = escape(k.cohort.as_str()),
                centre = escape(c.centre.as_str()),
                trainees = units(k.trainees),
                started = time(k.started_at),
                badge = badge(status),
            );
        }
    }
    if !any {
        empty_row(&mut cohorts, 5, "No cohort has started.");
    }
    cohorts.push_str(TABLE_END);
    cohorts.push_str(&crate::dashboard::rows_note(
        r.training.iter().map(|c| c.cohorts.len()).sum(),
        "/v1/capabilities/training",
    ));
    let mut m = section(
        "training-chart-section",
        "Throughput against capacity",
        &training_chart(r),
    );
    m.push_str(&section("centres-section", "Centres", &centres));
    m.push_str(&section("cohorts-section", "Cohorts", &cohorts));
    m
}
