# Публічна панель українською (Project Fluent). Кожне повідомлення тут має двійника з тим самим
# ідентифікатором і атрибутами в ../en/dashboard.ftl: тест називає повідомлення, якого бракує.
# Моменти часу, числа, ідентифікатори та назви зі статуту — аргументи ($…): вони однакові в обох
# мовах. Аргументи з розміткою ($time, $link, $claims…) вставляються як HTML.
# Множина: one (1, 21…), few (2–4, 22–24…), many (0, 5–20…), other (дробові).

## Макет: навігація, нижній колонтитул, посилання для пропуску, індикатор оновлень, перемикач мови

page-title = { $title } · Реєстр гарантії Snapback
skip-link = Перейти до основного вмісту
brand-name = Гарантія Snapback
brand-tagline = Публічний реєстр
nav-main-label = Головна навігація
nav-overview = Огляд
nav-guarantors = Гаранти
nav-fund = Фонд
nav-capabilities = Спроможності
nav-measures = Заходи
nav-monitoring = Моніторинг
nav-charter = Статут
charter-page-title = Статут, версія { $version }
nav-log = Журнал
nav-api = API
live-static = Статична сторінка
# Що пише скрипт оновлень: він бере ці слова зі сторінки (власних слів не має).
live-connected = Наживо
live-reconnecting = Повторне з’єднання…
live-deadline-reached = строк минув
# Одиниці зворотного відліку («2 год 5 хв»): одне слово кожна, без пробілів.
live-unit-day = дн.
live-unit-hour = год
live-unit-minute = хв
live-unit-second = с
# $time: цифри відліку («2 год 5 хв»).
live-left = залишилося { $time }
lang-switch-label = Мова
footer-does-title = Що робить ця система.
footer-does-text = Вона веде облік кодифікованої гарантії безпеки для України: заяв про порушення режиму припинення вогню, голосів і рішень гарантів, автоматичних активацій «snapback», до яких вони ведуть, і зобов’язань щодо коштів і постачань, які ці активації створюють. Кожен запис підписано й збережено в журналі прозорості, до якого можна лише додавати і який будь-хто може незалежно перевірити.
footer-does-not-title = Чого вона не робить.
footer-does-not-text = Вона не містить даних для ураження цілей, розвідувальних відомостей чи оперативної інформації і не планує та не спрямовує жодних операцій. Секретні докази показано лише як метадані (вид джерела та дайджест) і лише читачам із відповідним допуском.
footer-verify-log = Як перевірити журнал
footer-api-reference = Довідка з API
footer-openapi = OpenAPI

## Сторінки помилок

# $reason: стан HTTP англійською («Bad Request»); $status: його номер.
error-title =
    { $status ->
        [400] Неправильний запит
        [401] Потрібна автентифікація
        [403] Доступ заборонено
        [404] Не знайдено
        [405] Метод не дозволено
        [429] Забагато запитів
        [500] Внутрішня помилка сервера
        [503] Сервіс недоступний
       *[other] Помилка { $status }
    }
back-to-overview = Повернутися до огляду
not-found-title = Не знайдено
not-found-claim = Журнал не містить заяви з ідентифікатором { $id }.

## Слова стану (позначки), однакові на всіх сторінках

status-pending = очікує
status-activated = активовано
status-dismissed = відхилено
status-withdrawn = відкликано
status-rejected = відкинуто
status-superseded = замінено
status-adopted = ухвалено
status-not-adopted = не ухвалено
status-fulfilled = виконано
status-late = із запізненням
status-overdue = прострочено
status-cancelled = скасовано
status-peace = мир
status-conflict = конфлікт

## Огляд

overview-title = Огляд
overview-default-title = Гарантія безпеки Snapback
mode-heading = Режим:
# $mode: peace або conflict.
mode-fund-since-activation =
    Стабілізаційний фонд перебуває в { $mode ->
        [peace] мирному
        [conflict] конфліктному
       *[other] { $mode }
    } режимі з { $time } (активація { $activation }). { $link }.
mode-fund-since =
    Стабілізаційний фонд перебуває в { $mode ->
        [peace] мирному
        [conflict] конфліктному
       *[other] { $mode }
    } режимі з { $time }. { $link }.
mode-fund-since-start =
    Стабілізаційний фонд перебуває в { $mode ->
        [peace] мирному
        [conflict] конфліктному
       *[other] { $mode }
    } режимі від початку журналу. { $link }.
mode-fund-link = Фонд: пули, внески, додаткові виклики коштів
mode-fund-note = Режим — це режим Стабілізаційного фонду ({ $article }): активація, пакет якої містить грошове зобов’язання, переводить його в конфліктний режим; до мирного режиму він повертається через { $quiet } без нової активації.
mode-rule-open =
    { $open ->
        [one] { $open } зобов’язання, створене активаціями, досі відкрите (очікують: { $pending }, прострочено: { $overdue }).
        [few] { $open } зобов’язання, створені активаціями, досі відкриті (очікують: { $pending }, прострочено: { $overdue }).
        [many] { $open } зобов’язань, створених активаціями, досі відкриті (очікують: { $pending }, прострочено: { $overdue }).
       *[other] { $open } зобов’язання, створеного активаціями, досі відкриті (очікують: { $pending }, прострочено: { $overdue }).
    }
mode-rule-none = Жодне зобов’язання, створене активацією, не відкрите.
mode-rule-note = Цей статут не створює Стабілізаційного фонду, тож показаний тут режим визначає робоче правило: «конфлікт», поки будь-яке зобов’язання, створене активацією, ще відкрите (очікує або прострочене), інакше «мир». За статуту з фондом режим — це режим фонду.
figures-label = Показники
# Саме число ($count) показано перед словами.
stat-open-claims =
    { $count ->
        [one] відкрита заява
        [few] відкриті заяви
        [many] відкритих заяв
       *[other] відкритої заяви
    }
stat-activations =
    { $count ->
        [one] активація
        [few] активації
        [many] активацій
       *[other] активації
    }
stat-open-obligations =
    { $count ->
        [one] відкрите зобов’язання
        [few] відкриті зобов’язання
        [many] відкритих зобов’язань
       *[other] відкритого зобов’язання
    }
stat-overdue-obligations =
    { $count ->
        [one] прострочене зобов’язання
        [few] прострочені зобов’язання
        [many] прострочених зобов’язань
       *[other] простроченого зобов’язання
    }
