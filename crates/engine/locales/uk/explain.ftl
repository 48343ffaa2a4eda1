# Пояснення рушія (crates/engine/src/explain/, alerts.rs): чому кожна заява, рішення, активація
# і сповіщення завершилися саме так. Числа, моменти часу, ідентифікатори, статті та назви з
# статуту є аргументами; код з’єднує речення пробілами (Fluent обрізає власні пробіли шаблону).
# Аргументи, що містять фрагмент із пробілом на початку або порожні: $pop, $kinds, $areas,
# $cited, $by, $window, $named, $excluded, $action, $decisions.

## Спільні слова

word-and = і
word-or = або
# $word: founded, unfounded або yes (голос, яким ухвалюють пропозицію). Лапки ставить повідомлення.
vote-word =
    { $word ->
        [founded] обґрунтована
        [unfounded] необґрунтована
       *[yes] за
    }
# $case: відмінок, якого потребує речення (nom, gen, dat, ins, loc); назва органу лишається як
# у статуті, відмінюється слово «орган».
body-unnamed =
    { $case ->
        [gen] органу `{ $id }`
        [dat] органу `{ $id }`
        [ins] органом `{ $id }`
        [loc] органі `{ $id }`
       *[nom] орган `{ $id }`
    }
body-named =
    { $case ->
        [gen] органу «{ $name }»
        [dat] органу «{ $name }»
        [ins] органом «{ $name }»
        [loc] органі «{ $name }»
       *[nom] орган «{ $name }»
    }
needed-qualified =
    { $members ->
        [one] { $members } член
        [few] { $members } члени
       *[many] { $members } членів
    }, що представляють { $pct }% населення
needed-unanimity = жодного «проти» і щонайменше один голос «за»
needed-unanimity-constructive = жодного «проти», щонайменше один голос «за», а ті, хто утримався, становлять менше третини членів або населення
needed-majority-of-votes-cast = більше голосів «за», ніж «проти»
needed-votes-cast-share = { $num }/{ $den } поданих голосів
population-note = (сторона «за» представляє { $share }% населення)
# $from: filing або reconsideration.
term-after =
    { $term } після { $from ->
        [reconsideration] запиту про перегляд
       *[filing] подання заяви
    }
term-counted-from =
    { $term }, відлічуючи від { $from ->
        [reconsideration] запиту про перегляд
       *[filing] подання заяви
    }
term-extended = { $term }; строк одноразово продовжено на { $extension }
quorum-pending =
    Потрібен кворум: участь щонайменше { $quorum } { $quorum ->
        [one] члена
       *[other] членів
    }; наразі взяли участь { $present }.
quorum-met =
    Кворуму (участь щонайменше { $quorum } { $quorum ->
        [one] члена
       *[other] членів
    }) досягнуто: участь взяли { $present }.
quorum-not-met =
    Кворуму (участь щонайменше { $quorum } { $quorum ->
        [one] члена
       *[other] членів
    }) не досягнуто: участь взяли { $present }, тож пропозицію не могло бути ухвалено.

## Чому пропозицію вже не могло бути ухвалено ($word: голос, яким її ухвалюють, з vote-word)

impossible-veto = власник права вето проголосував «проти»
impossible-member-no = один із членів проголосував «проти»
impossible-short =
    голосів «{ $word }» наразі { $yes }, і навіть разом із { $open ->
        [one] { $open } членом, який ще може
       *[other] { $open } членами, які ще можуть
    } голосувати, їх буде щонайбільше { $best } — менше за потрібні { $needed }
impossible-abstentions =
    заявлені утримання ({ $abstain }) — щонайменше третина з { $members } { $members ->
        [one] члена
       *[other] членів
    } і їхнього населення — унеможливлюють ухвалення (ст. 31(1) ДЄС)
impossible-votes-cast-share = через голоси «проти» ({ $no }) навіть { $best } можливих голосів «{ $word }» не досягають { $num }/{ $den } поданих голосів
impossible-majority-of-votes-cast = голосів «проти» ({ $no }) вже не менше, ніж можливих голосів «{ $word }» ({ $best })
impossible-qualified =
    навіть якби { $open ->
        [one] { $open } член, який ще може голосувати, обрав
        [few] { $open } члени, які ще можуть голосувати, обрали
       *[many] { $open } членів, які ще можуть голосувати, обрали
    } «{ $word }», ця сторона мала б { $short }
