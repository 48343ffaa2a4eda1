//! One run: the simulated world (clock, network, database, nodes, clients, witnesses), the
//! random events a seed draws, healing, and running to quiescence.

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use snapback_cluster::{LeaseTerms, NodeId};

use crate::cast::Cast;
use crate::check::{Invariant, Violation};
use crate::client::{Ack, Client};
use crate::net::{Endpoint, Message, Network};
use crate::node::{INBOX_MAX, Node, Request, Role};
use crate::rng::SimRng;
use crate::store::{CommitFault, SimDatabase};
use crate::witness::SimWitness;
use crate::{Config, SimError, Stats};

/// The nodes' step: each node looks at the lease, the log and its inbox this often.
const TICK: SignedDuration = SignedDuration::from_millis(250);
/// The lease, and the part of it a node leaves for clock drift.
const LEASE: SignedDuration = SignedDuration::from_secs(10);
const DRIFT_MARGIN: SignedDuration = SignedDuration::from_secs(2);
/// The longest a run may take to settle after healing before it counts as stuck.
const SETTLE_MAX: SignedDuration = SignedDuration::from_mins(30);
/// At most this many trace lines are kept (the rest are counted).
const TRACE_MAX: usize = 20_000;

/// The simulation starts here (the charter is in force from 2026-01-01).
const START_SECOND: i64 = 1_772_323_200; // 2026-03-01T00:00:00Z

#[derive(Debug)]
pub struct World {
    pub(crate) seed: u64,
    pub(crate) config: Config,
    pub(crate) rng: SimRng,
    pub(crate) start: Timestamp,
    pub(crate) now: Timestamp,
    pub(crate) step: usize,
    pub(crate) cast: Arc<Cast>,
    pub(crate) terms: LeaseTerms,
    pub(crate) db: SimDatabase,
    pub(crate) net: Network,
    pub(crate) nodes: Vec<Node>,
    pub(crate) clients: Vec<Client>,
    pub(crate) witnesses: Vec<SimWitness>,
    pub(crate) trace: Vec<String>,
    trace_dropped: usize,
    pub(crate) acks: Vec<Ack>,
    /// Claims the beneficiary was told are in the log (guarantors vote on them).
    pub(crate) claims: Vec<String>,
    pub(crate) filed: u32,
    pub(crate) violations: Vec<Violation>,
    pub(crate) stats: Stats,
    pub(crate) settled: bool,
}

/// What a step does.
#[derive(Debug, Clone, Copy)]
enum Event {
    Submit,
    Tick,
    Crash,
    Restart,
    Partition,
    Heal,
    ClockStep,
    Stall,
    CommitFault,
}

/// Each event with its weight.
const EVENTS: [(Event, u64); 9] = [
    (Event::Submit, 30),
    (Event::Tick, 30),
    (Event::Crash, 5),
    (Event::Restart, 8),
    (Event::Partition, 4),
    (Event::Heal, 4),
    (Event::ClockStep, 5),
    (Event::Stall, 5),
    (Event::CommitFault, 9),
];

impl World {
    pub(crate) fn new(seed: u64, config: Config, cast: Arc<Cast>) -> Result<Self, SimError> {
        let start =
            Timestamp::from_second(START_SECOND).map_err(|e| SimError::Setup(e.to_string()))?;
        let terms =
            LeaseTerms::new(LEASE, DRIFT_MARGIN).map_err(|e| SimError::Setup(e.to_string()))?;
        let nodes = (1..=config.nodes).map(|n| Node::new(NodeId(n))).collect();
        let mut clients = vec![Client::new(cast.beneficiary.clone())];
        clients.extend(cast.guarantors.iter().cloned().map(Client::new));
        let witnesses = cast
            .witnesses
            .iter()
            .map(|w| SimWitness::new(w.clone(), &cast.log))
            .collect();
        let mut world = Self {
            seed,
            rng: SimRng::new(seed),
            start,
            now: start,
            step: 0,
            terms,
            db: SimDatabase::new(config.flaws.store),
            net: Network::new(config.drop_percent, config.delay_max_ms),
            nodes,
            clients,
            witnesses,
            trace: Vec::new(),
            trace_dropped: 0,
            acks: Vec::new(),
            claims: Vec::new(),
            filed: 0,
            violations: Vec::new(),
            stats: Stats::default(),
            settled: false,
            config,
            cast,
        };
        for i in 0..world.nodes.len() {
            world.nodes[i].role = world.follower();
        }
        Ok(world)
    }