open-claims-heading = Відкриті заяви
open-claims-empty = Жодна заява не очікує рішення.
open-claims-pages-label = Сторінки відкритих заяв
open-claims-showing = Показано з { $first } по { $last } із { $total } відкритих заяв, спершу найближчі строки.
open-claims-earlier = Раніші строки
open-claims-later = Пізніші строки
open-decisions-heading = Рішення в процесі
open-decisions-empty = Жодне рішення не очікує.
activations-heading = Останні активації
activations-empty = Активацій поки немає.
overdue-heading = Прострочені зобов’язання
overdue-caption = Зобов’язання, строк яких минув, а їх не виконано
overdue-empty = Жодне зобов’язання не прострочене.
recent-claims-heading = Нещодавно вирішені заяви
recent-claims-empty = Жодну заяву ще не вирішено.
log-size =
    { $count ->
        [one] Станом на { $count } запис у журналі. { $link }.
        [few] Станом на { $count } записи в журналі. { $link }.
        [many] Станом на { $count } записів у журналі. { $link }.
       *[other] Станом на { $count } запису в журналі. { $link }.
    }
verify-log-link = Перевірити журнал
cut-note = Показано { $shown } із { $total }; усі вони є в { $link }.

## Елементи кількох сторінок: заяви, активації, рішення, зобов’язання

# $action: dismiss або activate; $word: вердикт, що змінює типовий результат.
need-count =
    Щоб { $action ->
        [dismiss] відхилити
       *[activate] активувати
    }, потрібно голосів «{ $word ->
        [unfounded] необґрунтована
       *[founded] обґрунтована
    }»: { $needed } із { $members }; подано { $cast }
need-count-still =
    Щоб { $action ->
        [dismiss] відхилити
       *[activate] активувати
    }, потрібно голосів «{ $word ->
        [unfounded] необґрунтована
       *[founded] обґрунтована
    }»: { $needed } із { $members }; подано { $cast }, бракує ще { $still }
# $rule: правило статуту словами (формулювання самого статуту).
need-rule =
    Щоб { $action ->
        [dismiss] відхилити
       *[activate] активувати
    } заяву: { $rule }
claim-filed-by = Подала сторона { $party } { $time } · { $category } · тяжкість { $severity }
deadline-line = Строк { $deadline }
# $status: слово стану з великої літери.
closed-at = { $status } { $time }
activation-title = Активація { $id }: { $tier }
activation-meta = { $time } · причина: { $cause } · { $claims }
cause-claim = заява
cause-escalation = ескалація (кілька активованих заяв)
packages-label = Пакети
decision-title = Рішення { $id }
decision-meta = { $body } · відкрито { $time }
decision-decided = Вирішено { $time }
decision-votes = Голоси: { $yes } за, { $no } проти, { $abstain } утрималися, { $notvoted } не голосували.
explanation-heading = Пояснення
obligation-fulfilled = виконано { $time }
obligation-reference = (реф. { $reference })
column-party = Сторона
column-obligation = Зобов’язання
column-due = Строк
column-status = Стан

## Сторінка заяви

claim-title = Заява { $id }
breadcrumb-claim = Заява
fact-filed-by = Подала сторона
fact-filed = Подано
fact-category = Категорія
fact-severity = Тяжкість
fact-body = Орган, що вирішує
fact-deadline = Строк
fact-determined = Визначено
fact-withdrawn = Відкликано
fact-superseded = Замінено
fact-superseded-by = { $time } ухваленим рішенням { $decision }
fact-basis = Підстава
fact-tier = Рівень
fact-charter-version = Версія статуту
basis-adopted = орган ухвалив рішення
basis-cannot-be-adopted = рішення вже не могло бути ухвалене
basis-not-adopted-by-deadline = рішення не ухвалено до строку
basis-evidence-insufficient = вимогу щодо доказів не виконано
tally-heading = Підсумок голосування
tally-caption = Голоси членів: { $members }
tally-vote = Голос
tally-members = Члени
vote-founded = Обґрунтована
vote-unfounded = Необґрунтована
vote-abstain = Утрималися
vote-not-voted = Не голосували
tally-count-closed = { $count }.
# $article: стаття органу, посилання на статут; $rule: правило статуту словами.
tally-rule =
    Правило органу «{ $body }» ({ $article }): { $rule }. Питання перед ним: заява { $word ->
        [unfounded] необґрунтована
       *[founded] обґрунтована
    }.
timeline-heading = Хронологія
# $kind: що сталося (filed, evidence, vote…), як це називає API.
timeline-kind =
    { $kind ->
        [filed] подано
        [evidence] доказ
        [meeting] засідання
        [stage] етап
        [vote] голос
        [withdrawn] відкликано
        [determined] визначено
        [superseded] замінено
        [reply] відповідь
        [extended] продовжено
        [graded] оцінено
        [reopened] перегляд
        [unwound] скасування
       *[other] { $kind }
    }
clearance-public = публічний
clearance-restricted = обмежений
clearance-confidential = конфіденційний
clearance-secret = таємний
evidence-heading = Докази за джерелом
evidence-items =
    { $count ->
        [one] { $count } елемент
        [few] { $count } елементи
        [many] { $count } елементів
       *[other] { $count } елемента
    }
evidence-submitted = подала сторона { $party } { $time }
evidence-commitment = криптографічне зобов’язання
evidence-released = Розкрито вам: { $kind }, { $digest }: { $summary }
evidence-empty = Доказів не подано.
evidence-note = Публічні докази перелічено за їхніми метаданими (вид джерела, гриф і дайджест). Журнал не містить секретного вмісту: секретний доказ показано його грифом, сторонами, яким його можна розкривати, і криптографічним зобов’язанням щодо його запечатаного вмісту; до вимоги щодо доказів він зараховується як один вид «classified». Його вміст показано лише читачеві, чий токен доступу має допуск до його грифа і чия сторона його подала або входить до його переліку REL TO.
evidence-reading-as = Ви читаєте як { $party } з допуском «{ $clearance }».
evidence-reading-public = Ви читаєте публічний реєстр.
followed-heading = Що було далі
followed-none = За цією заявою не було жодної активації.
followed-activations = Активації
followed-decisions = Рішення
followed-decisions-empty = Для цих активацій рішення не знадобилося.
followed-obligations = Зобов’язання
followed-obligations-caption = Зобов’язання, створені цими активаціями
followed-obligations-empty = Зобов’язань ще не створено.

## Сторінка гарантів

guarantors-title = Гаранти
guarantors-heading = Виконання зобов’язань гарантами
guarantors-lede = Як кожен гарант і кожна інша сторона, на яку активація поклала зобов’язання, їх виконали.
guarantors-at-a-glance = Коротко
guarantors-figures = Показники
guarantors-none = Жодна активація ще не поклала зобов’язань на жодну сторону, тож нема чого виконувати чи порушувати. Коли спрацює snapback, кожне створене ним зобов’язання з’явиться тут під стороною, яка його має виконати.
# $names: імена гарантів через кому.
guarantors-named = Гаранти: { $names }.
guarantors-note = Вчасно: виконано до строку. Із запізненням: виконано після строку. Прострочено: строк минув, а зобов’язання не виконано. Очікує: строк ще не настав.
compliance-caption = Зобов’язання кожної сторони за станом
compliance-chart-desc = Горизонтальні стовпчики з накопиченням: для кожної сторони її зобов’язання, виконані вчасно, виконані із запізненням, прострочені та ті, що очікують, із загальною кількістю в кінці стовпчика. Таблиця нижче подає ті самі показники.
legend-label = Легенда
compliance-on-time = вчасно
compliance-late = із запізненням
compliance-overdue = прострочено
compliance-pending = очікує
compliance-count-on-time = { $count } вчасно
compliance-count-late = { $count } із запізненням
compliance-count-overdue = { $count } прострочено
compliance-count-pending =
    { $count ->
        [one] { $count } очікує
       *[other] { $count } очікують
    }
