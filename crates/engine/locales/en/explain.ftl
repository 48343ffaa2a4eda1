# The engine's explanations (crates/engine/src/explain/, alerts.rs): why each claim, decision,
# activation and alert ended as it did. Every figure, instant, id, article and charter-supplied
# name is an argument; the code joins sentences with spaces (Fluent trims a pattern's own).
# Arguments that hold a fragment with its leading space or nothing: $pop, $kinds, $areas,
# $cited, $by, $window, $named, $excluded, $action, $decisions.

## Shared words

word-and = and
word-or = or
# $word: founded, unfounded or yes (the vote that adopts the motion). The quotes are the
# message's.
vote-word =
    { $word ->
        [founded] founded
        [unfounded] unfounded
       *[yes] yes
    }
# $case: the grammatical case the sentence needs (nom, gen, dat, ins, loc); English has none.
body-unnamed = body `{ $id }`
body-named = the { $name }
needed-qualified = { $members } members holding { $pct }% of the population
needed-unanimity = no "no" and at least one
needed-unanimity-constructive = no "no", at least one, and abstainers short of a third of the members or of the population
needed-majority-of-votes-cast = more than the opposite
needed-votes-cast-share = { $num }/{ $den } of the votes cast
population-note = (the yes side holds { $share }% of the population)
# $from: filing or reconsideration.
term-after =
    { $term } after { $from ->
        [reconsideration] the request to reconsider
       *[filing] filing
    }
term-counted-from =
    { $term }, counted from { $from ->
        [reconsideration] the request to reconsider
       *[filing] filing
    }
term-extended = { $term }, extended once by { $extension }
quorum-pending = A quorum of { $quorum } members must take part; { $present } have so far.
quorum-met = The quorum of { $quorum } members taking part was met ({ $present } did).
quorum-not-met = The quorum of { $quorum } members taking part was not met ({ $present } did), so the motion could not be adopted.

## Why a motion could no longer be adopted ($word: the adopting vote, from vote-word)

impossible-veto = a veto holder voted no
impossible-member-no = a member voted no
impossible-short =
    { $yes } "{ $word }" so far and { $open ->
        [one] { $open } member
       *[other] { $open } members
    } still able to vote make at most { $best }, short of the { $needed } needed
impossible-abstentions = { $abstain } declared abstentions, at least a third of the { $members } members and of their population, prevent adoption (Art. 31(1) TEU)
impossible-votes-cast-share = { $no } votes against leave the { $best } "{ $word }" still possible short of { $num }/{ $den } of the votes cast
impossible-majority-of-votes-cast = { $no } votes against already match or outnumber the { $best } "{ $word }" still possible
impossible-qualified =
    even if { $open ->
        [one] { $open } member
       *[other] { $open } members
    } still able to vote chose "{ $word }", that side would have { $short }
short-members = only { $best } of { $members } members ({ $needed } needed)
short-population = only { $share }% of the population ({ $pct }% needed)
short-blocking-minority = with the { $count } members not voting yes a blocking minority (at least { $min })

## Claims

