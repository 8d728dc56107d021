## The frame of every page
platform-name = Adaldyq
platform-tagline = Appeals and corruption reports to the state bodies of the region, answered within the legal deadline and recorded in a public log, in Kazakh, Russian and English.
skip-to-content = Skip to the content
nav-account = Account
nav-staff = Workspace
nav-sign-in = Sign in
nav-sign-out = Sign out
nav-language = Language
footer-about = Adaldyq is open-source software. Every appeal and every change of its status is written to a public, verifiable log.

## Home
home-title = Write to a state body and get an answer on time
home-lead = Write to any state body of the region: an akimat, a department or a public service. Your appeal is registered on the day it arrives and must be answered within 15 working days.
way-file = File an appeal or a report
way-track = Track your appeal
way-open-data = Open data
way-transparency = The transparency log
home-programme = The programme
home-programme-text = Adaldyq was built for programmes such as Kyzylorda region's «Aqmeşıt — adaldyq alañy» (“Aqmeshit, a place of integrity”), which set out to make local government work in the open.

## Errors
error-title = Something went wrong
error-home = Go to the home page
error-bad-request = The request could not be understood. Check the address and try again.
error-sign-in-required = Please sign in to continue.
error-forbidden = You do not have access to this page.
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
territories-lead = Paste a KATO classifier extract as CSV. New territories are added and existing ones renamed; if any line is wrong, nothing changes.
territories-field = KATO CSV
territories-submit = Load
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
appeal-contact = Your contact details (for an appeal with your name)
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
track-error-number = Enter the receipt number, for example 43-2026-000123
track-error-secret = Enter the secret from your receipt
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
due-registered = The appeal was registered on { $date }.
due-skipped = { $count ->
    [one] { $days } is a day off ({ $reasons }) and is not counted.
   *[other] { $days } are days off ({ $reasons }) and are not counted.
}
due-on = The answer is due by { $date }.
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
inbox-next = Later due dates
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
# The comment named in an error message, without "(if you wish)".
rate-comment-name = Comment
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
institution-find = Find
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
due-by-rules = The days off of { $year } are taken from the rules: the government decree for { $year } is not entered yet, so the date may still move.
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

## words: the home page, open data, error pages
home-file-hint = A complaint, a proposal, a request for information or a report of corruption, with your name or anonymously. You do not need an account.
home-track-title = Already sent an appeal?
home-track-text = Enter the number and the secret from your receipt to see where your appeal is and to read the answer.
home-more = More on this site
way-calendar-text = Work out when an answer is due, counting working days and public holidays.
way-open-data-text = What this site publishes for anyone to reuse, and how to get it.
way-transparency-text = Every step of every appeal is recorded in a public log that anyone can check.
home-account-title = Do I need an account?
home-account-text = No. You can send an appeal and follow it without an account: the number and the secret on your receipt are all you need, so keep them safe.
home-staff-text = Staff of state bodies and project offices get their accounts from the administrator of this site; you cannot sign up yourself. If you have an account, use “Sign in” at the top of the page.
open-data-title = Open data
open-data-lead = This site publishes the reference data it works with, and a public log of what happens to every appeal, for anyone to reuse.
open-data-no-personal = Nothing published identifies a person: there are no names, no contact details and no texts of appeals.
open-data-what = What is published
open-data-territories = Territories
open-data-territories-text = The region's territories by the KATO classifier: code, the code of the territory above, level, kind, the names in Kazakh and Russian, and whether appeals can be sent there.
open-data-territories-updated = When an administrator loads a new KATO extract. An answer may be up to 5 minutes old.
open-data-institutions = State bodies
open-data-institutions-text = The bodies that receive appeals: number, names in Kazakh, Russian and English, and the KATO code of their territory. To get the bodies of one territory and those under it, give its KATO code as in the second example.
open-data-institutions-updated = At once, whenever an administrator changes the list.
open-data-due = Due dates
open-data-due-text = When an appeal received at a given date and time is registered and must be answered, by Kazakhstan's working-day calendar. Give the date and time in Kyzylorda time, and the term in working days (15 if left out).
open-data-due-updated = Worked out on each request, from the current calendar.
open-data-log = The transparency log
open-data-log-text = Each step of each appeal is an entry in a signed log that can only grow: the latest checkpoint, the entries and the proofs. What the log proves, and how to check it, is explained here:
open-data-log-updated = A new signed checkpoint every second while there are new entries.
open-data-updated = How often it changes:
open-data-formats = Formats
open-data-formats-text = The data come as JSON in UTF-8, described field by field in the OpenAPI 3.1 document. The log's key and checkpoints are plain text in the C2SP signed-note format.
open-data-access = You need no account and no key.
open-data-licence = Licence
open-data-licence-text = You may copy, share and reuse the data for any purpose, commercial use included, under the Creative Commons Attribution 4.0 International licence (CC BY 4.0): name this site as the source.
open-data-code-licence = The software behind this site is free: its source code is published under the GNU AGPL, version 3 or later.
error-not-found-title = Page not found
error-forbidden-title = No access
error-forbidden-signed-in = You are signed in, but your role does not allow this. If your work needs it, ask the administrator of this site to give your account the role that does.
error-workspace = Go to your workspace
error-form-expired-title = The form has expired
error-form-expired = This form could not be accepted: it was opened before you signed in or out (perhaps in another tab), or it was sent from another site. Go back: what you typed is still in the form. Then reload the page and send the form again; if the text is long, copy it before you reload.