column-on-time = Вчасно
column-late = Із запізненням
column-overdue = Прострочено
column-pending = Очікує
column-total = Разом

## Сторінка журналу

log-title = Журнал
log-heading = Журнал прозорості
log-lede = Кожна заява, голос, рішення, активація і зобов’язання на цьому сайті — запис у підписаному журналі на дереві Меркла, до якого можна лише додавати.
log-checkpoint-heading = Остання підписана контрольна точка
log-entries-heading = Записи
log-verify-heading = Перевірте самостійно
log-origin = Джерело
log-tree-size = Розмір дерева
log-entry-count =
    { $count ->
        [one] { $count } запис
        [few] { $count } записи
        [many] { $count } записів
       *[other] { $count } запису
    }
log-root = Корінь (base64)
log-verifier-key = Ключ перевірки журналу
log-no-checkpoint = Жодну контрольну точку ще не підписано.
log-holds =
    { $count ->
        [one] Журнал містить { $count } запис; наступна контрольна точка його охопить.
        [few] Журнал містить { $count } записи; наступна контрольна точка їх охопить.
        [many] Журнал містить { $count } записів; наступна контрольна точка їх охопить.
       *[other] Журнал містить { $count } запису; наступна контрольна точка їх охопить.
    }
log-entries-caption = Записи, спершу найновіші
log-column-index = Номер
log-column-time = Час
log-column-kind = Вид
log-column-signed-by = Підписав
log-column-event = Подія
log-column-about = Стосується
log-kind-input = вхідний
log-kind-derived = похідний
# $error: чому запис не прочитано (формулювання бібліотеки журналу).
log-unreadable = Нечитабельний запис: { $error }
log-empty = Журнал ще не містить записів.
log-range = Записи з { $from } по { $last } із { $size }.
log-older = Старіші записи
log-latest = Найновіші записи
# $request: запит до API як код.
log-in-full = Кожен запис повністю: { $request }.
verify-intro = Вам не треба довіряти цьому сайту. Будь-хто може перевірити, що журнал повний, не підроблений і узгоджений зі статутом:
# $file: назва файлу контрольної точки як код.
verify-export = Експортуйте журнал (по одному канонічному запису в рядку, а останню контрольну точку — до { $file }):
verify-replay = Перевірте експорт на іншому комп’ютері за статутом: кожен підпис, корінь дерева Меркла щодо підписаної контрольної точки і кожен похідний запис, відтворений за правилами:
verify-vkey = Виведіть ключ перевірки журналу, щоб перевірити підпис контрольної точки будь-яким інструментом для підписаних нотаток:
verify-http-heading = Через HTTP
verify-http-checkpoint = : остання підписана контрольна точка (підписана нотатка C2SP, як вище).
# $n: змінна N.
verify-http-inclusion = : доказ того, що запис { $n } є в дереві.
verify-http-consistency = : доказ того, що дерево розміру { $b } продовжує дерево розміру { $a }.
verify-http-entries = : самі канонічні записи.
verify-hashing = Дерево хешується як у RFC 6962: хеш листка = SHA-256(0x00 || байти канонічного запису); внутрішній вузол = SHA-256(0x01 || лівий || правий).

## Слова стану фонду й обліку спроможностей (позначки)

status-paid = сплачено
status-reserved = зарезервовано
status-released = вивільнено
status-voided = анульовано
status-covered = забезпечено
status-short = нестача
status-on-time = вчасно
status-open = відкрито
status-in-force = діє
status-lifted = знято
status-completed = завершено
status-in-training = триває навчання
status-due = настав строк
status-at-risk = під загрозою
status-suspended = призупинено
status-lapsed = втратив чинність
status-terminated = припинено

## Сторінка фонду

fund-title = Фонд
fund-default-name = Стабілізаційний фонд
fund-none = Чинний статут не створює Стабілізаційного фонду, і журнал не фіксує жодних операцій фонду.
# $table: назва таблиці статуту як код.
fund-none-how = Статут створює фонд таблицею { $table }: його валюта, розпорядник, цілі, на які він може здійснювати виплати в мирному та конфліктному режимах, учасники та їхній капітал, ліміти, додаткові кошти й транш.
fund-fact-currency = Валюта обліку
fund-fact-manager = Розпорядник
fund-fact-surge = Додаткові кошти
fund-fact-cap = Ліміт
# $within: тривалість, як її пише статут («1h»); $article: стаття статуту.
fund-surge-value = { $currency } { $amount }, сплатити протягом { $within } ({ $article })
# $purpose: ідентифікатор цілі зі статуту; $per: тривалість, як її пише статут.
fund-cap-value = { $purpose }: не більше { $currency } { $amount } за { $per } ({ $article })
fund-lede = Рахунки фонду: кожен внесок, виклик додаткових коштів і виплата — це переказ за подвійним записом, зафіксований у підписаному журналі.
fund-pools-heading = Пули
fund-contributors-heading = Учасники
fund-calls-heading = Виклики додаткових коштів
fund-purposes-heading = Виплати за цілями
fund-recipients-heading = Отримувачі
fund-tranches-heading = Транші
fund-rates-heading = Обмінні курси
fund-transfers-heading = Останні перекази
# $mode: peace або conflict.
fund-in-mode-since-activation =
    У { $mode ->
        [peace] мирному
        [conflict] конфліктному
       *[other] { $mode }
    } режимі з { $time } (активація { $activation }).
fund-in-mode-since =
    У { $mode ->
        [peace] мирному
        [conflict] конфліктному
       *[other] { $mode }
    } режимі з { $time }.
fund-in-mode-since-start =
    У { $mode ->
        [peace] мирному
        [conflict] конфліктному
       *[other] { $mode }
    } режимі від початку журналу.
