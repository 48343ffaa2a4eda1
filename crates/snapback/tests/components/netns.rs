//! A real network partition for tests: a network namespace joined to this host by a veth link,
//! which [`Partition::cut`] cuts and [`Partition::heal`] restores.
//!
//! A process started with [`Partition::command`] runs inside the namespace. Its only way out is
//! the link: it reaches `upstream` (PostgreSQL, say, which listens on this host's loopback only)
//! through a TCP forwarder in this test process listening on the host's end of the link
//! ([`Partition::upstream_inside`]), and the host reaches a server inside at
//! [`Partition::inside_ip`]. A cut drops every packet on the link, both ways, without telling
//! either end (no RST, no ICMP, no link down): established connections hang and new ones time out,
//! as across a real partition. Healing lets TCP carry on where it stopped.
//!
//! Needs root and iproute2 (`ip`, `tc`): [`available`] says whether this machine has them.
//! Names are unique per test process (`snapback-<pid>-<n>`), each link gets its own /30 out of
//! 10.231.0.0/16 (claimed through the kernel, so concurrent test processes never share one), and
//! everything is removed on drop, even when the test panics; what a killed test process left
//! behind is removed by the next one.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Every namespace made here is named `snapback-<pid>-<n>`.
const PREFIX: &str = "snapback-";

/// 10.231.0.0/16 holds this many /30 links.
const SLOTS: u32 = 1 << 14;

/// How many taken /30s a new partition steps over before giving up.
const PROBES: u32 = 512;

/// Names made by this process (namespaces, and the probe of [`available`]).
static NAMES: AtomicU32 = AtomicU32::new(0);

/// Whether network namespaces, veth links and the cut (a `tc` qdisc) work here: root, and
/// iproute2 able to make a namespace and change a queueing discipline in it.
pub fn available() -> Result<(), String> {
    if !is_root()? {
        return Err(
            "network namespaces and veth links need root (CI runs as root; try sudo)".to_owned(),
        );
    }
    let probe = format!(
        "{PREFIX}{}-{}",
        std::process::id(),
        NAMES.fetch_add(1, Ordering::SeqCst)
    );
    run("ip", &["netns", "add", &probe])?;
    // The cut is this very qdisc, so a kernel without it could not partition anything.
    let cut = run(
        "tc",
        &[
            "-n", &probe, "qdisc", "replace", "dev", "lo", "root", "pfifo", "limit", "0",
        ],
    );
    let removed = run("ip", &["netns", "del", &probe]);
    cut.map_err(|e| format!("a link cannot be cut here: {e}"))?;
    removed.map(|_| ())
}

/// A network namespace joined to this host by a veth link, with a TCP forwarder from the host's
/// end of the link to an upstream address. See the module's documentation.
#[derive(Debug)]
pub struct Partition {
    namespace: String,
    /// The veth end on this host, and its peer inside the namespace.
    host_link: String,
    inside_link: String,
    host_ip: Ipv4Addr,
    inside_ip: Ipv4Addr,
    /// `None` until `new` has started it (so a failed `new` drops what it had made).
    forwarder: Option<Server>,
    is_cut: AtomicBool,
}

