# `snapback explain`: a claim's life line by line (crates/snapback/src/render.rs); the
# explanation after it is the engine's (crates/engine/locales/*/explain.ftl). Ids, digests,
# instants and the parties' own words are arguments.

# $status: pending, activated, dismissed, withdrawn, superseded or rejected.
life-status =
    { $status ->
        [pending] PENDING
        [activated] ACTIVATED
        [dismissed] DISMISSED
        [withdrawn] WITHDRAWN
        [superseded] SUPERSEDED
       *[rejected] REJECTED
    }
life-header = Claim { $id } — { $status } (severity { $severity }, { $category })
life-summary = "{ $summary }"
# $classification: public, restricted, confidential or secret.
life-classification =
    { $classification ->
        [public] public
        [restricted] restricted
        [confidential] confidential
        [secret] secret
       *[other] { $classification }
    }
# $vote: the vote as recorded.
life-vote-word =
    { $vote ->
        [founded] founded
        [unfounded] unfounded
        [abstain] abstain
       *[other] { $vote }
    }
life-filed-rejected = filing by { $party } rejected
life-filed-body = filed by { $party }; `{ $body }` ({ $members } members) must decide by { $deadline }
life-filed = filed by { $party }
life-evidence = evidence from { $party }: { $kind } ({ $classification }), { $digest }
life-evidence-sealed = evidence from { $party }: { $classification }, REL TO { $releasable }, commitment { $commitment }
life-evidence-unsealed = evidence from { $party }: { $classification }, REL TO { $releasable }, content sealed only when signed
life-meeting = meeting convened by { $party }
life-stage-done = stage `{ $stage }` reached: taken by { $party }
life-stage-fallback = stage `{ $stage }` reached at its deadline: nobody took it, so { $party }, presiding, does
life-stage-missed = stage `{ $stage }` missed: nobody took it in time
life-vote = { $party } votes { $vote }
life-withdrawn = withdrawn by { $party }
life-superseded = SUPERSEDED by the adopted motion `{ $decision }`: nothing takes effect
life-replied = { $party } replies (right of reply): "{ $summary }"
life-extended = deadline extended to { $deadline } by the adopted motion `{ $decision }` (inconclusive)
# $found: what the grading found (found-* in crates/engine/locales), each part with the space before it.
life-graded = graded by the adopted motion `{ $decision }`:{ $found }
life-reopened = REOPENED: { $party } asks for reconsideration with new evidence { $digest }
life-unwound =
    UNWOUND: activation { $activation } reversed where it can be ({ $measures ->
        [one] { $measures } measure
       *[other] { $measures } measures
    } returned, { $obligations ->
        [one] { $obligations } obligation
       *[other] { $obligations } obligations
    } cancelled)
life-articles-cited = Articles cited