# $purposes: ідентифікатори цілей зі статуту через кому.
fund-may-disburse = Наразі може здійснювати виплати на: { $purposes }.
# $quiet: тривалість, як її пише статут.
fund-mode-note = Активація, пакет якої містить грошове зобов’язання, переводить фонд у конфліктний режим (і викликає додаткові кошти, якщо їх передбачає статут); до мирного режиму фонд повертається через { $quiet } без такої активації ({ $article }). У мирному режимі він здійснює виплати на { $peace }; у конфліктному — на { $conflict }, спершу з пулу додаткових коштів.
fund-mode-history = Історія режимів
fund-history-start = від початку журналу
fund-history-activation = активація { $activation } перевела фонд у конфліктний режим
fund-history-quiet = період без активацій минув, нової активації не було
fund-column-contributor = Учасник
fund-column-key = Ключ (частка)
fund-column-subscribed = Підписано
fund-column-pledged = Обіцяно
fund-column-paid-in = Сплачено
fund-column-callable = На вимогу
fund-column-surge-called = Викликано додатково
fund-column-surge-paid = Сплачено за викликами
fund-column-outstanding = Заборгованість
fund-contributors-empty = Учасників немає.
fund-contributors-caption = Учасники, у { $currency }
fund-contributors-note = Сплачено: усі платежі, разом із платежами за викликами додаткових коштів. Заборгованість: ще не сплачені виклики додаткових коштів і обіцяні внески.
fund-call-title = Виклик додаткових коштів за активацією { $activation }: { $currency } { $amount }
# $called, $due: моменти часу; сплачено $paid із $shares часток.
fund-call-meta =
    Викликано { $called }, строк { $due } · сплачено { $paid } з { $shares } { $shares ->
        [one] частки
       *[other] часток
    }
fund-share-obligation = зобов’язання { $obligation }
fund-share-paid = сплачено { $time }
fund-calls-empty = Додаткових коштів не викликали.
fund-calls-note = Кожна частка — зобов’язання відповідного учасника, яке він виконує, сплативши її до пулу додаткових коштів. Сплачено: вчасно. Із запізненням: сплачено після строку. Прострочено: строк минув, а частку не сплачено. Очікує: строк ще не настав.
fund-column-purpose = Ціль
fund-column-disbursed = Виплачено
fund-purposes-empty = Цілей немає.
fund-purposes-caption = Виплати за цілями, у { $currency }
fund-column-recipient = Отримувач
fund-column-received = Отримано
fund-column-reserved = Зарезервовано
fund-recipients-empty = Виплат ще не було.
fund-recipients-caption = Отримувачі, у { $currency }
fund-column-claim = Заява
fund-column-recipient-purpose = Отримувач і ціль
fund-column-amount = Сума
fund-by-activation = (активація { $activation })
fund-tranches-empty = Жодного траншу не зарезервовано.
fund-tranches-caption = Транші, у { $currency }
fund-tranches-note = Транш резервується, коли подано заяву; його вивільняють на користь отримувача, коли активація за цією заявою переводить фонд у конфліктний режим, а інакше анулюють (повертають до основного пулу).
fund-column-currency = Валюта
fund-column-rate = Курс
fund-column-recorded = Зафіксовано
fund-rates-empty = Жодного обмінного курсу не зафіксовано.
fund-rates-caption = Останні курси обміну на { $currency }
fund-rates-note = Курс показує, скільки одиниць { $currency } можна придбати за одиницю валюти; кошти, сплачені в іншій валюті, перераховуються за останнім курсом і округлюються один раз, до найближчого парного.
fund-column-when = Коли
fund-column-movement = Операція
fund-column-from-to = Звідки й куди
fund-column-reference = Примітка
# $code: код переказу (paid_in, surge_call…); $text: код словами англійською.
fund-movement =
    { $code ->
        [pledge] обіцяний внесок
        [surge_call] виклик додаткових коштів
        [paid_in] внесок
        [settlement] розрахунок
        [disbursement] виплата
        [reservation] резервування
        [release] вивільнення
        [void] анулювання
       *[other] { $text }
    }
fund-movement-by = від { $party }
fund-converted = { $currency } { $amount } за курсом { $rate }
fund-transfers-empty = Коштів ще не переказували.
fund-transfers-caption = Останні перекази ({ $shown } із { $total }), у { $currency }
# $all, $figures: посилання на API.
fund-transfers-note = Кожна операція — переказ за подвійним записом: один рахунок дебетується, інший кредитується на ту саму суму. Усі перекази з їхніми типами транзакцій IATI: { $all }; показники цієї сторінки: { $figures }.
fund-column-pool = Пул
fund-column-balance = Залишок
fund-column-reserved-tranches = Зарезервовано для траншів
fund-column-available = Доступно
fund-pool-core = Основний (сплачений капітал)
fund-pool-surge = Додатковий (сплачене за викликами)
fund-pools-caption = Пули, у { $currency }
fund-books-balance = Рахунки збалансовані
fund-books-not-balance = Рахунки не збалансовані
fund-books-equal = дебет дорівнює кредиту
fund-books-differ = дебет і кредит розходяться
# $detail: одне з двох повідомлень вище.
fund-books-figures =
    { $detail }; проведено ({ $debited } за дебетом, { $credited } за кредитом) і в очікуванні ({ $debits } і { $credits }), за { $transfers } { $transfers ->
        [one] переказ
        [few] перекази
       *[other] переказів
    }.
fund-pools-chart-empty = Через пули ще не пройшло жодних коштів, тож історії для графіка немає.
fund-pools-chart-title = Залишки пулів у часі, у { $currency }
fund-pools-chart-desc = Ступінчасті лінії проведеного залишку кожного пулу, у { $currency }, від { $from } до { $to }; кількість змін: { $changes }. Основний пул: зараз { $core_now }, найбільше { $core_max }. Пул додаткових коштів (пунктирна лінія): зараз { $surge_now }, найбільше { $surge_max }. Таблиця під графіком подає ці показники.
fund-core-now = Основний пул: зараз { $amount }
fund-surge-now = Пул додаткових коштів: зараз { $amount }
fund-series-latest = останні { $shown } з { $total }
fund-series-points =
    { $count ->
        [one] { $count } точка
        [few] { $count } точки
       *[other] { $count } точок
    }
fund-balances-heading = Залишки в часі
fund-legend-core = основний пул (суцільна лінія)
fund-legend-surge = пул додаткових коштів (пунктир)
fund-balances-table = Залишки у вигляді таблиці ({ $summary })
fund-pool-history-caption = Проведені залишки після кожної зміни, у { $currency }
fund-column-after = Після
fund-column-core = Основний
fund-column-surge = Додатковий
fund-bar-paid-in = сплачено
fund-bar-surge-called = викликано додатково
fund-bar-surge-paid = сплачено за викликами
fund-contributors-chart-title = Учасники: сплачено, викликано додатково і сплачено за викликами, у { $currency }
fund-contributors-chart-desc = Для кожного учасника три горизонтальні стовпчики: скільки він сплатив (усі платежі, разом із платежами за викликами), скільки від нього вимагали виклики додаткових коштів і скільки він за ними сплатив, із сумою в кінці кожного стовпчика. Таблиця учасників подає точні показники.
fund-legend-paid-in = сплачено (верхній)
fund-legend-surge-called = викликано додатково (середній)
fund-legend-surge-paid = сплачено за викликами (нижній)
# Підписи графіків: сума в мільярдах, мільйонах, тисячах ($n: число, «3.26»).
fund-compact-bn = { $n } млрд
fund-compact-m = { $n } млн
fund-compact-k = { $n } тис.

