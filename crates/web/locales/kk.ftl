## Әр беттің жақтауы
platform-name = Адалдық
platform-tagline = Жергілікті мемлекеттік басқаруға арналған ашық адалдық платформасы: өтініштер, азаматтарды қабылдау, қоғамдық тыңдаулар және жария тізілім — қазақ, орыс және ағылшын тілдерінде.
skip-to-content = Негізгі мазмұнға өту
nav-account = Жеке кабинет
nav-staff = Жұмыс кеңістігі
nav-sign-in = Кіру
nav-sign-out = Шығу
nav-language = Тіл
footer-about = Адалдық — ашық бастапқы кодты бағдарламалық қамтамасыз ету. Әрбір өтініш пен оның мәртебесінің әрбір өзгерісі жария әрі тексерілетін журналға жазылады.

## Басты бет
home-title = Ашықтық арқылы адалдық
home-lead = Өтініш немесе сыбайлас жемқорлық туралы хабарлама жіберіңіз, заңда белгіленген мерзімде жауап алғанға дейін оның барысын бақылаңыз және ауданыңыздағы мекемелердің қалай жұмыс істейтінін көріңіз.
home-what = Адалдық азаматтарға, ауылдық округтердің жобалық кеңселеріне, мемлекеттік мекемелерге, қоғамдық кеңестерге және сыбайлас жемқорлыққа қарсы комиссияға қызмет етеді. Әкімшілік рәсімдік-процестік кодекстің талабына сәйкес өтініштерге 15 жұмыс күні ішінде жауап беріледі.
home-ways = Неден бастау керек
way-file = Өтініш немесе хабарлама беру
way-track = Өтініштің барысын талон бойынша бақылау
way-receptions = Лауазымды тұлғалардың азаматтарды қабылдауы
way-hearings = Қоғамдық тыңдаулар
way-open-space = Ашық кеңістік: ашық жұмыс істейтін мекемелер
way-statistics = Аудандар бойынша статистика
way-open-data = Ашық деректер
way-transparency = Ашықтық журналы
way-coming = жақында
home-programme = Бағдарлама
home-programme-text = Қызылорда облысының «Ақмешіт — адалдық алаңы» сияқты бағдарламаларына арналып жасалды: әр ауылдық округте жобалық кеңсе, азаматтарды ашық қабылдау, қоғамдық тыңдаулар және өз шешімдерінің орындалуын соңына дейін қадағалайтын комиссия.

## Қателер
error-title = Қате орын алды
error-home = Басты бетке өту
error-bad-request = Сұрауды түсіну мүмкін болмады. Мекенжайды тексеріп, қайталап көріңіз.
error-sign-in-required = Жалғастыру үшін жүйеге кіріңіз.
error-forbidden = Бұл бетке кіруге рұқсатыңыз жоқ немесе форманың мерзімі өтіп кеткен не ол басқа сайттан жіберілген. Артқа оралып, бетті қайта жүктеп, қайталап көріңіз.
error-not-found = Бұл мекенжай бойынша бет жоқ.
error-method = Бұл бетті осылай пайдалануға болмайды.
error-timeout = Сұрауды орындау тым ұзаққа созылды. Қайталап көріңіз.
error-conflict = Бұл бұрын сақталған деректерге қайшы келеді.
error-too-large = Жіберілген деректердің көлемі тым үлкен.
error-unprocessable = Жіберілген деректерді оқу мүмкін болмады. Форманы тексеріп, қайталап көріңіз.
error-too-many = Әрекеттер тым көп. Біраз күтіп, қайталап көріңіз.
error-unavailable = Қызмет уақытша қолжетімсіз. Біраздан кейін қайталап көріңіз.
error-internal = Күтпеген қате орын алды. Бұған дейін сақталған деректеріңіз жоғалған жоқ; қайталап көріңіз.

## Рөлдер мен қолданылу аясы
role-citizen = Азамат
role-officer = Орындаушы (маман)
role-head = Мекеме басшысы
role-coordinator = Жобалық кеңсе үйлестірушісі
role-monitor = Мониторшы (бақылаушы)
role-inspector = Сыбайлас жемқорлыққа қарсы инспектор
role-commission-secretary = Комиссия хатшысы
role-administrator = Әкімші
scope-all = бүкіл ел
scope-own = өз жазбалары