short-members =
    лише { $best } з { $members } { $members ->
        [one] члена
       *[other] членів
    } (потрібно { $needed })
short-population = лише { $share }% населення (потрібно { $pct }%)
short-blocking-minority =
    причому { $count ->
        [one] { $count } член, який не голосує «за», становить
        [few] { $count } члени, які не голосують «за», становлять
       *[many] { $count } членів, які не голосують «за», становлять
    } блокувальну меншість (щонайменше { $min })

## Заяви

claim-rejected = Відкинуто під час подання ({ $at }): { $reason }.
claim-rejected-invalid = подання недійсне
claim-no-charter = Версія статуту, що регулювала цю заяву, недоступна.
claim-under-flipped = Відповідно до { $article } (перекладений тягар доказування) заява набирає чинності, якщо { $body } до { $deadline } ({ $term }) не ухвалить висновку, що вона необґрунтована; правило ({ $rule_article }): { $rule }.
claim-under-standard = Відповідно до { $article } (звичайний тягар доказування) заява набирає чинності, лише якщо { $body } до { $deadline } ({ $term }) ухвалить висновок, що вона обґрунтована; правило ({ $rule_article }): { $rule }.
claim-votes = Голоси: «необґрунтована» — { $unfounded }, «обґрунтована» — { $founded }, утрималися — { $abstain }, не голосували — { $not_voted }.
claim-pending-flipped = На розгляді: для відхилення потрібно голосів «необґрунтована»: { $need }{ $pop }; наразі — { $yes }. Інакше заява набере чинності { $deadline }.
claim-pending-standard = На розгляді: для активації потрібно голосів «обґрунтована»: { $need }{ $pop }; наразі — { $yes }. Інакше заяву буде відхилено { $deadline }.
claim-superseded-waiting = Замінено { $at }: подальшу пропозицію `{ $decision }` у цьому провадженні ухвалено тоді, коли активація, визначена { $determined }, ще очікувала своєї юридичної дати { $deadline }, тож вона так і не набирає чинності.
claim-superseded-undetermined = Замінено { $at }: подальшу пропозицію `{ $decision }` у цьому провадженні ухвалено до визначення заяви; провадження завершується, і ніщо з того, що воно активувало б, не набирає чинності.
claim-withdrawn = Відкликано стороною { $party } { $at }.
claim-dismissed-adopted =
    Відхилено { $at }: { $yes } з { $n } { $n ->
        [one] члена
       *[other] членів
    } { $yes ->
        [one] визнав
       *[other] визнали
    } заяву необґрунтованою{ $pop }, що відповідає правилу (потрібно { $need }).
claim-activated-adopted =
    Активовано { $at }: { $yes } з { $n } { $n ->
        [one] члена
       *[other] членів
    } { $yes ->
        [one] визнав
       *[other] визнали
    } заяву обґрунтованою{ $pop }, що відповідає правилу (потрібно { $need }).
# $outcome: activated або dismissed.
claim-cannot-be-adopted =
    { $outcome ->
        [activated] Активовано
       *[dismissed] Відхилено
    } { $at }, до спливу строку: голоси «{ $word }» уже не могли { $outcome ->
        [activated] відхилити заяву
       *[dismissed] надати їй чинності
    }, оскільки { $why }.
claim-activated-at-deadline = Активовано зі спливом строку { $at }: орган не визнав заяву необґрунтованою вчасно (голосів «необґрунтована» — { $yes } з потрібних { $need }{ $pop }); мовчання чи засідання без рішення не можуть заблокувати механізм snapback.
claim-dismissed-at-deadline = Відхилено зі спливом строку { $at }: орган не визнав заяву обґрунтованою вчасно (голосів «обґрунтована» — { $yes } з потрібних { $need }{ $pop }).
claim-evidence-insufficient =
    Відхилено зі спливом строку { $at }: { $article } вимагає доказів із { $required } { $required ->
        [one] виду джерел
       *[other] різних видів джерел
    }; подано { $count }{ $kinds }.
# $status: стан заяви (pending, activated, dismissed, withdrawn, rejected, superseded).
claim-status =
    Стан: { $status ->
        [pending] на розгляді
        [activated] активовано
        [dismissed] відхилено
        [withdrawn] відкликано
        [rejected] відкинуто
        [superseded] замінено
       *[other] { $status }
    }.
claim-evidence-met =
    Докази з { $count } { $count ->
        [one] виду джерел
       *[other] різних видів джерел
    }{ $kinds } відповідають вимогам { $article } (потрібно { $required }).
