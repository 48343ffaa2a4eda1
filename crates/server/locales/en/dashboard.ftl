# The public dashboard in English (Project Fluent). Every message here has a twin with the same
# id and attributes in ../uk/dashboard.ftl: a test fails naming any message one of them lacks.
# Instants, numbers, ids and the charter's names are arguments ($…): they read the same in both
# languages. Arguments named after markup ($time, $link, $claims…) are spliced in as HTML.

## The layout: navigation, footer, skip link, live indicator, language switch

page-title = { $title } · Snapback guarantee record
skip-link = Skip to main content
brand-name = Snapback guarantee
brand-tagline = Public record
nav-main-label = Main
nav-overview = Overview
nav-guarantors = Guarantors
nav-fund = Fund
nav-capabilities = Capabilities
nav-measures = Measures
nav-monitoring = Monitoring
nav-charter = Charter
charter-page-title = Charter, version { $version }
nav-log = Log
nav-api = API
live-static = Static page
# What the live update script writes, read from the page (it has no words of its own).
live-connected = Live
live-reconnecting = Reconnecting…
live-deadline-reached = deadline reached
# Countdown units ("2 h 5 min"): one word each, no spaces.
live-unit-day = d
live-unit-hour = h
live-unit-minute = min
live-unit-second = s
# $time: the figures of a countdown ("2 h 5 min").
live-left = { $time } left
lang-switch-label = Language
footer-does-title = What this system does.
footer-does-text = It records a codified security guarantee for Ukraine: claims of ceasefire violations, the guarantors’ votes and decisions, the automatic “snapback” activations they lead to, and the commitments of money and deliveries those activations create. Every entry is signed and kept in an append-only transparency log that anyone can verify independently.
footer-does-not-title = What it does not do.
footer-does-not-text = It holds no targeting, intelligence content or operational information, and it plans or directs no operations. Classified evidence appears only as metadata (its source kind and digest), and only to readers cleared for it.
footer-verify-log = How to verify the log
footer-api-reference = API reference
footer-openapi = OpenAPI

## Error and not-found pages

# $reason: the HTTP status in words ("Bad Request"); $status: its number.
error-title = { $reason }
back-to-overview = Back to the overview
not-found-title = Not found
not-found-claim = The log holds no claim with the id { $id }.

## Status words (badges), the same on every page

status-pending = pending
status-activated = activated
status-dismissed = dismissed
status-withdrawn = withdrawn
status-rejected = rejected
status-superseded = superseded
status-adopted = adopted
status-not-adopted = not adopted
status-fulfilled = fulfilled
status-late = late
status-overdue = overdue
status-cancelled = cancelled
status-peace = peace
status-conflict = conflict

## The overview

overview-title = Overview
overview-default-title = Snapback security guarantee
mode-heading = Mode:
# $mode: peace or conflict.
mode-fund-since-activation = The Stabilization Fund has been in { $mode } mode since { $time } (activation { $activation }). { $link }.
mode-fund-since = The Stabilization Fund has been in { $mode } mode since { $time }. { $link }.
mode-fund-since-start = The Stabilization Fund has been in { $mode } mode since the start of the log. { $link }.
mode-fund-link = The fund: pools, contributors, surge calls
mode-fund-note = The mode is the Stabilization Fund's ({ $article }): an activation whose package carries a funds obligation moves it to conflict mode; it returns to peace mode after { $quiet } without a new one.
mode-rule-open =
    { $open ->
        [one] { $open } obligation created by activations is still open ({ $pending } pending, { $overdue } overdue).
       *[other] { $open } obligations created by activations are still open ({ $pending } pending, { $overdue } overdue).
    }
mode-rule-none = No obligation created by an activation is open.
mode-rule-note = This charter sets up no Stabilization Fund, so the mode shown here follows a working rule: “conflict” while any obligation created by an activation is still open (pending or overdue), otherwise “peace”. Under a charter with a fund, the mode is the fund's.
figures-label = Figures
# The figure itself ($count) is shown before the words.
stat-open-claims = open claims
stat-activations = activations
stat-open-obligations = open obligations
stat-overdue-obligations = overdue obligations
open-claims-heading = Open claims
open-claims-empty = No claim is pending.
open-claims-pages-label = Open claims pages
open-claims-showing = Showing { $first } to { $last } of { $total } open claims, soonest deadline first.
open-claims-earlier = Earlier deadlines
open-claims-later = Later deadlines
open-decisions-heading = Decisions under way
open-decisions-empty = No decision is pending.
activations-heading = Recent activations
activations-empty = No activation so far.
overdue-heading = Overdue obligations
overdue-caption = Obligations past their due instant and not fulfilled
overdue-empty = No obligation is overdue.
recent-claims-heading = Recently decided claims
recent-claims-empty = No claim has been decided yet.
log-size =
    { $count ->
        [one] As of { $count } entry in the log. { $link }.
       *[other] As of { $count } entries in the log. { $link }.
    }
verify-log-link = Verify the log
cut-note = { $shown } of { $total } are shown; all of them are in { $link }.

## Items several pages show: claims, activations, decisions, obligations

# $action: dismiss or activate; $word: the verdict that overturns the default.
need-count =
    Needed to { $action ->
        [dismiss] dismiss
       *[activate] activate
    }: { $needed } { $word ->
        [unfounded] unfounded
       *[founded] founded
    } votes of { $members }; { $cast } cast