## Облік спроможностей (/capabilities і чотири підсторінки)

cap-tracker = Облік спроможностей
# $page: назва підсторінки (вкладка нижче).
cap-heading = Облік спроможностей: { $page }
cap-title = Спроможності: { $page }
cap-tab-readiness = Готовність
cap-tab-deliveries = Постачання
cap-tab-stockpiles = Запаси
cap-tab-training = Підготовка
cap-tab-restrictions = Обмеження
cap-lede-readiness = Якби всі військові пакети статуту було задіяно зараз: чи можна було б виконати кожне зобов’язання до його строку із запасів, заздалегідь розміщених поблизу України, і за чинними виробничими контрактами, зафіксованими в журналі, а якщо ні — наскільки бракувало б і на скільки було б запізнення.
cap-lede-deliveries = Що кожен донор зобов’язався передати, що надійшло і чи надійшло воно до обіцяної дати.
cap-lede-stockpiles = Запаси коаліції, заздалегідь розміщені в прикордонних державах: що з них уже вивільнено і що ще доступне.
cap-lede-training = Скільки слухачів кожен центр почав навчати за останні 30 днів порівняно з його місячною спроможністю, і всі навчальні групи.
cap-lede-restrictions = Обмеження на використання, які донори встановили для переданих систем: чи вони досі діють і яка активація знімає їх згідно зі статутом.
cap-as-of = Станом на { $time }, останній момент, якого досяг журнал.
# $capabilities, $restriction: назви таблиць статуту як код.
cap-nothing = Обліковувати нічого: чинний статут не має таблиці { $capabilities }, правила { $restriction } чи зобов’язання, що рахує одиниці, а журнал ще не фіксує жодного зобов’язання щодо постачання, контракту, запасу, навчальної групи чи обмеження.
# Затримка: $days — десяткове число («1.5»), решта — цілі числа.
cap-delay-days = { $days } дн.
cap-delay-hours = { $h } год
cap-delay-hours-minutes = { $h } год { $min } хв
cap-delay-minutes = { $min } хв
cap-delay-seconds = { $s } с
cap-package = Пакет { $package }
cap-covered = Кожна одиниця надійшла б до строку.
cap-short-at-due = Нестача на момент строку
# $units: число, як його записано («1,000»); $count: те саме число для форми множини.
cap-units =
    { $count ->
        [one] { $units } одиниця
        [few] { $units } одиниці
        [many] { $units } одиниць
       *[other] { $units } одиниці
    }
cap-ready-in-full = Повна готовність
cap-never = ніколи
cap-late-by = Запізнення
cap-cannot-be-met = Неможливо виконати повністю
cap-cannot-be-met-rest = із зафіксованих запасів і контрактів.
cap-cannot-be-met-late = із зафіксованих запасів і контрактів; інші його зобов’язання було б виконано із запізненням до { $delay }.
# $lot, $location: ідентифікатори; $time: коли надійшло б.
cap-from-lot = { $units } з партії { $lot } у { $location }, надходження { $time }
cap-called-off = { $units } за контрактом { $contract }, виконання до { $time }
cap-column-units = Одиниці
cap-column-ready = Готовність
cap-column-from-stock = Із запасів
cap-column-from-contracts = За контрактами
cap-not-in-full = не повністю
cap-short-units = нестача { $units } на момент строку
cap-sources-empty = Жодне зобов’язання статуту не рахує одиниці.
cap-sources-caption = Кожне зобов’язання, що рахує одиниці, якби його було задіяно зараз
cap-sources-note = Зобов’язання обслуговуються в порядку статуту; кожне спершу бере із запасів (починаючи з партій, найближчих до України, і лише з місця, яке називає статут, якщо він його називає), а потім те, що можуть виробити чинні контракти на цей предмет. Узяте одним зобов’язанням недоступне для наступного.
cap-column-received = Отримано
# $part із $whole, числа як записано («1,000»).
cap-of = { $part } з { $whole }
cap-item-obligations-empty = Жодна активація ще не створила зобов’язання, що рахує одиниці.
cap-item-obligations-caption = Активовані зобов’язання, що рахують одиниці
cap-item-obligations-note = Під час активації рушій списує запаси й замовляє постачання за контрактами точно так, як це передбачали показники готовності; зобов’язання вважається виконаним за надходженнями, які фіксує Україна (або секретаріат).
cap-column-contract = Контракт
cap-column-item = Предмет
cap-column-per-month = На місяць
cap-column-at-surge = У режимі нарощування
cap-column-valid = Строк дії
cap-column-called-off = Замовлено
# $lead: тривалість, як її пише статут.
cap-after = через { $lead }
cap-valid-range = з { $from } до { $until }
cap-contracts-empty = Жодного контракту не зареєстровано.
cap-contracts-caption = Чинні виробничі контракти
cap-readiness-summary =
    Якби пакети задіяли зараз, забезпеченими були б { $covered } з { $packages } { $packages ->
        [one] військового пакета
       *[other] військових пакетів
    }.
cap-readiness-empty = Жоден військовий пакет статуту не рахує одиниці.
cap-readiness-heading = Таблиця готовності
cap-sources-heading = Звідки надійшли б одиниці
cap-item-obligations-heading = Активовані зобов’язання
cap-contracts-heading = Чинні контракти
# $json, $later: запити до API як код.
cap-readiness-json = Ті самі показники у форматі JSON: { $json }; готовність на пізніший момент: { $later }.
cap-on-time-of-due = { $on_time } з { $due }, строк яких настав
cap-at-most = щонайбільше { $max }
cap-column-donor = Донор
cap-column-commitments = Зобов’язання
cap-column-committed = Обіцяно
cap-column-delivered = Доставлено
cap-column-pipeline = На шляху
cap-column-days-late = Днів запізнення
cap-deliveries-chart-empty = Жодного зобов’язання щодо постачання не зафіксовано, тож графіка немає.
cap-deliveries-chart-desc = Один рядок на зобов’язання, час від { $from } до { $to } зліва направо: порожнє коло — обіцяна дата, заповнене коло — надходження, яким зобов’язання виконано, і лінія між ними; до ще не виконаного зобов’язання веде пунктирна лінія до теперішнього моменту. Таблиця зобов’язань нижче подає ті самі дати.
cap-deliveries-chart-title = Обіцяні й фактичні дати постачання за кожним зобов’язанням
cap-now = зараз
# $item: ідентифікатор предмета.
cap-commitment-delivered = доставлено { $delivered } з { $quantity } { $item }, обіцяно { $promised }
cap-completed-at = виконано { $time }
cap-not-complete = не виконано
cap-days-late-plain =
    { $days ->
        [one] запізнення { $days } день
        [few] запізнення { $days } дні
       *[other] запізнення { $days } днів
    }
cap-days-late =
    { $days ->
        [one] запізнення { $days } день
        [few] запізнення { $days } дні
       *[other] запізнення { $days } днів
    }
