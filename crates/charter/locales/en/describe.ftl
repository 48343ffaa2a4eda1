# The charter's rules in words (crates/charter/src/describe.rs): used by `charter check`, the
# treaty text, the dashboard and every explanation. Numbers are arguments; ids and names are the
# charter's own.

word-or = or
rule-majority = majority: yes from more than half of the { $members } members (at least { $needed })
rule-majority-of-votes-cast = majority of votes cast: more yes than no, abstentions not counted
rule-unanimity = unanimity: no "no" from any of the { $members } members and at least one yes (abstention does not block)
rule-votes-cast-share = { $num }/{ $den } of the votes cast: yes from at least { $num } in { $den } of those voting yes or no, abstentions not counted
rule-by-proposer = chosen by who proposes: on a proposal from { $proposers }, { $then }; otherwise, { $otherwise }
rule-unanimity-constructive = unanimity with constructive abstention (Art. 31(1) TEU): no "no" from any of the { $members } members and at least one yes; abstainers making up at least a third of the members ({ $third }) with at least a third of the population prevent adoption
rule-threshold = at least { $min } yes of { $members } members
rule-threshold-veto = at least { $min } yes of { $members } members and no "no" from a veto holder ({ $holders })
rule-qualified-eu = EU qualified majority
rule-qualified-eu-reinforced = EU reinforced qualified majority
rule-qualified-plain = qualified majority
rule-qualified = { $name }: yes from at least { $members_pct }% of the { $members } members ({ $needed }) holding at least { $population_pct }% of their population
rule-blocking-minority = a blocking minority needs at least { $min } members, failing which the population condition is deemed met
quorum = a quorum of { $quorum } members must take part (yes, no or abstain) for adoption
members-listed = the parties listed
members-role = every party with the role { $role }
members-group = every party in the group { $group }
members = { $selector } ({ $count }: { $ids })
burden-flipped = flipped: the claim activates unless the body adopts that it is unfounded by the deadline
burden-standard = standard: the claim activates only if the body adopts that it is founded by the deadline
effect-at-determination = as soon as the outcome is certain
effect-at-deadline = at the deadline, even when the outcome was certain earlier
proceed-adopted = only if the body adopts it
proceed-not-blocked = unless the body adopts a motion blocking it (reverse majority)

# Time, as the charter writes it (English keeps the charter's notation: `48h`, `30d`). `$case`
# (nom, acc, gen) is the grammatical case the sentence needs; English has no use for it.
duration-days = { $n }d
duration-hours = { $n }h
duration-minutes = { $n }m
duration-seconds = { $n }s
term-calendar = { $days } { $working ->
        [yes] { $days ->
            [one] working day
           *[other] working days
        }
       *[no] { $days ->
            [one] day
           *[other] days
        }
    } ending { $end ->
        [same] at the same local time
       *[midnight] at midnight after the last day
    } ({ $zone })
annual-dates = every year on { $dates } ({ $zone })
word-and = and
annual-period = { $from } to { $to }

# Monitoring rules.
grid = { $hours }-hour windows ending at { $ends } { $zone } time
condition-one-window = a window counts more than { $above }
condition-consecutive = { $windows } consecutive windows each count more than { $above }
condition-sum = the last { $windows } windows together count more than { $above }
condition-median = a window counts more than { $times } times the median of the { $windows } windows before it (and more than { $at_least })

# A measure's state.
measure-state = { $state ->
        [in_force] in force
        [suspended] suspended
        [at_risk] at risk
        [lapsed] lapsed
       *[terminated] terminated
    }

## What a programme tranche waits on

condition-kind-milestone = reform milestone
condition-kind-imf-review = IMF programme review