## track: due dates in words, rating and dispute, the proof
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
due-day = { $date } ({ $weekday })
due-arrived-after-hours = The appeal arrived on { $date } at { $time }, after the working day had ended ({ $close }), so it was registered on the next working day, { $registered }.
due-arrived-weekend = The appeal arrived on { $date }, a weekend day, so it was registered on the next working day, { $registered }.
due-arrived-day-off = The appeal arrived on { $date }, a day off ({ $dayoff }), so it was registered on the next working day, { $registered }.
due-term = { $count ->
    [one] The term is { $count } working day, counted from the next working day, { $first }; Saturdays, Sundays and days off are not counted.
   *[other] The term is { $count } working days, counted from the next working day, { $first }; Saturdays, Sundays and days off are not counted.
}
due-carried = { $holiday }, moved from { $date }
due-worked-weekend = { $date } is a working day by government decree and is counted.
due-moved-extended = On { $on } the { $who } extended the term from { $from } to { $to }. Reason: { $reason }
due-moved-clarification = { $count ->
    [one] On { $asked } the body asked you to clarify the appeal; the term stood still for { $count } working day until your answer on { $on }, so the due date moved from { $from } to { $to }.
   *[other] On { $asked } the body asked you to clarify the appeal; the term stood still for { $count } working days until your answer on { $on }, so the due date moved from { $from } to { $to }.
}
due-moved-disputed = { $count ->
    [one] On { $on } you disputed the answer. The appeal went to the higher body, { $body }, with a new term of { $count } working day from the dispute: the answer is now due by { $to } (it was { $from }).
   *[other] On { $on } you disputed the answer. The appeal went to the higher body, { $body }, with a new term of { $count } working days from the dispute: the answer is now due by { $to } (it was { $from }).
}
due-moved-disputed-same = { $count ->
    [one] On { $on } you disputed the answer. The same body considers the appeal again, with a new term of { $count } working day from the dispute: the answer is now due by { $to } (it was { $from }).
   *[other] On { $on } you disputed the answer. The same body considers the appeal again, with a new term of { $count } working days from the dispute: the answer is now due by { $to } (it was { $from }).
}
due-moved-calendar = On { $on } the { $who } changed the working-day calendar, so the due date moved from { $from } to { $to }.
status-handled-by = Handled by
track-error-title = Error: { $title }
rate-choose = Choose how useful the answer was, from 1 to 5.
dispute-required = Write why you disagree with the answer.
rate-not-now = This answer can no longer be rated.
rate-already = This answer has already been rated: an answer is rated once.
dispute-not-now = This answer can no longer be disputed: the 30 days after the answer are over, or it has been disputed already.
info-not-now = Information can no longer be added: the appeal is not being considered now.
info-files-refused = The files could not be added: check their number, size and type (see the hint under the field).
done-title = Done
done-rated = Thank you: your rating of the answer to appeal { $number } is recorded.
done-disputed = Your dispute of the answer to appeal { $number } is recorded.
done-information = Your information for appeal { $number } is recorded.
done-clarified = Your clarification for appeal { $number } is recorded and the body is considering the appeal again.
done-handled-by = The appeal is now handled by { $body }.
done-due = The answer is due by { $date }.
done-see-again = To see the whole appeal again, enter your secret below: it is not kept in the address of this page, so nobody who sees your browser history can open your appeal.
done-expired = This confirmation is no longer shown (it is kept for 15 minutes). Enter your number and secret to see the appeal.
proof-nojs = This filing is recorded in the public log. To check it yourself, download your receipt and follow the steps on the transparency page.
proof-ok = This filing is recorded in the public log; your browser checked it.
proof-failed = Your browser could not confirm that this filing is in the public log. Keep your receipt and check it with the steps on the transparency page.
proof-unsupported = This filing is recorded in the public log, but your browser cannot check signatures: follow the steps on the transparency page to check it.
proof-details = Technical details of the proof
proof-leaf-index = Entry number (leaf index)
proof-leaf-hash = Leaf hash (SHA-256)
proof-tree-size = Tree size
proof-inclusion = Inclusion proof
proof-note = Signed checkpoint (note)
proof-how = How to check the log yourself

## administrator's pages (calendar editor, territory import, tables, labels)
admin-error-title = Error: { $title }
admin-line = Line { $line }: { $problem }
admin-lines-counted = Lines are counted from the top of the text: the header is line 1, and blank lines and notes count too.
admin-weekday-1 = Monday
admin-weekday-2 = Tuesday
admin-weekday-3 = Wednesday
admin-weekday-4 = Thursday
admin-weekday-5 = Friday
admin-weekday-6 = Saturday
admin-weekday-7 = Sunday
admin-day-off = Day off
admin-day-working = Working day
admin-days-caption = Weekdays off and weekend days worked in { $year }
admin-days-by-rules = No decree is entered for { $year }: these are its days off by the rules alone.
admin-days-years = Years
admin-days-as-checked = The table shows the year as the checked text would make it; nothing is saved yet.
admin-days-date = Date
admin-days-weekday = Day of the week
admin-days-kind = Kind of day
admin-days-reason = Reason
admin-cal-edit-heading = Edit the calendar
admin-cal-hint = One day a line: the date, true for a weekend day worked or false for a weekday off, and the reason. Check the text first: you will see which due dates move before anything is saved.
admin-cal-check = Check the changes
admin-cal-refused = { $count ->
    [one] Nothing was saved: the calendar has { $count } error.
   *[other] Nothing was saved: the calendar has { $count } errors.
}
admin-cal-bad-header = the first line must be the header date,working,reason.
admin-cal-unreadable = the line cannot be read (is a quotation mark left open?).
admin-cal-field-count = a line needs 3 values (date, working, reason), but this one has { $value }.
admin-cal-not-a-date = { $value } is not a date (write dates as 2027-03-22).
admin-cal-not-a-flag = “{ $value }” must be true (a weekend day worked) or false (a weekday off).
admin-cal-unknown-reason = “{ $value }” is not one of the reasons: { $known }.
admin-cal-duplicate = { $value } is already listed on line { $first }.
admin-cal-working-weekday = { $value } is a { $weekday }, a working day anyway: list a weekday only when it is a day off (false).
admin-cal-weekend-off = { $value } is a { $weekday }, a day off anyway: list a weekend day only when it is worked (true, working_weekend).
admin-cal-worked-day-off = { $value }: the reason working_weekend is only for a weekend day worked (true).
admin-cal-day-off-worked = { $value }: a weekend day worked takes the reason working_weekend, not “{ $reason }”.
admin-cal-missing-rule-day = { $value } ({ $reason }) is a day off by the rules but is missing from its year. A year with rows follows them alone: enter the whole year, its holidays included.
admin-cal-preview-heading = Check before saving
admin-cal-preview-summary = { $count ->
    [0] The text is correct. Saving it moves no open appeal's due date.
    [one] The text is correct. Saving it moves the due date of { $count } open appeal:
   *[other] The text is correct. Saving it moves the due dates of { $count } open appeals:
}
admin-cal-moves-caption = Due dates that move
admin-cal-due-now = Due now
admin-cal-due-after = Due after saving
admin-cal-preview-then = Nothing is saved yet. Saving puts the calendar in force at once, and each move is recorded in its appeal's history. To change the text, edit it below and check it again.
admin-cal-preview-changed = The text was changed after it was checked, so nothing was saved. Here is what the new text moves: save again if it is right.
admin-cal-saved = { $count ->
    [0] The calendar is saved. No open appeal's due date moved.
    [one] The calendar is saved. The due date of { $count } open appeal moved.
   *[other] The calendar is saved. The due dates of { $count } open appeals moved.
}
territories-held = { $count ->
    [one] The territory tree holds { $count } unit.
   *[other] The territory tree holds { $count } units.
}
territories-hint = One unit a line, after the header:
territories-refused-lines = { $count ->
    [one] Nothing was changed: the file has { $count } error.
   *[other] Nothing was changed: the file has { $count } errors.
}
territories-nothing-changed = { $count ->
    [one] Nothing changed: the unit in the file is already in the tree, with the same name and place.
   *[other] Nothing changed: all { $count } units in the file are already in the tree, with the same names and places.
}
territories-saved = Saved: { $changes }.
territories-list-separator = {", "}
territories-added = { $count } added
territories-renamed = { $count } renamed
territories-moved = { $count } moved
territories-unchanged = { $count } unchanged
routing-field-category = Category
routing-field-territory = Territory
routing-field-institution = Institution that receives the appeals
routing-field-kind = Kind of appeal
tokens-list = Issued tokens
tokens-status = Status
users-name = Name
users-email = E-mail address