## Жұмыс кеңістігі
staff-title = Жұмыс кеңістігі
staff-lead = Сіздің рөлдеріңіз және олардың қолданылу аясы.
staff-roles = Сіздің рөлдеріңіз
staff-admin = Әкімшілендіру

## Жүйеге кіру
sign-in-title = Жүйеге кіру
sign-in-submit = Кіру
sign-in-wrong = Электрондық пошта мекенжайы немесе құпиясөз қате.
sign-in-locked = { $count ->
    [one] Сәтсіз әрекеттер тым көп. Есептік жазба бұғатталды; { $count } минуттан кейін қайталап көріңіз.
   *[other] Сәтсіз әрекеттер тым көп. Есептік жазба бұғатталды; { $count } минуттан кейін қайталап көріңіз.
}
field-email = Электрондық пошта мекенжайы
field-password = Құпиясөз
field-name = Аты-жөні
field-code = Алты таңбалы код
code-title = Екінші қадам
code-lead = Аутентификатор қолданбасындағы алты таңбалы кодты енгізіңіз.
code-submit = Жалғастыру
code-wrong = Код қате немесе бұрын пайдаланылған. Келесі кодты күтіп, қайталап көріңіз.
code-locked = Сәтсіз әрекеттер тым көп. Кейінірек қайталап көріңіз.

## Жеке кабинет
account-title = Жеке кабинет
password-title = Құпиясөзді өзгерту
password-submit = Құпиясөзді өзгерту
password-changed = Құпиясөзіңіз өзгертілді. Басқа сеанстарыңыз аяқталды.
form-has-errors = Мына қателерді түзетіңіз
field-current-password = Ағымдағы құпиясөз
field-new-password = Жаңа құпиясөз
field-confirm-password = Жаңа құпиясөзді қайталаңыз
password-current-wrong = Ағымдағы құпиясөз қате.
password-too-short = { $count ->
    [one] Құпиясөз кемінде { $count } таңбадан тұруы керек.
   *[other] Құпиясөз кемінде { $count } таңбадан тұруы керек.
}
password-too-long = Құпиясөз тым ұзын.
password-mismatch = Енгізілген екі жаңа құпиясөз сәйкес келмейді.
second-factor-title = Екінші фактор
second-factor-on = Екінші фактор қосулы.
second-factor-off = Екінші фактор өшірулі.
second-factor-required = Әкімші сіздің рөліңіз үшін екінші факторды міндетті етті. Жалғастыру үшін оны қосыңыз.
second-factor-lead = Кодты аутентификатор қолданбасымен сканерлеңіз (немесе кілтті қолмен енгізіңіз), содан кейін қолданба көрсеткен алты таңбалы кодты енгізіңіз.
second-factor-qr = Аутентификатор қолданбасына арналған QR-код
second-factor-secret = Кілт:
second-factor-enable = Қосу
second-factor-disable = Өшіру
second-factor-turned-on = Екінші фактор қосылды.
second-factor-turned-off = Екінші фактор өшірілді.
second-factor-required-cannot-disable = Сіздің рөліңіз үшін екінші фактор міндетті, сондықтан оны өшіруге болмайды.

