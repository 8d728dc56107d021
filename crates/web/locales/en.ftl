## The frame of every page
platform-name = Adaldyq
platform-tagline = An open integrity platform for local government: appeals, receptions, hearings and the public record, in Kazakh, Russian and English.
skip-to-content = Skip to the content
nav-account = Account
nav-staff = Workspace
nav-sign-in = Sign in
nav-sign-out = Sign out
nav-language = Language
footer-about = Adaldyq is open-source software. Every appeal and every change of its status is written to a public, verifiable log.

## Home
home-title = Integrity, in the open
home-lead = File an appeal or a corruption report, follow it to an answer within the legal deadline, and see how your district's institutions work.
home-what = Adaldyq serves citizens, the project offices of rural districts, state institutions, public councils and the anti-corruption commission. Appeals are answered within 15 working days, as the Administrative Procedural Code requires.
home-ways = Ways in
way-file = File an appeal or a report
way-track = Track an appeal with its receipt
way-receptions = Public receptions with officials
way-hearings = Public hearings
way-open-space = Open space: institutions that work in the open
way-statistics = Statistics by district
way-open-data = Open data
way-transparency = The transparency log
way-coming = coming soon
home-programme = The programme
home-programme-text = Built for programmes such as Kyzylorda oblast's «Aqmeşıt — adaldyq alañy»: project offices in every rural district, open receptions, public hearings and a commission that follows its decisions through.

## Errors
error-title = Something went wrong
error-home = Go to the home page
error-bad-request = The request could not be understood. Check the address and try again.
error-sign-in-required = Please sign in to continue.
error-forbidden = You do not have access to this page, or the form has expired or was sent from another site. Go back, reload the page and try again.
error-not-found = There is no page at this address.
error-method = This page cannot be used that way.
error-timeout = The request took too long. Please try again.
error-conflict = This conflicts with something already saved.
error-too-large = What you sent is too large.
error-unprocessable = What you sent could not be read. Check the form and try again.
error-too-many = Too many attempts. Please wait a little and try again.
error-unavailable = The service is temporarily unavailable. Please try again shortly.
error-internal = An unexpected error occurred. Nothing you saved before is lost; please try again.

## Roles and scopes
role-citizen = Citizen
role-officer = Officer
role-head = Head of institution
role-coordinator = Project office coordinator
role-monitor = Monitor
role-inspector = Anti-corruption inspector
role-commission-secretary = Commission secretary
role-administrator = Administrator
scope-all = the whole country
scope-own = own records

## Workspace
staff-title = Workspace
staff-lead = Your roles and where they apply.
staff-roles = Your roles
staff-admin = Administration

## Sign in
sign-in-title = Sign in
sign-in-submit = Sign in
sign-in-wrong = The e-mail address or the password is wrong.
field-email = E-mail address
field-password = Password
field-name = Name
field-code = Six-digit code
code-title = Second step
code-lead = Enter the six-digit code from your authenticator app.
code-submit = Continue
code-wrong = The code is wrong or has already been used. Wait for the next code and try again.
code-locked = Too many failed attempts. Try again later.

## Account
account-title = Your account
password-title = Change password
password-submit = Change password
password-changed = Your password has been changed. Your other sessions were signed out.
form-has-errors = Please correct the following
field-current-password = Current password
field-new-password = New password
field-confirm-password = New password again
password-current-wrong = The current password is wrong.
password-too-short = { $count ->
    [one] The password needs at least { $count } character.
   *[other] The password needs at least { $count } characters.
}
password-too-long = The password is too long.
password-mismatch = The two new passwords differ.
second-factor-title = Second factor
second-factor-on = The second factor is on.
second-factor-off = The second factor is off.
second-factor-required = An administrator requires a second factor for your role. Turn it on to continue.
second-factor-lead = Scan the code with an authenticator app (or type the key), then enter the six-digit code it shows.
second-factor-qr = QR code for the authenticator app
second-factor-secret = Key:
second-factor-enable = Turn on
second-factor-disable = Turn off
second-factor-turned-on = The second factor is now on.
second-factor-turned-off = The second factor is now off.
second-factor-required-cannot-disable = Your role requires a second factor, so it cannot be turned off.