    pub(crate) fn trace(&mut self, line: String) {
        if self.trace.len() >= TRACE_MAX {
            self.trace_dropped += 1;
            return;
        }
        let elapsed = self.now.duration_since(self.start);
        self.trace.push(format!(
            "step {:>3} t+{:>8.3}s  {line}",
            self.step,
            elapsed.as_secs_f64()
        ));
    }

    pub(crate) fn trace_lines(&self) -> Vec<String> {
        let mut lines = self.trace.clone();
        if self.trace_dropped > 0 {
            lines.push(format!("… {} more lines not kept", self.trace_dropped));
        }
        lines
    }

    pub(crate) fn violate(&mut self, invariant: Invariant, message: String) {
        self.trace(format!("VIOLATION [{invariant}] {message}"));
        self.violations.push(Violation {
            invariant,
            seed: self.seed,
            step: self.step,
            message,
        });
    }

    /// Runs the seed's steps, heals everything, and runs to quiescence.
    pub(crate) fn run(&mut self) {
        for step in 0..self.config.steps {
            self.step = step;
            self.random_event();
        }
        self.step = self.config.steps;
        self.heal_everything();
        self.settle();
    }

    fn random_event(&mut self) {
        let total: u64 = EVENTS.iter().map(|(_, w)| w).sum();
        let mut pick = self.rng.below(total);
        let mut event = Event::Tick;
        for (e, weight) in EVENTS {
            if pick < weight {
                event = e;
                break;
            }
            pick -= weight;
        }
        match event {
            Event::Submit => {
                // A burst: each idle client may file something now, so batches form.
                for c in 0..self.clients.len() {
                    if self.rng.chance(60) {
                        self.client_submit(c);
                    }
                }
            }
            Event::Tick => {
                let ms = self.rng.between(50, 8_000);
                self.advance(millis(ms));
            }
            Event::Crash => {
                if let Some(i) = self.pick_node(|n| n.is_up()) {
                    self.crash(i, "killed");
                }
            }
            Event::Restart => {
                if let Some(i) = self.pick_node(|n| !n.is_up()) {
                    self.restart(i);
                }
            }
            Event::Partition => self.partition(),
            Event::Heal => {
                self.heal_network();
                self.trace("the network heals".to_owned());
            }
            Event::ClockStep => {
                if let Some(i) = self.pick_node(|_| true) {
                    let ms = i64::try_from(self.rng.between(1, 20_000)).unwrap_or(1);
                    let step = if self.rng.chance(50) { ms } else { -ms };
                    let offset = (self.nodes[i].offset + SignedDuration::from_millis(step)).clamp(
                        SignedDuration::from_secs(-60),
                        SignedDuration::from_secs(60),
                    );
                    self.nodes[i].offset = offset;
                    let id = self.nodes[i].id;
                    self.trace(format!("{id}'s clock steps {step} ms (now {offset:#} off)"));
                }
            }
            Event::Stall => {
                if let Some(i) = self.pick_node(Node::is_leader) {
                    let stall = millis(self.rng.between(5_000, 30_000));
                    self.nodes[i].stall = Some(stall);
                    let id = self.nodes[i].id;
                    self.trace(format!(
                        "{id} will stall {stall:#} in its next commit (its lease runs out)"
                    ));
                }
            }
            Event::CommitFault => {
                let fault = match self.rng.below(3) {
                    0 => CommitFault::Fail,
                    1 => CommitFault::CrashBeforeSync,
                    _ => CommitFault::CrashAfterSync,
                };
                if let Some(i) = self
                    .pick_node(Node::is_leader)
                    .or_else(|| self.pick_node(Node::is_up))
                {
                    let id = self.nodes[i].id;
                    self.db.arm(id, Some(fault));
                    self.trace(format!("{id}'s next commit: {fault:?}"));
                }
            }
        }
    }

    fn pick_node(&mut self, which: impl Fn(&Node) -> bool) -> Option<usize> {
        let candidates: Vec<usize> = (0..self.nodes.len())
            .filter(|i| which(&self.nodes[*i]))
            .collect();
        let k = self.rng.index(candidates.len());
        candidates.get(k).copied()
    }

    fn restart(&mut self, i: usize) {
        self.nodes[i].role = self.follower();
        self.nodes[i].broken = None;
        let id = self.nodes[i].id;
        self.trace(format!("{id} restarts"));
    }