claim-evidence-short =
    { $article } вимагає до активації доказів із { $required } { $required ->
        [one] виду джерел
       *[other] різних видів джерел
    }; наразі — { $count }{ $kinds }.
kinds-classified-note = кожен засекречений доказ зараховується як один вид «classified», оскільки його справжній вид запечатано
stage-done = Етап `{ $stage }` ({ $name }; { $term }, { $article }): виконано стороною { $by } { $at }.
stage-fallback = Етап `{ $stage }` ({ $name }; { $term }, { $article }): ніхто не виконав його вчасно, тож сторона { $by }, яка на момент спливу строку головувала в { $body }, виконала його { $at }.
stage-missed = Етап `{ $stage }` ({ $name }; { $term }, { $article }): пропущено { $at }.
response = Наслідок: { $activation }
response-at-deadline = Наслідок, що настає зі спливом юридичного строку, а не тоді, коли результат став певним: { $activation }
response-waits = Наслідок: відповідно до { $article } активація набирає чинності лише зі спливом юридичного строку, { $deadline }, хоча результат став певним { $at }.
response-below-tiers = Наслідок: ступінь тяжкості { $severity } нижчий за будь-який рівень, тож лише на підставі цієї заяви жоден пакет не активується.
response-escalated = Заяву також враховано для ескалації { $id } { $at }, яка активувала рівень `{ $tier }` відповідно до { $article } (заяви { $claims }).
response-counts = Відповідно до { $article } заяву враховують для ескалації: активовані впродовж { $window } заяви, сумарна тяжкість яких сягає { $threshold }, активують рівень `{ $tier }`.

## Як заяву оскаржували, оцінювали та скасовували її наслідки

contest-alert = Подано правилом сповіщення `{ $alert }` від імені його монітора { $party } (`action = "claim"`) щодо вікна, що закінчується { $window }, у районі { $area }.
truce-every-category = усі категорії
truce-areas = на території: { $areas }
contest-truce = Подано в межах перемир’я `{ $id }` ({ $name }, { $article }) стороною { $party } проти сторони { $accused }: воно охоплює { $scope }{ $areas } після { $from } і до { $until }; заяви в його межах розглядає { $body }.
contest-accuses = Заява звинувачує сторону { $accused }.
reply-citing = з посиланням на докази виду { $kind } { $digest }
contest-reply = Сторона { $party } відповіла { $at }{ $cited }: «{ $summary }».
contest-reply-passed = Сторона { $accused } мала право на відповідь до { $until } і не відповіла; до того орган не міг визначити заяву.
contest-reply-open = Сторона { $accused } може відповісти до { $until }; доки вона не відповість або цей строк не спливе, заяву може бути визначено лише зі спливом її строку.
extended-by = на { $extension }
contest-extended = Орган визнав докази непереконливими: пропозиція `{ $decision }`, ухвалена { $at }, одноразово продовжила строк{ $by } — до { $deadline }.
graded-no-tier = жоден рівень
graded-tier-of = рівень { $tier }
graded-severity = ступінь тяжкості { $severity } ({ $tier }) замість заявленого { $claimed }
graded-tier = рівень `{ $tier }`, незалежно від того, який рівень визначає заявлений ступінь тяжкості { $claimed }
graded-attribution = порушення приписано стороні { $party }
contest-graded = Орган оцінив заяву (пропозиція `{ $decision }`, ухвалена { $at }): { $found }.
reconsider-window = (упродовж { $window } після визначення)
# $previous: стан, який мала заява (activated, dismissed, ...).
contest-reconsidered =
    Перегляд: сторона { $party } надала нові докази { $digest } { $at }{ $window }; перед тим заяву було { $previous ->
        [activated] активовано
        [dismissed] відхилено
        [pending] залишено на розгляді
       *[other] { $previous }
    }, і орган вирішував її заново від початку.
contest-reconsidered-determined =
    Перегляд: сторона { $party } надала нові докази { $digest } { $at }{ $window }; перед тим заяву було { $previous ->
        [activated] активовано
        [dismissed] відхилено
        [pending] залишено на розгляді
       *[other] { $previous }
    } { $determined }, і орган вирішував її заново від початку.