claim-rejected = Rejected at filing ({ $at }): { $reason }.
claim-rejected-invalid = invalid filing
claim-no-charter = The charter version that governed this claim is not available.
claim-under-flipped = Under { $article } (flipped burden of proof) the claim activates unless a finding that it is unfounded is adopted by { $body } by { $deadline } ({ $term }); the rule ({ $rule_article }) is { $rule }.
claim-under-standard = Under { $article } (standard burden of proof) the claim activates only if a finding that it is founded is adopted by { $body } by { $deadline } ({ $term }); the rule ({ $rule_article }) is { $rule }.
claim-votes = Votes: { $unfounded } unfounded, { $founded } founded, { $abstain } abstain, { $not_voted } not voted.
claim-pending-flipped = Pending: dismissal needs { $need } "unfounded" votes{ $pop }, { $yes } so far; otherwise the claim activates at { $deadline }.
claim-pending-standard = Pending: activation needs { $need } "founded" votes{ $pop }, { $yes } so far; otherwise the claim is dismissed at { $deadline }.
claim-superseded-waiting = Superseded at { $at }: the further motion `{ $decision }` in its proceeding was adopted while the activation determined at { $determined } still waited for its legal date { $deadline }, so it never takes effect.
claim-superseded-undetermined = Superseded at { $at }: the further motion `{ $decision }` in its proceeding was adopted before the claim was determined; the proceeding ends and nothing it would have activated takes effect.
claim-withdrawn = Withdrawn by { $party } at { $at }.
claim-dismissed-adopted = Dismissed at { $at }: { $yes } of { $n } members found the claim unfounded{ $pop }, meeting the rule ({ $need } needed).
claim-activated-adopted = Activated at { $at }: { $yes } of { $n } members found the claim founded{ $pop }, meeting the rule ({ $need } needed).
# $outcome: activated or dismissed.
claim-cannot-be-adopted =
    { $outcome ->
        [activated] Activated
       *[dismissed] Dismissed
    } at { $at }, before the deadline: "{ $word }" could no longer { $outcome ->
        [activated] dismiss it
       *[dismissed] activate it
    }, because { $why }.
claim-activated-at-deadline = Activated at the deadline { $at }: the body did not find the claim unfounded in time ({ $yes } "unfounded" of { $need } needed{ $pop }); silence or a meeting that does not decide cannot block the snapback.
claim-dismissed-at-deadline = Dismissed at the deadline { $at }: the body did not find the claim founded in time ({ $yes } "founded" of { $need } needed{ $pop }).
claim-evidence-insufficient = Dismissed at the deadline { $at }: { $article } requires evidence from { $required } distinct source kinds; { $count } submitted{ $kinds }.
# $status: the claim's status (pending, activated, dismissed, withdrawn, rejected, superseded).
claim-status = Status: { $status }.
claim-evidence-met =
    Evidence from { $count ->
        [one] { $count } distinct source kind
       *[other] { $count } distinct source kinds
    }{ $kinds } met { $article } ({ $required } required).
claim-evidence-short = { $article } requires evidence from { $required } distinct source kinds before activation; { $count } so far{ $kinds }.
kinds-classified-note = every classified item counts as the one kind "classified", since its real kind is sealed
stage-done = Stage `{ $stage }` ({ $name }; { $term }, { $article }): taken by { $by } at { $at }.
stage-fallback = Stage `{ $stage }` ({ $name }; { $term }, { $article }): nobody took it in time, so { $by }, presiding over { $body } at the deadline, did at { $at }.
stage-missed = Stage `{ $stage }` ({ $name }; { $term }, { $article }): missed at { $at }.
response = Response: { $activation }
response-at-deadline = Response, taking effect at the legal deadline rather than when the outcome became certain: { $activation }
response-waits = Response: under { $article } the activation takes effect only at the legal deadline, { $deadline }, although the outcome was certain at { $at }.
response-below-tiers = Response: severity { $severity } is below every tier, so no package activates on this claim alone.
response-escalated = It also counted toward escalation { $id } at { $at }, which activated tier `{ $tier }` under { $article } (claims { $claims }).
response-counts = Under { $article } it counts toward escalation: activated claims within { $window } whose severities sum to { $threshold } activate tier `{ $tier }`.

## How a claim was contested, graded and undone