## Әкімшілендіру
users-title = Пайдаланушылар
users-roles = Рөлдер
users-count = { $count ->
    [one] { $count } пайдаланушы
   *[other] { $count } пайдаланушы
}
demo-badge = демо
territories-title = Аумақтар
territories-count = { $count ->
    [one] { $count } аумақ жүктелген.
   *[other] { $count } аумақ жүктелген.
}
territories-lead = ҚАТО сыныптауышынан үзіндіні CSV пішімінде қойыңыз. Жаңа аумақтар қосылады, бұрыннан барларының атауы жаңартылады; қандай да бір жол қате болса, ештеңе өзгермейді.
territories-field = ҚАТО CSV
territories-submit = Жүктеу
territories-done = Жүктелді: { $added } қосылды, { $updated } жаңартылды.
territories-refused = Ештеңе өзгертілмеді: файлда қателер бар.
kato-bad-header = { $line }-жол: тақырып жолы { $value } болуы керек.
kato-unreadable = { $line }-жол: оқу мүмкін емес ({ $value }).
kato-field-count = { $line }-жол: 6 өріс күтілген, { $value } өріс табылды.
kato-bad-code = { $line }-жол: «{ $value }» тоғыз таңбалы ҚАТО коды емес.
kato-duplicate = { $line }-жол: { $value } коды екі рет кездеседі (жақшада — алғашқы жол).
kato-bad-level = { $line }-жол: «{ $value }» деңгейі 1, 2, 3 немесе 4 болуы керек.
kato-bad-kind = { $line }-жол: «{ $value }» түрі белгісіз.
kato-empty-name = { $line }-жол: атаулардың бірі толтырылмаған.
kato-unknown-parent = { $line }-жол: жоғары тұрған { $value } бірлігі файлда да, бұрын жүктелгендер арасында да жоқ.
kato-parent-level = { $line }-жол: жоғары тұрған { $value } бірлігі тура бір деңгей жоғары болуы керек.
kato-missing-parent = { $line }-жол: жоғары тұрған бірлігі жоқ бола алатын тек 1-деңгейдегі бірлік.
kato-empty = Файлда аумақтар жоқ.
security-title = Рөлдер бойынша екінші фактор
security-lead = Осында белгіленген рөлі бар пайдаланушылар жұмысқа кіріспес бұрын екінші факторды қосуы тиіс.
security-legend = Екінші фактор талап етілетін рөлдер
security-submit = Сақтау

