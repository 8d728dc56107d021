## Рамка каждой страницы
platform-name = Adaldyq
platform-tagline = Открытая платформа добропорядочности для местного государственного управления: обращения, приём граждан, общественные слушания и публичный реестр — на казахском, русском и английском языках.
skip-to-content = Перейти к содержимому
nav-account = Личный кабинет
nav-staff = Рабочее пространство
nav-sign-in = Войти
nav-sign-out = Выйти
nav-language = Язык
footer-about = Adaldyq — программное обеспечение с открытым исходным кодом. Каждое обращение и каждое изменение его статуса записываются в публичный проверяемый журнал.

## Главная
home-title = Честность у всех на виду
home-lead = Подайте обращение или сообщение о коррупции, отслеживайте его до получения ответа в установленный законом срок и узнайте, как работают учреждения Вашего района.
home-what = Adaldyq служит гражданам, проектным офисам сельских округов, государственным учреждениям, общественным советам и антикоррупционной комиссии. На обращения даётся ответ в течение 15 рабочих дней, как того требует Административный процедурно-процессуальный кодекс.
home-ways = С чего начать
way-file = Подать обращение или сообщение
way-track = Отследить обращение по талону
way-receptions = Приём граждан должностными лицами
way-hearings = Общественные слушания
way-open-space = Открытое пространство: учреждения, работающие открыто
way-statistics = Статистика по районам
way-open-data = Открытые данные
way-transparency = Журнал прозрачности
way-coming = скоро
home-programme = Программа
home-programme-text = Создано для таких программ, как «Ақмешіт — адалдық алаңы» («Акмешит — площадка честности») в Кызылординской области: проектные офисы в каждом сельском округе, открытые приёмы граждан, общественные слушания и комиссия, которая добивается исполнения своих решений.

## Ошибки
error-title = Произошла ошибка
error-home = Перейти на главную страницу
error-bad-request = Не удалось распознать запрос. Проверьте адрес и попробуйте ещё раз.
error-sign-in-required = Чтобы продолжить, войдите в систему.
error-forbidden = У Вас нет доступа к этой странице, либо срок действия формы истёк или она была отправлена с другого сайта. Вернитесь назад, обновите страницу и попробуйте ещё раз.
error-not-found = По этому адресу страницы нет.
error-method = Эту страницу нельзя использовать таким образом.
error-timeout = Запрос выполнялся слишком долго. Попробуйте ещё раз.
error-conflict = Это противоречит уже сохранённым данным.
error-too-large = Слишком большой объём отправленных данных.
error-unprocessable = Не удалось прочитать отправленные данные. Проверьте форму и попробуйте ещё раз.
error-too-many = Слишком много попыток. Подождите немного и попробуйте ещё раз.
error-unavailable = Сервис временно недоступен. Попробуйте ещё раз чуть позже.
error-internal = Произошла непредвиденная ошибка. Ранее сохранённые данные не потеряны; попробуйте ещё раз.

## Роли и сферы действия
role-citizen = Гражданин
role-officer = Исполнитель
role-head = Руководитель учреждения
role-coordinator = Координатор проектного офиса
role-monitor = Наблюдатель (монитор)
role-inspector = Антикоррупционный инспектор
role-commission-secretary = Секретарь комиссии
role-administrator = Администратор
scope-all = вся страна
scope-own = собственные записи

## Рабочее пространство
staff-title = Рабочее пространство
staff-lead = Ваши роли и сфера их действия.
staff-roles = Ваши роли
staff-admin = Администрирование

## Вход
sign-in-title = Вход в систему
sign-in-submit = Войти
sign-in-wrong = Неверный адрес электронной почты или пароль.
sign-in-locked = { $count ->
    [one] Слишком много неудачных попыток. Учётная запись заблокирована; повторите попытку через { $count } минуту.
    [few] Слишком много неудачных попыток. Учётная запись заблокирована; повторите попытку через { $count } минуты.
    [many] Слишком много неудачных попыток. Учётная запись заблокирована; повторите попытку через { $count } минут.
   *[other] Слишком много неудачных попыток. Учётная запись заблокирована; повторите попытку через { $count } минуты.
}
field-email = Адрес электронной почты
field-password = Пароль
field-name = Имя
field-code = Шестизначный код
code-title = Второй шаг
code-lead = Введите шестизначный код из приложения-аутентификатора.
code-submit = Продолжить
code-wrong = Код неверен или уже использован. Дождитесь следующего кода и попробуйте ещё раз.
code-locked = Слишком много неудачных попыток. Повторите попытку позже.