impl Partition {
    /// A fresh network namespace joined to this host by a veth pair, with a TCP forwarder in
    /// this process from the host's end of the link to `upstream` (e.g. 127.0.0.1:5432, where
    /// PostgreSQL listens only on loopback). Err if not root, or `ip` fails.
    pub fn new(upstream: SocketAddr) -> Result<Self, String> {
        if !is_root()? {
            return Err("a partition needs root (network namespaces and veth links)".to_owned());
        }
        sweep_stale();
        let pid = std::process::id();
        let n = NAMES.fetch_add(1, Ordering::SeqCst);
        let namespace = format!("{PREFIX}{pid}-{n}");
        run("ip", &["netns", "add", &namespace])?;
        let mut partition = Self {
            namespace,
            host_link: String::new(),
            inside_link: String::new(),
            host_ip: Ipv4Addr::UNSPECIFIED,
            inside_ip: Ipv4Addr::UNSPECIFIED,
            forwarder: None,
            is_cut: AtomicBool::new(false),
        };
        // From here on, an early return drops `partition`, which removes what exists.
        let slot = partition.claim_link(pid, n)?;
        let base = u32::from(Ipv4Addr::new(10, 231, 0, 0)) + slot * 4;
        partition.host_ip = Ipv4Addr::from(base + 1);
        partition.inside_ip = Ipv4Addr::from(base + 2);
        let (ns, host, inside) = (
            partition.namespace.clone(),
            partition.host_link.clone(),
            partition.inside_link.clone(),
        );
        let (host_cidr, inside_cidr) = (
            format!("{}/30", partition.host_ip),
            format!("{}/30", partition.inside_ip),
        );
        let (host_ip, inside_ip) = (
            partition.host_ip.to_string(),
            partition.inside_ip.to_string(),
        );
        let (host_mac, inside_mac) = (mac(slot, 1), mac(slot, 2));
        run("ip", &["addr", "add", &host_cidr, "dev", &host])?;
        run("ip", &["link", "set", &host, "up"])?;
        run(
            "ip",
            &["-n", &ns, "addr", "add", &inside_cidr, "dev", &inside],
        )?;
        run("ip", &["-n", &ns, "link", "set", &inside, "up"])?;
        // A server inside may listen on 127.0.0.1 too, and some clients expect loopback to work.
        run("ip", &["-n", &ns, "link", "set", "lo", "up"])?;
        // ARP crosses the link as well: without fixed neighbours, a cut longer than an entry's
        // life would make connecting fail at once with "No route to host" instead of hanging.
        run(
            "ip",
            &[
                "neigh",
                "replace",
                &inside_ip,
                "lladdr",
                &inside_mac,
                "dev",
                &host,
                "nud",
                "permanent",
            ],
        )?;
        run(
            "ip",
            &[
                "-n",
                &ns,
                "neigh",
                "replace",
                &host_ip,
                "lladdr",
                &host_mac,
                "dev",
                &inside,
                "nud",
                "permanent",
            ],
        )?;
        let listen = SocketAddr::new(IpAddr::V4(partition.host_ip), 0);
        partition.forwarder = Some(
            Server::start(listen, forward_to(upstream))
                .map_err(|e| format!("cannot start the forwarder on {listen}: {e}"))?,
        );
        Ok(partition)
    }

    /// Makes the veth pair, stepping over /30s other partitions hold: a link's name is its slot,
    /// and the kernel refuses a second link of one name, so two processes never share a subnet.
    fn claim_link(&mut self, pid: u32, n: u32) -> Result<u32, String> {
        // Processes start at different slots, so a claim rarely steps over more than a few.
        let start = pid.wrapping_mul(7919).wrapping_add(n.wrapping_mul(104_729)) % SLOTS;
        for probe in 0..PROBES {
            let slot = (start + probe) % SLOTS;
            let (host, inside) = (format!("sbk{slot}h"), format!("sbk{slot}n"));
            let (host_mac, inside_mac) = (mac(slot, 1), mac(slot, 2));
            match run(
                "ip",
                &[
                    "link",
                    "add",
                    &host,
                    "address",
                    &host_mac,
                    "type",
                    "veth",
                    "peer",
                    "name",
                    &inside,
                    "address",
                    &inside_mac,
                    "netns",
                    &self.namespace,
                ],
            ) {
                Ok(_) => {
                    self.host_link = host;
                    self.inside_link = inside;
                    return Ok(slot);
                }
                Err(e) if e.contains("File exists") => continue,
                Err(e) => return Err(e),
            }
        }
        Err(format!(
            "no free /30 in 10.231.0.0/16 after {PROBES} tries (links sbk<n>h left over? `ip link`)"
        ))
    }

    /// Where a process inside the namespace reaches `upstream` (host end IP + forwarder port).
    pub fn upstream_inside(&self) -> SocketAddr {
        let port = self.forwarder.as_ref().map_or(0, |f| f.addr.port());
        SocketAddr::new(IpAddr::V4(self.host_ip), port)
    }

    /// The namespace's own address (a server inside listens there; the host reaches it).
    pub fn inside_ip(&self) -> IpAddr {
        IpAddr::V4(self.inside_ip)
    }

