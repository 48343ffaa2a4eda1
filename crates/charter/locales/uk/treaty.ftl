# Статут як текст договору (crates/charter/src/treaty/): назви елементів, назви параметрів і їхні
# формулювання, заголовки для Markdown та HTML. Ідентифікатори, назви, суми, моменти часу й номери
# статей належать статуту й передаються як аргументи.

## Види елементів, як заголовки

kind-charter = Статут
kind-party = Сторона
kind-body = Орган
kind-verification = Перевірка заяв
kind-evidence-rule = Необхідні докази
kind-stage = Стадія провадження
kind-tier = Рівень
kind-escalation = Ескалація
kind-package = Пакет
kind-package-decision = Рішення щодо пакета
kind-obligation = Зобов’язання
kind-fund = Фонд
kind-fund-cap = Ліміт фонду
kind-fund-surge = Вимога додаткових внесків до фонду
kind-fund-tranche = Транш фонду
kind-capabilities = Місця зберігання запасів
kind-training-centre = Навчальний центр
kind-restriction = Обмеження використання
kind-measure = Захід
kind-renewal = Продовження
kind-relief-review = Перегляд послаблення
kind-alert = Правило сповіщень моніторингу
kind-truce = Перемир’я
kind-log = Журнал прозорості
provision-title = { $kind }: { $heading }

## Статут і його сторони

c-beneficiary = Бенефіціар
c-purpose = Мета
c-roles = Ролі
c-groups = Групи
c-population = Населення
c-takes-part = Бере участь
c-signing-keys = Ключі підпису
window-from = з { $from }
window-until = до { $until } (включно)
window-from-until = з { $from } до { $until } (включно)

## Органи, перевірка, стадії, рівні, ескалація

c-members = Члени
c-voting-rule = Правило голосування
c-quorum = Кворум
c-presidency = Головування
presidency-term = { $party } з { $from } до { $until } (не включно)
c-who-may-file = Хто може подавати заяви
c-who-verifies = Хто перевіряє
c-decide-within = Строк ухвалення рішення
after-filing = { $term } після подання заяви
c-burden = Тягар доказування
c-takes-effect = Результат набирає чинності
c-extension = Продовження строку
extension-text = ухвалене рішення про те, що заява не доведена остаточно, одноразово продовжує строк на { $duration }
c-reconsideration = Перегляд
reconsideration-text = нові докази можуть відновити розгляд вирішеної заяви протягом { $duration }
evidence-heading = Докази, необхідні для активації
c-sources = Джерела
sources-text =
    докази щонайменше з { $count } { $count ->
        [one] виду
       *[other] різних видів
    } джерел
c-step = Крок
step-tabling = член органу вносить проєкт рішення; доти жоден член не може за нього голосувати
step-meeting = орган збирається на засідання
c-within = Строк
c-if-nobody = Якщо ніхто не зробить цього вчасно
fallback-presidency = крок робить сторона, що головує в органі на момент спливу строку
fallback-missed = стадія вважається пропущеною
c-severities = Ступені тяжкості
severity-range = тяжкість від { $from } до { $to }
severity-one = тяжкість { $from }
severity-and-above = тяжкість { $from } і вище
c-packages-activated = Пакети, що активуються
word-none = немає
c-window = Період
escalation-window = активовані заяви протягом будь-якого періоду тривалістю { $duration }
c-threshold = Поріг
escalation-threshold = якщо сума їхніх ступенів тяжкості становить щонайменше { $threshold }, активується рівень { $tier }

## Пакети, рішення, зобов’язання