## Өтініштер
way-calendar = Мерзім калькуляторы
choose = Таңдаңыз…
appeal-new-title = Өтініш беру
appeal-new-lead = Облыстың мемлекеттік органына жазыңыз. Өтінішіңіз келіп түскен күні (немесе келесі жұмыс күні) тіркеледі және оған 15 жұмыс күні ішінде жауап берілуі тиіс. Барысын бақылау үшін сізге талон беріледі.
field-kind = Өтініш түрі
field-territory = Аумақ
field-institution = Мемлекеттік орган (білсеңіз)
field-subject = Тақырып
field-text = Өтініш мәтіні
field-language = Өтініш пен жауап тілі
field-anonymous = Кімнің атынан?
field-phone = Телефон
field-iin = ЖСН (қаласаңыз)
field-status = Мәртебе
appeal-institution-hint = Білмесеңіз, өзгертпей қалдырыңыз: өтініш тиісті органға жолданады.
appeal-institution-unknown = Білмеймін
appeal-named = Өз атымнан (жауапты маған жіберуге болады)
appeal-anonymous = Анонимді түрде (сізді анықтауға болатын ешқандай дерек сақталмайды)
appeal-anonymous-hint = Анонимді өтінішке талон нөмірі мен құпия код беріледі: оның барысын тек солар арқылы бақылауға болады. Байланыс өрістерін бос қалдырыңыз.
appeal-contact = Байланыс деректеріңіз (өз атыңыздан берілетін өтініш үшін)
appeal-contact-hint = Аты-жөніңізді және электрондық пошта мекенжайын немесе телефон нөмірін көрсетіңіз.
appeal-want-secret = Өтінішті жүйеге кірмей бақылау үшін маған құпия код та берілсін
appeal-submit = Өтінішті жіберу
kind-complaint = Шағым
kind-corruption-report = Сыбайлас жемқорлық туралы хабарлама
kind-proposal = Ұсыныс
kind-information-request = Ақпарат сұрау
kind-service-quality = Мемлекеттік қызмет сапасы
problem-required = { $field }: осы өрісті толтырыңыз.
problem-too-long = { $field }: рұқсат етілген ұзындықтан асып кетті.
problem-unknown = { $field }: ұсынылған нұсқалардың бірін таңдаңыз.
problem-bad-email = { $field }: мекенжай дұрыс емес.
problem-bad-phone = { $field }: Қазақстандағы телефон нөмірін енгізіңіз, мысалы, +7 701 123 45 67.
problem-bad-iin = { $field }: ЖСН 12 цифрдан тұруы және бақылау цифры дұрыс болуы керек.
problem-contact-needed = Жауап сізге жетуі үшін электрондық пошта мекенжайын немесе телефон нөмірін көрсетіңіз.
problem-not-for-anonymous = { $field }: анонимді өтініште бұл өрісті бос қалдырыңыз немесе өз атыңыздан жазуды таңдаңыз.
receipt-title = Талон
receipt-lead = Өтінішіңіз қабылданып, тіркелді. Осы талонды сақтап қойыңыз.
receipt-duplicate = Бұл форма бұрын жіберілген: өтініш төмендегі нөмірмен бір рет қана тіркелді. Құпия код тек алғашқы рет көрсетілді.
receipt-number = Талон нөмірі
receipt-secret = Құпия код
receipt-registered = Тіркелген күні
receipt-due = Жауап беру мерзімі
receipt-body = Қабылдаушы орган
receipt-keep-secret = Құпия кодты дәл қазір жазып алыңыз немесе басып шығарыңыз: ол бір рет қана көрсетіледі және оны ешкім, тіпті біз де қалпына келтіре алмаймыз. Нөмір мен құпия кодты білетін кез келген адам өтініштің барысын бақылай алады.
receipt-qr = Осы нөмірмен бақылау бетін ашу үшін сканерлеңіз
receipt-print = Талонды басып шығару үшін браузердің «Басып шығару» командасын пайдаланыңыз.
receipt-download = Талонды жүктеп алу
track-title = Өтініштің барысын бақылау
track-lead = Талондағы нөмір мен құпия кодты енгізіңіз.
track-not-found = Бұл нөмір мен құпия кодқа сәйкес өтініш табылмады. Екеуін де тексеріп, қайталап көріңіз.
track-submit = Өтінішті көрсету
status-title = Сіздің өтінішіңіз
status-answer = Жауап
status-history = Тарих
status-received = Қабылданды
status-registered = Тіркелді
status-assigned = Орындаушыға тапсырылды
status-in-progress = Қаралуда
status-awaiting-clarification = Сізден нақтылау күтілуде
status-answered = Жауап берілді
status-closed = Жабылды
status-forwarded = Басқа органға жолданды
status-rejected = Бас тартылды
status-escalated = Жоғары деңгейге берілді
status-reopened = Қайта ашылды
event-filed = Берілді
event-registered = Тіркелді
event-routed = Тиесілігі бойынша жолданды
event-assigned = Орындаушы тағайындалды
event-answered = Жауап берілді
event-note-added = Ескертпе қосылды
actor-citizen = өтініш беруші
actor-system = платформа
actor-officer = орындаушы
actor-head = орган басшысы
actor-coordinator = жобалық кеңсе
actor-monitor = мониторшы
actor-inspector = инспектор
actor-commission-secretary = комиссия хатшысы
actor-administrator = әкімші
due-registered = { $date } тіркелді
due-skipped = { $days }: демалыс күндері ({ $reasons })
due-on = жауап беру мерзімі: { $date }
reason-new-year = Жаңа жыл
reason-orthodox-christmas = Православиелік Рождество
reason-womens-day = Халықаралық әйелдер күні
reason-nauryz = Наурыз мейрамы
reason-unity-day = Қазақстан халқының бірлігі күні
reason-defender-day = Отан қорғаушы күні
reason-victory-day = Жеңіс күні
reason-capital-day = Астана күні
reason-kurban-ait = Құрбан айт
reason-constitution-day = Конституция күні
reason-republic-day = Республика күні
reason-first-president-day = Тұңғыш Президент күні
reason-independence-day = Тәуелсіздік күні
reason-holiday-carry-over = демалыс күнінен ауыстырылған мереке
reason-transfer = Үкімет қаулысымен ауыстырылған демалыс күні
reason-working-weekend = Үкімет қаулысымен жұмыс күні болып белгіленген демалыс күні
calendar-title = Мерзім калькуляторы
calendar-lead = Жауап қашан берілуі тиіс? Өтініштің келіп түскен уақытын енгізіңіз: калькулятор Қазақстанның жұмыс күндері күнтізбесін (мерекелер, ауыстырылған демалыс күндері) және Әкімшілік рәсімдік-процестік кодексті ескереді.
calendar-received = Келіп түскен күні мен уақыты (Қызылорда уақыты бойынша)
calendar-days = Мерзім (жұмыс күндерімен)
calendar-submit = Есептеу
calendar-result = Нәтиже
calendar-bad-registered = Өтініштің келіп түскен күні мен уақытын енгізіңіз.
calendar-bad-days = Мерзім 1-ден 366-ға дейінгі жұмыс күнінің бүтін саны болуы керек.