contest-alert = Filed by the alert rule `{ $alert }` on its monitor { $party }'s behalf (`action = "claim"`), for the window ending { $window } in { $area }.
truce-every-category = every category
truce-areas = in { $areas }
contest-truce = Filed under truce `{ $id }` ({ $name }, { $article }) by { $party } against { $accused }: it covers { $scope }{ $areas } after { $from } up to { $until }; claims under it go to { $body }.
contest-accuses = It accuses { $accused }.
reply-citing = citing { $kind } evidence { $digest }
contest-reply = { $party } replied at { $at }{ $cited }: "{ $summary }".
contest-reply-passed = { $accused } had a right of reply until { $until } and did not reply; the body could not determine the claim before then.
contest-reply-open = { $accused } may reply until { $until }; until it does or that passes, the claim is determined only at its deadline.
extended-by = by { $extension }
contest-extended = The body found the evidence inconclusive: motion `{ $decision }`, adopted at { $at }, extended the deadline once{ $by }, to { $deadline }.
graded-no-tier = no tier
graded-tier-of = tier { $tier }
graded-severity = severity { $severity } ({ $tier }) in place of the claimant's { $claimed }
graded-tier = tier `{ $tier }`, whatever the claimant's severity { $claimed } selects
graded-attribution = the violation attributed to { $party }
contest-graded = The body graded the claim (motion `{ $decision }`, adopted at { $at }): { $found }.
reconsider-window = (within { $window } of the determination)
# $previous: the status the claim had (activated, dismissed, ...).
contest-reconsidered = Reconsidered: { $party } brought new evidence { $digest } at { $at }{ $window }; the claim had been { $previous }, and the body decided it again from the start.
contest-reconsidered-determined = Reconsidered: { $party } brought new evidence { $digest } at { $at }{ $window }; the claim had been { $previous } at { $determined }, and the body decided it again from the start.
unwound-no-measures = no measure the charter lets unwind was put back in force
unwound-measures = { $measures } returned to the state before the snapback
unwound-no-obligations = no obligation was still open
unwound-obligations = open obligations cancelled: { $obligations }
unwound-decisions = package decisions that will no longer create obligations: { $decisions }
contest-unwound = Unwound at { $at }: found unfounded on reconsideration, its activation { $activation } is reversed where it can be: { $measures }; { $obligations }{ $decisions }. What was done stays on the record and is not reversed: obligations already met, money released, stock drawn, restrictions lifted, and any escalation it already counted towards.

## Decisions

proposer-one-of = (the motion was proposed by { $party }, one of { $named })
proposer-not = (the motion was proposed by { $party }, not by { $named })
proposer-engine = (the engine opened the motion: no proposal from { $named })
decision-no-charter = The charter version of this decision is not available.
decision-no-body = Body `{ $body }` is not in charter version { $version }.
decision-intro = Under { $article } the motion "{ $motion }" is put to { $body } until { $deadline }; the rule ({ $rule_article }) is { $rule }. Votes: { $yes } yes, { $no } no, { $abstain } abstain, { $not_voted } not voted.
decision-pending = Pending: adoption needs { $need } yes{ $pop }, { $yes } so far.
decision-adopted = Adopted at { $at }: { $yes } yes{ $pop } meet the rule ({ $need } needed).
decision-cannot-be-adopted = Not adopted at { $at }, before the deadline: the motion could no longer pass, because { $why }.
decision-not-adopted = Not adopted by the deadline { $at }: { $yes } yes{ $pop }, { $need } needed; members who did not vote count as abstaining.
further-motion = It is a further motion in the proceeding on claim { $claim }, closing by that claim's deadline at the latest; its outcome is recorded with the proceeding and does not change the claim's determination.
further-supersedes-adopted = It is a further motion in the proceeding on claim { $claim } that supersedes the claim when adopted: adopted, it ended the proceeding, and nothing the claim would have activated takes effect unless it already had.
further-supersedes-pending = It is a further motion in the proceeding on claim { $claim }, closing by that claim's deadline at the latest; adopted, it supersedes the claim and nothing the claim would activate takes effect.
further-supersedes-not-adopted = It is a further motion in the proceeding on claim { $claim } that would have superseded the claim had it been adopted; not adopted, it leaves the claim's proceeding as it was.
decision-package-waits = Package `{ $package }` waits for this decision.
decision-package-proceeds = So package `{ $package }` proceeds: its obligations run from { $at }.
decision-package-lapses = So package `{ $package }` lapses.
finding-inconclusive = finds the evidence inconclusive, which extends the claim's deadline once by the charter's extension
finding-severity = severity { $severity }, which selects the tier
finding-tier = tier `{ $tier }`, whatever the severity selects
finding-attribution = attribution to { $party }
finding-grade = grades the claim ({ $parts }) in place of the claimant's
# $what: finding-inconclusive or finding-grade.
finding-adopted = It is a further motion in the proceeding on claim { $claim } that { $what }: adopted, it did.
finding-pending = It is a further motion in the proceeding on claim { $claim }, closing by that claim's deadline at the latest; adopted, it { $what }.
finding-not-adopted = It is a further motion in the proceeding on claim { $claim } that { $what }; not adopted, the claim's proceeding is as it was.