c-activated-by-tiers = Активується рівнями
c-proceeds = Виконується
proceeds-after-decision = після рішення (див. нижче)
proceeds-on-activation = з активацією, без окремого рішення
c-puts-back = Відновлює чинність
decision-heading = Рішення щодо { $package }
c-deciding-body = Орган, що ухвалює рішення
after-activation = { $term } після активації
c-proposed-by = Вносить пропозицію
obligation-heading = { $party }: зобов’язання { $kind } (№ { $number } пакета { $package })
c-who-owes = Зобов’язана сторона
c-what = Зміст
c-due = Строк виконання
due-after-activation = протягом { $duration } після активації
c-amount = Сума
c-items = Предмети
items-text = { $quantity } × { $item }
items-from-text = { $quantity } × { $item } із запасів у { $location }
c-met-when = Вважається виконаним, коли набирає чинності

## Фонд

c-currency = Валюта обліку
c-disbursed-by = Розпорядник виплат
c-peace-purposes = Цілі в мирному режимі
c-conflict-purposes = Цілі в режимі конфлікту
c-back-to-peace = Повернення до мирного режиму
back-to-peace-text = після { $duration } без нової активації, що переводить фонд у режим конфлікту
c-contributor = Внесок { $party }
contributor-text = частка { $key }; сплачений капітал { $paid_in }; капітал на вимогу { $callable }
contributor-share-text = частка { $key } ({ $share }% суми часток); сплачений капітал { $paid_in }; капітал на вимогу { $callable }
cap-heading = Ліміт на { $purpose }
c-limit = Ліміт
cap-text = не більше { $amount } на { $purpose } протягом будь-якого періоду тривалістю { $duration }
surge-heading = Вимога додаткових внесків
surge-text = { $amount } вимагається, коли активація створює грошове зобов’язання, і розподіляється пропорційно часткам (кожна в межах свого капіталу на вимогу)
due-after-call = протягом { $duration } після вимоги
tranche-heading = Зарезервований транш
tranche-text = { $amount } на { $purpose } для { $recipient }
c-when = Коли
tranche-when = резервується, коли подано заяву; вивільняється, коли активація за цією заявою переводить фонд у режим конфлікту, інакше анулюється

## Спроможності та обмеження

c-location = Місце { $id }
location-text = { $name }: запаси, вивільнені там, надходять протягом { $duration }
c-locations = Місця
c-host = Приймаюча сторона
c-capacity = Пропускна спроможність
capacity-text =
    { $count } { $count ->
        [one] слухач
        [few] слухачі
       *[many] слухачів
    } за 30 днів
restriction-heading = Обмеження використання, встановлені { $party }
c-donor = Донор
c-on = Стосується
every-system = усіх систем
c-lifted-by = Скасовується
lifted-by-text = активацією { $package }

## Заходи, продовження, перегляд послаблень

c-held-by = Належить
c-kind = Вид
c-legal-basis = Правова підстава
c-initial-state = Початковий стан
initial-state-text = { $state } з { $since }
c-levels = Рівні
levels-text = { $levels } (початковий рівень: { $level })
levels-first = перший
c-expires = Спливає
c-sunset = Автоматичне припинення
sunset-text = втрачає чинність через { $duration } після кожного набрання чинності
c-snapped-back-by = Відновлюється пакетами
c-if-unwound = Якщо активацію скасовано
unwound-reversed = відновлення скасовується
unwound-stays = відновлення зберігається
renewal-heading = Продовження { $measure }
c-renewing-body = Орган, що продовжує
c-expiries = Строки спливу
c-decision-opens = Рішення відкривається
decision-opens-text = за { $duration } до кожного спливу строку; якщо до того часу рішення не ухвалено, захід втрачає чинність
review-heading = Перегляд послаблення { $measure }
c-review-window = Строк перегляду
review-window-text = { $term } з дня повідомлення про послаблення
c-longer-window = Довший строк
longer-window-text = { $term } для повідомлень, зроблених у період { $period } ({ $zone })
c-disapproval = Несхвалення
disapproval-text = ухвалене кожним з органів { $bodies }, унеможливлює послаблення
c-veto = Вето
veto-text = { $party } може накласти вето на несхвалення протягом { $duration }
c-override = Подолання вето
override-text = кожен орган протягом { $duration }: { $rule }