## Administration
users-title = Users
users-roles = Roles
users-count = { $count ->
    [one] { $count } user
   *[other] { $count } users
}
demo-badge = demo
territories-title = Territories
territories-count = { $count ->
    [one] { $count } territory is loaded.
   *[other] { $count } territories are loaded.
}
territories-lead = Paste a KATO classifier extract as CSV. New territories are added and existing ones renamed; if any line is wrong, nothing changes.
territories-field = KATO CSV
territories-submit = Load
territories-done = Loaded: { $added } added, { $updated } updated.
territories-refused = Nothing was changed: the file has errors.
kato-bad-header = Line { $line }: the header must be { $value }.
kato-unreadable = Line { $line }: cannot be read ({ $value }).
kato-field-count = Line { $line }: expected 6 fields, found { $value }.
kato-bad-code = Line { $line }: “{ $value }” is not a nine-digit KATO code.
kato-duplicate = Line { $line }: the code { $value } appears twice (first line in brackets).
kato-bad-level = Line { $line }: the level “{ $value }” must be 1, 2, 3 or 4.
kato-bad-kind = Line { $line }: the kind “{ $value }” is unknown.
kato-empty-name = Line { $line }: a name is empty.
kato-unknown-parent = Line { $line }: the parent { $value } is neither in the file nor already loaded.
kato-parent-level = Line { $line }: the parent { $value } is not one level up.
kato-missing-parent = Line { $line }: only a level-1 unit may have no parent.
kato-empty = The file has no territories.
security-title = Second factor by role
security-lead = Users who hold a role ticked here must turn on a second factor before they can work.
security-legend = Require a second factor for
security-submit = Save

