//! Leadership over PostgreSQL: the one `lease` row that decides which of several `serve`
//! processes sharing a database may write, as `snapback_cluster` specifies it (its crate docs
//! give the mapping this module implements).
//!
//! * [`PgLease::acquire`] acquires or renews in one statement, on the **database's** clock
//!   (`now()`): granted only when the lease has expired or is already the caller's, and a new
//!   holder gets the token plus one (`snapback_cluster::Lease::acquire`, which the fault
//!   simulator runs, decides exactly so).
//! * The **fence**: a store opened with [`crate::PgMode::Fenced`] checks, inside every append
//!   transaction and before its inserts, that the lease's token is still its own
//!   (`SELECT token FROM lease FOR SHARE`), and refuses with [`StoreError::Fenced`] otherwise. A
//!   leader that was paused, partitioned or whose clock jumped, and still thinks it leads,
//!   cannot append once another process holds the lease; `FOR SHARE` makes a concurrent acquire
//!   wait for an append in flight to commit.
//!
//! * Every fenced write also notifies the channel `snapback_log` (delivered at commit), which
//!   [`PgWatch`] listens on: followers learn of a commit at once, and poll as a fallback.
//!
//! The lease runs on its own connection, so renewing never waits behind a large append.

use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, NoTls};

use crate::{StoreError, to_i64, to_u64};

/// How long data sent on a cluster's connection (the lease, the watch, a fenced leader's store)
/// may stay unacknowledged before the connection is given up: a partitioned leader must notice
/// it cannot renew, rather than wait on a dead link for the kernel's default of many minutes.
/// The database answering slowly does not count: the peer's kernel acknowledges at once.
pub const UNACKED_MAX: std::time::Duration = std::time::Duration::from_secs(2);

/// Connects to `url` with [`UNACKED_MAX`] as the TCP user timeout and the connect timeout.
pub(crate) fn connect_bounded(url: &str) -> Result<Client, StoreError> {
    let mut config: postgres::Config = url.parse()?;
    config
        .tcp_user_timeout(UNACKED_MAX)
        .connect_timeout(UNACKED_MAX);
    Ok(config.connect(NoTls)?)
}

/// The lease table: one row (its `id` is always true). The holder stays after the lease
/// expires, so the next holder's token is larger than every earlier one.
pub(crate) const LEASE_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS lease (
    id      BOOLEAN PRIMARY KEY DEFAULT true CHECK (id),
    holder  TEXT,
    address TEXT,
    token   BIGINT NOT NULL DEFAULT 0,
    expires TIMESTAMPTZ NOT NULL DEFAULT '-infinity'
);
INSERT INTO lease (id) VALUES (true) ON CONFLICT (id) DO NOTHING;
";

/// A lease granted to this process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Granted {
    /// The fencing token every append under this lease carries.
    pub token: u64,
    /// How long the lease runs from the database's `now()` when it was granted, in
    /// milliseconds (the duration asked for).
    pub millis: u64,
}

/// The lease as the database holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaseState {
    /// The process granted it last (it stays after expiry).
    pub holder: Option<String>,
    /// Where that process serves (its base URL), for followers to name the leader.
    pub address: Option<String>,
    pub token: u64,
    /// Milliseconds until it expires on the database's clock; 0 when it has.
    pub remaining_millis: u64,
}

impl LeaseState {
    /// The holder while the lease runs.
    pub fn leader(&self) -> Option<&str> {
        (self.remaining_millis > 0)
            .then_some(self.holder.as_deref())
            .flatten()
    }
}

/// A connection that acquires, renews, reads and gives up the lease.
pub struct PgLease {
    client: Client,
}

impl std::fmt::Debug for PgLease {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgLease").finish_non_exhaustive()
    }
}

