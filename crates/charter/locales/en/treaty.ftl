# The charter as a treaty text (crates/charter/src/treaty/): what each element is called, each
# parameter's name and its words, and the headings of the Markdown and HTML writers. Ids, names,
# amounts, instants and article labels are the charter's own and come in as arguments.

## Kinds of element, as headings

kind-charter = Charter
kind-party = Party
kind-body = Body
kind-verification = Verification of claims
kind-evidence-rule = Evidence required
kind-stage = Stage of proceedings
kind-tier = Tier
kind-escalation = Escalation
kind-package = Package
kind-package-decision = Package decision
kind-obligation = Obligation
kind-fund = Fund
kind-fund-cap = Fund cap
kind-fund-surge = Fund surge call
kind-fund-tranche = Fund tranche
kind-capabilities = Stockpile locations
kind-training-centre = Training centre
kind-restriction = Usage restriction
kind-measure = Measure
kind-renewal = Renewal
kind-relief-review = Relief review
kind-alert = Monitoring alert rule
kind-truce = Truce
kind-log = Transparency log
provision-title = { $kind }: { $heading }

## The charter and its parties

c-beneficiary = Beneficiary
c-purpose = Purpose
c-roles = Roles
c-groups = Groups
c-population = Population
c-takes-part = Takes part
c-signing-keys = Signing keys
window-from = from { $from }
window-until = until { $until } (inclusive)
window-from-until = from { $from } until { $until } (inclusive)

## Bodies, verification, stages, tiers, escalation

c-members = Members
c-voting-rule = Voting rule
c-quorum = Quorum
c-presidency = Presidency
presidency-term = { $party } from { $from } until { $until } (exclusive)
c-who-may-file = Who may file
c-who-verifies = Who verifies
c-decide-within = Decide within
after-filing = { $term } after the filing
c-burden = Burden of proof
c-takes-effect = Outcome takes effect
c-extension = Extension
extension-text = an adopted motion finding the claim inconclusive extends the deadline once, by { $duration }
c-reconsideration = Reconsideration
reconsideration-text = new evidence may reopen a determined claim within { $duration }
evidence-heading = Evidence required for activation
c-sources = Sources
sources-text = evidence from at least { $count } distinct source kinds
c-step = Step
step-tabling = a member tables the motion; until then no member can vote on it
step-meeting = the body meets
c-within = Within
c-if-nobody = If nobody takes it in time
fallback-presidency = the party presiding over the body at the deadline takes the step
fallback-missed = the stage is recorded as missed
c-severities = Severities
severity-range = severity { $from } to { $to }
severity-one = severity { $from }
severity-and-above = severity { $from } and above
c-packages-activated = Packages activated
word-none = none
c-window = Window
escalation-window = activated claims within any { $duration }
c-threshold = Threshold
escalation-threshold = whose severities add up to at least { $threshold } activate the tier { $tier }

## Packages, decisions, obligations

c-activated-by-tiers = Activated by the tiers
c-proceeds = Proceeds
proceeds-after-decision = after a decision (below)
proceeds-on-activation = on activation, without a further decision
c-puts-back = Puts back in force
decision-heading = Decision on { $package }
c-deciding-body = Deciding body
after-activation = { $term } after the activation
c-proposed-by = Proposed by
obligation-heading = { $party } owes { $kind } (no. { $number } of { $package })
c-who-owes = Who owes
c-what = What
c-due = Due
due-after-activation = within { $duration } of the activation
c-amount = Amount
c-items = Items
items-text = { $quantity } × { $item }
items-from-text = { $quantity } × { $item }, from stock in { $location }
c-met-when = Met when in force

## The fund

c-currency = Currency of account
c-disbursed-by = Disbursed by
c-peace-purposes = Peace mode purposes
c-conflict-purposes = Conflict mode purposes
c-back-to-peace = Back to peace mode
back-to-peace-text = after { $duration } with no new activation that moves it to conflict mode
c-contributor = Contributor { $party }
contributor-text = key { $key }; paid-in capital { $paid_in }; callable capital { $callable }
contributor-share-text = key { $key } ({ $share }% of the keys); paid-in capital { $paid_in }; callable capital { $callable }
cap-heading = Cap on { $purpose }
c-limit = Limit
cap-text = at most { $amount } disbursed for { $purpose } within any { $duration }
surge-heading = Surge call
surge-text = { $amount } called when an activation creates a funds obligation, split pro rata to the keys (each within its callable capital)
due-after-call = within { $duration } of the call
tranche-heading = Reserved tranche
tranche-text = { $amount } for { $purpose } to { $recipient }
c-when = When
tranche-when = reserved when a claim is filed; released when the claim's activation moves the fund to conflict mode, voided otherwise

## Capabilities and restrictions