cap-legend-promised = обіцяна дата (порожнє коло)
cap-legend-completed = виконано (заповнене коло)
cap-legend-late = із запізненням або прострочено
cap-legend-open = відкрите (пунктир до теперішнього моменту)
cap-column-commitment = Зобов’язання
cap-column-promised = Обіцяно на
cap-column-completed = Виконано
cap-commitments-empty = Жодного зобов’язання щодо постачання не зафіксовано.
cap-commitments-caption = Зобов’язання щодо постачання
cap-by-donor = За донорами
cap-donors-caption = Виконання постачань за донорами
cap-donors-note = Вчасно: виконано до обіцяної дати, серед зобов’язань, строк яких настав (обіцяних на сьогодні або вже виконаних). Днів запізнення: повні дні після обіцяної дати з округленням угору, для зобов’язань, виконаних із запізненням або прострочених. На шляху: обіцяне, але ще не доставлене.
cap-deliveries-chart-heading = Обіцяні й фактичні дати
cap-commitments-heading = Зобов’язання щодо постачання
cap-by-category = За категоріями
cap-groups-caption = За донорами й категоріями
cap-stockpiles-chart-empty = Жодних запасів не зафіксовано, тож графіка немає.
cap-stockpiles-chart-title = Доступні одиниці за місцем і предметом
cap-stockpiles-chart-desc = Один горизонтальний стовпчик на кожне місце й предмет, довжина якого — кількість одиниць, ще доступних там, із числом у кінці. Таблиця місць подає ті самі показники.
cap-available = доступно { $units } { $item }
cap-column-location = Місце
cap-column-transit = Транзит до України
cap-column-lots = Партії
cap-locations-empty = Статут не називає жодного місця.
cap-column-lot = Партія
cap-column-owner = Власник
cap-column-stocked = Закладено
cap-column-released = Вивільнено
cap-lots-empty = Жодних запасів не зафіксовано.
cap-by-location = За місцями
cap-locations-caption = Запаси за місцями
cap-lots-heading = Партії
cap-stockpiles-note = Вивільнено: списано під час активації або вивільнено власником. Транзит: час, за який вивільнені запаси доходять до України, як його встановлює статут.
cap-centres-empty = Статут не називає жодного навчального центру.
cap-training-chart-title = Слухачі, які почали навчання за останні 30 днів, порівняно з місячною спроможністю
cap-training-chart-desc = Для кожного навчального центру контурний стовпчик — його місячна спроможність, а заповнений стовпчик поверх нього — слухачі, які почали навчання за останні 30 днів, з обома числами в кінці. Таблиця центрів подає ті самі показники.
cap-training-started = за останні 30 днів почали навчання { $started } за спроможності { $capacity } на місяць
cap-legend-capacity = спроможність на місяць (контур)
cap-legend-started = почали навчання за останні 30 днів (заповнений)
cap-column-centre = Центр
cap-column-capacity = Спроможність на місяць
cap-column-started-30 = Почали за останні 30 днів
cap-column-started = Почали
cap-column-in-training = Навчаються
cap-column-finished = Завершили
cap-host = приймальна сторона { $party }
# $percent: число, як записано («60.0»).
cap-of-capacity = { $percent }% спроможності
cap-column-cohort = Група
cap-column-trainees = Слухачі
cap-cohorts-empty = Жодна навчальна група ще не розпочала навчання.
cap-throughput-heading = Пропускна здатність порівняно зі спроможністю
cap-centres-heading = Центри
cap-centres-caption = Навчальні центри
cap-cohorts-heading = Навчальні групи
cap-column-restriction = Обмеження
cap-column-terms = Умови
cap-column-imposed = Встановлено
cap-column-lifted-on = Знімається в разі активації
cap-lifted-by-activation = активацією { $activation }, { $time }
cap-lifted-by-party = стороною { $party }, { $time }
cap-no-package = Жодного пакета: зняти обмеження може лише донор.
cap-restrictions-empty = Жодного обмеження не зафіксовано.
cap-restrictions-summary = Діють: { $in_force }, знято: { $lifted }.
cap-restrictions-caption = Обмеження на використання переданих систем
# $rule: назва таблиці статуту як код.
cap-restrictions-note = Донор знімає власне обмеження; правило { $rule } статуту знімає перелічені обмеження, коли активовано названий у ньому пакет.

## Реєстр заходів (/measures)

measures-heading = Заходи
measures-empty = Статут не веде реєстру заходів (немає таблиць [[measure]]), або жоден захід ще не почав діяти.
measures-lede = Кожен санкційний режим, обмеження чи стан, які називає статут, у будь-який момент перебуває рівно в одному стані: діє, під загрозою через можливе непродовження, призупинений (послаблений, але з можливістю автоматичного відновлення), втратив чинність або припинений. Кожну зміну визначає рушій, і кожна посилається на статтю, що її спричинила.
measures-over-time = У часі
measures-each = Кожен захід, крок за кроком
measures-state-in-force = Діє
measures-state-at-risk = Під загрозою
measures-state-suspended = Призупинено
measures-state-lapsed = Втратив чинність
measures-state-terminated = Припинено
measures-legend-renewed = Продовжено
measures-legend-confirmed = Snapback підтвердив чинність
measures-legend-review = Послаблення на розгляді
measures-chart-title = Стан кожного заходу в часі
measures-chart-desc = Один рядок на захід: кольорові смуги показують, коли він діяв, був під загрозою, призупинений, втратив чинність або був припинений; риска позначає продовження або snapback, що підтвердив його чинність; тонка смуга під рядком охоплює розгляд послаблення від повідомлення до завершення. Перелік нижче подає кожен крок із датою, причиною і статтею.
# $measure: ідентифікатор заходу; $state: його стан словами; $time: коли він почався.
measures-band-title = { $measure }: { $state } з { $time }
# $relief: стан, до якого призвело б послаблення (suspended, terminated…), як його називає рушій.
measures-review-title =
    { $measure }: розгляд послаблення { $review } (повідомлено про { $relief ->
        [suspended] призупинення
        [terminated] припинення
        [lapsed] втрату чинності
        [in_force] відновлення дії
       *[other] { $relief }
    }) з { $time }
measures-since = з { $time }
measures-level = рівень { $level }
measures-expires = спливає { $time }
# $owner: хто веде захід, як код; $basis: його правова підстава, як її пише статут.
measures-held-by = Веде { $owner } на підставі: { $basis }.
# $cause: назва причини кроку в рушії (renewal_failed…); $text: те саме словами англійською.
measures-cause =
    { $cause ->
        [charter] статут
        [confirmed] чинність підтверджено
        [renewed] продовжено
        [amended] змінено
        [snapback] snapback
        [recorded] зафіксовано
        [threat] загроза
        [renewal] продовження
        [sunset] сплив строк дії
        [renewal_failed] продовження не відбулося
        [relief] послаблення
        [unwound] скасовано
       *[other] { $text }
    }