need-count-still =
    Needed to { $action ->
        [dismiss] dismiss
       *[activate] activate
    }: { $needed } { $word ->
        [unfounded] unfounded
       *[founded] founded
    } votes of { $members }; { $cast } cast, { $still } still needed
# $rule: the charter's rule in words (the charter's own wording).
need-rule =
    To { $action ->
        [dismiss] dismiss
       *[activate] activate
    } the claim: { $rule }
claim-filed-by = Filed by { $party } on { $time } · { $category } · severity { $severity }
deadline-line = Deadline { $deadline }
# $status: the status word, capitalised.
closed-at = { $status } { $time }
activation-title = Activation { $id }: { $tier }
activation-meta = { $time } · cause: { $cause } · { $claims }
cause-claim = claim
cause-escalation = escalation (several activated claims)
packages-label = Packages
decision-title = Decision { $id }
decision-meta = { $body } · opened { $time }
decision-decided = Decided { $time }
decision-votes = Votes: { $yes } yes, { $no } no, { $abstain } abstain, { $notvoted } not voted.
explanation-heading = Explanation
obligation-fulfilled = fulfilled { $time }
obligation-reference = (ref. { $reference })
column-party = Party
column-obligation = Obligation
column-due = Due
column-status = Status

## The claim page

claim-title = Claim { $id }
breadcrumb-claim = Claim
fact-filed-by = Filed by
fact-filed = Filed
fact-category = Category
fact-severity = Severity
fact-body = Deciding body
fact-deadline = Deadline
fact-determined = Determined
fact-withdrawn = Withdrawn
fact-superseded = Superseded
fact-superseded-by = { $time } by the adopted motion { $decision }
fact-basis = Basis
fact-tier = Tier
fact-charter-version = Charter version
basis-adopted = the body adopted the motion
basis-cannot-be-adopted = the motion could no longer be adopted
basis-not-adopted-by-deadline = the motion was not adopted by the deadline
basis-evidence-insufficient = the evidence requirement was not met
tally-heading = Tally
tally-caption = Votes of the { $members } members
tally-vote = Vote
tally-members = Members
vote-founded = Founded
vote-unfounded = Unfounded
vote-abstain = Abstain
vote-not-voted = Not voted
tally-count-closed = { $count }.
# $article: the body's article, a link to the charter; $rule: the charter's rule in words.
tally-rule =
    Rule of the { $body } ({ $article }): { $rule }. The motion before it: the claim is { $word ->
        [unfounded] unfounded
       *[founded] founded
    }.
timeline-heading = Timeline
# $kind: what happened (filed, evidence, vote…), as the API names it.
timeline-kind = { $kind }
clearance-public = public
clearance-restricted = restricted
clearance-confidential = confidential
clearance-secret = secret
evidence-heading = Evidence by source
evidence-items =
    { $count ->
        [one] { $count } item
       *[other] { $count } items
    }
evidence-submitted = submitted by { $party } on { $time }
evidence-commitment = commitment
evidence-released = Released to you: { $kind }, { $digest }: { $summary }
evidence-empty = No evidence has been submitted.
evidence-note = Public evidence is listed by its metadata (source kind, classification and digest). The log holds no classified content: a classified item is listed by its marking, the parties it is releasable to and the commitment to its sealed content, and counts towards the evidence requirement as the one kind "classified". Its content is shown only to a reader whose access token has the clearance for its marking and whose party submitted it or is in its REL TO list.
evidence-reading-as = You are reading as { $party } with { $clearance } clearance.
evidence-reading-public = You are reading the public record.
followed-heading = What followed
followed-none = No activation has followed from this claim.
followed-activations = Activations
followed-decisions = Decisions
followed-decisions-empty = No decision was needed for these activations.
followed-obligations = Obligations
followed-obligations-caption = Obligations created by these activations
followed-obligations-empty = No obligation has been created yet.

## The guarantors' page

guarantors-title = Guarantors
guarantors-heading = Guarantors' compliance
guarantors-lede = How each guarantor, and each other party an activation placed obligations on, has met them.
guarantors-at-a-glance = At a glance
guarantors-figures = Figures
guarantors-none = No activation has placed an obligation on any party yet, so there is nothing to                      meet or miss. When a snapback activates, each obligation it creates appears                      here under the party that owes it.
# $names: the guarantors' names, comma-separated.
guarantors-named = The guarantors: { $names }.
guarantors-note = On time: fulfilled by its due instant. Late: fulfilled after it. Overdue: its due instant passed without fulfilment. Pending: not yet due.
compliance-caption = Obligations per party, by status
compliance-chart-desc = Stacked horizontal bars: for each party, its obligations met on time, met late, overdue and pending, with the total at the end of the bar. The table below gives the same figures.
legend-label = Legend
compliance-on-time = on time
compliance-late = late
compliance-overdue = overdue
compliance-pending = pending
compliance-count-on-time = { $count } on time
compliance-count-late = { $count } late
compliance-count-overdue = { $count } overdue
compliance-count-pending = { $count } pending
column-on-time = On time
column-late = Late
column-overdue = Overdue
column-pending = Pending
column-total = Total

## The log page

