# Подробиці хронології заяви (crates/server/src/views/claims.rs) для GET /v1/claims/{id} (завжди
# англійською) і сторінки заяви на панелі (мовою сторінки). Ідентифікатори, дайджести, моменти
# часу та власні слова сторін є аргументами.

timeline-filed = ступінь тяжкості { $severity }, { $category }: { $summary }
# $classification: public, restricted, confidential або secret.
timeline-classification =
    { $classification ->
        [public] публічний
        [restricted] обмежений
        [confidential] конфіденційний
        [secret] таємний
       *[other] { $classification }
    }
timeline-evidence = { $label } ({ $classification }), { $digest }
timeline-evidence-sealed = доказ із грифом «{ $classification }», REL TO { $releasable }, криптографічне зобов’язання { $commitment }
timeline-evidence-unsealed = доказ із грифом «{ $classification }», REL TO { $releasable }, криптографічне зобов’язання (запечатується під час підписання)
timeline-meeting = скликано засідання
# $basis: done, fallback або missed.
timeline-stage =
    етап `{ $stage }`: { $basis ->
        [done] виконано
        [fallback] виконано головуючим
        [missed] пропущено
       *[other] { $basis }
    }
# $vote: голос, як його записано.
timeline-vote =
    { $vote ->
        [founded] обґрунтована
        [unfounded] необґрунтована
        [abstain] утримався
        [yes] за
        [no] проти
       *[other] { $vote }
    }
timeline-withdrawn = відкликано
# $status: стан заяви.
timeline-determined =
    { $status ->
        [pending] на розгляді
        [activated] активовано
        [dismissed] відхилено
        [withdrawn] відкликано
        [rejected] відкинуто
        [superseded] замінено
       *[other] { $status }
    }
timeline-superseded = замінено рішенням { $decision }
timeline-extended = строк продовжено до { $deadline } рішенням { $decision }
# $found: що встановила оцінка (found-* у crates/engine/locales), кожна частина з пробілом перед нею.
timeline-graded = оцінено рішенням { $decision }:{ $found }
timeline-reopened = перегляд на підставі нових доказів { $digest }
timeline-unwound = дію активації { $activation } скасовано