## Личный кабинет
account-title = Личный кабинет
password-title = Смена пароля
password-submit = Изменить пароль
password-changed = Ваш пароль изменён. Остальные сеансы завершены.
form-has-errors = Пожалуйста, исправьте следующее
field-current-password = Текущий пароль
field-new-password = Новый пароль
field-confirm-password = Повторите новый пароль
password-current-wrong = Текущий пароль указан неверно.
password-too-short = { $count ->
    [one] Пароль должен содержать не менее { $count } символа.
    [few] Пароль должен содержать не менее { $count } символов.
    [many] Пароль должен содержать не менее { $count } символов.
   *[other] Пароль должен содержать не менее { $count } символа.
}
password-too-long = Пароль слишком длинный.
password-mismatch = Новые пароли не совпадают.
second-factor-title = Второй фактор
second-factor-on = Второй фактор включён.
second-factor-off = Второй фактор выключен.
second-factor-required = Администратор сделал второй фактор обязательным для Вашей роли. Включите его, чтобы продолжить.
second-factor-lead = Отсканируйте код приложением-аутентификатором (или введите ключ вручную), затем введите показанный им шестизначный код.
second-factor-qr = QR-код для приложения-аутентификатора
second-factor-secret = Ключ:
second-factor-enable = Включить
second-factor-disable = Выключить
second-factor-turned-on = Второй фактор теперь включён.
second-factor-turned-off = Второй фактор теперь выключен.
second-factor-required-cannot-disable = Для Вашей роли второй фактор обязателен, поэтому его нельзя выключить.

## Администрирование
users-title = Пользователи
users-roles = Роли
users-count = { $count ->
    [one] { $count } пользователь
    [few] { $count } пользователя
    [many] { $count } пользователей
   *[other] { $count } пользователя
}
demo-badge = демо
territories-title = Территории
territories-count = { $count ->
    [one] Загружена { $count } территория.
    [few] Загружены { $count } территории.
    [many] Загружено { $count } территорий.
   *[other] Загружено { $count } территории.
}
territories-lead = Вставьте выписку из классификатора КАТО в формате CSV. Новые территории будут добавлены, а названия существующих — обновлены; если хотя бы одна строка содержит ошибку, ничего не изменится.
territories-field = КАТО CSV
territories-submit = Загрузить
territories-done = Загружено: добавлено { $added }, обновлено { $updated }.
territories-refused = Изменения не внесены: в файле есть ошибки.
kato-bad-header = Строка { $line }: заголовок должен иметь вид { $value }.
kato-unreadable = Строка { $line }: не удаётся прочитать ({ $value }).
kato-field-count = Строка { $line }: ожидалось 6 полей, найдено { $value }.
kato-bad-code = Строка { $line }: «{ $value }» не является девятизначным кодом КАТО.
kato-duplicate = Строка { $line }: код { $value } встречается дважды (в скобках — первая строка).
kato-bad-level = Строка { $line }: уровень «{ $value }» должен быть равен 1, 2, 3 или 4.
kato-bad-kind = Строка { $line }: неизвестный тип «{ $value }».
kato-empty-name = Строка { $line }: одно из названий не заполнено.
kato-unknown-parent = Строка { $line }: вышестоящей единицы { $value } нет ни в файле, ни среди уже загруженных.
kato-parent-level = Строка { $line }: вышестоящая единица { $value } должна быть ровно на один уровень выше.
kato-missing-parent = Строка { $line }: без вышестоящей единицы может быть только единица 1-го уровня.
kato-empty = В файле нет территорий.
security-title = Второй фактор по ролям
security-lead = Пользователи с отмеченными здесь ролями должны включить второй фактор, прежде чем приступить к работе.
security-legend = Требовать второй фактор для ролей
security-submit = Сохранить