## Appeals
way-calendar = Deadline calculator
choose = Choose…
appeal-new-title = File an appeal
appeal-new-lead = Write to a state body of the region. Your appeal is registered on the day it arrives (or the next working day) and must be answered within 15 working days. You get a receipt to follow it.
field-kind = What is it?
field-territory = Where?
field-institution = Which body? (if you know)
field-subject = Subject
field-text = Your appeal
field-language = Language of the appeal and of the answer
field-anonymous = Who is writing?
field-phone = Phone
field-iin = IIN (if you wish)
field-status = Status
appeal-institution-hint = If you do not know, leave it: the appeal will be routed to the right body.
appeal-institution-unknown = I do not know
appeal-named = With my name (the answer can be sent to me)
appeal-anonymous = Anonymously (nothing that identifies you is kept)
appeal-anonymous-hint = An anonymous appeal gets a receipt number and a secret: they are the only way to follow it. Leave the contact fields empty.
appeal-contact = Your contact details (for an appeal with your name)
appeal-contact-hint = Give your name and an e-mail address or a phone number.
appeal-want-secret = Give me a receipt secret too, to follow the appeal without signing in
appeal-submit = Send the appeal
kind-complaint = Complaint
kind-corruption-report = Corruption report
kind-proposal = Proposal
kind-information-request = Information request
kind-service-quality = Quality of a public service
problem-required = { $field }: please fill this in.
problem-too-long = { $field }: this is too long.
problem-unknown = { $field }: choose one of the options given.
problem-bad-email = { $field }: this is not a valid e-mail address.
problem-bad-phone = { $field }: enter a Kazakhstan phone number, e.g. +7 701 123 45 67.
problem-bad-iin = { $field }: the IIN must be 12 digits with a correct check digit.
problem-contact-needed = Give an e-mail address or a phone number, so that the answer can reach you.
problem-not-for-anonymous = { $field }: leave this empty in an anonymous appeal, or choose to write with your name.
receipt-title = Receipt
receipt-lead = Your appeal has been received and registered. Keep this receipt.
receipt-duplicate = This form was already sent: the appeal was registered once, under the number below. The secret was shown only the first time.
receipt-number = Receipt number
receipt-secret = Secret
receipt-registered = Registered on
receipt-due = Answer due by
receipt-body = Receiving body
receipt-keep-secret = Write down or print the secret now: it is shown only once and cannot be recovered, not even by us. Anyone who has the number and the secret can follow the appeal.
receipt-qr = Scan to open the tracking page with this number
receipt-print = Use your browser's Print command to print this receipt.
receipt-download = Download the receipt
track-title = Track an appeal
track-lead = Enter the receipt number and the secret from your receipt.
track-not-found = No appeal matches this number and secret. Check both and try again.
track-submit = Show the appeal
status-title = Your appeal
status-answer = Answer
status-history = History
status-received = Received
status-registered = Registered
status-assigned = Assigned to an officer
status-in-progress = In progress
status-awaiting-clarification = Waiting for the applicant's clarification
status-answered = Answered
status-closed = Closed
status-forwarded = Forwarded to another body
status-rejected = Rejected
status-escalated = Escalated
status-reopened = Reopened
event-filed = Filed
event-registered = Registered
event-routed = Routed
event-assigned = Assigned
event-answered = Answered
event-note-added = Note added
actor-citizen = applicant
actor-system = platform
actor-officer = officer
actor-head = head of the body
actor-coordinator = project office
actor-monitor = monitor
actor-inspector = inspector
actor-commission-secretary = commission secretary
actor-administrator = administrator
due-registered = registered { $date }
due-skipped = { $days }: days off ({ $reasons })
due-on = due { $date }
reason-new-year = New Year
reason-orthodox-christmas = Orthodox Christmas
reason-womens-day = International Women's Day
reason-nauryz = Nauryz
reason-unity-day = Unity Day
reason-defender-day = Defender of the Fatherland Day
reason-victory-day = Victory Day
reason-capital-day = Capital Day
reason-kurban-ait = Kurban Ait
reason-constitution-day = Constitution Day
reason-republic-day = Republic Day
reason-first-president-day = First President Day
reason-independence-day = Independence Day
reason-holiday-carry-over = a holiday moved from a weekend
reason-transfer = a day off moved by decree
reason-working-weekend = a weekend day worked by decree
calendar-title = Deadline calculator
calendar-lead = When is an answer due? Enter when an appeal was received: the calculator applies Kazakhstan's working-day calendar (holidays, moved days off) and the Administrative Procedural Code.
calendar-received = Received (date and time, Kyzylorda time)
calendar-days = Term in working days
calendar-submit = Calculate
calendar-result = Result
calendar-bad-registered = Enter the date and time the appeal was received.
calendar-bad-days = The term must be a whole number of working days from 1 to 366.

## Staff appeals
inbox-title = Appeals inbox
inbox-all = All
inbox-overdue = Overdue only
inbox-filter-submit = Show
inbox-empty = No appeals match.
inbox-next = Older appeals
inbox-overdue-badge = overdue
staff-appeal-title = Appeal
staff-contact = Applicant
staff-anonymous = The appeal is anonymous: there is no contact. The applicant follows it with the receipt.
staff-filer-hidden = The identity of whoever reports corruption is protected by law and is not shown to the institution concerned.
internal-badge = internal
answer-title = Answer
answer-field = Answer text
answer-hint = Answer in the language of the appeal:
answer-submit = Send the answer
answer-required = Write the answer before sending it.
answer-not-now = This appeal cannot be answered now: it was answered or moved meanwhile. Your text is kept below.
language-kk = Kazakh
language-ru = Russian
language-en = English