## Filing form: questions first, check your answers, place search, receipt (issue 11)
filing-title-error = Error:
filing-step-1 = Step 1 of 3
filing-step-2 = Step 2 of 3
filing-step-3 = Step 3 of 3
filing-who-question = Will you write with your name, or anonymously?
filing-who = With your name or anonymously
filing-named = With my name
filing-named-hint = You give your name and an e-mail address or a phone number; only those who handle the appeal see them. The filer of a corruption report is never shown to the institution the report is about.
filing-anonymous = Anonymously
filing-anonymous-hint = You leave no name, address or contact, and nothing links the appeal to you or your device. Nobody can ask you questions directly: you follow the appeal with its receipt number and secret.
filing-kind-hint-complaint = A state body or an official harmed your rights or interests, by acting or by failing to act.
filing-kind-hint-corruption-report = An official asked for or took a bribe, or used their post for personal gain.
filing-kind-hint-proposal = An idea to improve how a state body, your village or district works.
filing-kind-hint-information-request = You want information that a state body holds.
filing-kind-hint-service-quality = A public service was slow, refused or badly given.
filing-continue = Continue
filing-change = Change
filing-details-title = About your appeal
filing-check-title = Check your answers before sending
filing-check-none = Not given
filing-check-next = Now send your appeal
filing-check-next-text = It is registered at once, and you get a receipt with its number and secret.
filing-files-again = Your files were not kept: choose them again on the last page, just before sending.
filing-files-hint = Files are chosen here, just before sending, and kept only once the appeal is sent.
filing-place-legend = Where, and to which body?
filing-place-search = Find your village, rural district or district, or a body by its name
filing-place-search-hint = For example: Amanötkel, or Aral. The lists below then show only what matches.
filing-place-found = { $count ->
    [0] No place matches.
    [1] One place found, and chosen.
   *[other] { $count } places found: choose yours below.
}
filing-body-found = { $count ->
    [1] One body found by its name, and chosen.
   *[other] { $count } bodies found by their name: choose one below.
}
filing-place-none = Nothing was found for “{ $query }”. Check the spelling, or choose from the full lists below.
filing-place-clear = Show every place and body again
filing-place-matches = Places found
filing-place-label = Place (village, rural district or district)
filing-body-label = Body
filing-iin-label = IIN
filing-contact-hint = Give your name and an e-mail address or a phone number. Only those who handle the appeal see them; the filer of a corruption report is never shown to the institution it is about.
filing-error-anonymous = Choose whether you write with your name or anonymously
filing-error-kind = Choose the kind of appeal
filing-error-category = Choose a category of this kind of appeal, or “No category / not sure”
filing-error-territory = Choose the place your appeal is about
filing-error-territory-unknown = Appeals cannot be filed for this place: choose another one from the list
filing-error-institution = This body does not serve the chosen place: choose another one, or “I do not know”
filing-error-subject = Enter the subject of your appeal
filing-error-subject-long = The subject must be 200 characters or fewer
filing-error-text = Write your appeal
filing-error-text-long = The appeal must be 20,000 characters or fewer
filing-error-language = Choose the language of the appeal and of the answer
filing-error-name = Enter your name
filing-error-name-long = The name must be 200 characters or fewer
filing-error-email = Enter an e-mail address in the right form, like name@example.kz
filing-error-contact = Enter an e-mail address or a phone number, so that the body can contact you
filing-error-phone = Enter a Kazakhstan phone number, like +7 701 123 45 67
filing-error-iin = Enter the IIN as the 12 digits on your identity card: this number’s check digit does not fit
filing-name-anonymous = With your name or anonymously
filing-name-kind = Kind of appeal
filing-name-category = Category
filing-name-territory = Place
filing-name-institution = Body
filing-name-subject = Subject
filing-name-text = Your appeal
filing-name-language = Language
filing-name-name = Name
filing-name-email = E-mail address
filing-name-phone = Phone
filing-name-iin = IIN
receipt-how-title = How you will get the answer
receipt-how = The answer will appear on the tracking page: open it with the receipt number and the secret above (the QR code opens it with the number).
receipt-how-email = At each step (registered, sent on to another body, term extended, answered) we will write to { $email }; the messages never hold the secret.
receipt-how-sms = At each step we will also send an SMS to { $phone }.
receipt-how-none = Nothing is sent to you by e-mail or SMS, so come back to that page by the due date.
receipt-how-mine = You are signed in, so this appeal is also listed, with its status, under

