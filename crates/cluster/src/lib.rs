//! # snapback-cluster
//!
//! Who may write the log when several `serve` processes share one database: the pure logic of
//! leadership, with no I/O and no clock (every instant is passed in), so the server and the fault
//! simulator (`snapback-faultsim`) run the very same decisions.
//!
//! * A [`Lease`] is one record held by the database: the holder, a fencing token and an expiry
//!   instant read on the **database's** clock. [`Lease::acquire`] grants it only when it has
//!   expired or is already the caller's; a new holder gets the token plus one, so every holder
//!   ever granted the lease has its own token, and later holders larger ones.
//! * A [`Leadership`] is what a node believes about its own lease, on the **node's** clock: it
//!   asked at `asked_at` and may write until `asked_at + duration - drift_margin`. The grant can
//!   only have started after the node asked, so with clocks that drift apart by less than the
//!   margin over one lease the node stops writing before the database considers the lease
//!   expired ([`Leadership::may_write`]).
//! * The **fence** makes a node that is wrong about that harmless: each append carries the
//!   writer's token, and the store refuses it unless it is the lease's current token
//!   ([`Lease::admit`]). A leader that was paused, or whose clock was stepped back, and still
//!   thinks it leads, cannot append once another node holds the lease.
//!
//! ## On PostgreSQL
//!
//! The decisions map one to one onto SQL, the database's `now()` being the authority on expiry:
//!
//! ```sql
//! CREATE TABLE lease (
//!     id      boolean PRIMARY KEY DEFAULT true CHECK (id),  -- one row
//!     holder  text,
//!     token   bigint NOT NULL DEFAULT 0,
//!     expires timestamptz NOT NULL DEFAULT '-infinity'
//! );
//! ```
//!
//! * [`Lease::acquire`] (acquire or renew) is one statement; no row back means [`Refused`]:
//!   ```sql
//!   UPDATE lease
//!      SET token   = CASE WHEN holder = $me THEN token ELSE token + 1 END,
//!          holder  = $me,
//!          expires = now() + $duration
//!    WHERE expires <= now() OR holder = $me
//!   RETURNING token, expires;
//!   ```
//! * [`Lease::step_down`]: `UPDATE lease SET expires = now() WHERE holder = $me AND token = $token`
//!   (the holder stays, so the next holder's token is larger).
//! * [`Lease::admit`] runs inside every append transaction, before its inserts:
//!   `SELECT token FROM lease FOR SHARE`, then refuse (roll back) unless it equals the writer's
//!   token. `FOR SHARE` makes a concurrent `acquire` wait for the append to commit, so no append
//!   commits under a token the lease has already moved past.
//! * [`Leadership::granted`] is computed by the node from the instant it read on its own clock
//!   just before sending the `UPDATE`, and [`Leadership::may_write`] is checked before each
//!   batch; renewing at [`Leadership::should_renew`] keeps a healthy leader in place.

use jiff::{SignedDuration, Timestamp};

/// A node of the cluster (a `serve` process sharing the database).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub u32);

impl std::fmt::Display for NodeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "n{}", self.0)
    }
}

/// How long a lease lasts and how much two clocks may drift apart during one lease.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeaseTerms {
    duration: SignedDuration,
    drift_margin: SignedDuration,
}

/// Terms that leave a node no time to write.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the lease's drift margin ({drift_margin}) must be positive and shorter than the lease ({duration})"
)]
pub struct BadTerms {
    pub duration: SignedDuration,
    pub drift_margin: SignedDuration,
}

impl LeaseTerms {
    /// A lease of `duration` of which a node uses all but `drift_margin`.
    pub fn new(duration: SignedDuration, drift_margin: SignedDuration) -> Result<Self, BadTerms> {
        if drift_margin.is_positive() && drift_margin < duration {
            Ok(Self {
                duration,
                drift_margin,
            })
        } else {
            Err(BadTerms {
                duration,
                drift_margin,
            })
        }
    }

    pub fn duration(&self) -> SignedDuration {
        self.duration
    }

    pub fn drift_margin(&self) -> SignedDuration {
        self.drift_margin
    }
}