unwound-no-measures = жодного заходу, який статут дозволяє скасувати, не було відновлено
unwound-measures = { $measures } повернуто до стану, що існував до спрацювання механізму snapback
unwound-no-obligations = відкритих зобов’язань не залишалося
unwound-obligations = скасовано відкриті зобов’язання: { $obligations }
unwound-decisions = рішення щодо пакетів, які більше не створять зобов’язань: { $decisions }
contest-unwound = Наслідки скасовано { $at }: під час перегляду заяву визнано необґрунтованою, тож дію її активації { $activation } скасовано там, де це можливо: { $measures }; { $obligations }{ $decisions }. Те, що вже зроблено, залишається в записі й не скасовується: виконані зобов’язання, вивільнені кошти, використані запаси, зняті обмеження та будь-яка ескалація, до якої її вже враховано.

## Рішення

proposer-one-of = (пропозицію внесла сторона { $party }, одна з таких: { $named })
proposer-not = (пропозицію внесла сторона { $party }, а не { $named })
proposer-engine = (пропозицію відкрила система: жодна зі сторін { $named } її не вносила)
decision-no-charter = Версія статуту для цього рішення недоступна.
decision-no-body = Органу `{ $body }` немає у версії статуту { $version }.
decision-intro = Відповідно до { $article } пропозиція «{ $motion }» виноситься на розгляд { $body } до { $deadline }; правило ({ $rule_article }): { $rule }. Голоси: «за» — { $yes }, «проти» — { $no }, утрималися — { $abstain }, не голосували — { $not_voted }.
decision-pending = На розгляді: для ухвалення потрібно голосів «за»: { $need }{ $pop }; наразі — { $yes }.
decision-adopted = Ухвалено { $at }: голосів «за» — { $yes }{ $pop }, що відповідає правилу (потрібно { $need }).
decision-cannot-be-adopted = Не ухвалено { $at }, до спливу строку: пропозиція вже не могла пройти, оскільки { $why }.
decision-not-adopted = Не ухвалено до спливу строку { $at }: голосів «за» — { $yes }{ $pop }, потрібно { $need }; члени, які не голосували, вважаються такими, що утрималися.
further-motion = Це подальша пропозиція в провадженні щодо заяви { $claim }, яке завершується щонайпізніше зі спливом строку цієї заяви; її результат фіксується в провадженні й не змінює визначення заяви.
further-supersedes-adopted = Це подальша пропозиція в провадженні щодо заяви { $claim }, яка в разі ухвалення замінює заяву: її ухвалено, тож провадження завершилося, і ніщо з того, що активувала б заява, не набирає чинності, якщо вже не набрало.
further-supersedes-pending = Це подальша пропозиція в провадженні щодо заяви { $claim }, яке завершується щонайпізніше зі спливом строку цієї заяви; у разі ухвалення вона замінить заяву, і ніщо з того, що активувала б заява, не набере чинності.
further-supersedes-not-adopted = Це подальша пропозиція в провадженні щодо заяви { $claim }, яка замінила б заяву в разі ухвалення; її не ухвалено, тож провадження щодо заяви залишається таким, яким було.
decision-package-waits = Пакет `{ $package }` очікує на це рішення.
decision-package-proceeds = Отже, пакет `{ $package }` виконується: його зобов’язання відлічуються від { $at }.
decision-package-lapses = Отже, пакет `{ $package }` втрачає чинність.
finding-inconclusive = визнає докази непереконливими, що одноразово продовжує строк заяви на встановлений статутом строк продовження
finding-severity = ступінь тяжкості { $severity }, який визначає рівень
finding-tier = рівень `{ $tier }`, незалежно від того, який рівень визначає ступінь тяжкості
finding-attribution = приписання порушення стороні { $party }
finding-grade = оцінює заяву ({ $parts }) замість оцінки заявника
# $what: finding-inconclusive або finding-grade.
finding-adopted = Це подальша пропозиція в провадженні щодо заяви { $claim }, яка { $what }: її ухвалено, тож так і сталося.
finding-pending = Це подальша пропозиція в провадженні щодо заяви { $claim }, яке завершується щонайпізніше зі спливом строку цієї заяви; у разі ухвалення вона { $what }.
finding-not-adopted = Це подальша пропозиція в провадженні щодо заяви { $claim }, яка { $what }; її не ухвалено, тож провадження щодо заяви залишається таким, яким було.

## Активації