## staff: the inbox and the appeal page (issue 11, points 10 and 11)
inbox-tallies = Today's work
inbox-tally-new = New, not assigned yet
inbox-tally-soon = Due within 3 working days
inbox-tally-overdue = Overdue
inbox-filters = Filter the list
inbox-open = Waiting for an answer
inbox-every-status = All, answered ones included
inbox-count = { $count ->
    [one] { $count } appeal matches.
   *[other] { $count } appeals match.
}
inbox-count-more = More than { $count } appeals match.
inbox-sorted = Sorted by due date, soonest first.
inbox-days-left = Working days left
days-left = { $count ->
    [one] { $count } working day left
   *[other] { $count } working days left
}
days-due-today = Due today
days-overdue = { $count ->
    [one] { $count } working day overdue
   *[other] { $count } working days overdue
}
days-not-running = The term no longer runs
staff-appeal-text = Text of the appeal
next-appeal = Next appeal:
templates-insert = Insert the template
templates-insert-hint = The template is added to what you have written; nothing is replaced.
templates-inserted = The template was inserted into the answer.
flash-answered = The answer to appeal { $number } was sent; the applicant is told.
flash-clarified = Your question on appeal { $number } was sent to the applicant; the term stops until they answer.
flash-forwarded = Appeal { $number } was forwarded to another body; the applicant is told.
flash-noted = The internal note was added to appeal { $number }.
flash-extended = The term of appeal { $number } was extended; the applicant is told.
flash-assigned = Appeal { $number } was assigned.
staff-kind = Kind
staff-territory = Territory
staff-answer-files = Documents sent with the answer (optional)

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
notice-assigned-subject = Appeal { $number } assigned to you
notice-assigned-body = You have been assigned appeal { $number }. The answer is due by { $due }.
notice-assigned-sms = No. { $number } assigned to you
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

## the templates page: its own label, not the citizen's "(if you know)"
templates-field-institution = Institution whose template it is

## due-date sentences as staff read them: the applicant in the third person
due-moved-clarification-staff = { $count ->
    [one] On { $asked } the body asked the applicant to clarify the appeal; the term stood still for { $count } working day until the applicant's answer on { $on }, so the due date moved from { $from } to { $to }.
   *[other] On { $asked } the body asked the applicant to clarify the appeal; the term stood still for { $count } working days until the applicant's answer on { $on }, so the due date moved from { $from } to { $to }.
}
due-moved-disputed-staff = { $count ->
    [one] On { $on } the applicant disputed the answer. The appeal went to the higher body, { $body }, with a new term of { $count } working day from the dispute: the answer is now due by { $to } (it was { $from }).
   *[other] On { $on } the applicant disputed the answer. The appeal went to the higher body, { $body }, with a new term of { $count } working days from the dispute: the answer is now due by { $to } (it was { $from }).
}
due-moved-disputed-same-staff = { $count ->
    [one] On { $on } the applicant disputed the answer. The same body considers the appeal again, with a new term of { $count } working day from the dispute: the answer is now due by { $to } (it was { $from }).
   *[other] On { $on } the applicant disputed the answer. The same body considers the appeal again, with a new term of { $count } working days from the dispute: the answer is now due by { $to } (it was { $from }).
}

## Receptions, the public side: the list and month calendar, a reception's page, the working groups, the programme, the feeds
way-receptions = Public receptions
way-receptions-text = Meet the heads of institutions and akims in your rural district: when and where, and book a place.
receptions-title = Public receptions
receptions-lead = Heads of institutions and akims receive citizens in every rural district. Choose a reception, see when and where it is held, and book a place.
receptions-programme-link = The programme's working groups by district
receptions-filters = Find a reception
receptions-district = District
receptions-rural = Rural district
receptions-institution = Institution
receptions-all = All
receptions-from = From (date)
receptions-to = To (date)
receptions-month = Month
receptions-filter-submit = Show receptions
receptions-views = How to show them
receptions-view-list = List
receptions-view-month = Month calendar
receptions-months = Months
receptions-previous-month = Previous month
receptions-next-month = Next month
receptions-none = No receptions match these filters.
receptions-count = { $count ->
    [one] { $count } reception
   *[other] { $count } receptions
}
receptions-shown-from = { $count } from { $from } on.
receptions-shown-range = { $count } from { $from } to { $to }.
receptions-bad-date = Enter a date such as 01.03.2026
receptions-bad-range = The end date must be the same as the start date or later
receptions-bad-month = Enter a month as year and month, such as 2026-03
receptions-error-title = Error: { $title }
receptions-feeds-heading = Follow these receptions
receptions-feeds-hint = Add a calendar to the calendar of your phone or computer, or follow new receptions in a feed reader: changes and cancellations reach you by themselves.
receptions-feed-new = New receptions (news feed)
receptions-feed-territory = Calendar of receptions: { $place }
receptions-feed-host = Calendar of receptions held by { $host }
reception-title = Public reception: { $host }
reception-month-1 = January
reception-month-2 = February
reception-month-3 = March
reception-month-4 = April
reception-month-5 = May
reception-month-6 = June
reception-month-7 = July
reception-month-8 = August
reception-month-9 = September
reception-month-10 = October
reception-month-11 = November
reception-month-12 = December
reception-status-planned = Planned
reception-status-open = Open for booking
reception-status-held = Held
reception-status-cancelled = Cancelled
reception-status-postponed = Moved to another time
reception-when = When
reception-where = Where
reception-how = How
reception-host = Receives
reception-co-host = Also receives
reception-territory = Rural district
reception-topics = Topics
reception-languages = Languages
reception-accessibility = Access to the place
reception-accessibility-unknown = Not stated: ask the working group
reception-status = Status
reception-reason = Reason
reception-local-time = Qyzylorda time
reception-online = Online
reception-online-link = Link to join
reception-online-link-booked = Sent only to people who booked a place
reception-field-visit-to = Field visit: { $place }
reception-language-kk = Kazakh
reception-language-ru = Russian
reception-language-en = English
reception-cancelled-because = This reception is cancelled. Reason: { $reason }
reception-postponed-because = This reception has been moved to the time shown below. Reason: { $reason }. Places already booked are kept.
reception-no-reason = not given
reception-was-held = This reception has been held. Its summary is below.
reception-host-absent = The host did not come to this reception.
reception-booking-open = { $count ->
    [one] { $count } place left.
   *[other] { $count } places left.
}
reception-booking-not-yet = Booking opens on { $date } at { $time }.
reception-booking-waitlist = All places are taken: you can join the waiting list, and you will be told if a place frees up.
reception-join-waitlist = Join the waiting list
reception-booking-closed = Booking has closed.
reception-booking-full = All places are taken.
reception-book = Book a place
reception-summary = Summary of the reception
reception-summary-received = People received
reception-summary-questions = Questions raised
reception-summary-appeals = Questions registered as appeals
reception-summary-in-time = Of these, answered in time
reception-summary-note = Counts only: no one who came is named.
reception-group-link = The working group of this rural district
reception-all-link = All receptions
reception-seats-left = Places left: { $count }
group-contact = Contact the working group
group-members = Members
group-no-members = The members are not listed yet.
group-upcoming = Upcoming receptions
group-no-upcoming = No receptions are planned yet.
group-past = Past receptions
group-no-past = No receptions have been held yet.
group-past-summary = People received: { $received }; questions: { $questions }; registered as appeals: { $appeals }.
programme-lead = The programme's working groups hold public receptions with the officials concerned in every rural district.
programme-office = Project office
programme-groups = { $count ->
    [one] { $count } working group
   *[other] { $count } working groups
}
api-parameter-date = The parameter “{ $name }” must be a date written as YYYY-MM-DD, from 2000 to 2099.
api-parameter-not-before = The parameter “{ $name }” must not be before “{ $other }”.