## Calendar administration
calendar-admin-title = Working-day calendar
calendar-admin-lead = Every weekday that is a day off and every weekend day that is worked, one a line. When the government moves days off, add them here: saving recomputes the due date of every appeal still waiting for an answer, and the change is recorded.
calendar-admin-field = Calendar (CSV)
calendar-admin-submit = Save the calendar
calendar-refused = Nothing was changed: the calendar has an error.
calendar-saved = Saved: { $count } exceptions; { $moved } open due dates moved.
calendar-error-unreadable = Line { $line }: cannot be read ({ $value }).
calendar-error-duplicate = { $value } is listed twice.
calendar-error-working-weekday = { $value } is a weekday: it is a working day already, so list only days off for it.
calendar-error-weekend-off = { $value } is a weekend day: it is a day off already, so list it only when it is worked (working_weekend).
calendar-error-reason = { $value }: the reason does not fit; only working_weekend marks a worked day.

## Workflow
clarify-title = Ask the applicant to clarify
clarify-field = Your question
clarify-hint = The term stops until the applicant answers; the days it stood still are added to it.
clarify-submit = Send the question
clarify-required = Write the question before sending it.
clarify-asked = The body asks you to clarify
clarify-reply-field = Your clarification
clarify-reply-submit = Send the clarification
extend-title = Extend the term
extend-field-due = New due date
extend-field-reason = Reason for the extension
extend-hint = At most two months from registration in all (Administrative Procedural Code, Art. 76). The applicant is told.
extend-submit = Extend
extend-not-now = The term of this appeal cannot be extended now.
extend-bad-date = Enter the new due date.
extend-reason-required = Give the reason for the extension.
extend-not-later = The new due date must be later than the current one.
extend-not-working-day = The new due date must be a working day.
extend-beyond-two-months = The term cannot be extended beyond two months from registration.
event-extended = Term extended
event-clarification-requested = Clarification requested
event-clarification-given = Clarification given

## Feedback
rate-title = Rate the answer
rate-legend = How useful was the answer? (1 — not at all, 5 — fully)
rate-comment = Comment (if you wish)
rate-submit = Send the rating
dispute-title = Dispute the answer
dispute-field = Why do you disagree with the answer?
dispute-hint = Within 30 days of the answer. The appeal is reopened and goes to the higher body (Administrative Procedural Code, Art. 91).
dispute-submit = Dispute the answer
event-rated = Answer rated
event-disputed = Answer disputed
event-escalated = Overdue: escalated

## Forwarding
forward-title = Forward to another body
forward-field-institution = The body competent to answer
forward-field-reason = Why it is not ours to answer
forward-hint = An appeal outside the body's competence is forwarded within 3 working days of registration (Administrative Procedural Code, Art. 76). The applicant is told.
forward-submit = Forward
forward-institution = Choose the body to forward the appeal to (another than the current one).
forward-reason = Give the reason for forwarding.
event-forwarded = Forwarded to another body

## API tokens
tokens-title = API tokens
tokens-lead = A token lets a staff member's own software use the API as that person, without a password. It is shown once; revoke it when it is no longer needed.
tokens-owner = Staff member's e-mail address
tokens-name = What the token is for
tokens-issue = Issue a token
tokens-issued = Copy the token now: it is shown only once.
tokens-revoke = Revoke
tokens-revoked = revoked
tokens-bad = Give the e-mail address of a staff member and what the token is for.

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

## Assignment and notes
assign-title = Assign
assign-field = Assigned to
assign-submit = Assign
assign-bad = Choose an officer of this institution.
note-title = Internal note
note-field = Note
note-hint = Seen by staff only, never by the applicant.
note-submit = Add the note
note-required = Write the note before adding it.
inbox-mine = Assigned to me
answer-not-sent = Your text was not sent; it is kept here so that nothing is lost:
inbox-search = Search (word forms match)