    /// Cuts one node off from some of the others, the database, the clients and the witnesses.
    fn partition(&mut self) {
        let Some(i) = self.pick_node(|_| true) else {
            return;
        };
        let id = self.nodes[i].id;
        let mut others: Vec<Endpoint> = self
            .nodes
            .iter()
            .filter(|n| n.id != id)
            .map(|n| Endpoint::Node(n.id))
            .collect();
        others.push(Endpoint::Database);
        others.extend((0..self.clients.len()).map(Endpoint::Client));
        others.extend((0..self.witnesses.len()).map(Endpoint::Witness));
        let mut cut = Vec::new();
        for other in others {
            if self.rng.chance(50) {
                self.net.cut(Endpoint::Node(id), other);
                if other == Endpoint::Database {
                    self.db.set_reachable(id, false);
                }
                cut.push(other.to_string());
            }
        }
        self.trace(format!("partition: {id} cut off from {}", cut.join(", ")));
    }

    fn heal_network(&mut self) {
        self.net.heal();
        for n in &self.nodes {
            self.db.set_reachable(n.id, true);
        }
    }

    /// The end of the faults: the network heals, clocks are set right, armed faults are
    /// disarmed and every node restarts.
    fn heal_everything(&mut self) {
        self.heal_network();
        for i in 0..self.nodes.len() {
            let id = self.nodes[i].id;
            self.nodes[i].offset = SignedDuration::ZERO;
            self.nodes[i].stall = None;
            self.db.arm(id, None);
            if !self.nodes[i].is_up() {
                self.restart(i);
            }
        }
        self.trace("everything heals: network, clocks, faults; every node is up".to_owned());
    }

    /// Runs until every client has its answer, every deadline due has fired, and every node
    /// holds the whole log; a run that does not settle is a violation (liveness).
    fn settle(&mut self) {
        let until = self.now.checked_add(SETTLE_MAX).unwrap_or(self.now);
        let mut waiting = String::new();
        while self.now < until {
            self.advance(SignedDuration::from_secs(1));
            match self.unsettled() {
                Some(why) => waiting = why,
                None => {
                    self.settled = true;
                    self.trace("settled".to_owned());
                    return;
                }
            }
        }
        self.violate(
            Invariant::Liveness,
            format!("not settled {SETTLE_MAX:#} after healing: {waiting}"),
        );
    }

    /// What the run still waits for, if anything.
    fn unsettled(&self) -> Option<String> {
        if !self.clients_idle() {
            return Some("a client has no answer".to_owned());
        }
        let size = self.db.size();
        let leaders: Vec<_> = self
            .nodes
            .iter()
            .filter_map(|n| match &n.role {
                Role::Leader(l) => Some((n.id, l)),
                _ => None,
            })
            .collect();
        let [(id, leader)] = leaders.as_slice() else {
            return Some(format!("{} nodes believe they lead", leaders.len()));
        };
        if self.db.lease().holder_at(self.now) != Some(*id) {
            return Some(format!("{id} believes it leads without the lease"));
        }
        if let Some(deadline) = leader.ledger.engine().next_deadline() {
            return Some(format!("a deadline at {deadline} has not fired"));
        }
        for n in &self.nodes {
            if let Role::Follower(f) = &n.role
                && f.position != size
                && n.broken.is_none()
            {
                return Some(format!("{} has {} of {size} entries", n.id, f.position));
            }
        }
        None
    }

    /// Lets `span` of simulated time pass: messages arrive, nodes step, clients time out.
    pub(crate) fn advance(&mut self, span: SignedDuration) {
        let until = self.now.checked_add(span).unwrap_or(self.now);
        while self.now < until {
            self.now = self.now.checked_add(TICK).unwrap_or(until).min(until);
            for (from, to, message) in self.net.due(self.now) {
                self.deliver(from, to, message);
            }
            for i in 0..self.nodes.len() {
                self.step_node(i);
            }
            self.client_timeouts();
        }
    }

    fn deliver(&mut self, _from: Endpoint, to: Endpoint, message: Message) {
        match (to, message) {
            (
                Endpoint::Node(id),
                Message::Submit {
                    client,
                    request,
                    attempt,
                    submission,
                },
            ) => {
                if let Some(node) = self.nodes.iter_mut().find(|n| n.id == id)
                    && node.is_up()
                    && node.inbox.len() < INBOX_MAX
                {
                    node.inbox.push(Request {
                        client,
                        request,
                        attempt,
                        submission,
                    });
                }
            }
            (
                Endpoint::Client(c),
                Message::Answer {
                    request,
                    attempt,
                    id,
                    reply,
                },
            ) if c < self.clients.len() => {
                self.client_answer(c, request, attempt, id, reply);
            }
            _ => {}
        }
    }
}

fn millis(ms: u64) -> SignedDuration {
    SignedDuration::from_millis(i64::try_from(ms).unwrap_or(i64::MAX))
}