## Activations

activation-no-charter = The charter version of this activation is not available.
activation-no-tier = Tier `{ $tier }` is not in charter version { $version }.
# $tier: the tier's id in backquotes, and its name in brackets when it has one.
activation-claim = Activation { $id } at { $at }: claim { $claim } has severity { $severity }, which selects tier { $tier } (from severity { $min }) under { $article }, with packages: { $packages }.
activation-claim-graded = Activation { $id } at { $at }: the body graded claim { $claim } tier { $tier } (motion { $decision }), whatever its severity { $severity } selects; under { $article }, with packages: { $packages }.
escalation-claim = { $claim } (severity { $severity })
escalation-alert = the alert `{ $alert }` on { $area } for the window ending { $window } (severity { $severity })
escalation-claims-activated = claims { $parts } were activated
escalation-activated-or-raised = { $parts } were activated or raised
activation-escalation = Activation { $id } at { $at }: { $counted } within { $window }, and their severities sum to { $sum }, reaching the threshold { $threshold } of { $article }; so tier `{ $tier }`{ $named } activates under { $tier_article }, with packages: { $packages }.
package-needs = Package `{ $package }` first needs a decision of { $body } ({ $article }).
package-needs-decided = Package `{ $package }` first needs a decision of { $body } ({ $article }, decision { $decision }): { $consequence }
# $status: pending, adopted or not-adopted.
consequence-pending = pending until { $deadline }; `{ $package }` waits for it.
consequence-proceeds =
    { $status ->
        [adopted] adopted
        [pending] pending
       *[not-adopted] not adopted
    } at { $at }, so `{ $package }` proceeds and its obligations run from then.
consequence-lapses-at =
    { $status ->
        [adopted] adopted
        [pending] pending
       *[not-adopted] not adopted
    } at { $at }, so `{ $package }` lapses.
consequence-lapses =
    { $status ->
        [adopted] adopted
        [pending] pending
       *[not-adopted] not adopted
    }, so `{ $package }` lapses.
activation-unwound = Unwound at { $at }: reconsidered, claim { $claim } was found unfounded, so what this activation did is reversed where it can be (see the claim).

## Monitoring alerts (alerts.rs)

alert-counted-category = `{ $category }`
alert-counted-every = every category
alert-excluded = less the counts flagged { $flags }
alert-condition-one = a window counts more than { $above }
alert-condition-consecutive = { $windows } consecutive windows each count more than { $above }
alert-condition-sum = the last { $windows } windows together count more than { $above }
alert-condition-median = a window counts more than { $times } times the median of the { $windows } windows before it (and more than { $at_least })
alert-met-one = it counted more than { $above }
alert-met-consecutive = this window and the { $before } before it each counted above { $above } (the lowest { $reading })
alert-met-sum = the last { $windows } windows counted { $reading } together, above { $above }
alert-met-median = it counted more than { $times } times the median { $reading } of the { $windows } windows before it
alert-action-claim = The rule's action files a claim of severity { $severity } on { $monitor }'s behalf, verified like any other.
alert-action-escalation = The rule's action counts it towards the escalation window with severity { $severity }, as an activated claim of that severity would count.
alert-explanation = Under { $article }, the rule "{ $name }" reads { $monitor }'s reports on { $area } as { $grid } and counts { $counted }{ $excluded }; it alerts when { $condition }. The window ending { $window_end } counted { $value }: { $met }. Report { $report } completed it.{ $action }