## notices: the administrator's preview of every text; the notice of a due date the calendar moved
notice-recomputed-subject = Appeal { $number }: the due date has moved
notice-recomputed-body = The official calendar of working days and holidays has changed, so the term for answering your appeal { $number } has been counted again: the answer is now due by { $due }.
notice-recomputed-sms = No. { $number }: calendar changed, due { $due }
notices-preview-link = Read the texts of every notice, in every language
notices-preview-title = Texts of notices
notices-preview-lead = What applicants receive, for each kind of notice and in each language, exactly as it is sent: the e-mail's subject, its plain text and its formatted version, and the SMS. The facts in it are made up for the example.
notices-preview-back = Back to the notices' queue
notices-preview-kinds = Kind of notice
notices-preview-languages = Language of the notice
notices-preview-facts = Sample facts
notices-preview-fact-number = Appeal number
notices-preview-fact-due = Due date
notices-preview-fact-to = Body the appeal went to
notices-preview-fact-reason = Reason
notices-preview-subject = Subject of the e-mail
notices-preview-text = E-mail: plain text
notices-preview-html = E-mail: formatted version
notices-preview-html-note = Its source as it is sent; mail programs show it formatted, with the link to follow.
notices-preview-sms = SMS
notices-preview-sms-count = { $count ->
    [one] { $count } character
   *[other] { $count } characters
}
notices-preview-sms-fits = It fits in one SMS (up to 70 characters in Cyrillic).
notices-preview-sms-long = It is longer than one SMS (70 characters in Cyrillic), so it is sent in several parts.
notices-preview-sample-body = Akimat of the city of Kyzylorda
notices-preview-sample-reason = An on-site inspection is needed

## notices to staff, one's notice settings, the switch-off link (issue 12)
notice-escalated-to-you-subject = Appeal { $number } escalated to you
notice-escalated-to-you-body = Appeal { $number } has been escalated to you: it was not answered in time, or the applicant disputed the answer. The answer is due by { $due }.
notice-escalated-to-you-sms = No. { $number } escalated to you
notice-digest-subject = Appeals due within 3 working days: { $count }
notice-digest-body = Good morning. Open appeals waiting for you that are due by { $due }, overdue ones included: { $count }.
notice-digest-sms = Appeals due soon: { $count }
notice-digest-line = No. { $number }, due { $due }: { $subject }
notice-digest-line-bare = No. { $number }, due { $due }
notice-digest-more = and { $count } more in the workspace
notice-staff-follow = The workspace: { $link }
notice-staff-follow-here = Sign in to the site's workspace to see more.
notice-unsubscribe = You can switch off notices of this kind by e-mail here: { $link }
notice-kind-registered = Appeal registered
notice-kind-forwarded = Appeal forwarded to another body
notice-kind-clarification-requested = Clarification asked
notice-kind-extended = Term extended
notice-kind-answered = Appeal answered
notice-kind-escalated = Appeal passed to the higher body
notice-kind-disputed = Dispute of the answer received
notice-kind-assigned = An appeal assigned to you
notice-kind-escalated-to-you = An appeal escalated to you
notice-kind-digest = Morning list of appeals due within 3 working days
notice-channel-email = E-mail
notice-channel-sms = SMS
preferences-title = Notice settings
preferences-error-title = Error: { $title }
preferences-lead = Choose the language of the messages the platform sends you, the phone for SMS, and which optional notices reach you. Notices the law requires are always sent.
preferences-language = Language of your notices
preferences-phone = Mobile phone for SMS (if you wish)
preferences-phone-hint = A Kazakhstan number, such as +7 701 123 45 67. Leave it empty to get no SMS.
preferences-phone-hint-no-sms = A Kazakhstan number, such as +7 701 123 45 67. This server sends no SMS now; the number is used once it does.
preferences-no-channel = This server sends no e-mail or SMS now, so there is nothing to choose; your settings are kept for when it does.
preferences-staff = Notices about your work
preferences-applicant = Notices about appeals you file signed in
preferences-always = Always sent, as the law requires:
preferences-submit = Save settings
preferences-saved = Your notice settings are saved.
preferences-language-bad = Choose one of the languages in the list
preferences-phone-bad = Enter a Kazakhstan phone number, such as +7 701 123 45 67
unsubscribe-title = Stop these notices
unsubscribe-done-title = Notices stopped
unsubscribe-what = Notices: { $kind } ({ $channel }).
unsubscribe-submit = Stop these notices
unsubscribe-done = Done: you will not receive these notices any more.
unsubscribe-legal = Notices the law requires (the registration of an appeal, an extension of its term, its answer and others) are still sent.
unsubscribe-bad = This link is not valid: it may have been copied only in part.
unsubscribe-bad-next = Copy the whole link from the message, or sign in and choose your notices on your account page.
notices-preview-kind-escalated-to-you = Told of an escalation
notices-preview-kind-digest = Morning digest
notices-preview-sample-subject = Street lights in Aral