log-title = Log
log-heading = The transparency log
log-lede = Every claim, vote, decision, activation and obligation on this site is an entry in an append-only, signed Merkle-tree log.
log-checkpoint-heading = Latest signed checkpoint
log-entries-heading = Entries
log-verify-heading = Verify it independently
log-origin = Origin
log-tree-size = Tree size
log-entry-count =
    { $count ->
        [one] { $count } entry
       *[other] { $count } entries
    }
log-root = Root (base64)
log-verifier-key = Log verifier key
log-no-checkpoint = No checkpoint has been signed yet.
log-holds =
    { $count ->
        [one] The log holds { $count } entry; the next checkpoint will cover them.
       *[other] The log holds { $count } entries; the next checkpoint will cover them.
    }
log-entries-caption = Entries, newest first
log-column-index = Index
log-column-time = Time
log-column-kind = Kind
log-column-signed-by = Signed by
log-column-event = Event
log-column-about = About
log-kind-input = input
log-kind-derived = derived
# $error: why the entry could not be read (the log library's wording).
log-unreadable = Unreadable entry: { $error }
log-empty = The log holds no entries yet.
log-range = Entries { $from } to { $last } of { $size }.
log-older = Older entries
log-latest = Latest entries
# $request: the API request, as code.
log-in-full = Every entry in full: { $request }.
verify-intro = You do not need to trust this site. Anyone can check that the log is complete, untampered and consistent with the charter:
# $file: the checkpoint file's name, as code.
verify-export = Export the log (one canonical entry per line, and the latest checkpoint to { $file }):
verify-replay = Verify the export on another machine against the charter: every signature, the Merkle root against the signed checkpoint, and every derived entry replayed by the rules:
verify-vkey = Print the log's verifier key, to check the checkpoint's signature with any signed-note tool:
verify-http-heading = Over HTTP
verify-http-checkpoint = : the latest signed checkpoint (a C2SP signed note, as above).
# $n: the variable N.
verify-http-inclusion = : a proof that entry { $n } is in the tree.
verify-http-consistency = : a proof that the tree of size { $b } extends the tree of size { $a }.
verify-http-entries = : the canonical entries themselves.
verify-hashing = The tree hashes as in RFC 6962: leaf hash = SHA-256(0x00 || canonical entry bytes); an interior node = SHA-256(0x01 || left || right).

## Status words of the fund and the capability tracker (badges)

status-paid = paid
status-reserved = reserved
status-released = released
status-voided = voided
status-covered = covered
status-short = short
status-on-time = on time
status-open = open
status-in-force = in force
status-lifted = lifted
status-completed = completed
status-in-training = in training
status-due = due
status-at-risk = at risk
status-suspended = suspended
status-lapsed = lapsed
status-terminated = terminated

## The fund page