    /// A Command that runs `program` inside the namespace (`ip netns exec NAME program`).
    /// `ip netns exec` execs the program, so the child's pid is the program's.
    pub fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut command = Command::new("ip");
        command
            .args(["netns", "exec", &self.namespace])
            .arg(program);
        command
    }

    /// Cuts the link (both directions; established TCP connections hang, as in a real
    /// partition: no RST), and `heal` restores it.
    ///
    /// Each end of the link gets a queue that holds nothing (`pfifo limit 0`), so every packet
    /// either end sends is dropped before it reaches the wire: the senders are not told, the link
    /// stays up and the routes stay, so the processes see only silence. The forwarder's own
    /// connections to `upstream` stay open meanwhile, as the server's side of a real connection
    /// would until its TCP keepalive gives up (see [`Partition::sever`]).
    pub fn cut(&self) {
        for args in self.qdisc("replace") {
            if let Err(e) = run("tc", args.as_slice()) {
                panic!("cannot cut the link of {}: {e}", self.namespace);
            }
        }
        self.is_cut.store(true, Ordering::SeqCst);
    }

    /// Restores the link cut by [`Partition::cut`] (nothing if it is not cut). Packets lost
    /// meanwhile are sent again by TCP, so a connection that hung carries on.
    pub fn heal(&self) {
        if !self.is_cut.swap(false, Ordering::SeqCst) {
            return;
        }
        for args in self.qdisc("del") {
            if let Err(e) = run("tc", args.as_slice()) {
                panic!("cannot heal the link of {}: {e}", self.namespace);
            }
        }
    }

    /// Closes every connection the forwarder carries now, as the database does to a client's
    /// session once its TCP keepalive gives up on it: PostgreSQL then ends those sessions,
    /// rolling back their transactions and releasing their locks. A process inside learns of it
    /// only when its packets get through again (a reset, after `heal`). New connections are
    /// forwarded as before.
    pub fn sever(&self) {
        if let Some(forwarder) = &self.forwarder {
            forwarder.connections.shut_all();
        }
    }

    /// The `tc` arguments that add (`replace`) or remove (`del`) the dropping queue on both ends.
    fn qdisc(&self, verb: &str) -> [Vec<String>; 2] {
        let drop_all = if verb == "del" {
            vec![]
        } else {
            vec!["pfifo".to_owned(), "limit".to_owned(), "0".to_owned()]
        };
        let host = ["qdisc", verb, "dev", &self.host_link, "root"]
            .map(str::to_owned)
            .into_iter()
            .chain(drop_all.clone())
            .collect();
        let inside = [
            "-n",
            &self.namespace,
            "qdisc",
            verb,
            "dev",
            &self.inside_link,
            "root",
        ]
        .map(str::to_owned)
        .into_iter()
        .chain(drop_all)
        .collect();
        [host, inside]
    }
}

impl Drop for Partition {
    /// Stops the forwarder, kills what still runs inside the namespace (a test's servers, left
    /// by a panic), and deletes the veth pair and the namespace; a failure is printed, since a
    /// drop cannot fail (and the next test process removes what is left).
    fn drop(&mut self) {
        self.forwarder = None;
        remove_namespace(&self.namespace, &self.host_link);
    }
}

/// Kills the processes in `namespace`, deletes its link (`host_link`, if any; its peer goes with
/// it) and deletes the namespace.
fn remove_namespace(namespace: &str, host_link: &str) {
    // Deleting a namespace only forgets its name while processes still run in it, and its link
    // lives on with them: they go first.
    if let Ok(pids) = run("ip", &["netns", "pids", namespace]) {
        let pids: Vec<&str> = pids.split_whitespace().collect();
        if !pids.is_empty() {
            let _ = Command::new("kill")
                .arg("-KILL")
                .args(&pids)
                .stderr(Stdio::null())
                .status();
        }
    }
    if !host_link.is_empty()
        && let Err(e) = run("ip", &["link", "del", host_link])
        && !e.contains("Cannot find device")
    {
        eprintln!("partition: {e} (remove it with `ip link del {host_link}`)");
    }
    if let Err(e) = run("ip", &["netns", "del", namespace]) {
        eprintln!("partition: {e} (remove it with `ip netns del {namespace}`)");
    }
}

/// Removes the namespaces of test processes that no longer run (killed before their drops ran).
fn sweep_stale() {
    let Ok(list) = run("ip", &["netns", "list"]) else {
        return;
    };
    for name in list.lines().filter_map(|l| l.split_whitespace().next()) {
        let Some(pid) = name
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !running(pid) {
            eprintln!("partition: removing {name}, left by test process {pid}, which is gone");
            // Its link goes with the namespace once nothing runs inside.
            remove_namespace(name, "");
        }
    }
}

/// Whether process `pid` runs: it exists and is not a zombie (a killed test process stays one
/// until its parent reaps it).
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        // "pid (command) state ...": the command may hold spaces and parentheses.
        let state = stat.rsplit_once(')').map(|(_, rest)| rest.trim_start());
        !state.is_some_and(|s| s.starts_with('Z'))
    })
}