## Receptions: booking and the manage link (issue 13)
reception-book-title = Book a place at a reception
reception-book-error-title = Error: book a place at a reception
reception-book-heading = Book a place at a reception
reception-contact-hint = A phone or an e-mail is needed (one is enough): the booking's messages go there.
reception-field-name = Your name
reception-field-phone = Phone
reception-field-email = E-mail
reception-field-topic = What your question is about
reception-field-priority = Priority in the queue (optional)
reception-priority-hint = Only the people running the reception see it; it is never shown publicly.
reception-priority-none = None
reception-priority-veteran = Veteran
reception-priority-disability = Person with a disability
reception-priority-large-family = Large family
reception-field-slot = Time
reception-slot-first-free = The first free time
reception-seats-free = { $count ->
    [one] { $count } free place
   *[other] { $count } free places
}
reception-book-submit = Book
reception-error-name = Enter your name
reception-error-name-long = The name is too long
reception-error-contact = Enter a phone or an e-mail
reception-error-phone = Enter the phone as +7 701 234 56 78
reception-error-email = Enter the e-mail as name@example.kz
reception-error-topic = Say in a few words what your question is about
reception-error-topic-long = The topic is too long: make it shorter
reception-error-priority = Choose a priority from the list
reception-error-slot = Choose a time from the list
reception-booked-title = You are booked
reception-waitlisted-title = You are on the waiting list
reception-waitlisted-lead = Every place is taken. If someone gives theirs up, it goes to you and you are told.
reception-booked-again = This form was sent before: there is one booking.
reception-booking-code = Booking code
reception-your-time = Your time
reception-manage-link-heading = The link to manage your booking
reception-manage-link-keep = Keep this link: it is shown only once. With it you can cancel the booking or move it to another time.
reception-not-booked-title = This reception cannot be booked
reception-full-title = Every place is taken
reception-full-lead = There is no free place and the waiting list is full.
reception-next-free = The next free times
reception-no-free = There is no free time now.
reception-refused-not-found = There is no such reception.
reception-refused-cancelled = This reception was cancelled.
reception-refused-held = This reception has taken place.
reception-refused-started = This reception has started: booking is closed.
reception-refused-not-started = The reception has not started yet.
reception-refused-not-yet-open = Booking opens on { $at }.
reception-refused-closed = Booking closed on { $at }.
reception-refused-already-booked = You already have a place at this reception (with this phone or e-mail).
reception-refused-no-such-slot = That time is not one of this reception's: choose from the list.
reception-refused-not-active = This booking can no longer be changed.
reception-refused-key-reused = This form was used for another booking: reload the page and fill it in again.
reception-manage-title = Your booking
reception-manage-unknown-title = Booking not found
reception-manage-unknown = No booking was found for this link. Check that the whole link was copied.
reception-booking-state = State
reception-booking-booked = Booked
reception-booking-waitlisted = On the waiting list
reception-booking-cancelled = Cancelled
reception-booking-checked-in = Your arrival is recorded
reception-booking-received = Received
reception-booking-no-show = Did not come
reception-move-to = Move to another time
reception-move-submit = Move
reception-cancel-submit = Cancel the booking
reception-manage-cancelled = Your booking is cancelled. The place goes to someone else.
reception-manage-moved = Your time was moved.
reception-manage-slot-full = No place is left at that time: choose another.

## Notices to people booked at a reception (issue 12)
notice-booking-confirmed-subject = You are booked for a reception: code { $code }
notice-booking-confirmed-body = You are booked for a public reception. Host: { $host }. When: { $when }. Where: { $place }. Your booking code is { $code }: say it or show it at the reception.
notice-booking-confirmed-sms = Booked { $code }: { $when }
notice-booking-waitlisted-subject = You are on the waiting list: code { $code }
notice-booking-waitlisted-body = There is no free seat at the reception ({ $host }, { $when }, { $place }) now; you are on the waiting list with code { $code }. If someone cancels, the seat goes to you and we will tell you.
notice-booking-waitlisted-sms = { $code }: waiting list, { $when }
notice-booking-moved-subject = Booking { $code } moved
notice-booking-moved-body = Your booking { $code } for the reception ({ $host }) was moved. New time: { $when }. Where: { $place }.
notice-booking-moved-sms = { $code }: new time { $when }
notice-booking-cancelled-subject = Booking { $code } cancelled
notice-booking-cancelled-body = Your booking { $code } for the reception ({ $host }, { $when }) is cancelled and the seat is free again.
notice-booking-cancelled-sms = Booking { $code } cancelled
notice-reception-postponed-subject = Reception postponed: booking { $code }
notice-reception-postponed-body = The public reception ({ $host }) was postponed. New time: { $when }. Where: { $place }. Your booking { $code } is kept.
notice-reception-postponed-sms = Reception postponed: { $when }
notice-reception-cancelled-subject = Reception cancelled: booking { $code }
notice-reception-cancelled-body = The public reception ({ $host }, { $when }, { $place }) is cancelled. Your booking { $code } no longer holds.
notice-reception-cancelled-sms = Reception { $when } cancelled
notice-waitlist-promoted-subject = A seat is yours: code { $code }
notice-waitlist-promoted-body = A seat came free and you are booked from the waiting list. Host: { $host }. When: { $when }. Where: { $place }. Your booking code is { $code }.
notice-waitlist-promoted-sms = Seat free! { $code }: { $when }
notice-reminder-24h-subject = Reminder of your reception: code { $code }
notice-reminder-24h-body = A reminder: you are booked for a public reception. Host: { $host }. When: { $when }. Where: { $place }. Your booking code is { $code }.
notice-reminder-24h-sms = Reception { $when }, code { $code }
notice-reminder-2h-subject = Reception in 2 hours: code { $code }
notice-reminder-2h-body = The public reception starts in two hours. Host: { $host }. When: { $when }. Where: { $place }. Your booking code is { $code }.
notice-reminder-2h-sms = In 2 h: reception { $when }, { $code }
notice-booking-from = Earlier time: { $from }.
notice-booking-online = Link to join: { $online }
notice-booking-follow = The reception's page: { $link }. To cancel or move your booking, use the manage link you were given when you booked.
notice-booking-follow-here = To cancel or move your booking, use the manage link you were given when you booked.
notices-preview-kind-booking-confirmed = Booking confirmed
notices-preview-kind-booking-moved = Booking moved
notices-preview-kind-booking-cancelled = Booking cancelled
notices-preview-kind-reception-postponed = Reception postponed
notices-preview-kind-reception-cancelled = Reception cancelled
notices-preview-kind-waitlist-promoted = Promoted from the waiting list
notices-preview-kind-reminder-24h = Reminder 24 hours before
notices-preview-kind-reminder-2h = Reminder 2 hours before
notices-preview-fact-code = Booking code
notices-preview-fact-when = Reception time
notices-preview-fact-place = Place
notices-preview-sample-host = Aigul Seitova, akim of the rural district
notices-preview-sample-place = Tasboget, 12 Abai street, assembly hall
notices-preview-sample-booking-reason = The akim was called to a meeting in the oblast