## Attachments
field-files = Files (if you wish)
files-hint = Photos (JPEG, PNG, WebP), PDF or office documents; up to 5 files of 10 MB each. Hidden data in them (place, author) is removed before they are kept.
files-again = Please choose your files again: they are kept only once the appeal is sent.
file-too-large = «{ $name }» is larger than { $max } MB.
file-forbidden = «{ $name }» is not a photo, PDF or office document.
file-empty = «{ $name }» is empty.
file-too-many = { $count ->
    [one] Attach at most { $count } file.
   *[other] Attach at most { $count } files.
}
staff-files = Attached files
add-info-title = Add information
add-info-field = What would you like to add?
add-info-submit = Send
event-information-added = Information added
bulk-choose = Choose
bulk-officer = Assign the chosen appeals to
bulk-submit = Assign the chosen
bulk-assigned = { $count ->
    [one] { $count } appeal assigned.
   *[other] { $count } appeals assigned.
}
templates-title = Answer templates
templates-lead = Templates start an answer: the officer picks one on the appeal's page and completes it before sending.
templates-add = Add a template
templates-name = Name of the template
templates-bad = Choose the institution and the language, and give the name and the text.
templates-use = Start from a template
templates-use-submit = Use
institution-search = Find a body by name
institution-find = Find
institution-found = { $count ->
    [one] { $count } body found: choose it below.
   *[other] { $count } bodies found: choose one below.
}
inbox-soon = Due within 3 working days
my-appeals-title = My appeals
my-appeals-none = You have not filed an appeal with your name while signed in.
event-closed = Closed

## Transparency log
transparency-title = Transparency log
transparency-lead = Every step of every appeal, and every change to the calendar, the routing rules and the roles, is written to a public append-only log in the same transaction as the change itself. Anyone can check that nothing was deleted or rewritten.
transparency-proves-title = What the log proves
transparency-proves-1 = An appeal that got a receipt is in the log; it cannot be removed later without the signed checkpoints showing it.
transparency-proves-2 = The history of an appeal (registered, assigned, answered, extended…) cannot be rewritten, reordered or backdated silently: each step is a leaf, and each checkpoint is signed and checked by independent witnesses.
transparency-proves-3 = Hiding content or erasing personal data leaves a public trace with its reason.
transparency-proves-4 = Where every appeal stands now (status, institution, assignee, due date and files) is what its logged steps say: each step commits to the appeal's state after it, and `adaldyq log verify` names every difference.
transparency-cannot-title = What it cannot prove
transparency-cannot-1 = That an answer is correct or fair: the log records that it was given, not what is right.
transparency-cannot-2 = What an appeal says: leaves carry no personal data and no text, only a salted hash of the content.
transparency-cannot-3 = That an appeal which never got a receipt was received: keep your receipt.
transparency-cannot-4 = When a corruption report was filed, to the second: its entries show the hour only, so an institution cannot match a report against its own network records. Someone who watches the log grow live still sees roughly when an entry appeared.
transparency-key-title = The log's public key
transparency-key-lead = Checkpoints are signed with this key (C2SP signed-note, Ed25519). Compare it with the key published by the akimat.
transparency-checkpoint-title = Latest checkpoint
transparency-size = Entries in the log
transparency-witnesses = Cosigned by witnesses
transparency-no-witnesses = No witness has cosigned this checkpoint yet.
transparency-no-checkpoint = No checkpoint has been signed yet.
transparency-how-title = How to check
transparency-how-receipt = Check a downloaded receipt against the log (inclusion, then consistency with the latest checkpoint):
transparency-how-log = Rebuild the whole tree from the public entries and check the latest checkpoint:
transparency-how-witness = Run an independent witness that cosigns only consistent checkpoints:
transparency-how-api = Or use the public API:
log-title = Public log entry
log-entry = Entry number in the public log
log-pending = The proof that your appeal is in the public log will be ready within a few seconds: download the receipt or open the track page again.
log-verified-server = The server gives this proof; your browser checks it when JavaScript runs.
log-proof = Proof for the checkpoint of size
log-verify-ok = Checked in your browser: this appeal is in the signed public log.
log-verify-failed = Your browser could not confirm the proof. Keep your receipt and check it with the command on the transparency page.
log-verify-unsupported = Your browser cannot check signatures; use the command on the transparency page.
log-more = About the transparency log
event-hidden = Content hidden
event-erased = Personal data erased
event-attachments-deleted = Files deleted (retention period over)
event-term-recomputed = Due date recalculated after a change of the working-day calendar
kato-parent-cycle = Line { $line }: the unit { $value } is among its own parents.