## Обращения
way-calendar = Калькулятор сроков
choose = Выберите…
appeal-new-title = Подать обращение
appeal-new-lead = Напишите в государственный орган области. Обращение регистрируется в день поступления (или на следующий рабочий день), ответ на него должен быть дан в течение 15 рабочих дней. Чтобы следить за ходом рассмотрения, Вы получите талон.
field-kind = Вид обращения
field-territory = Территория
field-institution = Государственный орган (если знаете)
field-subject = Тема
field-text = Текст обращения
field-language = Язык обращения и ответа
field-anonymous = От чьего имени?
field-phone = Телефон
field-iin = ИИН (по желанию)
field-status = Статус
appeal-institution-hint = Если не знаете, оставьте как есть: обращение будет направлено в нужный орган.
appeal-institution-unknown = Не знаю
appeal-named = От своего имени (ответ можно будет направить мне)
appeal-anonymous = Анонимно (данные, по которым Вас можно установить, не сохраняются)
appeal-anonymous-hint = Анонимному обращению присваиваются номер талона и секретный код: отследить его можно только по ним. Поля для контактов оставьте пустыми.
appeal-contact = Ваши контактные данные (для обращения от своего имени)
appeal-contact-hint = Укажите имя и адрес электронной почты или номер телефона.
appeal-want-secret = Выдать мне также секретный код, чтобы отслеживать обращение без входа в систему
appeal-submit = Отправить обращение
kind-complaint = Жалоба
kind-corruption-report = Сообщение о коррупции
kind-proposal = Предложение
kind-information-request = Запрос информации
kind-service-quality = Качество государственной услуги
problem-required = { $field }: заполните это поле.
problem-too-long = { $field }: превышена допустимая длина.
problem-unknown = { $field }: выберите один из предложенных вариантов.
problem-bad-email = { $field }: адрес указан неверно.
problem-bad-phone = { $field }: введите казахстанский номер телефона, например +7 701 123 45 67.
problem-bad-iin = { $field }: ИИН должен состоять из 12 цифр с верной контрольной цифрой.
problem-contact-needed = Укажите адрес электронной почты или номер телефона, чтобы ответ мог до Вас дойти.
problem-not-for-anonymous = { $field }: в анонимном обращении оставьте это поле пустым или выберите подачу от своего имени.
receipt-title = Талон
receipt-lead = Ваше обращение принято и зарегистрировано. Сохраните этот талон.
receipt-duplicate = Эта форма уже была отправлена: обращение зарегистрировано один раз, под указанным ниже номером. Секретный код был показан только в первый раз.
receipt-number = Номер талона
receipt-secret = Секретный код
receipt-registered = Дата регистрации
receipt-due = Срок ответа
receipt-body = Принимающий орган
receipt-keep-secret = Запишите или распечатайте секретный код прямо сейчас: он показывается только один раз, и восстановить его не может никто, даже мы. Любой, у кого есть номер и секретный код, может отслеживать обращение.
receipt-qr = Отсканируйте, чтобы открыть страницу отслеживания с этим номером
receipt-print = Чтобы распечатать талон, воспользуйтесь командой «Печать» в браузере.
receipt-download = Скачать талон
track-title = Отследить обращение
track-lead = Введите номер и секретный код из талона.
track-not-found = Обращение с таким номером и секретным кодом не найдено. Проверьте оба значения и попробуйте ещё раз.
track-submit = Показать обращение
status-title = Ваше обращение
status-answer = Ответ
status-history = История
status-received = Получено
status-registered = Зарегистрировано
status-assigned = Передано исполнителю
status-in-progress = На рассмотрении
status-awaiting-clarification = Ожидается Ваше уточнение
status-answered = Дан ответ
status-closed = Закрыто
status-forwarded = Перенаправлено в другой орган
status-rejected = Отклонено
status-escalated = Передано на вышестоящий уровень
status-reopened = Возобновлено
event-filed = Подано
event-registered = Зарегистрировано
event-routed = Направлено по принадлежности
event-assigned = Назначен исполнитель
event-answered = Дан ответ
event-note-added = Добавлено примечание
actor-citizen = заявитель
actor-system = платформа
actor-officer = исполнитель
actor-head = руководитель органа
actor-coordinator = проектный офис
actor-monitor = наблюдатель
actor-inspector = инспектор
actor-commission-secretary = секретарь комиссии
actor-administrator = администратор
due-registered = зарегистрировано { $date }
due-skipped = { $days }: выходные дни ({ $reasons })
due-on = срок ответа — { $date }
reason-new-year = Новый год
reason-orthodox-christmas = Православное Рождество
reason-womens-day = Международный женский день
reason-nauryz = Наурыз мейрамы
reason-unity-day = День единства народа Казахстана
reason-defender-day = День защитника Отечества
reason-victory-day = День Победы
reason-capital-day = День Столицы
reason-kurban-ait = Курбан айт
reason-constitution-day = День Конституции
reason-republic-day = День Республики
reason-first-president-day = День Первого Президента
reason-independence-day = День Независимости
reason-holiday-carry-over = праздник, перенесённый с выходного дня
reason-transfer = выходной, перенесённый постановлением Правительства
reason-working-weekend = выходной, объявленный рабочим днём постановлением Правительства
calendar-title = Калькулятор сроков
calendar-lead = Когда должен быть дан ответ? Укажите, когда поступило обращение: калькулятор учитывает производственный календарь Казахстана (праздники, перенесённые выходные) и Административный процедурно-процессуальный кодекс.
calendar-received = Дата и время поступления (по времени Кызылорды)
calendar-days = Срок в рабочих днях
calendar-submit = Рассчитать
calendar-result = Результат
calendar-bad-registered = Укажите дату и время поступления обращения.
calendar-bad-days = Срок должен быть целым числом рабочих дней от 1 до 366.