## What a grading found, and whom classified evidence is released to (the claim timeline, the API,
## `snapback explain`); each fragment is joined with a space before it.
found-severity = severity { $severity }
found-tier-of = (tier { $tier })
found-tier = tier { $tier }
found-attribution = attributed to { $party }
releasable-none = none

## Programme tranches (fund.programme)

programme-no-article = the fund's rules
programme-condition = { $id } ({ $kind }, verified by { $verifier }: “{ $text }”)
programme-verified = { $id }, verified by { $verifier } at { $at } ({ $reference })
programme-waiting = Tranche { $tranche } of programme { $programme } ({ $amount }) waits on { $count ->
        [one] one condition
       *[other] { $count } conditions
    } to be verified by { $by }: { $conditions }. Under { $article } it is paid to { $recipient } once the last is verified.
programme-held-conditions = Tranche { $tranche } of programme { $programme } ({ $amount }) is held: by { $by } { $count ->
        [one] this condition was
       *[other] these conditions were
    } not verified: { $conditions }. Under { $article } it is paid to { $recipient } when { $count ->
        [one] it is
       *[other] they are
    }.
programme-held-funds = Tranche { $tranche } of programme { $programme } ({ $amount }) is held: every condition is verified, but the core pool held only { $available }. Under { $article } it is paid to { $recipient } when the money arrives.
programme-paid = Tranche { $tranche } of programme { $programme } ({ $amount }) was paid to { $recipient } at { $paid }, its conditions verified; the last: { $last }.
programme-paid-late = Tranche { $tranche } of programme { $programme } ({ $amount }) was paid to { $recipient } at { $paid }, late: it was held from { $held }; the last condition verified: { $last }.

## The fund's board (fund.board)

board-motion-peace = returning the fund to peace mode
board-motion-exceptional = an exceptional disbursement of { $amount } for { $purpose } to { $recipient }
board-motion-cap = setting the cap on { $purpose } to { $amount }
board-threshold-more-than = more than { $pct }%
board-threshold-at-least = at least { $pct }%
board-weights-key = weighted by contribution key
board-weights-paid-in = weighted by capital paid in
board-pending = Motion { $decision } ({ $motion }) is before the fund's board until { $deadline }: under { $article } it needs { $threshold } of the voting power ({ $weights }); so far { $yes }% voted yes, { $no }% no, and { $open }% has not voted.
board-adopted = Motion { $decision } ({ $motion }) was adopted by the fund's board at { $at }: { $yes }% of the voting power ({ $weights }) voted yes, and { $article } needs { $threshold }.
board-cannot-be-adopted = Motion { $decision } ({ $motion }) was not adopted at { $at }, before its deadline: { $yes }% of the voting power ({ $weights }) voted yes and only { $open }% had still to vote, so it could no longer reach the { $threshold } that { $article } needs.
board-not-adopted = Motion { $decision } ({ $motion }) was not adopted by its deadline, { $at }: { $yes }% of the voting power ({ $weights }) voted yes, and { $article } needs { $threshold }; members who did not vote count against it.
board-effect-peace = The fund returned to peace mode.
board-effect-still-conflict = But an activation restarted the quiet period while the board voted, so the fund stays in conflict mode.
board-effect-authorised = The manager may now disburse up to { $amount } for { $purpose } to { $recipient }, once, citing { $decision }.
board-effect-authorised-used = It authorised up to { $amount } for { $purpose } to { $recipient }, once: disbursement { $transfer } used it.
board-effect-cap = The cap on { $purpose } became { $amount }; it was { $previous }.