activation-no-charter = Версія статуту для цієї активації недоступна.
activation-no-tier = Рівня `{ $tier }` немає у версії статуту { $version }.
# $tier: ідентифікатор рівня у зворотних лапках і, якщо є, його назва в дужках.
activation-claim = Активація { $id } { $at }: заява { $claim } має ступінь тяжкості { $severity }, що визначає рівень { $tier } (від ступеня { $min }) відповідно до { $article }, з пакетами: { $packages }.
activation-claim-graded = Активація { $id } { $at }: орган оцінив заяву { $claim } за рівнем { $tier } (пропозиція { $decision }), незалежно від того, що визначає її ступінь тяжкості { $severity }; відповідно до { $article }, з пакетами: { $packages }.
escalation-claim = { $claim } (ступінь тяжкості { $severity })
escalation-alert = сповіщення `{ $alert }` щодо { $area } за вікно, що закінчується { $window } (ступінь тяжкості { $severity })
escalation-claims-activated = заяви { $parts } активовано
escalation-activated-or-raised = { $parts } активовано або подано
activation-escalation = Активація { $id } { $at }: { $counted } впродовж { $window }, і їхня сумарна тяжкість становить { $sum }, що сягає порогу { $threshold } за { $article }; тому рівень `{ $tier }`{ $named } активується відповідно до { $tier_article }, з пакетами: { $packages }.
package-needs = Пакет `{ $package }` спершу потребує рішення { $body } ({ $article }).
package-needs-decided = Пакет `{ $package }` спершу потребує рішення { $body } ({ $article }, рішення { $decision }): { $consequence }
# $status: pending, adopted або not-adopted.
consequence-pending = на розгляді до { $deadline }; `{ $package }` очікує на нього.
consequence-proceeds =
    { $status ->
        [adopted] ухвалено
        [pending] на розгляді
       *[not-adopted] не ухвалено
    } { $at }, тож `{ $package }` виконується, і його зобов’язання відлічуються від цього моменту.
consequence-lapses-at =
    { $status ->
        [adopted] ухвалено
        [pending] на розгляді
       *[not-adopted] не ухвалено
    } { $at }, тож `{ $package }` втрачає чинність.
consequence-lapses =
    { $status ->
        [adopted] ухвалено
        [pending] на розгляді
       *[not-adopted] не ухвалено
    }, тож `{ $package }` втрачає чинність.
activation-unwound = Наслідки скасовано { $at }: під час перегляду заяву { $claim } визнано необґрунтованою, тож дію цієї активації скасовано там, де це можливо (див. заяву).

## Сповіщення моніторингу (alerts.rs)

alert-counted-category = `{ $category }`
alert-counted-every = усі категорії
alert-excluded = за винятком кількостей із позначками { $flags }
alert-condition-one = кількість у вікні перевищує { $above }
alert-condition-consecutive = у { $windows } вікнах поспіль кількість щоразу перевищує { $above }
alert-condition-sum =
    сума за останні { $windows ->
        [one] { $windows } вікно
        [few] { $windows } вікна
       *[many] { $windows } вікон
    } перевищує { $above }
alert-condition-median =
    кількість у вікні більш ніж у { $times ->
        [one] { $times } раз
        [few] { $times } рази
       *[many] { $times } разів
    } перевищує медіану { $windows ->
        [one] { $windows } попереднього вікна
       *[other] { $windows } попередніх вікон
    } (і перевищує { $at_least })
alert-met-one = це більше ніж { $above }
alert-met-consecutive =
    у цьому вікні та { $before ->
        [one] { $before } попередньому
       *[other] { $before } попередніх
    } кількість щоразу перевищувала { $above } (найменша — { $reading })
alert-met-sum =
    за останні { $windows ->
        [one] { $windows } вікно
        [few] { $windows } вікна
       *[many] { $windows } вікон
    } разом налічено { $reading }, що перевищує { $above }
alert-met-median =
    налічене в ньому число більш ніж у { $times ->
        [one] { $times } раз
        [few] { $times } рази
       *[many] { $times } разів
    } перевищило медіану { $reading } { $windows ->
        [one] { $windows } попереднього вікна
       *[other] { $windows } попередніх вікон
    }
alert-action-claim = Дія правила: від імені сторони { $monitor } подається заява зі ступенем тяжкості { $severity }, яку перевіряють так само, як будь-яку іншу.
alert-action-escalation = Дія правила: сповіщення враховується у вікні ескалації зі ступенем тяжкості { $severity }, так само як враховувалася б активована заява такого ступеня.
alert-explanation = Відповідно до { $article } правило «{ $name }» розглядає звіти сторони { $monitor } щодо { $area } у розрізі { $grid }, і враховує { $counted }{ $excluded }; сповіщення виникає, коли { $condition }. У вікні, що закінчилося { $window_end }, налічено { $value }: { $met }. Його завершив звіт { $report }.{ $action }