## Обращения для сотрудников
inbox-title = Входящие обращения
inbox-all = Все
inbox-overdue = Только просроченные
inbox-filter-submit = Показать
inbox-empty = Подходящих обращений нет.
inbox-next = Более ранние обращения
inbox-overdue-badge = просрочено
staff-appeal-title = Обращение
staff-contact = Заявитель
staff-anonymous = Обращение анонимное: контактных данных нет. Заявитель отслеживает его по талону.
staff-filer-hidden = Личность лица, сообщившего о коррупции, охраняется законом и не раскрывается учреждению, которого касается сообщение.
internal-badge = внутреннее
answer-title = Ответ
answer-field = Текст ответа
answer-hint = Ответьте на языке обращения:
answer-submit = Отправить ответ
answer-required = Перед отправкой напишите ответ.
answer-not-now = Сейчас ответить на это обращение нельзя: за это время на него уже ответили или его статус изменился. Ваш текст сохранён ниже.
language-kk = Казахский
language-ru = Русский
language-en = Английский

## Управление производственным календарём
calendar-admin-title = Производственный календарь
calendar-admin-lead = Укажите по одному дню в строке каждый будний день, который является выходным, и каждую субботу или воскресенье, объявленные рабочим днём. Когда Правительство переносит выходные дни, добавьте их сюда: при сохранении срок ответа пересчитывается для каждого обращения, ещё ожидающего ответа, а изменение записывается в журнал.
calendar-admin-field = Календарь (CSV)
calendar-admin-submit = Сохранить календарь
calendar-refused = Изменения не внесены: в календаре есть ошибка.
calendar-saved = Сохранено: исключений — { $count }; открытых обращений с изменённым сроком ответа — { $moved }.
calendar-error-unreadable = Строка { $line }: не удаётся прочитать ({ $value }).
calendar-error-duplicate = Дата { $value } указана дважды.
calendar-error-working-weekday = { $value } — будний день: он и так рабочий, поэтому указывайте его, только если он выходной.
calendar-error-weekend-off = { $value } — суббота или воскресенье: этот день и так выходной, поэтому указывайте его, только если он объявлен рабочим днём (working_weekend).
calendar-error-reason = { $value }: причина не подходит; выходной день, объявленный рабочим, обозначается только кодом working_weekend.