fund-title = Fund
fund-default-name = Stabilization Fund
fund-none = The charter in force sets up no Stabilization Fund, and the log records no fund activity.
# $table: the charter's table name, as code.
fund-none-how = A charter sets one up with a { $table } table: its currency, its manager, what it may disburse for in peace and in conflict mode, its contributors and their capital, caps, a surge and a tranche.
fund-fact-currency = Currency of account
fund-fact-manager = Manager
fund-fact-surge = Surge
fund-fact-cap = Cap
# $within: a duration as the charter writes it ("1h"); $article: the charter's article.
fund-surge-value = { $currency } { $amount }, due within { $within } ({ $article })
# $purpose: the charter's purpose id; $per: a duration as the charter writes it.
fund-cap-value = { $purpose }: at most { $currency } { $amount } per { $per } ({ $article })
fund-lede = The fund's books: every payment, surge call and disbursement is a double-entry transfer recorded in the signed log.
fund-pools-heading = Pools
fund-contributors-heading = Contributors
fund-calls-heading = Surge calls
fund-purposes-heading = Disbursed by purpose
fund-recipients-heading = Recipients
fund-tranches-heading = Tranches
fund-rates-heading = Exchange rates
fund-transfers-heading = Latest transfers
# $mode: peace or conflict.
fund-in-mode-since-activation = In { $mode } mode since { $time } (activation { $activation }).
fund-in-mode-since = In { $mode } mode since { $time }.
fund-in-mode-since-start = In { $mode } mode since the start of the log.
# $purposes: the charter's purpose ids, comma-separated.
fund-may-disburse = May disburse now for: { $purposes }.
# $quiet: a duration as the charter writes it.
fund-mode-note = An activation whose package carries a funds obligation moves the fund to conflict mode (and calls the surge, if the charter sets one); it returns to peace mode after { $quiet } without such an activation ({ $article }). In peace mode it disburses for { $peace }; in conflict mode for { $conflict }, from the surge pool first.
fund-mode-history = Mode history
fund-history-start = from the start of the log
fund-history-activation = activation { $activation } moved the fund to conflict mode
fund-history-quiet = the quiet period ended without a new activation
fund-column-contributor = Contributor
fund-column-key = Key (share)
fund-column-subscribed = Subscribed
fund-column-pledged = Pledged
fund-column-paid-in = Paid in
fund-column-callable = Callable
fund-column-surge-called = Surge called
fund-column-surge-paid = Surge paid
fund-column-outstanding = Outstanding
fund-contributors-empty = No contributor.
fund-contributors-caption = Contributors, in { $currency }
fund-contributors-note = Paid in: every payment, surge payments included. Outstanding: surge calls and pledges not yet paid.
fund-call-title = Surge call of activation { $activation }: { $currency } { $amount }
# $called, $due: instants; $paid of $shares shares were paid.
fund-call-meta = Called { $called }, due { $due } · { $paid } of { $shares } shares paid
fund-share-obligation = obligation { $obligation }
fund-share-paid = paid { $time }
fund-calls-empty = No surge has been called.
fund-calls-note = Each share is an obligation of its contributor, met by paying it into the surge pool. Paid: on time. Late: paid after the due instant. Overdue: the due instant passed unpaid. Pending: not yet due.
fund-column-purpose = Purpose
fund-column-disbursed = Disbursed
fund-purposes-empty = No purpose.
fund-purposes-caption = Disbursed by purpose, in { $currency }
fund-column-recipient = Recipient
fund-column-received = Received
fund-column-reserved = Reserved
fund-recipients-empty = Nothing has been disbursed yet.
fund-recipients-caption = Recipients, in { $currency }
fund-column-claim = Claim
fund-column-recipient-purpose = Recipient and purpose
fund-column-amount = Amount
fund-by-activation = (activation { $activation })
fund-tranches-empty = No tranche has been reserved.
fund-tranches-caption = Tranches, in { $currency }
fund-tranches-note = A tranche is reserved when a claim is filed, released to its recipient when the claim's activation moves the fund to conflict mode, and voided (returned to the core pool) otherwise.
fund-column-currency = Currency
fund-column-rate = Rate
fund-column-recorded = Recorded
fund-rates-empty = No exchange rate has been recorded.
fund-rates-caption = Latest exchange rates into { $currency }
fund-rates-note = The rate is how many units of { $currency } one unit of the currency buys; money paid in another currency is converted at the latest rate and rounded once, half to even.
fund-column-when = When
fund-column-movement = Movement
fund-column-from-to = From and to
fund-column-reference = Reference
# $code: the transfer's code (paid_in, surge_call…); $text: the code in words.
fund-movement = { $text }
fund-movement-by = by { $party }
fund-converted = { $currency } { $amount } at { $rate }
fund-transfers-empty = No money has moved yet.
fund-transfers-caption = The latest transfers ({ $shown } of { $total }), in { $currency }
# $all, $figures: links to the API.
fund-transfers-note = Every movement is a double-entry transfer: one account debited, another credited by the same amount. All of them, with their IATI transaction types: { $all }; the figures on this page: { $figures }.
fund-column-pool = Pool
fund-column-balance = Balance
fund-column-reserved-tranches = Reserved for tranches
fund-column-available = Available
fund-pool-core = Core (paid-in capital)
fund-pool-surge = Surge (paid against surge calls)
fund-pools-caption = Pools, in { $currency }
fund-books-balance = The books balance
fund-books-not-balance = The books do not balance
fund-books-equal = debits equal credits
fund-books-differ = debits and credits differ
# $detail: one of the two messages above.
fund-books-figures =
    { $transfers ->
        [one] { $detail }, posted ({ $debited } debited, { $credited } credited) and pending ({ $debits } and { $credits }), over { $transfers } transfer.
       *[other] { $detail }, posted ({ $debited } debited, { $credited } credited) and pending ({ $debits } and { $credits }), over { $transfers } transfers.
    }
fund-pools-chart-empty = No money has moved through the pools yet, so there is no history to chart.
fund-pools-chart-title = Pool balances over time, in { $currency }
fund-pools-chart-desc =
    { $changes ->
        [one] Step lines of the posted balance of each pool, in { $currency }, from { $from } to { $to }, over { $changes } change. Core pool: now { $core_now }, at most { $core_max }. Surge pool (dashed line): now { $surge_now }, at most { $surge_max }. The table under the chart lists the figures.
       *[other] Step lines of the posted balance of each pool, in { $currency }, from { $from } to { $to }, over { $changes } changes. Core pool: now { $core_now }, at most { $core_max }. Surge pool (dashed line): now { $surge_now }, at most { $surge_max }. The table under the chart lists the figures.
    }
fund-core-now = Core pool: now { $amount }
fund-surge-now = Surge pool: now { $amount }
fund-series-latest = the latest { $shown } of { $total }
fund-series-points =
    { $count ->
        [one] { $count } point
       *[other] { $count } points
    }
fund-balances-heading = Balances over time
fund-legend-core = core pool (solid)
fund-legend-surge = surge pool (dashed)
fund-balances-table = The balances as a table ({ $summary })
fund-pool-history-caption = Posted balances after each change, in { $currency }
fund-column-after = After
fund-column-core = Core
fund-column-surge = Surge
fund-bar-paid-in = paid in
fund-bar-surge-called = surge called
fund-bar-surge-paid = surge paid
fund-contributors-chart-title = Contributors: paid in, surge called and surge paid, in { $currency }
fund-contributors-chart-desc = For each contributor three horizontal bars: what it paid in (all payments, surge payments included), what surge calls asked of it, and what it paid against them, with the amount at the end of each bar. The contributors table gives the exact figures.
fund-legend-paid-in = paid in (top)
fund-legend-surge-called = surge called (middle)
fund-legend-surge-paid = surge paid (bottom)
# Chart labels: an amount in billions, millions, thousands ($n: the figure, "3.26").
fund-compact-bn = { $n } bn
fund-compact-m = { $n } m
fund-compact-k = { $n } k