## Що встановило рішення про оцінку, і кому розкрито секретні докази (хронологія заяви, API,
## `snapback explain`); кожен фрагмент приєднується з пробілом перед ним.
found-severity = ступінь тяжкості { $severity }
found-tier-of = (рівень { $tier })
found-tier = рівень { $tier }
found-attribution = порушення приписано стороні { $party }
releasable-none = нікому

## Транші програм (fund.programme)

programme-no-article = правил фонду
programme-condition = { $id } ({ $kind }, перевіряє { $verifier }: «{ $text }»)
programme-verified = { $id }, перевірив { $verifier } { $at } ({ $reference })
programme-waiting = Транш { $tranche } програми { $programme } ({ $amount }) очікує, доки до { $by } буде перевірено { $count ->
        [one] { $count } умову
        [few] { $count } умови
       *[other] { $count } умов
    }: { $conditions }. Відповідно до { $article } його виплачують { $recipient }, щойно перевірено останню.
programme-held-conditions = Транш { $tranche } програми { $programme } ({ $amount }) затримано: до { $by } не перевірено { $count ->
        [one] умову
       *[other] умови
    }: { $conditions }. Відповідно до { $article } його виплатять { $recipient }, щойно { $count ->
        [one] її
       *[other] їх
    } буде перевірено.
programme-held-funds = Транш { $tranche } програми { $programme } ({ $amount }) затримано: усі умови перевірено, але в основному пулі було лише { $available }. Відповідно до { $article } його виплатять { $recipient }, щойно надійдуть кошти.
programme-paid = Транш { $tranche } програми { $programme } ({ $amount }) виплачено { $recipient } { $paid }; його умови перевірено, остання: { $last }.
programme-paid-late = Транш { $tranche } програми { $programme } ({ $amount }) виплачено { $recipient } { $paid } із запізненням: його затримали з { $held }; останню умову перевірено: { $last }.

## Рада фонду (fund.board)

board-motion-peace = повернення фонду до мирного режиму
board-motion-exceptional = надзвичайна виплата { $amount } на { $purpose } отримувачеві { $recipient }
board-motion-cap = встановлення ліміту на { $purpose } у розмірі { $amount }
board-threshold-more-than = понад { $pct }%
board-threshold-at-least = щонайменше { $pct }%
board-weights-key = зважено за внеском (ключем)
board-weights-paid-in = зважено за сплаченим капіталом
board-pending = Пропозиція { $decision } ({ $motion }) перебуває на розгляді ради фонду до { $deadline }: відповідно до { $article } для ухвалення потрібно { $threshold } голосів ({ $weights }); наразі «за» — { $yes }%, «проти» — { $no }%, не голосували — { $open }%.
board-adopted = Пропозицію { $decision } ({ $motion }) рада фонду ухвалила { $at }: «за» — { $yes }% голосів ({ $weights }), а { $article } вимагає { $threshold }.
board-cannot-be-adopted = Пропозицію { $decision } ({ $motion }) не ухвалено { $at }, до спливу строку: «за» — { $yes }% голосів ({ $weights }), а ще не голосували лише { $open }%, тож вона вже не могла набрати { $threshold }, яких вимагає { $article }.
board-not-adopted = Пропозицію { $decision } ({ $motion }) не ухвалено до спливу строку { $at }: «за» — { $yes }% голосів ({ $weights }), а { $article } вимагає { $threshold }; члени, які не голосували, вважаються такими, що голосували «проти».
board-effect-peace = Фонд повернувся до мирного режиму.
board-effect-still-conflict = Проте під час голосування нова активація знову запустила період затишшя, тож фонд залишається в режимі конфлікту.
board-effect-authorised = Тепер розпорядник може один раз виплатити до { $amount } на { $purpose } отримувачеві { $recipient } з посиланням на { $decision }.
board-effect-authorised-used = Рішення дозволило один раз виплатити до { $amount } на { $purpose } отримувачеві { $recipient }: його використано для виплати { $transfer }.
board-effect-cap = Ліміт на { $purpose } становить тепер { $amount }; раніше — { $previous }.
