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
nav-log = Журнал
nav-api = API
live-static = Статична сторінка
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