/// The lease record the database holds (its one `lease` row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lease {
    /// The node granted it last (it stays after the lease expires, so the next holder's token
    /// is larger).
    pub holder: Option<NodeId>,
    /// The fencing token of the current (or last) holder; 0 before anyone held it.
    pub token: u64,
    /// When it expires, on the database's clock.
    pub expires: Timestamp,
}

/// The lease granted to a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    pub token: u64,
    /// On the database's clock.
    pub expires: Timestamp,
}

/// The lease is another node's and has not expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the lease is held by {holder} until {expires}")]
pub struct Refused {
    pub holder: NodeId,
    pub expires: Timestamp,
}

/// An append whose token is not the lease's current one: its writer is no longer the leader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "fenced: the append carries token {presented} but the lease's current token is {current}; a newer leader holds the log"
)]
pub struct Fenced {
    pub presented: u64,
    pub current: u64,
}

impl Default for Lease {
    fn default() -> Self {
        Self::vacant()
    }
}

impl Lease {
    /// The lease nobody has held.
    pub fn vacant() -> Self {
        Self {
            holder: None,
            token: 0,
            expires: Timestamp::MIN,
        }
    }

    /// Whether it has expired at `now` (the database's clock).
    pub fn is_expired(&self, now: Timestamp) -> bool {
        self.expires <= now
    }

    /// The node holding it at `now`, if any.
    pub fn holder_at(&self, now: Timestamp) -> Option<NodeId> {
        self.holder.filter(|_| !self.is_expired(now))
    }

    /// Acquires or renews the lease for `me` at `now` (the database's clock): granted when it
    /// has expired or is already `me`'s. A new holder gets the token plus one; the same holder
    /// keeps its token (nobody else held the lease in between, or the holder would differ).
    pub fn acquire(
        &mut self,
        me: NodeId,
        now: Timestamp,
        terms: &LeaseTerms,
    ) -> Result<Grant, Refused> {
        let mine = self.holder == Some(me);
        if !mine && !self.is_expired(now) {
            return Err(Refused {
                holder: self.holder.unwrap_or(me),
                expires: self.expires,
            });
        }
        if !mine {
            self.token = self.token.saturating_add(1);
        }
        self.holder = Some(me);
        self.expires = now.saturating_add(terms.duration).unwrap_or(Timestamp::MAX);
        Ok(Grant {
            token: self.token,
            expires: self.expires,
        })
    }

    /// `me` gives the lease up at `now` (only if it still holds it under `token`): another node
    /// may take it at once.
    pub fn step_down(&mut self, me: NodeId, token: u64, now: Timestamp) -> bool {
        if self.holder == Some(me) && self.token == token && !self.is_expired(now) {
            self.expires = now;
            true
        } else {
            false
        }
    }

    /// The fence: an append carrying `presented` may commit only under the current token.
    pub fn admit(&self, presented: u64) -> Result<(), Fenced> {
        if presented == self.token && self.holder.is_some() {
            Ok(())
        } else {
            Err(Fenced {
                presented,
                current: self.token,
            })
        }
    }
}

/// What a node believes about its lease, on its own clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Leadership {
    pub token: u64,
    /// The node's own instant until which it may write.
    pub write_until: Timestamp,
    /// The node's own instant from which it renews.
    pub renew_from: Timestamp,
}

impl Leadership {
    /// The leadership a grant gives a node that asked for it at `asked_at` on its own clock:
    /// the grant started no earlier than that, so the node counts the lease from there, less
    /// the drift margin.
    pub fn granted(grant: &Grant, asked_at: Timestamp, terms: &LeaseTerms) -> Self {
        let usable = terms.duration - terms.drift_margin;
        Self {
            token: grant.token,
            write_until: asked_at.saturating_add(usable).unwrap_or(asked_at),
            renew_from: asked_at.saturating_add(usable / 2).unwrap_or(asked_at),
        }
    }

    /// Whether the node may still write at `now` on its own clock.
    pub fn may_write(&self, now: Timestamp) -> bool {
        now < self.write_until
    }

    /// Whether it is time to renew (half the usable lease has passed).
    pub fn should_renew(&self, now: Timestamp) -> bool {
        now >= self.renew_from
    }
}

#[cfg(test)]
mod tests;
