# The details of a claim's timeline (crates/server/src/views/claims.rs), for GET /v1/claims/{id}
# (always English) and the dashboard's claim page (in the page's language). Ids, digests,
# instants and the parties' own words are arguments.

timeline-filed = severity { $severity }, { $category }: { $summary }
# $classification: public, restricted, confidential or secret.
timeline-classification =
    { $classification ->
        [public] public
        [restricted] restricted
        [confidential] confidential
        [secret] secret
       *[other] { $classification }
    }
timeline-evidence = { $label } ({ $classification }), { $digest }
timeline-evidence-sealed = { $classification } evidence, REL TO { $releasable }, commitment { $commitment }
timeline-evidence-unsealed = { $classification } evidence, REL TO { $releasable }, commitment (sealed when signed)
timeline-meeting = meeting convened
# $basis: done, fallback or missed.
timeline-stage =
    stage `{ $stage }`: { $basis ->
        [done] done
        [fallback] fallback
        [missed] missed
       *[other] { $basis }
    }
# $vote: the vote as recorded.
timeline-vote =
    { $vote ->
        [founded] founded
        [unfounded] unfounded
        [abstain] abstain
        [yes] yes
        [no] no
       *[other] { $vote }
    }
timeline-withdrawn = withdrawn
# $status: the claim's status.
timeline-determined =
    { $status ->
        [pending] pending
        [activated] activated
        [dismissed] dismissed
        [withdrawn] withdrawn
        [rejected] rejected
        [superseded] superseded
       *[other] { $status }
    }
timeline-superseded = superseded by { $decision }
timeline-extended = deadline extended to { $deadline } by { $decision }
# $found: what the grading found (found-* in crates/engine/locales), each part with the space before it.
timeline-graded = graded by { $decision }:{ $found }
timeline-reopened = reconsideration on new evidence { $digest }
timeline-unwound = activation { $activation } unwound