## The capability tracker (/capabilities and its four sub-pages)

cap-tracker = Capability tracker
# $page: the sub-page's name (the tab below).
cap-heading = Capability tracker: { $page }
cap-title = Capabilities: { $page }
cap-tab-readiness = Readiness
cap-tab-deliveries = Deliveries
cap-tab-stockpiles = Stockpiles
cap-tab-training = Training
cap-tab-restrictions = Restrictions
cap-lede-readiness = If every military package of the charter were called now: could each obligation be met by its due instant from the stock pre-positioned near Ukraine and the standing production contracts recorded in the log, and if not, by how much and how late.
cap-lede-deliveries = What each donor committed, what arrived, and whether it arrived by the promised date.
cap-lede-stockpiles = Coalition stock pre-positioned in the bordering states, what has been released from it, and what is still available.
cap-lede-training = Trainees each centre started in the last 30 days against its monthly capacity, and every cohort.
cap-lede-restrictions = Usage restrictions donors attached to donated systems, whether they are still in force, and which activation lifts them under the charter.
cap-as-of = As of { $time }, the latest instant the log has reached.
# $capabilities, $restriction: the charter's table names, as code.
cap-nothing = Nothing to track: the charter in force has no { $capabilities } table, no { $restriction } rule and no obligation that counts                      items, and the log records no commitment, contract, stock, training cohort                      or restriction yet.
# A delay: $days is a decimal figure ("1.5"), the others whole numbers.
cap-delay-days = { $days } days
cap-delay-hours = { $h } h
cap-delay-hours-minutes = { $h } h { $min } min
cap-delay-minutes = { $min } min
cap-delay-seconds = { $s } s
cap-package = Package { $package }
cap-covered = Every unit would arrive by its due instant.
cap-short-at-due = Short at the due instant
# $units: the figure as written ("1,000"); $count: the same number, for the plural.
cap-units = { $units } units
cap-ready-in-full = Ready in full
cap-never = never
cap-late-by = Late by
cap-cannot-be-met = Cannot be met in full
cap-cannot-be-met-rest = from the stock and contracts recorded.
cap-cannot-be-met-late = from the stock and contracts recorded; its other obligations would be late by up to { $delay }.
# $lot, $location: ids; $time: when it would arrive.
cap-from-lot = { $units } from lot { $lot } in { $location }, arriving { $time }
cap-called-off = { $units } called off { $contract }, complete by { $time }
cap-column-units = Units
cap-column-ready = Ready
cap-column-from-stock = From stock
cap-column-from-contracts = From contracts
cap-not-in-full = not in full
cap-short-units = { $units } short at the due instant
cap-sources-empty = No obligation of the charter counts items.
cap-sources-caption = Each obligation that counts items, if called now
cap-sources-note = Obligations are served in charter order; each takes stock first (the lots nearest Ukraine first, only at its location if the charter names one), then what the valid contracts of its item can produce. What one takes is gone for the next.
cap-column-received = Received
# $part of $whole, figures as written ("1,000").
cap-of = { $part } of { $whole }
cap-item-obligations-empty = No activation has created an obligation that counts items.
cap-item-obligations-caption = Activated obligations that count items
cap-item-obligations-note = At an activation the engine draws stock down and calls contracts off exactly as the readiness figures assumed; an obligation is met by receipts Ukraine (or the secretariat) records.
cap-column-contract = Contract
cap-column-item = Item
cap-column-per-month = Per month
cap-column-at-surge = At surge
cap-column-valid = Valid
cap-column-called-off = Called off
# $lead: a duration as the charter writes it.
cap-after = after { $lead }
cap-valid-range = { $from } to { $until }
cap-contracts-empty = No contract has been registered.
cap-contracts-caption = Standing production contracts
cap-readiness-summary = { $covered } of { $packages } military packages would be covered if called now.
cap-readiness-empty = No military package of the charter counts items.
cap-readiness-heading = Readiness board
cap-sources-heading = Where the units would come from
cap-item-obligations-heading = Activated obligations
cap-contracts-heading = Standing contracts
# $json, $later: API requests, as code.
cap-readiness-json = The same figures as JSON: { $json }; readiness at a later instant: { $later }.
cap-on-time-of-due = { $on_time } of { $due } due
cap-at-most = at most { $max }
cap-column-donor = Donor
cap-column-commitments = Commitments
cap-column-committed = Committed
cap-column-delivered = Delivered
cap-column-pipeline = In the pipeline
cap-column-days-late = Days late
cap-deliveries-chart-empty = No commitment has been recorded, so there is nothing to chart.
cap-deliveries-chart-desc = One row per commitment, time from { $from } to { $to } left to right: a hollow circle at the promised date, a filled circle at the receipt that completed it, and a line between them; a commitment not yet complete has a dashed line to now. The commitments table below gives the same dates.
cap-deliveries-chart-title = Promised and actual delivery dates per commitment
cap-now = now
# $item: the item's id.
cap-commitment-delivered = { $delivered } of { $quantity } { $item } delivered, promised { $promised }
cap-completed-at = completed { $time }
cap-not-complete = not complete
cap-days-late-plain = { $days } days late
cap-days-late =
    { $days ->
        [one] { $days } day late
       *[other] { $days } days late
    }