## Ход рассмотрения
clarify-title = Запросить разъяснение у заявителя
clarify-field = Ваш вопрос
clarify-hint = Течение срока приостанавливается до ответа заявителя; дни приостановления добавляются к сроку.
clarify-submit = Отправить вопрос
clarify-required = Перед отправкой напишите вопрос.
clarify-asked = Орган просит Вас дать разъяснение
clarify-reply-field = Ваше разъяснение
clarify-reply-submit = Отправить разъяснение
extend-title = Продление срока
extend-field-due = Новый срок ответа
extend-field-reason = Причина продления срока
extend-hint = В общей сложности не более двух месяцев со дня регистрации (Административный процедурно-процессуальный кодекс, ст. 76). Заявитель будет уведомлён.
extend-submit = Продлить
extend-not-now = Срок по этому обращению сейчас продлить нельзя.
extend-bad-date = Укажите новый срок ответа.
extend-reason-required = Укажите причину продления срока.
extend-not-later = Новый срок ответа должен быть позже текущего.
extend-not-working-day = Новый срок ответа должен приходиться на рабочий день.
extend-beyond-two-months = Срок нельзя продлить сверх двух месяцев со дня регистрации.
event-extended = Срок продлён
event-clarification-requested = Запрошено разъяснение
event-clarification-given = Дано разъяснение

## Оценка и обжалование
rate-title = Оценить ответ
rate-legend = Насколько полезным был ответ? (1 — совсем бесполезен, 5 — полностью полезен)
rate-comment = Комментарий (по желанию)
rate-submit = Отправить оценку
dispute-title = Обжаловать ответ
dispute-field = Почему Вы не согласны с ответом?
dispute-hint = В течение 30 дней со дня ответа. Обращение будет возобновлено и передано в вышестоящий орган (АППК, ст. 91).
dispute-submit = Обжаловать ответ
event-rated = Ответ оценён
event-disputed = Ответ обжалован
event-escalated = Просрочено: передано в вышестоящий орган

## Направление по принадлежности
forward-title = Направить по принадлежности в другой орган
forward-field-institution = Орган, компетентный дать ответ
forward-field-reason = Почему обращение не относится к нашей компетенции
forward-hint = Обращение, не относящееся к компетенции органа, направляется по принадлежности в компетентный орган в течение 3 рабочих дней со дня регистрации (Административный процедурно-процессуальный кодекс, ст. 76). Заявитель будет уведомлён.
forward-submit = Направить
forward-institution = Выберите орган, в который направляется обращение (отличный от текущего).
forward-reason = Укажите причину направления.
event-forwarded = Направлено по принадлежности в другой орган

## API-токены
tokens-title = API-токены
tokens-lead = Токен позволяет собственному программному обеспечению сотрудника работать с API от имени этого сотрудника без пароля. Токен показывается только один раз; отзовите его, когда он больше не нужен.
tokens-owner = Адрес электронной почты сотрудника
tokens-name = Назначение токена
tokens-issue = Выдать токен
tokens-issued = Скопируйте токен сейчас: он показывается только один раз.
tokens-revoke = Отозвать
tokens-revoked = отозван
tokens-bad = Укажите адрес электронной почты сотрудника и назначение токена.

## Routing
field-category = Category
category-none = No category / not sure
routing-title = Categories and routing
routing-lead = An appeal filed without choosing a body goes to the institution of the nearest routing rule: first a rule of its territory (a rural district, then its district, then the region), and at one territory a rule for its category before the territory's default. With no rule it stays with the territory's project office.
routing-rules = Routing rules
routing-no-rules = No rules yet: appeals without a chosen body stay with the project office of their territory.
routing-default = Any category (default)
routing-add-rule = Add a rule
routing-delete = Delete
routing-categories = Categories
routing-add-category = Add a category
routing-name-kk = Name in Kazakh
routing-name-ru = Name in Russian
routing-name-en = Name in English
routing-inactive = not offered
routing-deactivate = Stop offering
routing-activate = Offer again
routing-category-bad = Give the kind and the name in all three languages.
routing-rule-bad = Choose a territory and an institution (and a category, or the default).