measures-step-activation = активація { $activation }
measures-step-decision = рішення { $decision }
measures-step-raised = підвищено до { $level }
measures-step-expiring = тепер спливає { $time }
measures-review-heading =
    Розгляд послаблення { $review }: повідомлено про { $relief ->
        [suspended] призупинення
        [terminated] припинення
        [lapsed] втрату чинності
        [in_force] відновлення дії
       *[other] { $relief }
    }
# $step: назва кроку розгляду в рушії (disapproval_passed…); $text: те саме словами англійською.
measures-review-step =
    { $step ->
        [opened] розгляд відкрито
        [disapproval_passed] несхвалення ухвалено
        [disapproval_failed] несхвалення не ухвалено
        [vetoed] накладено вето
        [veto_sustained] вето підтримано
        [disapproval_enacted] несхвалення набуло чинності
        [relief_cleared] послаблення дозволено
       *[other] { $text }
    }
measures-barred-until = послаблення заборонено до { $time }

## Моніторинг (/monitoring)

monitoring-heading = Моніторинг
monitoring-empty = Жодна моніторингова місія ще не звітувала за правилами сповіщень статуту (місія звітує подією monitor.report; правила — це таблиці [[alert]]).
monitoring-lede = Що нарахували моніторингові місії, вікно за вікном, у прочитанні правил сповіщень статуту. Рушій формує сповіщення тієї ж миті, коли вікно відповідає умові правила, і посилається на статтю цього правила.
monitoring-series-heading = Ряди порівняно з порогами
monitoring-alerts-heading = Сповіщення
monitoring-alerts-empty = Жодне вікно не відповідало умові правила.
# $condition, $grid: правило словами (crates/charter/locales/uk/describe.ftl, `condition-*`, `grid`).
monitoring-rule = Сповіщення формується, коли { $condition }; { $grid }
# $category: категорія, яку враховують, як код.
monitoring-counting = ураховується категорія { $category }
monitoring-less-flagged = без випадків із позначками { $flags }
# $rule: назва правила (зі статуту); $area: район, як його називає місія.
monitoring-chart-title = { $rule }: { $area }
monitoring-chart-desc = Один стовпчик на кожне вікно зі звітами, найстаріші ліворуч; стовпчик, що спричинив сповіщення, позначено; пунктирна лінія — рівень, з яким порівнюють кожне вікно, якщо умова його має. Таблиця сповіщень нижче подає ті самі факти.
monitoring-bar = вікно до { $time }: { $count }
monitoring-bar-alert = вікно до { $time }: { $count } (сповіщення)
monitoring-windows-shown =
    Показано { $shown } { $shown ->
        [one] вікно
        [few] вікна
       *[other] вікон
    } зі звітами; сповіщення спрацювало в { $alerts } з них.
monitoring-windows-shown-earlier =
    Показано { $shown } { $shown ->
        [one] вікно
        [few] вікна
       *[other] вікон
    } зі звітами ({ $earlier } раніших не відображено); сповіщення спрацювало в { $alerts } з них.
monitoring-column-derived = Сформовано
monitoring-column-rule = Правило
monitoring-column-area = Район
monitoring-column-window = Вікно до
monitoring-column-count = Кількість
monitoring-column-why = Підстава

## Довідка з API (/api): власні слова сторінки; слова документа OpenAPI лишаються англійськими

api-title = Довідка з API
# $title, $version, $openapi: з документа; $link: адреса документа.
api-lede = { $title } { $version }, OpenAPI { $openapi }. Машиночитний документ розміщено за адресою { $link }; цю сторінку згенеровано з нього.
# Показано лише на сторінці не англійською мовою.
api-english-note = Короткі описи та описи операцій і схем нижче взято з документа OpenAPI, тому вони подані англійською мовою.
api-operations = Операції
api-schemas = Схеми
api-group-service = службові
api-bearer-optional = Токен доступу (bearer) тут необов’язковий: з ним сторона, що має допуск, бачить більше.
api-parameters = Параметри
api-request-body = Тіло запиту
api-responses = Відповіді
api-table-label = Таблиця
api-column-name = Назва
api-column-in = Розташування
api-column-type = Тип
api-column-required = Обов’язковий
api-column-description = Опис
api-column-status = Код стану
api-column-content = Вміст
api-column-meaning = Значення
api-column-field = Поле
# $in: де передається параметр (path, query, header, cookie), як це називає OpenAPI.
api-param-in =
    { $in ->
        [path] шлях
        [query] рядок запиту
        [header] заголовок
       *[other] { $in }
    }
api-yes = так
api-no = ні
api-no-content = немає
api-optional = (необов’язкове)
api-schema-type = Тип:
api-one-of = одне з
api-or = або
api-and = і
api-any = будь-який
api-array-of = масив
api-map-of = словник зі значеннями
api-object = об’єкт
# $type: тип JSON Schema (string, integer, number, boolean, null).
api-type =
    { $type ->
        [string] рядок
        [integer] ціле число
        [number] число
        [boolean] логічне значення
       *[other] { $type }
    }

log-witnesses-heading = Свідки
log-witnesses-quorum = Контрольна точка засвідчена, щойно її підписали { $k } з { $n } свідків, названих у Статуті.
log-witnesses-no-quorum = Статут не встановлює кворуму: підписи свідків записуються, але жоден не вимагається.
log-witnessed-size =
    { $count ->
        [one] Остання засвідчена контрольна точка охоплює { $count } запис:
        [few] Остання засвідчена контрольна точка охоплює { $count } записи:
       *[other] Остання засвідчена контрольна точка охоплює { $count } записів:
    }
log-witnessed-none = Жодну контрольну точку ще не засвідчено.
log-witness-name = Свідок
log-witness-standing = Стан
log-witness-cosigned = Засвідчений розмір
log-witness-pending = очікує
log-witness-cosigning = підписує
log-witness-down = недоступний (повторні спроби)
log-witness-fork = тривога розгалуження: свідок бачив іншу історію цього журналу
log-fork-alarm = Тривога розгалуження: свідок бачив історію цього журналу, відмінну від тієї, що показує цей сайт. Не покладайтеся на цей журнал, доки секретаріат не пояснить розбіжність.
verify-http-witnesses = : стан кожного свідка, кворум і засвідчений розмір.