impl PgLease {
    /// Connects to `url` and creates the lease row if there is none.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let mut client = connect_bounded(url)?;
        client.batch_execute(LEASE_SCHEMA)?;
        Ok(Self { client })
    }

    /// Acquires the lease for `me` (serving at `address`) for `millis` milliseconds, or renews
    /// it if `me` holds it. `None`: another process holds a lease that has not expired.
    pub fn acquire(
        &mut self,
        me: &str,
        address: &str,
        millis: u64,
    ) -> Result<Option<Granted>, StoreError> {
        let row = self.client.query_opt(
            "UPDATE lease \
                SET token = CASE WHEN holder = $1 THEN token ELSE token + 1 END, \
                    holder = $1, address = $2, \
                    expires = now() + make_interval(secs => $3::float8 / 1000.0) \
              WHERE expires <= now() OR holder = $1 \
             RETURNING token",
            &[&me, &address, &(to_i64(millis) as f64)],
        )?;
        row.map(|r| {
            Ok(Granted {
                token: to_u64(r.get::<_, i64>(0))?,
                millis,
            })
        })
        .transpose()
    }

    /// Gives the lease up at once (a clean shutdown), if `me` still holds it under `token`: the
    /// next process need not wait for it to expire.
    pub fn step_down(&mut self, me: &str, token: u64) -> Result<(), StoreError> {
        self.client.execute(
            "UPDATE lease SET expires = now() WHERE holder = $1 AND token = $2 AND expires > now()",
            &[&me, &to_i64(token)],
        )?;
        Ok(())
    }

    /// The lease as the database holds it now.
    pub fn state(&mut self) -> Result<LeaseState, StoreError> {
        let row = self.client.query_one(
            "SELECT holder, address, token, \
                    CASE WHEN expires <= now() THEN 0 \
                         ELSE CEIL(EXTRACT(EPOCH FROM (expires - now())) * 1000)::BIGINT END \
               FROM lease",
            &[],
        )?;
        Ok(LeaseState {
            holder: row.get(0),
            address: row.get(1),
            token: to_u64(row.get::<_, i64>(2))?,
            remaining_millis: to_u64(row.get::<_, i64>(3))?,
        })
    }
}

/// The fence, inside an append transaction: the lease's token must still be `token`.
pub(crate) fn admit<C: postgres::GenericClient>(
    client: &mut C,
    token: u64,
) -> Result<(), StoreError> {
    // The notification wakes the followers (`PgWatch`); PostgreSQL delivers it only if this
    // transaction commits, so it never announces a write that was refused or rolled back.
    let current = client
        .query_opt(
            "SELECT token, pg_notify('snapback_log', '') FROM lease FOR SHARE",
            &[],
        )?
        .map(|r| to_u64(r.get::<_, i64>(0)))
        .transpose()?
        .unwrap_or(0);
    if current == token {
        Ok(())
    } else {
        Err(StoreError::Fenced {
            presented: token,
            current,
        })
    }
}

/// The channel every fenced commit notifies.
const CHANNEL: &str = "snapback_log";

/// A connection that listens for the leader's commits and reads the log's size on the primary:
/// how a follower knows how far the log has grown (and so its own lag).
pub struct PgWatch {
    client: Client,
}

impl std::fmt::Debug for PgWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgWatch").finish_non_exhaustive()
    }
}

impl PgWatch {
    /// Connects to `url` (the primary: a standby delivers no notifications) and listens.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let mut client = connect_bounded(url)?;
        client.batch_execute(&format!("LISTEN {CHANNEL}"))?;
        Ok(Self { client })
    }

    /// Waits for a commit for at most `timeout` (the polling fallback: a notification lost with
    /// a dropped connection only delays the next size by `timeout`), then answers the log's
    /// size as the primary holds it.
    pub fn wait(&mut self, timeout: std::time::Duration) -> Result<u64, StoreError> {
        let mut notifications = self.client.notifications();
        let woken = notifications.timeout_iter(timeout).next()?.is_some();
        if woken {
            // One is enough to wake; any others queued behind it are drained unread.
            let mut queued = notifications.iter();
            while queued.next()?.is_some() {}
        }
        drop(notifications);
        self.size()
    }

    /// The log's size on the primary.
    pub fn size(&mut self) -> Result<u64, StoreError> {
        let row = self.client.query_one("SELECT max(idx) FROM entries", &[])?;
        match row.get::<_, Option<i64>>(0) {
            Some(max) => Ok(to_u64(max)? + 1),
            None => Ok(0),
        }
    }
}