## Қызметкерлерге арналған өтініштер
inbox-title = Келіп түскен өтініштер
inbox-all = Барлығы
inbox-overdue = Тек мерзімі өткендер
inbox-filter-submit = Көрсету
inbox-empty = Сәйкес келетін өтініштер жоқ.
inbox-next = Ертеректегі өтініштер
inbox-overdue-badge = мерзімі өткен
staff-appeal-title = Өтініш
staff-contact = Өтініш беруші
staff-anonymous = Өтініш анонимді: байланыс деректері жоқ. Өтініш беруші оның барысын талон арқылы бақылайды.
staff-filer-hidden = Сыбайлас жемқорлық туралы хабарлаған адамның жеке басы заңмен қорғалады және хабарлама қатысты мекемеге көрсетілмейді.
internal-badge = ішкі
answer-title = Жауап
answer-field = Жауап мәтіні
answer-hint = Өтініш тілінде жауап беріңіз:
answer-submit = Жауапты жіберу
answer-required = Жібермес бұрын жауапты жазыңыз.
answer-not-now = Бұл өтінішке қазір жауап беру мүмкін емес: осы аралықта оған жауап берілген немесе оның мәртебесі өзгерген. Мәтініңіз төменде сақталды.
language-kk = Қазақ тілі
language-ru = Орыс тілі
language-en = Ағылшын тілі

## Жұмыс күнтізбесін басқару
calendar-admin-title = Жұмыс күндерінің күнтізбесі
calendar-admin-lead = Демалыс күні болып табылатын дүйсенбі–жұма аралығындағы әрбір күнді және жұмыс күні болып белгіленген әрбір сенбі мен жексенбіні бір жолға бір күннен енгізіңіз. Үкімет демалыс күндерін ауыстырған кезде оларды осында қосыңыз: сақтаған кезде жауап күтіп тұрған әрбір өтініштің жауап беру мерзімі қайта есептеледі, ал өзгеріс журналға жазылады.
calendar-admin-field = Күнтізбе (CSV)
calendar-admin-submit = Күнтізбені сақтау
calendar-refused = Ештеңе өзгертілмеді: күнтізбеде қате бар.
calendar-saved = Сақталды: ерекшеліктер саны — { $count }; жауап беру мерзімі өзгерген ашық өтініштер — { $moved }.
calendar-error-unreadable = { $line }-жол: оқу мүмкін емес ({ $value }).
calendar-error-duplicate = { $value } күні екі рет көрсетілген.
calendar-error-working-weekday = { $value } — дүйсенбі–жұма аралығындағы күн: ол онсыз да жұмыс күні, сондықтан оны демалыс күні болғанда ғана көрсетіңіз.
calendar-error-weekend-off = { $value } — сенбі немесе жексенбі: ол онсыз да демалыс күні, сондықтан оны жұмыс күні болып белгіленгенде ғана көрсетіңіз (working_weekend).
calendar-error-reason = { $value }: себеп сәйкес келмейді; жұмыс күні болып белгіленген демалыс күні тек working_weekend кодымен көрсетіледі.