## Двостороння допомога, облікована за вартістю (aid.valued): сторінка фонду та сторінка поставок
aid-column-donor = Донор
aid-column-type = Вид
aid-column-currency = Валюта
aid-column-committed = Зобов’язано
aid-column-allocated = Виділено
aid-column-delivered = Доставлено
aid-column-flows = Потоків
aid-type-military = військова
aid-type-financial = фінансова
aid-type-humanitarian = гуманітарна
aid-empty = Допомоги за вартістю ще не обліковано.
fund-bilateral-heading = Двостороння допомога поруч із фондом
fund-bilateral-caption = Фінансова та гуманітарна допомога кожного донора отримувачу, за вартістю
fund-bilateral-note = Допомога від донора отримувачу, облікована за вартістю (наприклад, дані Kiel Ukraine Support Tracker). Це не кошти фонду: їх немає в жодному пулі, книзі чи підсумку фонду. «Зобов’язано» означає обіцяно, «виділено» — доставлено або визначено для доставки, «доставлено» — прибуло; ці три величини ніколи не додаються.
cap-in-kind-heading = Військова допомога в натуральній формі за вартістю
cap-in-kind-caption = Військова допомога кожного донора в натуральній формі, за вартістю
cap-in-kind-note = Військова допомога, облікована за вартістю (наприклад, дані Kiel Ukraine Support Tracker), яку трекер не може порахувати в одиницях. «Зобов’язано» означає обіцяно, «виділено» — доставлено або визначено для доставки, «доставлено» — прибуло; ці три величини ніколи не додаються.

## Позики фонду (fund.loan_disbursed, fund.loan_repaid)
fund-loans-heading = Позики
fund-loans-caption = Позики фонду, у { $currency }
fund-repayments-caption = Погашення, у { $currency }
fund-loans-note = Основна сума позики одразу виходить з основного пулу; кожен внесок є запланованим зобов’язанням позичальника, доки його не сплачено повністю — позичальником або з названого джерела доходів. Відсотки округлюються один раз на внесок, до парного, а останній внесок погашає всю решту основної суми.
fund-column-loan = Позика
fund-column-principal = Основна сума
fund-column-terms = Умови
fund-column-next-instalment = Наступний внесок
fund-column-instalment = Внесок
fund-column-paid-by = Хто сплатив
fund-loan-terms = { $rate }% річних, { $per_year } внесків на рік, пільговий період { $grace }, { $method }
fund-loan-annuity = ануїтет
fund-loan-linear = рівними частинами
fund-loan-paid = сплачено { $paid } з { $of } внесків
fund-loan-interest-paid = сплачено відсотків: { $amount }
fund-loan-due = внесок { $number } до
fund-loan-overdue = { $count ->
    [one] прострочено { $count } внесок
    [few] прострочено { $count } внески
   *[other] прострочено { $count } внесків
}
fund-loan-repaid = Погашено повністю
fund-guarantees-heading = Гарантії
fund-guarantees-caption = Гарантії фонду, у { $currency }
fund-guarantees-note = Гарантія резервує для кредитора кошти основного пулу, що її забезпечують: це умовне зобов’язання. Коли гарантію вимагають, сплачується вимогана сума, а решта повертається до пулу; якщо до кінця строку її не вимагали, до пулу повертається вся сума.
fund-column-guarantee = Гарантія
fund-column-valid-until = Чинна до
fund-guarantee-called-for = вимогано { $amount }
status-called = вимогано
status-expired = минула

## Програми фонду

status-waiting = очікує
status-held = затримано
status-met = перевірено
status-unmet = не перевірено
fund-programmes-heading = Програми
fund-programme-heading = { $name }: для { $recipient } на { $purpose }
fund-programme-caption = Транші програми, у { $currency }
fund-programmes-note = Транш виплачують з основного пулу, щойно сторона, названа для кожної його умови, перевірила її. Умова, не перевірена до дати траншу, затримує транш, як і брак коштів у пулі; затриманий транш виплачують із запізненням, щойно умову перевірено або надійшли кошти.
fund-column-tranche = Транш
fund-column-due-by = Умови до
fund-column-conditions = Умови
fund-condition-verifier = ({ $kind }, перевіряє { $verifier })

## Асигнування часток додаткових внесків

status-awaiting = очікує асигнування
fund-share-awaiting = очікує асигнування від { $parliament }
fund-share-due = строк сплати { $time }
fund-appropriations-heading = Асигнування
fund-appropriations-caption = Внескодавці, чиї частки додаткових внесків потребують асигнування їхнього парламенту, у { $currency }
fund-appropriations-note = Внескодавець, чий закон дозволяє сплачувати капітал на вимогу лише після голосування, винен частку додаткового внеску тільки після того, як його парламент асигнує кошти: доти частку вимагають, але вона очікує, без зобов’язання і без перебігу строку; після асигнування її слід сплатити в строк, визначений для додаткових внесків.
fund-column-parliament = Парламент
fund-column-appropriated = Асигновано
fund-column-waiting = Частки, що очікують
fund-appropriation-none-waiting = жодна не очікує
fund-appropriation-waiting-since = { $obligation }, вимога від { $time }

## Рада фонду

fund-board-heading = Рада
fund-board-rule-key = До ради входять учасники фонду, кожен із кількістю голосів, що дорівнює його ключу внеску. Пропозицію ухвалено, коли «за» голосують члени, що мають { $threshold } усіх голосів ради, протягом { $within }.
fund-board-rule-paid-in = До ради входять учасники фонду, кожен із кількістю голосів, що дорівнює капіталу, сплаченому ним на момент внесення пропозиції. Пропозицію ухвалено, коли «за» голосують члени, що мають { $threshold } усіх голосів ради, протягом { $within }.
fund-board-more-than = понад { $pct }%
fund-board-at-least = щонайменше { $pct }%
fund-board-powers = Статут надає раді такі рішення, і лише їх:
fund-board-power-return-to-peace = повернення фонду до мирного режиму після періоду затишшя
fund-board-power-exceptional-disbursement = дозвіл на виплату понад встановлений статутом поріг
fund-board-power-cap-change = зміна ліміту
fund-board-caption = Пропозиції, внесені на розгляд ради
fund-board-none = Жодної пропозиції на розгляд ради не внесено.
fund-column-motion = Пропозиція
fund-column-decides = Предмет
fund-column-members = Члени (кількість голосів) і голоси
fund-column-yes = «За»
fund-board-put-by = вніс: { $party }
fund-board-until = до
fund-board-motion-peace = повернути фонд до мирного режиму
fund-board-motion-exceptional = дозволити виплату { $amount } на { $purpose } отримувачеві { $recipient }
fund-board-motion-cap = встановити ліміт на { $purpose } у розмірі { $amount }
fund-board-vote-yes = за
fund-board-vote-no = проти
fund-board-effect-peace = фонд повернувся до мирного режиму
fund-board-effect-still-conflict = нова активація знову запустила період затишшя: фонд і далі в режимі конфлікту
fund-board-effect-authorised = виплату дозволено, один раз
fund-board-effect-cap = ліміт змінено
fund-board-effect-none = без наслідків
fund-board-note = Члени, які не голосують, вважаються такими, що голосують «проти». Пропозицію вирішено, щойно її результат уже не може змінитися, а зі спливом строку — за поданими голосами. Усе, чого не вирішує рада, відбувається автоматично: фонд переходить у режим конфлікту сам, щойно активується механізм «snapback».