## Правила сповіщень моніторингу та перемир’я

action-notify = фіксується й оприлюднюється
action-claim = фіксується, і від імені монітора подається заява з тяжкістю { $severity }
action-escalation = фіксується й зараховується до ескалації як активована заява з тяжкістю { $severity }
c-monitor = Монітор
c-counts = Враховує
every-category = усі категорії
c-area = Район
each-area = кожен район окремо
c-windows = Вікна
c-alerts-when = Сповіщає, коли
c-excluded-flags = Виключені позначки
c-then = Тоді
c-sides = Сторони
c-categories = Категорії
c-areas = Райони
everywhere = усюди
c-term = Строк дії
truce-term-text = інциденти після { $from } до { $until } включно
c-verified-by = Перевіряє
c-right-of-reply = Право на відповідь
reply-text = сторона, яку звинувачують, може відповісти протягом { $duration } з моменту подання заяви

## Журнал прозорості

c-origin = Походження журналу
c-verifier-key = Ключ перевірки
c-witnesses = Свідки
none-named = не визначено
c-witness = Свідок { $name }
witness-text = ключ { $key }
witness-at-text = ключ { $key }, адреса { $url }

## Зміни між версіями

c-article = Стаття
c-heading = Заголовок

## Markdown і HTML

treaty-meta = Статут { $id }, версія { $version }, чинний з { $effective }.
h-versions = Версії
version-line = Версія { $version }, чинна з { $effective }: { $title }
this-text = (цей текст)
h-parties = Сторони
h-articles = Статті
h-unnumbered = Положення без номера
h-changes = Зміни між версіями
toc-unnumbered = Без номера
toc-changes = Зміни
cited-as = Посилання
diff-heading = Версія { $from } → версія { $to } (чинна з { $effective })
no-change = Жодне положення не змінилося.
change-added = Додано
change-removed = Вилучено
change-changed = Змінено
clause-none = (немає)
page-title = { $title } · версія { $version }
quoted = «{ $text }»

## Програми

kind-fund-programme = Програма фонду
c-paid-to = Отримувач
programme-paid-to = { $recipient }, на { $purpose }, з основного пулу
programme-when = кожен транш виплачують, щойно сторона, названа в кожній його умові, перевірила її; умова, не перевірена до дати траншу, затримує його, доки її не буде перевірено
c-programme-tranche = Транш { $id }
programme-tranche-text = { $amount }, умови до { $by }: { $conditions }
programme-condition = { $id } ({ $kind }, перевіряє { $verifier }): { $text }
contributor-appropriation = його частки додаткових внесків підлягають сплаті лише після асигнування, ухваленого органом { $parliament }

## Рада фонду

kind-fund-board = Рада фонду
board-heading = Рада фонду
back-to-peace-board-text = за рішенням ради — після { $duration } без нової активації, що переводить фонд у режим конфлікту
c-board-members = Члени
board-members-key = учасники фонду, кожен із кількістю голосів, що дорівнює його ключу внеску
board-members-paid-in = учасники фонду, кожен із кількістю голосів, що дорівнює капіталу, сплаченому ним на момент внесення пропозиції
c-board-decides = Ухвалює
board-more-than = понад { $pct }%
board-at-least = щонайменше { $pct }%
board-decides-text = пропозицію ухвалено, коли за неї голосують члени, що мають { $threshold } усіх голосів ради, протягом { $duration } від її внесення; члени, які не голосують, вважаються такими, що голосують «проти»
c-board-power = Повноваження
board-power-peace = повернення фонду до мирного режиму після спливу періоду затишшя (сам фонд не повертається)
board-power-exceptional = надання дозволу, щоразу на одну виплату, на виплату понад { $amount }, якої розпорядник без нього здійснити не може
board-power-cap = зміна розміру ліміту на напрям
c-board-otherwise = Інше
board-otherwise-text = усі інші правила фонду діють самі собою; перехід до режиму конфлікту ніколи не належить раді