cap-legend-promised = promised (hollow)
cap-legend-completed = completed (filled)
cap-legend-late = late or overdue
cap-legend-open = open (dashed, to now)
cap-column-commitment = Commitment
cap-column-promised = Promised
cap-column-completed = Completed
cap-commitments-empty = No commitment has been recorded.
cap-commitments-caption = Commitments
cap-by-donor = By donor
cap-donors-caption = Delivery performance by donor
cap-donors-note = On time: complete by the promised date, of the commitments due (promised by now, or complete). Days late: whole days past the promised date, rounded up, of late and overdue commitments. In the pipeline: committed and not yet delivered.
cap-deliveries-chart-heading = Promised and actual dates
cap-commitments-heading = Commitments
cap-by-category = By category
cap-groups-caption = By donor and category
cap-stockpiles-chart-empty = No stock has been recorded, so there is nothing to chart.
cap-stockpiles-chart-title = Units available by location and item
cap-stockpiles-chart-desc = One horizontal bar per location and item, its length the units still available there, with the figure at its end. The locations table gives the same figures.
cap-available = { $units } { $item } available
cap-column-location = Location
cap-column-transit = Transit to Ukraine
cap-column-lots = Lots
cap-locations-empty = The charter names no location.
cap-column-lot = Lot
cap-column-owner = Owner
cap-column-stocked = Stocked
cap-column-released = Released
cap-lots-empty = No stock has been recorded.
cap-by-location = By location
cap-locations-caption = Stock by location
cap-lots-heading = Lots
cap-stockpiles-note = Released: drawn down by an activation or released by its owner. Transit: the time released stock takes to reach Ukraine, as the charter sets it.
cap-centres-empty = The charter names no training centre.
cap-training-chart-title = Trainees started in the last 30 days against monthly capacity
cap-training-chart-desc = For each training centre an outlined bar for its monthly capacity and a filled bar over it for the trainees started in the last 30 days, with both figures at the end. The centres table gives the same figures.
cap-training-started = { $started } started in the last 30 days of { $capacity } a month
cap-legend-capacity = capacity per month (outline)
cap-legend-started = started in the last 30 days (filled)
cap-column-centre = Centre
cap-column-capacity = Capacity per month
cap-column-started-30 = Started, last 30 days
cap-column-started = Started
cap-column-in-training = In training
# Trainees who completed a course (the commitments' "Completed" is a date).
cap-column-finished = Completed
cap-host = host { $party }
# $percent: a figure as written ("60.0").
cap-of-capacity = { $percent }% of capacity
cap-column-cohort = Cohort
cap-column-trainees = Trainees
cap-cohorts-empty = No cohort has started.
cap-throughput-heading = Throughput against capacity
cap-centres-heading = Centres
cap-centres-caption = Training centres
cap-cohorts-heading = Cohorts
cap-column-restriction = Restriction
cap-column-terms = Terms
cap-column-imposed = Imposed
cap-column-lifted-on = Lifted on activation of
cap-lifted-by-activation = by activation { $activation }, { $time }
cap-lifted-by-party = by { $party }, { $time }
cap-no-package = No package: only its donor can lift it.
cap-restrictions-empty = No restriction has been recorded.
cap-restrictions-summary = { $in_force } in force, { $lifted } lifted.
cap-restrictions-caption = Usage restrictions on donated systems
# $rule: the charter's table name, as code.
cap-restrictions-note = A donor lifts its own restriction; a { $rule } rule of the charter lifts the listed restrictions when a package named in it is activated.

## The register of measures (/measures)

measures-heading = Measures
measures-empty = The charter keeps no register of measures (no [[measure]] tables), or none has begun yet.
measures-lede = Each sanctions regime, restriction or posture the charter names, in exactly one state at any instant: in force, at risk of a failed renewal, suspended (eased, able to snap back), lapsed or terminated. Every change is derived by the engine and cites the article that caused it.
measures-over-time = Over time
measures-each = Each measure, step by step
measures-state-in-force = In force
measures-state-at-risk = At risk
measures-state-suspended = Suspended
measures-state-lapsed = Lapsed
measures-state-terminated = Terminated
measures-legend-renewed = Renewed
measures-legend-confirmed = Snapback found it in force
measures-legend-review = Relief under review
measures-chart-title = Each measure's state over time
measures-chart-desc = One row per measure: coloured bands show when it was in force, at risk, suspended, lapsed or terminated; a tick marks a renewal or a snapback that found it in force; a thin bar under a row spans a review of relief, from the report to its end. The list below gives every step with its date, cause and article.
# $measure: the measure's id; $state: its state in words; $time: when it began.
measures-band-title = { $measure }: { $state } from { $time }
# $relief: the state the relief would bring (suspended, terminated…), as the engine names it.
measures-review-title = { $measure }: relief review { $review } ({ $relief } reported) from { $time }
measures-since = since { $time }
measures-level = level { $level }
measures-expires = expires { $time }
# $owner: who holds the measure, as code; $basis: its legal basis, as the charter writes it.
measures-held-by = Held by { $owner } under { $basis }.
# $cause: the engine's name of a step's cause (renewal_failed…); $text: the same in words.
measures-cause = { $text }
measures-step-activation = activation { $activation }
measures-step-decision = decision { $decision }
measures-step-raised = raised to { $level }
measures-step-expiring = now expiring { $time }
measures-review-heading = Relief review { $review }: { $relief } reported
# $step: the engine's name of a review's step (disapproval_passed…); $text: the same in words.
measures-review-step = { $text }
measures-barred-until = relief barred until { $time }