## files
file-heif = «{ $name }» is a HEIC photo: its hidden data (where and on what it was taken) cannot be removed here. Save it as JPEG (on an iPhone: Settings → Camera → Formats → Most Compatible) and choose it again.
file-legacy-office = «{ $name }» is an old Word, Excel or PowerPoint file (.doc, .xls, .ppt), which keeps its author's name where it cannot be removed. Save it as .docx, .xlsx, .pptx or PDF and choose it again.
file-unreadable = «{ $name }» cannot be read as the photo or document it appears to be, so its hidden data cannot be removed. Check that it opens, save it again and choose it again.
## calendar
calendar-rules-note = A year whose government decree on days off is not entered yet is counted by the rules: the public holidays, a holiday that falls on a Saturday or Sunday moved to the next working day, and 7 January. Kurban Ait (its date is announced each year) and the decree's transfers count only once the decree is entered, so dates in such a year may still move.
calendar-decree-missing = The decree on days off for { $year } is not entered: deadlines in { $year } are counted by the rules only, without Kurban Ait and without the decree's transfers. Enter the whole year here as soon as the decree is published.
calendar-rule-years = Years counted by the rules (no decree entered):
calendar-years-all = every year
calendar-years-until = up to { $year }
calendar-years-from = { $year } and later
calendar-rules-rows = The rows the rules give for { $year }: copy them into the calendar, add Kurban Ait and the decree's transfers, then save.
calendar-error-missing-rule-day = { $value } ({ $reason }) is a day off by the rules but is missing from its year. A year with rows follows them alone: enter the whole year, its holidays included.
due-by-rules = days off in { $year } by the rules (the decree for { $year } is not entered yet)
## websec
sign-in-throttled = { $count ->
    [one] Too many attempts to sign in with this e-mail address. Try again in { $count } minute.
   *[other] Too many attempts to sign in with this e-mail address. Try again in { $count } minutes.
}
sign-in-throttled-hint = If you have turned on the second step, you can sign in now: enter the six-digit code from your authenticator app together with your password. On a device you have signed in from before, your password works as usual.
## hygiene
problem-control-characters = { $field }: this holds control characters (such as NUL), perhaps pasted from another program. Remove them and send again; ordinary text, tabs and new lines are fine.
problem-invisible = { $field }: write something visible; spaces and invisible characters alone are not enough.
problem-address-control-characters = The part “{ $name }” of the address holds control characters (such as NUL). Check the link you followed.
field-answer = Answer
field-question = Your question
field-reason = Reason for the extension
field-forward-reason = Reason for forwarding
field-note = Note
kato-control-characters = Line { $line }: the column { $value } holds control characters (such as NUL).
kato-name-too-long = Line { $line }: a name is longer than { $value } characters.
kato-name-formula = Line { $line }: the name “{ $value }” starts with =, +, - or @, which spreadsheets run as a formula.

## openapi
api-parameter-kato = The parameter “{ $name }” must be a KATO code: 9 digits.
api-parameter-choice = The parameter “{ $name }” must be one of: { $choices }.
api-parameter-range = The parameter “{ $name }” must be a whole number from { $min } to { $max }.
## receipt
receipt-once-title = The secret was shown only once
receipt-once = The secret of a receipt is shown only once, on the page that opens right after the appeal is sent. It is not stored anywhere, so it cannot be shown again.
receipt-once-number = The receipt number is at the top of the receipt page, on the printed or downloaded receipt, and in its QR code.
receipt-once-lost = If you have lost the secret, contact the receiving body and give it the receipt number, or file the appeal again and keep the new secret.
receipt-qr-address = Without a camera, open this address:
track-secret-hint = Capital or small letters, spaces and dashes do not matter; O reads as 0, and I or L as 1.
track-number-hint = With or without dashes, for example 43-2026-000123.