## Өтінішті қарау барысы
clarify-title = Өтініш берушіден түсініктеме беруді сұрау
clarify-field = Сұрағыңыз
clarify-hint = Өтініш беруші жауап бергенге дейін мерзімнің өтуі тоқтатыла тұрады; тоқтап тұрған күндер мерзімге қосылады.
clarify-submit = Сұрақты жіберу
clarify-required = Жібермес бұрын сұрақты жазыңыз.
clarify-asked = Орган сізден түсініктеме беруді сұрайды
clarify-reply-field = Түсініктемеңіз
clarify-reply-submit = Түсініктемені жіберу
extend-title = Мерзімді ұзарту
extend-field-due = Жаңа жауап беру мерзімі
extend-field-reason = Мерзімді ұзарту себебі
extend-hint = Мерзім барлығы тіркелген күннен бастап екі айдан аспауы тиіс (Әкімшілік рәсімдік-процестік кодекс, 76-бап). Бұл туралы өтініш берушіге хабарланады.
extend-submit = Ұзарту
extend-not-now = Бұл өтініш бойынша мерзімді қазір ұзарту мүмкін емес.
extend-bad-date = Жаңа жауап беру мерзімін енгізіңіз.
extend-reason-required = Мерзімді ұзарту себебін көрсетіңіз.
extend-not-later = Жаңа жауап беру мерзімі қазіргі мерзімнен кейін болуы керек.
extend-not-working-day = Жаңа жауап беру мерзімі жұмыс күні болуы керек.
extend-beyond-two-months = Мерзімді тіркелген күннен бастап екі айдан артық ұзартуға болмайды.
event-extended = Мерзім ұзартылды
event-clarification-requested = Түсініктеме сұралды
event-clarification-given = Түсініктеме берілді

## Бағалау және шағымдану
rate-title = Жауапты бағалау
rate-legend = Жауап қаншалықты пайдалы болды? (1 — мүлде пайдасыз, 5 — толық пайдалы)
rate-comment = Пікір (қаласаңыз)
rate-submit = Бағаны жіберу
dispute-title = Жауапқа шағымдану
dispute-field = Жауаппен неліктен келіспейсіз?
dispute-hint = Жауап берілген күннен бастап 30 күн ішінде. Өтініш қайта ашылып, жоғары тұрған органға жіберіледі (Әкімшілік рәсімдік-процестік кодекс, 91-бап).
dispute-submit = Жауапқа шағымдану
event-rated = Жауап бағаланды
event-disputed = Жауапқа шағым берілді
event-escalated = Мерзімі өтті: жоғары тұрған органға берілді

## Тиесілігі бойынша жолдау
forward-title = Басқа органға тиесілігі бойынша жолдау
forward-field-institution = Жауап беруге құзыретті орган
forward-field-reason = Өтініш неліктен біздің құзыретімізге жатпайды
forward-hint = Органның құзыретіне жатпайтын өтініш тіркелген күннен бастап 3 жұмыс күні ішінде құзыретті органға тиесілігі бойынша жолданады (Әкімшілік рәсімдік-процестік кодекс, 76-бап). Бұл туралы өтініш берушіге хабарланады.
forward-submit = Жолдау
forward-institution = Өтініш жолданатын органды таңдаңыз (қазіргі органнан басқа).
forward-reason = Жолдау себебін көрсетіңіз.
event-forwarded = Басқа органға тиесілігі бойынша жолданды

## API токендері
tokens-title = API токендері
tokens-lead = Токен қызметкердің өз бағдарламалық жасақтамасына API арқылы сол қызметкердің атынан құпиясөзсіз жұмыс істеуге мүмкіндік береді. Токен бір рет қана көрсетіледі; ол қажет болмай қалғанда, оны шақырып алыңыз.
tokens-owner = Қызметкердің электрондық пошта мекенжайы
tokens-name = Токен не үшін қажет
tokens-issue = Токен беру
tokens-issued = Токенді қазір көшіріп алыңыз: ол бір рет қана көрсетіледі.
tokens-revoke = Шақырып алу
tokens-revoked = кері қайтарылды
tokens-bad = Қызметкердің электрондық пошта мекенжайын және токен не үшін қажет екенін көрсетіңіз.

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