## Monitoring (/monitoring)

monitoring-heading = Monitoring
monitoring-empty = No monitor has reported under the charter's alert rules yet (a monitor reports with monitor.report; rules are [[alert]] tables).
monitoring-lede = What the monitors counted, window by window, read by the charter's alert rules. An alert is derived by the engine the moment a window meets a rule's condition, and cites the rule's article.
monitoring-series-heading = Series against their thresholds
monitoring-alerts-heading = Alerts
monitoring-alerts-empty = No window has met a rule's condition.
# $condition, $grid: the rule in words (crates/charter/locales/en/describe.ftl, `condition-*`, `grid`).
monitoring-rule = Alerts when { $condition }, on { $grid }
# $category: the category counted, as code.
monitoring-counting = counting { $category }
monitoring-less-flagged = less the counts flagged { $flags }
# $rule: the rule's name (the charter's); $area: the area, as the monitor names it.
monitoring-chart-title = { $rule } on { $area }
monitoring-chart-desc = One bar per window with reports, oldest left; a bar that alerted is marked; the dashed line is the level each window is compared with, where the condition has one. The table of alerts below gives the same facts.
monitoring-bar = window ending { $time }: { $count }
monitoring-bar-alert = window ending { $time }: { $count } (alert)
monitoring-windows-shown = { $shown } windows with reports shown; { $alerts } of them alerted.
monitoring-windows-shown-earlier = { $shown } windows with reports shown ({ $earlier } earlier not drawn); { $alerts } of them alerted.
monitoring-column-derived = Derived
monitoring-column-rule = Rule
monitoring-column-area = Area
monitoring-column-window = Window ending
monitoring-column-count = Count
monitoring-column-why = Why

## The API reference (/api): the page's own words; the OpenAPI document's stay English

api-title = API reference
# $title, $version, $openapi: from the document; $link: the document's address.
api-lede = { $title } { $version }, OpenAPI { $openapi }. The machine-readable document is at { $link }; this page is rendered from it.
# Shown only on a page in another language than English.
api-english-note = The summaries and descriptions of the operations and schemas below come from the OpenAPI document and are in English.
api-operations = Operations
api-schemas = Schemas
api-group-service = service
api-bearer-optional = A bearer token is optional here: with one, a cleared party sees more.
api-parameters = Parameters
api-request-body = Request body
api-responses = Responses
api-table-label = Table
api-column-name = Name
api-column-in = In
api-column-type = Type
api-column-required = Required
api-column-description = Description
api-column-status = Status
api-column-content = Content
api-column-meaning = Meaning
api-column-field = Field
# $in: where a parameter goes (path, query, header, cookie), as OpenAPI names it.
api-param-in = { $in }
api-yes = yes
api-no = no
api-no-content = none
api-optional = (optional)
api-schema-type = Type:
api-one-of = one of
api-or = or
api-and = and
api-any = any
api-array-of = array of
api-map-of = map of
api-object = object
# $type: a JSON Schema type (string, integer, number, boolean, null).
api-type = { $type }

log-witnesses-heading = Witnesses
log-witnesses-quorum = A checkpoint is witnessed once { $k } of the charter's { $n } witnesses have cosigned it.
log-witnesses-no-quorum = The charter sets no quorum: the witnesses' cosignatures are recorded, none is required.
log-witnessed-size =
    { $count ->
        [one] The latest witnessed checkpoint covers { $count } entry:
       *[other] The latest witnessed checkpoint covers { $count } entries:
    }
log-witnessed-none = No checkpoint has been witnessed yet.
log-witness-name = Witness
log-witness-standing = Standing
log-witness-cosigned = Cosigned size
log-witness-pending = pending
log-witness-cosigning = cosigning
log-witness-down = down (retried)
log-witness-fork = fork alarm: it has seen another history of this log
log-fork-alarm = Fork alarm: a witness has seen a history of this log other than the one this site shows. Do not rely on this log until the secretariat has explained it.
verify-http-witnesses = : where each witness stands, the quorum and the witnessed size.

