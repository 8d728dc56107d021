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
sign-in-locked = { $count ->
    [one] Too many failed attempts. The account is locked; try again in { $count } minute.
   *[other] Too many failed attempts. The account is locked; try again in { $count } minutes.
}
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