## sizes
file-size-kb = { $count } KB

## notices (issue 12): what applicants are sent, and the administrator's page
notice-registered-subject = Appeal { $number } registered
notice-registered-body = Your appeal has been registered under the number { $number }. The answer is due by { $due }.
notice-registered-sms = No. { $number } registered, answer by { $due }
notice-forwarded-subject = Appeal { $number } forwarded to another body
notice-forwarded-body = Your appeal { $number } is outside the competence of the body that received it, so it has been forwarded to: { $to }. That body will answer it.
notice-forwarded-sms = No. { $number } forwarded to another body
notice-clarification-subject = Appeal { $number }: a clarification is asked
notice-clarification-body = The officer handling your appeal { $number } asks you for a clarification. The question and the form for your answer are on the tracking page; the term is paused until you answer.
notice-clarification-sms = No. { $number }: clarification asked
notice-extended-subject = Appeal { $number }: the term is extended
notice-extended-body = The term for answering your appeal { $number } has been extended to { $due }.
notice-extended-sms = No. { $number }: term extended to { $due }
notice-reason = Reason: { $reason }
notice-answered-subject = Appeal { $number } answered
notice-answered-body = Your appeal { $number } has been answered. Read the answer on the tracking page; if you disagree with it, you can dispute it there.
notice-answered-sms = No. { $number } answered
notice-escalated-subject = Appeal { $number } passed to the higher body
notice-escalated-body = Your appeal { $number } was not answered in time, so it has been passed to the higher body (Article 91 of the Administrative Procedural Code).
notice-escalated-sms = No. { $number } escalated to the higher body
notice-disputed-subject = Appeal { $number }: your dispute is received
notice-disputed-body = Your dispute of the answer to appeal { $number } has been received and sent to the higher body for review.
notice-disputed-sms = No. { $number }: your dispute received
notice-assigned-subject = Appeal { $number } assigned to an officer
notice-assigned-body = An officer has been assigned to your appeal { $number }.
notice-assigned-sms = No. { $number } assigned to an officer
notice-other-subject = Appeal { $number }: news
notice-other-body = There is news on your appeal { $number }.
notice-other-sms = No. { $number }: news
notice-follow = Follow your appeal at { $link }: you will need the secret from your receipt.
notice-follow-here = Follow your appeal on the site's tracking page with its number { $number } and the secret from your receipt.
notice-automatic = This message was sent automatically; there is no need to reply to it.
notices-title = Notices
notices-lead = Notices to applicants leave by e-mail and SMS. A notice that cannot be sent is tried again later, each time after a longer wait; after { $tries } tries it is given up on and listed here.
notices-queue = The queue
notices-queued = Waiting to be sent
notices-oldest = Oldest waiting since
notices-failing = Waiting after a failed try
notices-dead = Given up on
notices-sent = Sent
notices-channels = Channels
notices-email = E-mail (SMTP)
notices-sms = SMS (HTTP gateway)
notices-configured = Configured
notices-not-configured = Not configured: these notices wait in the queue until it is set up
notices-problems = Failures and notices given up on
notices-none = No failed notices.
notices-col-appeal = Appeal
notices-col-kind = Notice
notices-col-channel = Channel
notices-col-recipient = Recipient
notices-col-tries = Tries
notices-col-error = Reason
notices-col-state = State
notices-state-dead = Given up on { $date }
notices-state-retry = Next try { $date }
notices-retry = Send again
notices-retried = The notice will be sent again shortly.
notices-retry-gone = This notice cannot be sent again: it was sent meanwhile, or its recipient was erased.