## rb: the booking API's refusals, and the booking's QR code for check-in
reception-api-error-language = The language must be one of kk, kk-latn, ru, en
reception-api-error-key = The Idempotency-Key must be 16 to 128 visible characters (a UUID will do)
reception-api-error-key-reused = This Idempotency-Key was used for another booking: send a new key
reception-qr-caption = Show this at the reception: the staff scan it to check you in.
## rd: the reception's day (queue, check-in, walk-ins, no-shows, held) and the record
flash-checked-in = { $number } is checked in.
flash-checked-in-before = { $number } was already checked in; nothing changed.
flash-walked-in = The walk-in was added to the queue with the code { $number }.
flash-no-show = { $number } is marked as not come.
flash-received = { $number } is marked as received.
flash-host-attended = Recorded: the host came.
flash-host-absent = Recorded: the host did not come.
flash-held = The reception is marked as held; those booked who never came are counted as not come.
flash-question-answered = The question of { $number } and its answer are recorded.
reception-day-title = Reception day
reception-day-error-title = Error: reception day
reception-day-heading = Reception day
reception-day-host = Host
reception-day-state = Reception
reception-day-state-planned = planned
reception-day-state-postponed = postponed
reception-day-state-held = held
reception-day-state-cancelled = cancelled
reception-day-check-in-title = Check in by booking code
reception-day-field-code = Booking code
reception-day-check-in-submit = Check in
reception-day-walk-in-title = Add a walk-in
reception-day-field-name = Name
reception-day-field-phone = Phone (optional)
reception-day-field-topic = What the question is about (optional)
reception-day-walk-in-submit = Add to the queue
reception-day-queue-title = The queue
reception-day-queue-empty = Nobody is booked yet.
reception-day-walk-in-badge = walk-in
reception-day-priority = Priority
reception-day-topic = Topic
reception-day-status = Status
reception-day-slot = Time
reception-day-status-booked = booked
reception-day-status-waitlisted = on the waiting list
reception-day-status-cancelled = cancelled
reception-day-status-checked-in = checked in
reception-day-status-received = received
reception-day-status-no-show = did not come
reception-day-received-submit = Received
reception-day-no-show-submit = Did not come
reception-day-record-link = Record a question
reception-day-record-title = The record: questions raised
reception-day-record-empty = No question is recorded yet.
reception-day-answered = Answered on the spot
reception-day-appeal = Taken as appeal
reception-day-host-title = The host
reception-day-host-came = The host came.
reception-day-host-absent = The host did not come.
reception-day-host-unknown = Not recorded yet whether the host came.
reception-day-host-question = Did the host come?
reception-day-host-yes = Yes, the host came
reception-day-host-no = No, the host did not come
reception-day-host-submit = Record
reception-day-host-choose = Choose whether the host came.
reception-day-held-title = Close the day
reception-day-held-hint = When everyone was received, mark the reception as held. Those booked who never came are counted as not come, whether the host came is taken as recorded above (yes if nothing was recorded), and the summary is published without names.
reception-day-held-submit = Mark the reception as held
reception-day-code-missing = Enter the booking code.
reception-day-code-unknown = No booking of this reception has the code { $code }. Check the code and type it again.
reception-day-code-not-active = This booking cannot be checked in: it is { $status }.
reception-day-walk-in-booked = This person already has a booking at this reception (by this phone): check them in by their code instead.
reception-day-mark-refused = This cannot be marked now: the person is { $status }.
reception-day-back = Back to the reception day
reception-check-in-title = Check in
reception-check-in-error-title = Error: check in
reception-check-in-heading = Check in a booked person
reception-check-in-submit = Check this person in
reception-check-in-find = Find the booking
reception-question-title = Record a question
reception-question-error-title = Error: record a question
reception-question-heading = Record a question
reception-question-not-came = A question can be recorded only for a person who came; this person is { $status }.
reception-question-field-text = The question
reception-question-field-outcome = What became of it
reception-question-on-the-spot = Answered on the spot
reception-question-as-appeal = Taken as an appeal (registered now, with a receipt to print)
reception-question-field-answer = The short answer given
reception-question-answer-hint = Only when answered on the spot.
reception-question-field-kind = Kind of appeal
reception-question-kind-hint = Only when taken as an appeal.
reception-question-submit = Record the question
reception-question-error-text = Write the question.
reception-question-error-text-long = The question is too long: shorten it to 5,000 characters.
reception-question-error-answer = Write the short answer given on the spot.
reception-question-error-answer-long = The answer is too long: shorten it to 2,000 characters.
reception-question-error-kind = Choose the kind of appeal.
reception-question-error-outcome = Choose whether the question was answered on the spot or taken as an appeal.
reception-receipt-back = Back to the reception day
reception-record-staff-only = Shown only to the reception's coordinators: it names the people received.
reception-day-link = Open the reception day
## rc: the coordinator's reception pages (list, plan, postpone, cancel, schedules)
rstaff-list-title = Receptions in my territories
rstaff-new-title = Plan a reception
rstaff-edit-title = Change a reception
rstaff-postpone-title = Postpone a reception
rstaff-cancel-title = Cancel a reception
rstaff-schedules-title = Recurring schedules
rstaff-upcoming = Upcoming
rstaff-past = Past
rstaff-none = None.
rstaff-seats = Places booked / total
rstaff-actions = Actions
rstaff-day = The day's page
rstaff-edit = Change
rstaff-postpone = Postpone
rstaff-cancel = Cancel
rstaff-back = Back to the receptions
rstaff-times-note = Times are Qyzylorda time.
rstaff-choose = Choose…
rstaff-field-territory = Rural district or village
rstaff-territory-hint = The working group's rural district, or one of its villages for a field visit.
rstaff-field-host = Who receives
rstaff-hosts-known = Hosts of earlier receptions
rstaff-host-new = Someone else: type the name below
rstaff-host-new-hint = For someone not in the list, choose "Someone else" and give their name, position and institution.
rstaff-field-host-name = Host's name
rstaff-field-host-position = Host's position
rstaff-field-host-institution = Host's institution (optional)
rstaff-co-hosts-hint = Optional. One person a line: name; position; institution.
rstaff-mode-place = At a place (an address)
rstaff-mode-online = Online (the link is given only to people who booked)
rstaff-mode-field-visit = A field visit to a village
rstaff-field-address = Address, or the village of a field visit
rstaff-address-hint = Not needed for an online reception.
rstaff-field-online-link = Link to join (online only)
rstaff-online-link-hint = A web address starting with https://
rstaff-field-date = Date
rstaff-date-hint = For example 15.12.2026
rstaff-field-start = Starts at
rstaff-field-end = Ends at
rstaff-field-new-date = New date
rstaff-field-new-start = New start time
rstaff-field-slot-minutes = Length of one time slot, in minutes
rstaff-field-seats-per-slot = Places in each time slot
rstaff-field-waitlist-size = Places on the waiting list
rstaff-field-opens-days-before = Booking opens this many days before
rstaff-field-closes-hours-before = Booking closes this many hours before
rstaff-accessibility-hint = Optional: step-free access, a sign-language interpreter, a hearing loop…
rstaff-capacity = Time slots and places
rstaff-capacity-text = Slots of { $minutes } minutes, { $seats } places each, { $waitlist } on the waiting list
rstaff-day-off-ok = Hold the reception on this day off all the same
rstaff-weekend = a weekend
rstaff-save = Save the changes
rstaff-schedule-submit = Schedule the reception
rstaff-reason-hint = The people who booked are told this reason.
rstaff-postpone-lead = { $count ->
    [0] No one has booked yet.
    [one] One person has booked: their booking is kept at the new time and they are told.
   *[other] { $count } people have booked: their bookings are kept at the new time and they are told.
}
rstaff-postpone-length = { $count ->
    [one] The reception keeps its length of one minute.
   *[other] The reception keeps its length of { $count } minutes.
}
rstaff-postpone-submit = Postpone the reception
rstaff-cancel-lead = { $count ->
    [0] No one has booked yet.
    [one] One person has booked: their booking is cancelled and they are told the reason.
   *[other] { $count } people have booked: their bookings are cancelled and they are told the reason.
}
rstaff-cancel-submit = Cancel the reception
rstaff-error-territory = Choose the rural district or village where the reception is held
rstaff-error-host = Choose who receives, or choose "Someone else" and type their name
rstaff-error-host-name-required = Enter the host's name
rstaff-error-host-position-required = Enter the host's position
rstaff-error-host-institution-required = Enter the host's institution
rstaff-error-host-busy = The host has another reception at this time: { $when }
rstaff-error-co-hosts = Give each co-host a name: one person a line, as name; position; institution
rstaff-error-mode = Choose how the reception is held
rstaff-error-address-required = Enter the address, or the village of the field visit
rstaff-error-online-link-required = Enter the link to join the online reception
rstaff-error-online-link = Enter the link as a web address starting with https://
rstaff-error-date = Enter the date, for example 15.12.2026
rstaff-error-start = Enter the start time, for example 10:00
rstaff-error-end = Enter the end time, for example 13:00
rstaff-error-end-after = The end must be after the start
rstaff-error-day-too-long = A reception lasts at most 12 hours
rstaff-error-past = The reception must start later than now
rstaff-error-same-time = Choose a time other than the current one
rstaff-error-day-off = { $date } is a day off ({ $reason }). Choose a working day, or tick the box below to hold it on this day off all the same.
rstaff-error-range = Enter a whole number from { $min } to { $max }
rstaff-error-languages-required = Choose at least one language
rstaff-error-topics-required = Enter the topics
rstaff-error-accessibility-required = Describe the access to the place
rstaff-error-reason-required = Give the reason
rstaff-error-too-long = This is too long: shorten it to { $max } characters
rstaff-error-text = Remove the special characters from this text
flash-reception-scheduled = Reception scheduled: { $number }.
flash-reception-changed = Reception changed: { $number }.
flash-reception-postponed = Reception postponed: { $number }; the people who booked are told.
flash-reception-cancelled = Reception cancelled: { $number }; the people who booked are told.
flash-schedule-created = The schedule is added. Check its dates below, then make the receptions.
flash-schedule-generated = Receptions made: { $number }.
flash-schedule-deactivated = The schedule is stopped: it makes no more receptions.
rstaff-schedules-lead = A schedule plans receptions on the same day of each week or month. It makes nothing by itself: its page shows the dates it gives, with days off flagged, and you make the receptions from there.
rstaff-schedules-none = No schedules yet.
rstaff-schedule-new = Add a schedule
rstaff-schedule-create = Add the schedule
rstaff-schedule-title = A recurring schedule
rstaff-schedule-rule = When
rstaff-schedule-active = Active
rstaff-schedule-stopped = Stopped
rstaff-field-week = Which week
rstaff-field-weekday = Day of the week
rstaff-week-every = Every week
rstaff-week-first = The first of the month
rstaff-week-second = The second of the month
rstaff-week-third = The third of the month
rstaff-week-fourth = The fourth of the month
rstaff-week-last = The last of the month
rstaff-weekday-1 = Monday
rstaff-weekday-2 = Tuesday
rstaff-weekday-3 = Wednesday
rstaff-weekday-4 = Thursday
rstaff-weekday-5 = Friday
rstaff-weekday-6 = Saturday
rstaff-weekday-7 = Sunday
rstaff-rule-every = Every { $weekday }, { $hours }
rstaff-rule-first = The first { $weekday } of each month, { $hours }
rstaff-rule-second = The second { $weekday } of each month, { $hours }
rstaff-rule-third = The third { $weekday } of each month, { $hours }
rstaff-rule-fourth = The fourth { $weekday } of each month, { $hours }
rstaff-rule-last = The last { $weekday } of each month, { $hours }
rstaff-preview-title = Dates in the next three months
rstaff-preview-lead = A day off of the calendar is flagged and not made: plan a reception on such a day one by one if it must be held.
rstaff-preview-made = made
rstaff-preview-day-off = day off, not made
rstaff-preview-will = to be made
rstaff-generate = { $count ->
    [one] Make this reception
   *[other] Make these { $count } receptions
}
rstaff-deactivate = Stop this schedule
rstaff-error-weekday = Choose the day of the week
rstaff-error-week = Choose which week of the month
rstaff-preview-busy = the host is busy, not made

## rf: the staff reception API
reception-api-error-booking = This reception has no such booking