/// A locally administered MAC address for end `end` (1: host, 2: inside) of link `slot`.
fn mac(slot: u32, end: u8) -> String {
    format!("02:5b:{:02x}:{:02x}:00:{end:02x}", slot >> 8, slot & 0xff)
}

/// Whether this process runs as root (its effective user id, from /proc: no unsafe `geteuid`).
fn is_root() -> Result<bool, String> {
    let status = std::fs::read_to_string("/proc/self/status")
        .map_err(|e| format!("cannot read /proc/self/status: {e}"))?;
    let euid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|ids| ids.split_whitespace().nth(1))
        .ok_or("no effective uid in /proc/self/status")?;
    Ok(euid == "0")
}

/// Runs `program args`, returning its standard output, or an error with its standard error.
fn run<S: AsRef<str>>(program: &str, args: &[S]) -> Result<String, String> {
    let args: Vec<&str> = args.iter().map(AsRef::as_ref).collect();
    let output = Command::new(program)
        .args(&args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run `{program}`: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!(
            "`{program} {}` failed ({}): {}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

/// The forwarder's way of serving a connection: connect to `upstream` and copy both ways.
fn forward_to(upstream: SocketAddr) -> impl Fn(TcpStream, &Connection) + Send + Sync + 'static {
    move |client: TcpStream, connection: &Connection| {
        let upstream = match TcpStream::connect_timeout(&upstream, Duration::from_secs(5)) {
            Ok(stream) => stream,
            Err(e) => {
                // Dropping the client closes it: it sees the refusal it would see upstream.
                eprintln!("partition forwarder: cannot reach {upstream}: {e}");
                return;
            }
        };
        connection.track(&upstream);
        // Small request/response messages (PostgreSQL's) should not wait for Nagle.
        let _ = client.set_nodelay(true);
        let _ = upstream.set_nodelay(true);
        let (Ok(client_back), Ok(upstream_back)) = (client.try_clone(), upstream.try_clone())
        else {
            return;
        };
        let back = std::thread::spawn(move || pipe(&upstream_back, &client_back));
        pipe(&client, &upstream);
        let _ = back.join();
    }
}

/// Copies `from` to `to` until `from` ends (then passes the end on) or either fails (then ends
/// both, so the other direction stops too).
fn pipe(from: &TcpStream, to: &TcpStream) {
    match io::copy(&mut &*from, &mut &*to) {
        Ok(_) => {
            let _ = to.shutdown(Shutdown::Write);
        }
        Err(_) => {
            let _ = from.shutdown(Shutdown::Both);
            let _ = to.shutdown(Shutdown::Both);
        }
    }
}

/// The open connections of a [`Server`]: a copy of each of their sockets, so that stopping the
/// server can shut them (which wakes the threads blocked on them).
#[derive(Debug, Default)]
struct Connections {
    next: AtomicU64,
    open: Mutex<HashMap<u64, Vec<TcpStream>>>,
}

impl Connections {
    fn lock(&self) -> MutexGuard<'_, HashMap<u64, Vec<TcpStream>>> {
        // A panic elsewhere while holding it leaves the map usable.
        self.open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn shut_all(&self) {
        for stream in self.lock().values().flatten() {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

/// One connection being served, for its handler to register the other sockets it opens.
struct Connection {
    id: u64,
    all: Arc<Connections>,
}

impl Connection {
    fn track(&self, stream: &TcpStream) {
        if let Ok(copy) = stream.try_clone() {
            self.all.lock().entry(self.id).or_default().push(copy);
        }
    }
}

impl Drop for Connection {
    /// Served: its copies are closed, so the sockets close once the handler's are dropped.
    fn drop(&mut self) {
        self.all.lock().remove(&self.id);
    }
}

type Handler = dyn Fn(TcpStream, &Connection) + Send + Sync;

/// A TCP server in this process serving each connection on its own thread, until dropped.
#[derive(Debug)]
struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    connections: Arc<Connections>,
    /// Returns the connections' threads when it stops.
    acceptor: Option<JoinHandle<Vec<JoinHandle<()>>>>,
}

impl Server {
    fn start(
        listen: SocketAddr,
        handler: impl Fn(TcpStream, &Connection) + Send + Sync + 'static,
    ) -> io::Result<Self> {
        let listener = TcpListener::bind(listen)?;
        let addr = listener.local_addr()?;
        // Polled, so that the acceptor sees `stop` without a connection to wake it.
        listener.set_nonblocking(true)?;
        let stop = Arc::new(AtomicBool::new(false));
        let connections = Arc::new(Connections::default());
        let handler: Arc<Handler> = Arc::new(handler);
        let acceptor = {
            let (stop, connections) = (stop.clone(), connections.clone());
            std::thread::spawn(move || {
                let mut workers: Vec<JoinHandle<()>> = Vec::new();
                while !stop.load(Ordering::SeqCst) {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            let _ = stream.set_nonblocking(false);
                            let connection = Connection {
                                id: connections.next.fetch_add(1, Ordering::SeqCst),
                                all: connections.clone(),
                            };
                            connection.track(&stream);
                            let handler = handler.clone();
                            workers.retain(|w| !w.is_finished());
                            workers.push(std::thread::spawn(move || {
                                handler(stream, &connection);
                            }));
                        }
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                            std::thread::sleep(Duration::from_millis(10));
                        }
                        Err(e) => {
                            eprintln!("partition: accepting on {addr} failed: {e}");
                            std::thread::sleep(Duration::from_millis(10));
                        }
                    }
                }
                workers
            })
        };
        Ok(Self {
            addr,
            stop,
            connections,
            acceptor: Some(acceptor),
        })
    }
}

impl Drop for Server {
    /// Stops accepting, then shuts every open connection and waits (bounded) for their threads.
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let workers = match self.acceptor.take().map(JoinHandle::join) {
            Some(Ok(workers)) => workers,
            _ => Vec::new(),
        };
        // After the acceptor has stopped, so no connection opens after this.
        self.connections.shut_all();
        let deadline = Instant::now() + Duration::from_secs(5);
        while workers.iter().any(|w| !w.is_finished()) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        let running = workers.iter().filter(|w| !w.is_finished()).count();
        if running > 0 {
            eprintln!(
                "partition: {running} connection threads of {} still run 5 s after their sockets were shut",
                self.addr
            );
        }
    }
}

