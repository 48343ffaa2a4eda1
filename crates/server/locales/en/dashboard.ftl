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
nav-log = Log
nav-api = API
live-static = Static page
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