## Bilateral aid recorded by value (aid.valued): the fund page and the deliveries page
aid-column-donor = Donor
aid-column-type = Type
aid-column-currency = Currency
aid-column-committed = Committed
aid-column-allocated = Allocated
aid-column-delivered = Delivered
aid-column-flows = Flows
aid-type-military = military
aid-type-financial = financial
aid-type-humanitarian = humanitarian
aid-empty = No aid has been recorded by value.
fund-bilateral-heading = Bilateral aid beside the fund
fund-bilateral-caption = Financial and humanitarian aid from each donor to the beneficiary, by value
fund-bilateral-note = Donor-to-beneficiary aid recorded by value (such as the Kiel Ukraine Support Tracker's figures). It is not money of the fund: it is in none of the fund's pools, books or totals. Committed means promised, allocated means delivered or specified for delivery, delivered means arrived; the three are never added together.
cap-in-kind-heading = In-kind military aid by value
cap-in-kind-caption = In-kind military aid from each donor, by value
cap-in-kind-note = Military aid recorded by value (such as the Kiel Ukraine Support Tracker's figures), which the tracker cannot count in items. Committed means promised, allocated means delivered or specified for delivery, delivered means arrived; the three are never added together.

## The fund's loans (fund.loan_disbursed, fund.loan_repaid)
fund-loans-heading = Loans
fund-loans-caption = Loans of the fund, in { $currency }
fund-repayments-caption = Repayments, in { $currency }
fund-loans-note = A loan's principal leaves the core pool at once; each instalment is the borrower's scheduled obligation until it is paid in full, by the borrower or from a named revenue stream. Interest is rounded once per instalment, half to even, and the last instalment repays whatever principal is left.
fund-column-loan = Loan
fund-column-principal = Principal
fund-column-terms = Terms
fund-column-next-instalment = Next instalment
fund-column-instalment = Instalment
fund-column-paid-by = Paid by
fund-loan-terms = { $rate }% a year, { $per_year } instalments a year, { $grace } of grace, { $method }
fund-loan-annuity = annuity
fund-loan-linear = linear
fund-loan-paid = { $paid } of { $of } instalments paid
fund-loan-interest-paid = { $amount } interest paid
fund-loan-due = instalment { $number } due
fund-loan-overdue = { $count ->
    [one] 1 instalment overdue
   *[other] { $count } instalments overdue
}
fund-loan-repaid = Repaid in full
fund-guarantees-heading = Guarantees
fund-guarantees-caption = Guarantees of the fund, in { $currency }
fund-guarantees-note = A guarantee reserves the core pool's money that backs it for the guaranteed creditor: a contingent liability. When it is called, the amount called is paid and the rest returns to the pool; if it is not called by its end, all of it returns to the pool.
fund-column-guarantee = Guarantee
fund-column-valid-until = Valid until
fund-guarantee-called-for = called for { $amount }
status-called = called
status-expired = expired

## The fund's programmes

status-waiting = waiting
status-held = held
status-met = verified
status-unmet = not verified
fund-programmes-heading = Programmes
fund-programme-heading = { $name }: to { $recipient } for { $purpose }
fund-programme-caption = Tranches of the programme, in { $currency }
fund-programmes-note = A tranche is paid out of the core pool as soon as the party named for each of its conditions has verified it. A condition not verified by the tranche's date holds the tranche, and so does a pool short of its amount; a held tranche is paid, late, when the condition is verified or the money arrives.
fund-column-tranche = Tranche
fund-column-due-by = Conditions due by
fund-column-conditions = Conditions
fund-condition-verifier = ({ $kind }, verified by { $verifier })

## Appropriations of surge shares

status-awaiting = awaiting appropriation
fund-share-awaiting = waits on an appropriation by { $parliament }
fund-share-due = due { $time }
fund-appropriations-heading = Appropriations
fund-appropriations-caption = Contributors whose surge shares need their parliament's appropriation, in { $currency }
fund-appropriations-note = A contributor whose law makes its callable capital payable only once voted owes a surge share only after its parliament appropriates the money: until then the share is called but waits, with no obligation and no time running; once appropriated it is due within the surge's time to pay.
fund-column-parliament = Parliament
fund-column-appropriated = Appropriated
fund-column-waiting = Shares waiting
fund-appropriation-none-waiting = none waiting
fund-appropriation-waiting-since = { $obligation }, called { $time }

## The fund's board

fund-board-heading = Board
fund-board-rule-key = The fund's contributors sit on the board, each with voting power equal to its contribution key. A motion is adopted when members holding { $threshold } of the board's whole voting power vote yes, within { $within }.
fund-board-rule-paid-in = The fund's contributors sit on the board, each with voting power equal to the capital it has paid in when the motion is put. A motion is adopted when members holding { $threshold } of the board's whole voting power vote yes, within { $within }.
fund-board-more-than = more than { $pct }%
fund-board-at-least = at least { $pct }%
fund-board-powers = The charter gives the board these decisions, and no others:
fund-board-power-return-to-peace = returning the fund to peace mode after the quiet period
fund-board-power-exceptional-disbursement = authorising a disbursement above the charter's threshold
fund-board-power-cap-change = changing a cap
fund-board-caption = Motions put to the board
fund-board-none = No motion has been put to the board.
fund-column-motion = Motion
fund-column-decides = Decides
fund-column-members = Members (voting power) and votes
fund-column-yes = Yes
fund-board-put-by = put by { $party }
fund-board-until = until
fund-board-motion-peace = return the fund to peace mode
fund-board-motion-exceptional = authorise a disbursement of { $amount } for { $purpose } to { $recipient }
fund-board-motion-cap = set the cap on { $purpose } to { $amount }
fund-board-vote-yes = yes
fund-board-vote-no = no
fund-board-effect-peace = the fund returned to peace mode
fund-board-effect-still-conflict = an activation restarted the quiet period: still in conflict mode
fund-board-effect-authorised = disbursement authorised, once
fund-board-effect-cap = cap changed
fund-board-effect-none = no effect
fund-board-note = Members who do not vote count against a motion. A motion is decided as soon as its outcome can no longer change, and at its deadline on the votes cast. Everything the board does not decide is automatic: the fund moves to conflict mode by itself when the snapback activates.
