//! A node: a `serve` process sharing the database. As leader it runs the real
//! [`Ledger`] (group commits of the clients' submissions, `advance` when a deadline falls due on
//! its clock, checkpoints offered to witnesses); as follower it follows the log with the real
//! [`Replayer`] and tries, each step, to take the lease. Leadership is `snapback-cluster`'s.

use jiff::{SignedDuration, Timestamp};
use snapback_cluster::{Leadership, NodeId};
use snapback_ledger::{Ledger, LedgerError, Replayer, Submission};
use snapback_log::entry::Entry;
use snapback_store::{Store, StoreError};

use crate::check::Invariant;
use crate::net::{Endpoint, Message, Reply};
use crate::store::{LeaseError, SimStore};
use crate::world::World;

/// A submission a node received.
#[derive(Debug, Clone)]
pub struct Request {
    pub client: usize,
    pub request: u64,
    pub attempt: u32,
    pub submission: Box<Submission>,
}

#[derive(Debug)]
pub struct Follower {
    conn: Option<SimStore>,
    pub(crate) replica: Replayer,
    pub(crate) position: u64,
}

/// Work a stalled leader checked under its lease and will do when it wakes, without looking at
/// the lease again: exactly the stale write the fence must stop.
#[derive(Debug)]
pub struct Stalled {
    until: Timestamp,
    batch: Vec<Request>,
}

#[derive(Debug)]
pub struct Leader {
    pub(crate) ledger: Ledger<SimStore>,
    leadership: Leadership,
    stalled: Option<Stalled>,
    /// The size each witness is believed to have cosigned last.
    pub(crate) witness_sizes: Vec<u64>,
}

#[derive(Debug)]
pub enum Role {
    Down,
    Follower(Box<Follower>),
    Leader(Box<Leader>),
}

#[derive(Debug)]
pub struct Node {
    pub id: NodeId,
    /// How far its clock is from the simulation's (clock steps move it).
    pub offset: SignedDuration,
    pub role: Role,
    pub inbox: Vec<Request>,
    /// Armed: its next batch stalls this long after the lease check.
    pub stall: Option<SignedDuration>,
    /// Why its replica stopped following, if it did.
    pub broken: Option<String>,
}

/// At most this many submissions wait in a node's inbox (more are dropped; clients retry).
pub const INBOX_MAX: usize = 256;

/// Why a leader stops leading.
enum Fall {
    Crash,
    StepDown,
    /// The write failed but the ledger is back at the committed log: it goes on leading.
    Stay,
}

impl Node {
    pub fn new(id: NodeId) -> Self {
        Self {
            id,
            offset: SignedDuration::ZERO,
            role: Role::Down,
            inbox: Vec::new(),
            stall: None,
            broken: None,
        }
    }

    pub fn is_up(&self) -> bool {
        !matches!(self.role, Role::Down)
    }

    pub fn is_leader(&self) -> bool {
        matches!(self.role, Role::Leader(_))
    }
}

impl World {
    /// A fresh follower: it replays the log from the start, as a restarted `serve` does.
    pub(crate) fn follower(&self) -> Role {
        Role::Follower(Box::new(Follower {
            conn: None,
            replica: Replayer::new(&self.cast.history),
            position: 0,
        }))
    }

    /// The node's own clock.
    pub(crate) fn local(&self, i: usize) -> Timestamp {
        self.now
            .checked_add(self.nodes[i].offset)
            .unwrap_or(self.now)
    }

    pub(crate) fn step_node(&mut self, i: usize) {
        let role = std::mem::replace(&mut self.nodes[i].role, Role::Down);
        let role = match role {
            Role::Down => Role::Down,
            Role::Follower(f) => self.follow(i, *f),
            Role::Leader(l) => self.lead(i, *l),
        };
        self.nodes[i].role = role;
    }

    /// Takes node `i` down: whatever it held in memory is gone, its clients get no answer.
    pub(crate) fn crash(&mut self, i: usize, why: &str) {
        let id = self.nodes[i].id;
        self.nodes[i].role = Role::Down;
        self.nodes[i].inbox.clear();
        self.nodes[i].stall = None;
        self.db.node_crashed(id);
        self.stats.crashes += 1;
        self.trace(format!("{id} crashes ({why})"));
    }

    fn answer(&mut self, i: usize, request: &Request, reply: Reply) {
        let from = Endpoint::Node(self.nodes[i].id);
        let message = Message::Answer {
            request: request.request,
            attempt: request.attempt,
            id: request.submission.body.id().unwrap_or([0; 32]),
            reply,
        };
        self.net.send(
            &mut self.rng,
            self.now,
            from,
            Endpoint::Client(request.client),
            message,
        );
    }