/// The trial: a process inside the namespace reaches an upstream through the link, in a fresh
/// connection and in one held open; after `cut` a new connection attempt hangs (it is not
/// refused) until its bounded timeout, and the held one gets no answer but is not reset; after
/// `heal` the held connection carries on with what it sent during the cut, and new connections
/// work again.
pub fn a_cut_link_stops_a_connection_and_healing_restores_it() {
    // The upstream: an echo server on this host's loopback, which the namespace cannot reach
    // except through the forwarder.
    let echo = Server::start(SocketAddr::from(([127, 0, 0, 1], 0)), |stream, _| {
        let _ = io::copy(&mut &stream, &mut &stream);
    })
    .expect("start the echo server");
    let partition = Partition::new(echo.addr).unwrap_or_else(|e| panic!("{e}"));
    let upstream = partition.upstream_inside();
    let inside = partition
        .command("ip")
        .args(["-o", "-4", "addr", "show"])
        .output()
        .expect("run ip inside the namespace");
    let inside = String::from_utf8_lossy(&inside.stdout);
    assert!(
        inside.contains(&format!("inet {}/30", partition.inside_ip())) && inside.contains("lo "),
        "the namespace has its own address on the link, and loopback up: {inside}"
    );

    assert_eq!(
        exchange(&partition, "before"),
        Ok("before".to_owned()),
        "a fresh connection from inside reaches the upstream through the link"
    );
    let mut held = Held::open(&partition);
    assert_eq!(held.round_trip("one"), "one");

    partition.cut();
    let started = Instant::now();
    let attempt = exchange(&partition, "during");
    assert_eq!(
        attempt,
        Err(Some(124)),
        "a connection to {upstream} across the cut must hang (be stopped by `timeout`, status \
         124), neither succeed nor be refused"
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the attempt outlived its timeout: {:?}",
        started.elapsed()
    );
    held.send("two");
    assert_eq!(
        held.line_within(Duration::from_millis(1500)),
        None,
        "an answer crossed the cut"
    );
    held.assert_running("the held connection was reset by the cut; a partition is silent");

    partition.heal();
    assert_eq!(
        held.line_within(Duration::from_secs(30)),
        Some("two".to_owned()),
        "after healing, TCP delivers what was sent during the cut, and its answer"
    );
    assert_eq!(held.round_trip("three"), "three");
    assert_eq!(
        exchange(&partition, "after"),
        Ok("after".to_owned()),
        "after healing, a fresh connection works again"
    );
    held.close();

    // `sever` ends the connections the forwarder carries (the held one sees its end), and
    // only those.
    let mut held = Held::open(&partition);
    assert_eq!(held.round_trip("four"), "four");
    partition.sever();
    held.send("five");
    assert_eq!(
        held.exit_within(Duration::from_secs(10)),
        Some(8),
        "ended by the forwarder"
    );
    assert_eq!(exchange(&partition, "six"), Ok("six".to_owned()));
}

