//! The whole machine's CPU time over a measurement, so that a throughput figure can say how close
//! it ran to the CPU's limit: a rate with every core busy cannot grow by removing a wait, and a
//! rate with cores idle can.
//!
//! Read from the first line of `/proc/stat` (Linux), so it counts every process: a PostgreSQL
//! server's backends as well as the benchmark. Elsewhere nothing is measured and the figures say
//! so.

/// Cumulative CPU time of all cores since boot, in the kernel's clock ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CpuTicks {
    /// user + nice + system + irq + softirq (guest time is inside user).
    busy: u64,
    /// busy + idle + iowait + steal: every tick of every core, including those taken by the host.
    total: u64,
}

/// The machine's CPU ticks now, or `None` where `/proc/stat` cannot be read.
pub(crate) fn now() -> Option<CpuTicks> {
    parse(&std::fs::read_to_string("/proc/stat").ok()?)
}

/// Parses the aggregate `cpu` line of `/proc/stat`.
fn parse(stat: &str) -> Option<CpuTicks> {
    let line = stat.lines().find(|l| l.starts_with("cpu "))?;
    let fields: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .take(8)
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let [user, nice, system, idle, iowait, irq, softirq, steal] = fields.try_into().ok()?;
    let busy = user + nice + system + irq + softirq;
    Some(CpuTicks {
        busy,
        total: busy + idle + iowait + steal,
    })
}

/// Cores busy on average between two readings (0 to `cores`), or `None` if either is missing or
/// no tick passed.
pub(crate) fn busy_cores(before: Option<CpuTicks>, after: Option<CpuTicks>) -> Option<f64> {
    let (before, after) = (before?, after?);
    let total = after.total.checked_sub(before.total)?;
    let busy = after.busy.checked_sub(before.busy)?;
    (total > 0).then(|| cores() as f64 * busy as f64 / total as f64)
}

/// The cores this process may use.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_aggregate_line_is_read_and_the_per_core_lines_are_not() {
        let stat = "cpu  100 5 50 800 20 3 2 10 0 0\ncpu0 1 1 1 1 1 1 1 1 0 0\nintr 1\n";
        assert_eq!(
            parse(stat),
            Some(CpuTicks {
                busy: 160,
                total: 990
            })
        );
        assert_eq!(parse("cpu0 1 2 3 4 5 6 7 8\n"), None);
        assert_eq!(parse("cpu  1 2 three 4 5 6 7 8\n"), None);
        assert_eq!(parse("cpu  1 2 3\n"), None);
    }

    #[test]
    fn busy_cores_is_the_busy_share_of_every_core() {
        let before = parse("cpu  0 0 0 0 0 0 0 0\n");
        let after = parse("cpu  300 0 100 400 100 0 0 100\n");
        let busy = busy_cores(before, after).expect("ticks passed");
        assert!((busy - cores() as f64 * 0.4).abs() < 1e-9, "{busy}");
        // No tick, or a counter that went backwards (a reading from another boot): no figure.
        assert_eq!(busy_cores(before, before), None);
        assert_eq!(busy_cores(after, before), None);
        assert_eq!(busy_cores(None, after), None);
    }
}