    fn follow(&mut self, i: usize, mut f: Follower) -> Role {
        let id = self.nodes[i].id;
        let hint = self.db.lease().holder_at(self.now);
        for request in std::mem::take(&mut self.nodes[i].inbox) {
            self.answer(i, &request, Reply::NotLeader(hint));
        }
        let mut conn = match f.conn.take() {
            Some(conn) => conn,
            None => match self.db.connect(id) {
                Ok(conn) => conn,
                Err(_) => return Role::Follower(Box::new(f)),
            },
        };
        if conn.refresh().is_ok() {
            self.catch_up(i, &mut f, &conn);
        }
        if hint.is_none() && self.db.is_reachable(id) {
            let asked_at = self.local(i);
            match self.db.acquire_lease(id, self.now, &self.terms) {
                Ok(grant) => {
                    let leadership = Leadership::granted(&grant, asked_at, &self.terms);
                    self.db.set_token(id, Some(grant.token));
                    let cast = &self.cast;
                    return match Ledger::open(
                        conn,
                        cast.history.clone(),
                        cast.secretariat.clone(),
                        cast.log.clone(),
                    ) {
                        Ok(ledger) => {
                            self.stats.terms += 1;
                            self.trace(format!(
                                "{id} takes the lease (token {}) and opens the ledger at size {}",
                                grant.token,
                                ledger.store().size()
                            ));
                            Role::Leader(Box::new(Leader {
                                ledger,
                                leadership,
                                stalled: None,
                                witness_sizes: vec![0; self.witnesses.len()],
                            }))
                        }
                        Err(e) => {
                            self.trace(format!(
                                "{id} took the lease but cannot open the ledger: {e}"
                            ));
                            self.unexpected(&e);
                            Role::Follower(Box::new(f))
                        }
                    };
                }
                Err(LeaseError::Refused(_) | LeaseError::Unreachable) => {}
            }
        }
        f.conn = Some(conn);
        Role::Follower(Box::new(f))
    }

    /// Feeds the follower's replica with what was committed since it last looked.
    fn catch_up(&mut self, i: usize, f: &mut Follower, conn: &SimStore) {
        if conn.size() < f.position {
            // Only a flawed store shrinks; follow the log it now holds.
            f.replica = Replayer::new(&self.cast.history);
            f.position = 0;
        }
        if conn.size() == f.position || self.nodes[i].broken.is_some() {
            return;
        }
        let Ok(entries) = conn.entries(f.position, conn.size()) else {
            return;
        };
        for bytes in entries {
            let index = f.position;
            f.position += 1;
            if self.config.flaws.follower_skips_an_entry && index == 3 {
                continue;
            }
            let fed = Entry::parse(&bytes)
                .map_err(|e| e.to_string())
                .and_then(|entry| f.replica.feed(index, &entry).map_err(|d| d.to_string()));
            if let Err(why) = fed {
                let id = self.nodes[i].id;
                self.trace(format!("{id}'s replica stops at entry {index}: {why}"));
                self.nodes[i].broken = Some(format!("entry {index}: {why}"));
                return;
            }
        }
    }

    fn lead(&mut self, i: usize, mut l: Leader) -> Role {
        let id = self.nodes[i].id;
        if let Some(stalled) = l.stalled.take() {
            if self.now < stalled.until {
                l.stalled = Some(stalled);
                return Role::Leader(Box::new(l));
            }
            self.trace(format!(
                "{id} wakes from its stall and goes on with {} submissions checked before it",
                stalled.batch.len()
            ));
            if let Err(fall) = self.commit(i, &mut l, stalled.batch) {
                return self.fall(i, l, fall);
            }
        }
        let local = self.local(i);
        if !l.leadership.may_write(local) {
            self.trace(format!(
                "{id}'s lease may have expired by its clock ({local}): it stops writing"
            ));
            return self.fall(i, l, Fall::StepDown);
        }
        if l.leadership.should_renew(local) {
            match self.db.acquire_lease(id, self.now, &self.terms) {
                Ok(grant) => l.leadership = Leadership::granted(&grant, local, &self.terms),
                Err(LeaseError::Refused(r)) => {
                    self.trace(format!("{id} cannot renew: {r}"));
                    return self.fall(i, l, Fall::StepDown);
                }
                Err(LeaseError::Unreachable) => {}
            }
        }
        let batch = std::mem::take(&mut self.nodes[i].inbox);
        let deadline_due = !self.config.flaws.scheduler_never_fires
            && l.ledger
                .engine()
                .next_deadline()
                .is_some_and(|d| d <= local);
        if (deadline_due || !batch.is_empty())
            && let Some(stall) = self.nodes[i].stall.take()
        {
            self.trace(format!(
                "{id} stalls for {stall:#} after checking its lease, holding {} submissions",
                batch.len()
            ));
            l.stalled = Some(Stalled {
                until: self.now.checked_add(stall).unwrap_or(self.now),
                batch,
            });
            return Role::Leader(Box::new(l));
        }
        if let Err(fall) = self.commit(i, &mut l, batch) {
            return self.fall(i, l, fall);
        }
        Role::Leader(Box::new(l))
    }

