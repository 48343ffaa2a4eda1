# `snapback explain`: історія заяви рядок за рядком (crates/snapback/src/render.rs); пояснення
# після неї формує рушій (crates/engine/locales/*/explain.ftl). Ідентифікатори, дайджести,
# моменти часу та власні слова сторін є аргументами.

# $status: pending, activated, dismissed, withdrawn, superseded або rejected.
life-status =
    { $status ->
        [pending] НА РОЗГЛЯДІ
        [activated] АКТИВОВАНО
        [dismissed] ВІДХИЛЕНО
        [withdrawn] ВІДКЛИКАНО
        [superseded] ЗАМІНЕНО
       *[rejected] ВІДКИНУТО
    }
life-header = Заява { $id } — { $status } (ступінь тяжкості { $severity }, { $category })
life-summary = «{ $summary }»
# $classification: public, restricted, confidential або secret.
life-classification =
    { $classification ->
        [public] публічний
        [restricted] обмежений
        [confidential] конфіденційний
        [secret] таємний
       *[other] { $classification }
    }
# $vote: голос, як його записано.
life-vote-word =
    { $vote ->
        [founded] «обґрунтована»
        [unfounded] «необґрунтована»
        [abstain] «утримався»
       *[other] «{ $vote }»
    }
life-filed-rejected = подання сторони { $party } відкинуто
life-filed-body =
    подано стороною { $party }; `{ $body }` ({ $members } { $members ->
        [one] член
        [few] члени
       *[many] членів
    }) має ухвалити рішення до { $deadline }
life-filed = подано стороною { $party }
life-evidence = доказ від сторони { $party }: { $kind } ({ $classification }), { $digest }
life-evidence-sealed = доказ від сторони { $party }: гриф «{ $classification }», REL TO { $releasable }, криптографічне зобов’язання { $commitment }
life-evidence-unsealed = доказ від сторони { $party }: гриф «{ $classification }», REL TO { $releasable }, зміст запечатується лише під час підписання
life-meeting = сторона { $party } скликала засідання
life-stage-done = етап `{ $stage }` досягнуто: його виконала сторона { $party }
life-stage-fallback = етап `{ $stage }` досягнуто зі спливом строку: ніхто його не виконав, тож його виконує головуюча сторона { $party }
life-stage-missed = етап `{ $stage }` пропущено: ніхто не виконав його вчасно
life-vote = сторона { $party } голосує { $vote }
life-withdrawn = відкликано стороною { $party }
life-superseded = ЗАМІНЕНО ухваленою пропозицією `{ $decision }`: ніщо не набирає чинності
life-replied = сторона { $party } відповідає (право на відповідь): «{ $summary }»
life-extended = строк продовжено до { $deadline } ухваленою пропозицією `{ $decision }` (докази непереконливі)
# $found: що встановила оцінка (found-* у crates/engine/locales), кожна частина з пробілом перед нею.
life-graded = оцінено ухваленою пропозицією `{ $decision }`:{ $found }
life-reopened = ПЕРЕГЛЯД: сторона { $party } просить переглянути заяву з огляду на нові докази { $digest }
life-unwound =
    НАСЛІДКИ СКАСОВАНО: дію активації { $activation } скасовано там, де це можливо (повернуто { $measures ->
        [one] { $measures } захід
        [few] { $measures } заходи
       *[many] { $measures } заходів
    }, скасовано { $obligations } { $obligations ->
        [one] зобов’язання
        [few] зобов’язання
       *[many] зобов’язань
    })
life-articles-cited = Цитовані статті