c-location = Location { $id }
location-text = { $name }: stock released there arrives within { $duration }
c-locations = Locations
c-host = Host
c-capacity = Capacity
capacity-text = { $count } trainees per 30 days
restriction-heading = { $party }'s usage restrictions
c-donor = Donor
c-on = On
every-system = every system
c-lifted-by = Lifted by
lifted-by-text = an activation of { $package }

## Measures, renewals, relief reviews

c-held-by = Held by
c-kind = Kind
c-legal-basis = Legal basis
c-initial-state = Initial state
initial-state-text = { $state } since { $since }
c-levels = Levels
levels-text = { $levels } (starting at { $level })
levels-first = the first
c-expires = Expires
c-sunset = Sunset
sunset-text = lapses { $duration } after each entry into force
c-snapped-back-by = Snapped back by
c-if-unwound = If the activation is unwound
unwound-reversed = its snapback is reversed
unwound-stays = its snapback stays
renewal-heading = Renewal of { $measure }
c-renewing-body = Renewing body
c-expiries = Expiries
c-decision-opens = Decision opens
decision-opens-text = { $duration } before each expiry; not adopted by then, the measure lapses
review-heading = Review of relief from { $measure }
c-review-window = Review window
review-window-text = { $term } from the report of the relief
c-longer-window = Longer window
longer-window-text = { $term } for reports made { $period } ({ $zone })
c-disapproval = Disapproval
disapproval-text = adopted by every one of { $bodies } bars the relief
c-veto = Veto
veto-text = { $party } may veto a disapproval within { $duration }
c-override = Override
override-text = each body within { $duration }: { $rule }

## Monitoring alert rules and truces

action-notify = recorded and published
action-claim = recorded, and a claim of severity { $severity } is filed on the monitor's behalf
action-escalation = recorded, and counted towards escalation as an activated claim of severity { $severity }
c-monitor = Monitor
c-counts = Counts
every-category = every category
c-area = Area
each-area = each area on its own
c-windows = Windows
c-alerts-when = Alerts when
c-excluded-flags = Excluded flags
c-then = Then
c-sides = Sides
c-categories = Categories
c-areas = Areas
everywhere = everywhere
c-term = Term
truce-term-text = incidents after { $from } up to and including { $until }
c-verified-by = Verified by
c-right-of-reply = Right of reply
reply-text = the accused side may reply within { $duration } of the filing

## The transparency log

c-origin = Origin
c-verifier-key = Verifier key
c-witnesses = Witnesses
none-named = none named
c-witness = Witness { $name }
witness-text = key { $key }
witness-at-text = key { $key }, at { $url }

## Changes between versions

c-article = Article
c-heading = Heading

## The writers (Markdown and HTML)

treaty-meta = Charter { $id }, version { $version }, in force from { $effective }.
h-versions = Versions
version-line = Version { $version }, in force from { $effective }: { $title }
this-text = (this text)
h-parties = Parties
h-articles = Articles
h-unnumbered = Unnumbered provisions
h-changes = Changes between versions
toc-unnumbered = Unnumbered
toc-changes = Changes
cited-as = Cited as
diff-heading = Version { $from } → version { $to } (in force from { $effective })
no-change = No provision changed.
change-added = Added
change-removed = Removed
change-changed = Changed
clause-none = (none)
page-title = { $title } · version { $version }
quoted = “{ $text }”

## Programmes

kind-fund-programme = Fund programme
c-paid-to = Paid to
programme-paid-to = { $recipient }, for { $purpose }, out of the core pool
programme-when = each tranche is paid once the party each of its conditions names has verified it; a condition not verified by the tranche's date holds it until it is
c-programme-tranche = Tranche { $id }
programme-tranche-text = { $amount }, conditions due by { $by }: { $conditions }
programme-condition = { $id } ({ $kind }, verified by { $verifier }): { $text }
contributor-appropriation = its surge shares are due only once appropriated by { $parliament }

## The fund's board

kind-fund-board = Fund board
board-heading = Board of the fund
back-to-peace-board-text = by decision of the board, after { $duration } with no new activation that moves it to conflict mode
c-board-members = Members
board-members-key = the fund's contributors, each with voting power equal to its contribution key
board-members-paid-in = the fund's contributors, each with voting power equal to the capital it has paid in when a motion is put
c-board-decides = Decides
board-more-than = more than { $pct }%
board-at-least = at least { $pct }%
board-decides-text = a motion is adopted when members holding { $threshold } of the board's whole voting power vote for it, within { $duration } of its being put; members who do not vote count against it
c-board-power = Power
board-power-peace = returning the fund to peace mode once the quiet period has passed (the fund does not return by itself)
board-power-exceptional = authorising, once each, a disbursement above { $amount }, which the manager may not make without it
board-power-cap = changing the amount of a cap on a purpose
c-board-otherwise = Otherwise
board-otherwise-text = every other rule of the fund applies by itself; the switch to conflict mode is never the board's