    /// Commits a batch of submissions, then fires the deadlines due by the node's clock.
    fn commit(&mut self, i: usize, l: &mut Leader, batch: Vec<Request>) -> Result<(), Fall> {
        let id = self.nodes[i].id;
        let local = self.local(i);
        let before = l.ledger.store().size();
        if !batch.is_empty() {
            let at = whole_millis(l.ledger.next_time(local));
            let items: Vec<(Submission, Timestamp)> = batch
                .iter()
                .map(|r| ((*r.submission).clone(), at))
                .collect();
            let prepared = items
                .iter()
                .map(|(s, at)| l.ledger.keyring().prepare(s, *at))
                .collect();
            match l.ledger.submit_prepared(&items, prepared) {
                Ok(outcomes) => {
                    let size = l.ledger.store().size();
                    self.trace(format!(
                        "{id} commits {} submissions at {at} (size {before} -> {size})",
                        batch.len()
                    ));
                    for (request, outcome) in batch.iter().zip(outcomes) {
                        self.answer(i, request, Reply::Done(outcome));
                    }
                }
                Err(e) => return Err(self.failed(i, &e, &batch)),
            }
        }
        if !self.config.flaws.scheduler_never_fires
            && let Some(deadline) = l.ledger.engine().next_deadline()
            && deadline <= local
        {
            let now = whole_millis(l.ledger.next_time(local)).max(deadline);
            match l.ledger.advance(now) {
                Ok(indices) if indices.is_empty() => {}
                Ok(indices) => self.trace(format!(
                    "{id} fires the deadlines due by {now}: {} entries",
                    indices.len()
                )),
                Err(e) => return Err(self.failed(i, &e, &[])),
            }
        }
        if l.ledger.store().size() > before {
            self.offer_checkpoint(i, l);
        }
        Ok(())
    }

    /// What a failed commit means: a crash (nobody answered), a deposed leader (it steps
    /// down), or a failed write (its clients retry).
    fn failed(&mut self, i: usize, e: &LedgerError, batch: &[Request]) -> Fall {
        let id = self.nodes[i].id;
        if self.db.crashed(id) {
            return Fall::Crash;
        }
        self.trace(format!("{id}'s commit fails: {e}"));
        for request in batch {
            self.answer(i, request, Reply::Failed);
        }
        match e {
            LedgerError::Store(StoreError::Unavailable(_)) if self.db.is_reachable(id) => {
                Fall::Stay
            }
            LedgerError::Store(_) => Fall::StepDown,
            other => {
                self.unexpected(other);
                Fall::StepDown
            }
        }
    }

    fn fall(&mut self, i: usize, l: Leader, fall: Fall) -> Role {
        let id = self.nodes[i].id;
        match fall {
            Fall::Crash => {
                self.crash(i, "during a commit");
                Role::Down
            }
            Fall::StepDown => {
                if self.db.step_down(id, l.leadership.token, self.now) {
                    self.trace(format!("{id} gives up the lease"));
                }
                self.follower()
            }
            Fall::Stay => Role::Leader(Box::new(l)),
        }
    }

    /// A ledger error no fault explains: a bug, reported as a violation.
    pub(crate) fn unexpected(&mut self, e: &LedgerError) {
        if !matches!(e, LedgerError::Store(_)) {
            self.violate(Invariant::Replicas, format!("unexpected ledger error: {e}"));
        }
    }
}

/// The server hands the ledger whole milliseconds; so does the simulation.
fn whole_millis(t: Timestamp) -> Timestamp {
    let nanos = t.as_nanosecond();
    let rounded = nanos.div_euclid(1_000_000) * 1_000_000;
    let rounded = if rounded < nanos {
        rounded + 1_000_000
    } else {
        rounded
    };
    Timestamp::from_nanosecond(rounded).unwrap_or(t)
}
