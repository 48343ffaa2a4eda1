//! PostgreSQL for tests: in CI (`CI=true`) the local server at 127.0.0.1:5432 unless
//! `SNAPBACK_TEST_DATABASE_URL` names another; elsewhere only when that variable is set.

use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub fn postgres_url() -> Option<String> {
    if let Ok(url) = std::env::var("SNAPBACK_TEST_DATABASE_URL") {
        return Some(url);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        return Some("postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    }
    eprintln!(
        "PostgreSQL tests skipped: set SNAPBACK_TEST_DATABASE_URL=postgres://... to run them"
    );
    None
}

/// A fresh database, dropped with this guard.
#[derive(Debug)]
pub struct TempDatabase {
    admin_url: String,
    name: String,
    pub url: String,
}

impl TempDatabase {
    pub fn create(admin_url: &str) -> Self {
        let name = format!(
            "snapback_cli_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let mut admin =
            postgres::Client::connect(admin_url, postgres::NoTls).expect("connect to PostgreSQL");
        admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .expect("drop a leftover database");
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create database");
        let prefix = admin_url.split('?').next().unwrap_or(admin_url);
        let prefix = prefix.rsplit_once('/').map_or(prefix, |(p, _)| p);
        Self {
            admin_url: admin_url.to_owned(),
            url: format!("{prefix}/{name}"),
            name,
        }
    }
}

impl Drop for TempDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = postgres::Client::connect(&self.admin_url, postgres::NoTls) {
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}