/// `bash` inside the namespace: connects to the upstream, sends `$1` and prints the line it gets
/// back. Stopped by `timeout` after 3 s.
const EXCHANGE: &str = r#"exec 3<>"/dev/tcp/$UPSTREAM_HOST/$UPSTREAM_PORT" || exit 9
printf '%s\n' "$1" >&3
IFS= read -r line <&3 || exit 8
printf '%s\n' "$line""#;

/// One connection from inside the namespace: the line the upstream echoed, or the exit status
/// (124: `timeout` stopped it, the connection hung).
fn exchange(partition: &Partition, line: &str) -> Result<String, Option<i32>> {
    let upstream = partition.upstream_inside();
    let output = partition
        .command("timeout")
        .args(["3", "bash", "-c", EXCHANGE, "exchange", line])
        .env("UPSTREAM_HOST", upstream.ip().to_string())
        .env("UPSTREAM_PORT", upstream.port().to_string())
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .expect("run bash inside the namespace");
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout)
            .trim_end()
            .to_owned())
    } else {
        Err(output.status.code())
    }
}

/// `bash` inside the namespace holding one connection to the upstream: each line on its stdin
/// goes to the upstream, and each line back is printed.
const HOLD: &str = r#"exec 3<>"/dev/tcp/$UPSTREAM_HOST/$UPSTREAM_PORT" || exit 9
while IFS= read -r line; do
  printf '%s\n' "$line" >&3
  IFS= read -r answer <&3 || exit 8
  printf '%s\n' "$answer"
done"#;

/// A process inside the namespace holding a connection open, killed on drop.
struct Held {
    child: std::process::Child,
    stdin: Option<std::process::ChildStdin>,
    lines: std::sync::mpsc::Receiver<String>,
}

impl Held {
    fn open(partition: &Partition) -> Self {
        use std::io::BufRead;
        let upstream = partition.upstream_inside();
        let mut child = partition
            .command("bash")
            .args(["-c", HOLD])
            .env("UPSTREAM_HOST", upstream.ip().to_string())
            .env("UPSTREAM_PORT", upstream.port().to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("run bash inside the namespace");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("piped stdout");
        let (send, lines) = std::sync::mpsc::channel();
        // Ends when the process's stdout closes.
        std::thread::spawn(move || {
            for line in io::BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Self {
            child,
            stdin,
            lines,
        }
    }

    fn send(&mut self, line: &str) {
        use std::io::Write;
        let stdin = self.stdin.as_mut().expect("stdin is open until close");
        writeln!(stdin, "{line}").expect("write to the process inside");
        stdin.flush().expect("flush");
    }

    fn line_within(&self, wait: Duration) -> Option<String> {
        self.lines.recv_timeout(wait).ok()
    }

    fn round_trip(&mut self, line: &str) -> String {
        self.send(line);
        self.line_within(Duration::from_secs(10))
            .unwrap_or_else(|| panic!("no answer to {line:?} within 10 s across a healthy link"))
    }

    fn assert_running(&mut self, why: &str) {
        if let Some(status) = self.child.try_wait().expect("poll the process inside") {
            panic!("{why} (it exited: {status})");
        }
    }

    /// The process's exit status once it exits, if it does within `wait`.
    fn exit_within(&mut self, wait: Duration) -> Option<i32> {
        let deadline = Instant::now() + wait;
        loop {
            match self.child.try_wait().expect("poll the process inside") {
                Some(status) => return status.code(),
                None if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                None => return None,
            }
        }
    }

    /// Ends the input: the process leaves its loop and exits 0 (its connection closes cleanly).
    fn close(mut self) {
        self.stdin = None;
        assert_eq!(
            self.exit_within(Duration::from_secs(10)),
            Some(0),
            "the process inside exits cleanly within 10 s of its input closing"
        );
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
