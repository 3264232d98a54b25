# Kvorum in English. A message is an id and its parameters; numbers choose singular and
# plural (CLDR: 1 → one, otherwise other). Change the text here, not in the code.

## Months (used as { $month } in other messages)
month = { $n ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}

## Planning and deadlines
days = { $days } { $days ->
    [one] day
   *[other] days
}
notice-days = { $days } { $days ->
    [one] day's
   *[other] days'
} notice
checklist-notice = Notice sent
checklist-proposals = Deadline for proposals
checklist-final-agenda = Final agenda sent
checklist-window = Held in time
checklist-hold-by = Held within the deadline
step-done = Done { $on }.
step-done-late = Done { $on }, { $days } { $days ->
    [one] day
   *[other] days
} late (the deadline was { $deadline }).
step-overdue = The deadline { $deadline } has passed.
step-today = The deadline is today.
step-due = By { $deadline } ({ $days } { $days ->
    [one] day
   *[other] days
} left).
step-proposals-closed = The deadline passed on { $deadline }.
window-latest-month = The bylaws require the ordinary general assembly to be held by the end of { $month }.
hold-by = Demanded { $on }; must be held by { $holdBy } ({ $days } { $days ->
    [one] day
   *[other] days
} after the demand).
hold-by-from = Demanded { $on } by { $by }; must be held by { $holdBy } ({ $days } { $days ->
    [one] day
   *[other] days
} after the demand).
hold-by-late = The meeting on { $date } is too late.
deadlines = The notice must be sent by { $notice } ({ $days } { $days ->
    [one] day's
   *[other] days'
} notice), proposals must be received by { $proposals }.
deadlines-final = The notice must be sent by { $notice } ({ $days } { $days ->
    [one] day's
   *[other] days'
} notice), proposals must be received by { $proposals }, the final agenda must be sent by { $final }.
deadlines-window = Warning: the bylaws require the general assembly to be held by the end of { $month }.
notice-facts = The notice was sent on { $sent }, { $before } { $before ->
    [one] day
   *[other] days
} before the general assembly; the bylaws require at least { $days } { $days ->
    [one] day's
   *[other] days'
} notice.
notice-sent = { $facts } The general assembly { $lawful ->
    [yes] was lawfully called
   *[no] was not lawfully called
}.
notice-missing = No notice has been recorded; the bylaws require at least { $days } { $days ->
    [one] day's
   *[other] days'
} notice. The general assembly was not lawfully called.
notice-due = The notice has not been sent yet. It must be sent by { $deadline } (in { $left } { $left ->
    [one] day
   *[other] days
}) to give the { $days } { $days ->
    [one] day's
   *[other] days'
} notice the bylaws require.
final-agenda-late = The final agenda was, however, sent only on { $sent }, { $before } { $before ->
    [one] day
   *[other] days
} before; the bylaws require at least { $days } { $days ->
    [one] day
   *[other] days
}.
final-agenda-missing = No final agenda has been recorded as sent; the bylaws require it at least { $days } { $days ->
    [one] day
   *[other] days
} before.
minutes-proposal-withdrawn = The proposal was withdrawn on { $date } and was not dealt with.
minutes-proposal-withdrawn-note = The proposal was withdrawn on { $date } ({ $note }) and was not dealt with.
minutes-lawful = The chair of the meeting established that the general assembly was lawfully called and quorate. { $facts }
minutes-notice-timely = The chair of the meeting established that the notice was sent in time. { $facts } { $agenda }
minutes-unlawful = The chair of the meeting established that the general assembly was NOT lawfully called. { $facts }

## Errors at the API's edge
error-fields = { $count } { $count ->
    [one] field needs
   *[other] fields need
} correcting. See the messages by the fields.
error-not-found = { $what } does not exist (any more).
error-conflict = { $what } was changed by someone else after you opened it. Your changes are not saved: close and open again to see the new version, then make your changes again.
error-locked = The minutes are approved and locked and cannot be changed. Make a correction: a new version that refers to the approved one.
error-duplicate = The value is already used by another record.
error-database = The database answered with an error, and nothing was saved. Try again; if it happens again, tell whoever looks after the database (the error is in Kvorum's log).
error-no-association = The database has no association yet. Create the association first.
error-no-database = No association is open. Choose "Open another association …".
error-nothing-saved = No file has been saved yet.
error-open-failed = The file could not be opened in another program: { $cause }
error-close-failed = The window could not be closed: { $cause }
backup-restore-server = A backup of the shared server is not put back over the server. Open the copy as a file (Open association…), or move it to a new, empty database on the server.
backup-damaged = The backup “{ $name }” is damaged and cannot be restored. Choose another.
backup-failed = The backup { $path } could not be made or read: { $cause }
backup-second-missing = The backup was taken, but the copy to { $dir } could not be made: the folder does not exist (is the USB stick plugged in?).
error-newer-version = { $where } was saved by a newer release of Kvorum (database version { $version }). Update Kvorum on this computer; the file has not been changed.
error-open-file = The association file { $file } could not be opened. Check that the folder exists and that you may write in it.
error-not-kvorum = { $file } is another program's database, not an association from Kvorum. Kvorum has not touched it. Choose another file, or create a new association.
error-file-encrypted = The association file { $file } is encrypted. Type the file's passphrase to open it.
error-file-passphrase = The passphrase does not open the association file { $file }. Try again – upper and lower case count.
encrypt-server = An association on a shared server is encrypted by the server (TLS and the server's disk); Kvorum encrypts an association kept in a file.
encrypt-already = The association's file is already encrypted.
encrypt-too-short = The passphrase must be at least { $min } characters – a few words are good, e.g. “green bike on the platform”.
encrypt-failed = The association file { $file } could not be encrypted. The file has not been changed.
error-nothing-locked = No encrypted file is waiting for its passphrase. Choose the file again.
handover-failed = The handover could not be packed or unpacked: { $cause }
handover-not-package = { $file } is not a handover from Kvorum. Choose the .zip file Kvorum made with “Make a handover”.
handover-encrypted = The handover { $file } is encrypted. Type the association's passphrase – whoever made the handover gives it to you (not in the same e-mail as the file).
handover-passphrase = The passphrase does not open the handover { $file }. Try again – upper and lower case count.
handover-folder-exists = The folder { $folder } already exists – the handover may have been unpacked before. Open the association in that folder with “Open association …”, or move the folder.
handover-readme = Handover of { $association }, made by { $by } on { $date } in Kvorum.

  To open it: install Kvorum, choose “Open a handover …” on the first screen (or under
  Forening), and choose this .zip file. If the association is encrypted, Kvorum asks for the
  passphrase – whoever hands over gives it to you by another way than the file.

  In the package:
  - { $file }: the whole association – members, meetings, minutes, board and accounts
  - Vedtægter.pdf: the bylaws in force
  - Bestyrelsen.pdf: the board with positions and terms
  - Referat …pdf: the last approved minutes
  - Budgetopfølgning …pdf: this year's and last year's budget and accounts
error-open-server = The database server { $server } could not be reached. Check the address, user name and password, and that the server is running.
error-server-insecure = The server { $server } is on the network, and the connection to it must be encrypted (TLS), so that the password and the member register cannot be read on the way. Remove “sslmode=disable” from the address.
error-server-tls = The connection to { $server } could not be encrypted with a certificate Kvorum trusts. If the server uses its own certificate, choose that certificate (whoever runs the server can give it to you). Kvorum has not sent the password.
error-server-login = The server { $server } did not accept the user name or password.
error-server-no-database = The database does not exist on the server { $server }. Whoever runs the server creates it (see README: “The shared server”).
transfer-same = The association is already here. Choose another file or server to move it to.
transfer-file-exists = The file { $file } already exists. Choose a new file name; Kvorum does not write over a file.
transfer-not-empty = The database { $where } is not empty (the table “{ $table }” holds data). The association is only moved to a new, empty database; nothing has been changed.
transfer-failed = The association could not be moved to { $where }. The association here has not been changed; try again with a new, empty database, and contact whoever runs the server if it happens again.
transfer-confirm = The whole association – the member register, the meetings, the minutes and the accounts – is copied to the server { $server }. The file on this computer stays as it is. Move the association there?
transfer-cancelled = The association has not been moved.
error-open-unknown = Kvorum only opens associations from the recent list. Choose the file with “Open association…”, or connect to the server.
server-host-missing = Type the server's address (e.g. db.perronen.dk).
server-host-bad = The server's address cannot be used. Type only its name or IP address, e.g. db.perronen.dk.
server-database-missing = Type the database's name on the server.
server-user-missing = Type your user name on the server.
server-certificate-bad = The file is not a certificate (PEM, starting with “-----BEGIN CERTIFICATE-----”). Ask whoever runs the server for its certificate.

## What an error is about ({ $what } above)
what-record = The record
what-member = The member
what-meeting = The meeting
what-item = The agenda item
what-proposal = The proposal
what-bylaws = The bylaws
what-association = The association
what-grant = The grant
what-booking = The booking
what-budget-line = The budget line
what-board-register = The board register
what-minutes = The minutes
what-decision = The decision
what-bylaws-draft = The bylaws draft
what-election = The election
what-goal = The development goal
what-term = The entry in the board register
what-candidate = The candidate
what-proxy = The proxy
what-frikort-worker = The frikort worker
what-proposer = The proposer
what-attendee = The attendee
what-budget = The budget

## Decisions
decision-bylaws-created = Version { $version } of the bylaws is created: “{ $note }”, in force from { $day }.
decision-draft-lacks-change = There is a bylaws draft (version { $version }) that does not hold this change. Check it under Bylaws.
decision-check-settings = Check whether the bylaws' settings (deadlines, majorities) should follow the new text.
decision-changed-bylaws = The decision adopted version { $version } of the bylaws and cannot be deleted. Change the bylaws with a new amendment.
decision-minutes-locked = The meeting's minutes are approved and locked. Decisions and attendance can no longer be changed; make a correction of the minutes instead.
decision-unknown-kind = The decision kind "{ $kind }" is not in the bylaws.
decision-more-votes = { $cast } { $cast ->
    [one] vote was
   *[other] votes were
} counted, but there { $room ->
    [one] is only { $room } vote
   *[other] are only { $room } votes
} in the room (members present with voting right and proxies). Check the count or the attendance.

## Fields: members and association
field-member-no = The member no. must be a number from 1 to 9.999.999.
field-member-name = Write the member's name.
field-name-too-long = The name is too long (at most 200 characters).
field-email = "{ $value }" is not a valid e-mail address. Write e.g. name@example.dk
field-postal-code = The postal code "{ $value }" must be four digits, e.g. 4800.
field-phone = The phone number "{ $value }" must have at least 8 digits, e.g. 12 34 56 78.
field-birth-future = The birth date is in the future.
field-birth-1900 = The birth date is before 1900. Check the year.
field-joined-required = Write the date the member joined.
field-joined-before-birth = The date joined is before the birth date.
field-left-before-joined = The date left is before the date joined.
field-left-required = Write the date the member left when a reason for leaving is given.
field-left-reason-long = The reason is too long (at most 200 characters). Write only what is needed.
field-type-required = Choose a membership type.
field-type-unknown = The membership type "{ $type }" does not exist. Choose one of the association's membership types.
field-association-name = Write the association's name.
field-cvr = A CVR number has 8 digits. Leave the field empty if the association has none.
field-fiscal-month = The fiscal year must start in a month from 1 to 12.

## Elections
election-places = { $title }: { $seats } { $seats ->
    [one] seat
   *[other] seats
}{ $alternates ->
    [0] {""}
    [one] { " " }+ 1 alternate from the same vote
   *[other] { " " }+ { $alternates } alternates from the same vote
}
term-ended-expired = the term ran out
term-ended-new-alternates = new alternates elected
term-ended-left = left
term-ended-stepped-in = stepped in on the board for { $name }
election-ballots-full = { $entered ->
    [one] 1 ballot is entered already
   *[other] { $entered } ballots are entered already
}, and there { $room ->
    [one] was 1 vote
   *[other] were { $room } votes
} in the room. Check the count.
election-too-few-valid = { $valid ->
    [one] 1 valid ballot
   *[other] { $valid } valid ballots
} cannot give those votes: with at most { $marks ->
    [one] 1 mark
   *[other] { $marks } marks
} a ballot they need at least { $least }. Check the count.
election-more-than-room = The figures need at least { $needed ->
    [one] 1 ballot
   *[other] { $needed } ballots
}, but there { $room ->
    [one] was only 1 vote
   *[other] were only { $room } votes
} in the room.
election-no-random = The computer could not provide a secure random number ({ $cause }). Draw lots by hand.
candidate-name-missing = Choose a member, or type the candidate's name.
board-already-left = { $name } has already left.
board-no-alternate = There is no alternate who can step in.
board-not-on-board = { $name } does not sit on the board on { $day }.
appoint-name-missing = Choose a member, or type the name.
appoint-by-missing = Type who appointed them, e.g. “Guldborgsund Kommune”.
appoint-expiry-missing = Type the year of the general assembly at which the term runs out.
seat-kind = { $kind ->
    [board] Board member
    [alternate] Alternate
    [appointed] Appointed member
    [auditor] Auditor
   *[auditorAlternate] Alternate auditor
}
position = { $position ->
    [chair] Chair
    [viceChair] Vice-chair
    [treasurer] Treasurer
    [secretary] Secretary
   *[member] Board member
}
term-alternate-rank = Alternate no. { $rank }
term-appointed-by = appointed by { $by }
term-until-assembly = { $start } – general assembly { $year }
term-from = from { $start }
term-ended = { $period }; left { $day } ({ $reason })
term-ended-plain = { $period }; ended { $day }
candidate-up-for-election = Up for election
candidate-not-eligible = Cannot be elected: { $reasons }
candidate-members-only = Only members can be elected to the board.

## Dates and amounts
date-missing = The date is missing.
date-bad = "{ $value }" is not a date. Write e.g. 22.11.2026
date-impossible = "{ $value }" does not exist in the calendar.
amount-missing = The amount is missing.
amount-bad = "{ $value }" is not an amount. Write e.g. 1.234,50

## Meetings
weekday = { $n ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
}
long-date = { $weekday } { $day } { $month } { $year }
at-time = at { $time }
meeting-kind = { $kind ->
    [ordinary] Ordinary general assembly
    [extraordinary] Extraordinary general assembly
    [board] Board meeting
   *[other] Meeting
}
meeting-participant = Participant
meeting-dirigent-missing = No dirigent (meeting chair) has been chosen yet.
meeting-dirigent-on-board = { $name } sits on the board. The dirigent should not be a member of the board.

minutes-empty = The minutes are empty. Write the minutes, or make the draft again from the meeting's record.
minutes-election-undecided = { $title } is not decided (a tie or a run-off is missing). Decide the election before the minutes are approved.
minutes-correction-note-missing = Say briefly what the correction corrects.

fraction = { $num ->
    [1] { $den ->
        [2] half
       *[other] { $num }/{ $den }
    }
   *[other] { $num }/{ $den }
}
board-quorum = { $present } of the board's { $size } members present; the bylaws require { $strict ->
    [strict] more than
   *[atLeast] at least
} { $share } ({ $required }). The board { $quorate ->
    [yes] could decide
   *[no] could not decide
}.
proposal-withdrawn-no-vote = The proposal is withdrawn and cannot be put to the vote. Undo the withdrawal first if it is to be dealt with.
proposal-withdraw-decided = The proposal has already been decided. Remove the decision first if the proposal was withdrawn before the vote.
proposal-late = Received { $received }, after the deadline { $deadline }.
minutes-attendance = Attendance: { $present ->
    [one] 1 member
   *[other] { $present } members
} present, { $withVote } of them with a vote{ $guests ->
    [0] {""}
    [one] , and 1 guest without a vote
   *[other] , and { $guests } guests without a vote
}. { $proxies ->
    [0] No proxies
    [one] 1 proxy
   *[other] { $proxies } proxies
}, { $votes ->
    [one] 1 vote
   *[other] { $votes } votes
} in all. The association had { $members ->
    [one] 1 member with a vote
   *[other] { $members } members with a vote
} on the day.

## Attendance
attendee-guest = Guest without a vote
attendance-not-a-member = The person is not a member on the day of the meeting. Check the dates joined and left, or check them in as a guest.
attendance-who = Choose a member, or write the guest's name.
attendance-twice = { $name } is already checked in.
door-payment-assemblies-only = The fee is paid at the door only at general assemblies.
proxy-assemblies-only = Proxies are used only at general assemblies.

## Proxies
proxy-not-allowed = The bylaws do not allow voting by proxy.
proxy-self = A member cannot give a proxy to themselves.
proxy-giver-no-vote = The member giving the proxy has no voting right: { $reason }.
proxy-giver-present = The member giving the proxy is present and votes in person. Check the member out first if they have left.
proxy-holder-absent = The proxy holder is not checked in. Check them in first.
proxy-holder-no-vote = The proxy holder has no voting right ({ $reason }).
proxy-holder-no-vote-reason = see the member
proxy-not-a-member = not a member on the day of the meeting
proxy-already-given = The member has already given a proxy for this meeting.
proxy-no-passing-on = The member holds a proxy from someone else and cannot pass a proxy on.
proxy-cap = { $holder } already holds { $held } { $held ->
    [one] proxy
   *[other] proxies
}; the bylaws allow at most { $max } per member present.

## Finance
booking-text-required = Write what the booking is, e.g. "Rent March".
frikort-over-cap = The amount cannot be paid tax-free: with { $amount } the year's earnings become { $earned }, and the frikort's limit is { $cap }. { $left } is left.
frikort-warning = Over 80% of the frikort's limit is used: { $earned } of { $cap }.

bank-unreadable = { $count } { $count ->
    [one] line cannot
   *[other] lines cannot
} be read, and nothing was imported: { $lines }{ $more ->
    [0] {""}
   *[other] {" "}and { $more } more
}. Correct the file or the choice of columns.
bank-imported = { $count } { $count ->
    [one] booking was
   *[other] bookings were
} imported; { $skipped } had been imported before and were skipped.
budget-copy-has-lines = The budget for { $year } has lines already. Change them instead of copying.
budget-copy-nothing = There is no budget for { $year } to copy.
year-does-not-exist = The year { $year } does not exist.

booking-line-not-in-year = The budget line does not belong to the fiscal year { $year }.
booking-voucher-taken = Voucher no. { $voucher } is already used in { $year }. Choose another number, or leave the field empty.

frikort-cap-missing = Type the year's tax-free limit, e.g. 42.766,00 kr. for 2025.

## Bylaws
bylaws-in-force-before-adopted = The bylaws cannot come into force before they are adopted.
bylaws-adopted-note = Adopted at the general assembly on { $day }
bylaws-check-section = Check the text of § { $number }: it does not state the changed value in a way Kvorum can correct by itself.
bylaws-text-too-large = The text is too long to be bylaws (over 1 MB). Check that it is the right file.
bylaws-no-sections = The text has no sections. Each section must start on a line with "§ 1", "§ 2" and so on.
fraction-bad = "{ $value }" is not a fraction. Write e.g. 2/3.
fraction-range = "{ $value }" must be a fraction between 0 and 1, e.g. 2/3.

## Member import
import-consent-bad = "{ $value }" must be yes or no (ja or nej).
import-type-unknown = The membership type "{ $value }" does not exist. Use one of: { $types }.
import-summary-empty = The file has a heading line but no members.
import-summary-ready = { $count ->
    [one] 1 member is ready to import.
   *[other] { $count } members are ready to import.
}
import-summary-all-excluded = All rows are left out: there is nothing to import.
import-rows-with-errors = { $count ->
    [one] 1 row has errors
   *[other] { $count } rows have errors
}
import-rows-duplicates = { $count ->
    [one] 1 row looks like a member who exists already
   *[other] { $count } rows look like members who exist already
}
import-summary-fix = { $parts }. Correct the file, or leave the rows out. Nothing is imported until every row is in order.
import-summary-fix-duplicates = { $parts }. Correct the file, leave the rows out, or choose to import the duplicates anyway. Nothing is imported until every row is in order.
import-no-name-column = No column is chosen as “Name” (or “First name”/“Last name”). Choose the column that holds the name.
delimiter = { $d ->
    [semicolon] semicolon
    [comma] comma
    [tab] tab
   *[other] { $d }
}
and = { $a }, and { $b }
import-at-line = Line { $line }
import-at-line-column = Line { $line }, column “{ $column }”
import-refused-row = Nothing was imported. { $at }: { $problem } Correct the file, or leave the line out.
import-refused-rows = Nothing was imported. { $count ->
    [one] 1 line needs
   *[other] { $count } lines need
} correcting: line { $lines }{ $more ->
    [0] {""}
   *[other] {" "}and { $more } more
}. Correct the file, or leave the lines out.
import-refused = Nothing was imported. { $reason }
import-done = { $count ->
    [one] 1 member was imported.
   *[other] { $count } members were imported.
}

## Refusals
association-exists = This database already holds an association. One database holds one association: create a new file for another association.
bylaws-adopted-locked = An adopted version cannot be changed. Make the change in a new draft.
election-start-first = Start the written ballot before entering the ballots.
election-votes-for-stranger = There are votes for someone who is not a candidate.
election-no-tie = There is no tie to settle.
election-needs-second-round = Nobody got an absolute majority: the two with the most votes go to a second round, not to a drawing of lots.
election-ties-by-runoff = The bylaws settle a tie by a run-off between those tied: start a run-off.
election-draw-order = The order of the drawing must name exactly the candidates who are tied.
election-nothing-to-rerun = There is nothing to vote on again.
election-ties-by-lot = The bylaws settle a tie by drawing lots, not by a run-off.
election-undecided = The election is not decided yet (a ballot or a drawing of lots is missing).
election-terms-undecided = First choose who of the elected sits the long term: by lot or by agreement.
election-terms-not-needed = All the elected get the same term: there is nothing to share out.
election-terms-count = Choose { $n ->
    [one] 1 of the elected
   *[other] { $n } of the elected
} to sit { $years } { $years ->
    [one] year
   *[other] years
}.
election-nobody-elected = Nobody is elected yet.
election-closed-to-candidates = The ballot has begun; no more candidates can be added.
election-already-candidate = The member is already a candidate.
election-begun = The ballot has begun.
election-contested = There are more candidates than places: the election must be decided by a written ballot (a contested election).
election-no-ballot-on-request = The bylaws do not allow a written ballot in an uncontested election.
election-minutes-locked = The meeting's minutes are approved and locked; the election can no longer be changed.
election-applied = The election is finished and written into the board register.
minutes-locked = The minutes are approved and locked. Choose "Make a correction" to make a new version.
minutes-correction-exists = There is already a draft correction. Make the change in it.
minutes-nothing-to-correct = There are no approved minutes to correct. Make the change in the draft.
meeting-no-second-assembly = The decision does not call for a new general assembly.
member-no-taken-meanwhile = One of the member numbers was just used by someone else. Nothing was saved: try again.
meeting-time-missing-dst = The meeting's time does not exist in Danish time (the change to summer time).
notice-no-recipients = No member has an e-mail address. Print the notice as letters to the members instead.
notice-email-not-allowed = The bylaws do not allow notice by e-mail. Print the notice as letters to the members (or correct the bylaws' setting if they do allow e-mail).
notice-no-letters = Every member gets the notice by e-mail: there are no letters to print.
ballots-no-candidates = No candidate has said yes. Add the candidates first.

## Fields: finance, meetings, bylaws, grants, files
minutes-approved-future = The date of approval is in the future.
minutes-approved-before-meeting = The minutes cannot be approved before the meeting is held.
meeting-notice-after = The notice cannot have been sent after the meeting.
meeting-ends-before-start = The meeting cannot end before it begins.
agenda-item-title-missing = Each agenda item must have a title.
agenda-too-long = An agenda can have at most 60 items.
membership-type-name-missing = Type the name of the membership type, e.g. “Family member”.
date-out-of-range = The date must lie between 1900 and 2100. Check the year.
amount-over-limit = The amount is too large. Kvorum takes amounts up to 1.000.000.000 kr.
booking-amount-missing = The amount is missing. Income is positive, expenses negative, e.g. -1.250,00.
booking-voucher-too-long = The voucher number can have at most 20 characters.
budget-line-name-missing = Give the budget line a name, e.g. “Rent”.
budget-line-amount-negative = Write the budget as a positive amount; choose income or expense.
bylaws-text-empty = The bylaws must have at least one section.
csv-mixed-encoding = The file is written in UTF-8, but line { $line } has a character that is not UTF-8. Save the file again as “CSV UTF-8” in the spreadsheet, or correct the line.
csv-open-quote = Line { $line } has a quotation mark (") that is never closed, so two lines would become one. Correct the line in the file.
csv-too-large = The file is too large (over 20 MB) to be a CSV file from here. Choose the right file.
csv-empty = The file is empty. Choose a CSV file with a heading line and one line per entry.
csv-no-heading = The file has no heading line.
csv-binary = The file is not a CSV file (it holds binary data). Save the spreadsheet as “CSV (semicolon separated)” and try again.
fee-year-invalid = The fee year is not valid.
payment-reverse-reason = Say why the payment is reversed, e.g. "Registered on the wrong member".
payment-date-missing = Type the date of payment.
payment-date-future = The date of payment is in the future.
payment-amount-not-positive = The amount must be more than 0 kr.
payment-voucher-too-long = The voucher number is too long (at most 40 characters).
fee-type-unknown = Choose one of the association's membership types.
fee-rate-year-invalid = The year is not valid.
fee-rate-negative = The fee cannot be negative.
grant-name-missing = Give the grant a name, e.g. “Operating grant 2026–27”.
grant-grantor-missing = Type who gives the grant, e.g. “Guldborgsund Kommune”.
grant-period-backwards = The period ends before it begins. Correct the end date.
grant-amount-negative = The amount per year cannot be negative.
grant-amount-missing = Type the amount per year, or choose “Grant in kind”.
grant-instalment-not-positive = Each instalment must have a positive amount.
grant-deadline-what-missing = Type what is due at each deadline, e.g. “Annual report”.
grant-renegotiation-missing = Type how often the agreement is renegotiated, e.g. every 2 years.
grant-goal-text-missing = Each development goal must have a description.
grant-in-kind-text-missing = Describe each grant in kind, e.g. “Rooms in the station building”.
grantor-required = Type who gives the grant.
grantor-too-long = The grantor's name can be at most 120 characters.
grantor-threshold-negative = The amount limit cannot be negative.
grantor-thresholds-order = The limit for an audit by a registered or state-authorised accountant must be at least the limit up to which the board's signature is enough.
grantor-declaration-required = Type the declaration the grantor asks for (or use the standard text).
grantor-declaration-too-long = The declaration can be at most 4,000 characters.
audit-form-invalid = Choose "audited" or "reviewed".
audit-reviewed-not-enough = { $grantor } requires the grant to be audited ({ $level }); a review is not enough.
visits-future = Visitor numbers can only be written for days that have passed. Correct the date.
visits-too-many = Over 10,000 visits on one day or in one month? Check the number.
frikort-worker-name = Type the name as it stands on the payroll report (at most 80 characters).
frikort-job-amount-missing = Type the amount paid, e.g. 250,00.
frikort-job-description-missing = Type what the job was, e.g. “Washing up in the café”.
goal-status-note-missing = Say briefly where the goal stands, e.g. “30 of 40 volunteers have had the course”.
meeting-body-missing = Type which body holds the meeting, e.g. “House meeting” or “The activity group”.
meeting-place-too-long = The place can have at most 200 characters.
meeting-demand-after = The demand for an extraordinary general assembly must be received before the meeting.
proposal-title-missing = Give the proposal a short title.
proposal-text-missing = Type the text of the proposal.
proposal-amendment-missing = A bylaw amendment must have the proposed new text of the section.
proposal-amendment-empty = Type the proposed new text of the section.
proposal-amendment-title-missing = The section must have a title.
signatory-name-missing = Type the name of each person who signs.
signatory-dirigent-missing = The minutes of a general assembly must be signed by the dirigent.
signatory-none = At least one person must sign the minutes.
signatory-role-twice = Each role may appear only once.
rules-notice-days = The notice must be between 1 and 120 days.
rules-proposal-days = The deadline for proposals can be at most 120 days before the general assembly.
rules-month = The month must be from 1 to 12.
rules-final-agenda-before-notice = The final agenda cannot be sent before the notice.
rules-share = The share must be a fraction between 0 and 1, e.g. 1/4.
rules-proxies-zero = When proxies are allowed, a member must be able to hold at least one.
rules-board-seats = The number of board members must lie between the smallest and the largest number.
rules-term-years = The term must be from 1 to 6 years.
rules-even-years = No more can be elected in even years than there are seats.
rules-fiscal-month = The fiscal year must start in a month from 1 to 12.

bank-field-date = Date
bank-field-text = Text
bank-field-amount = Amount
bank-field-balance = Balance
bank-no-headings = the file has no heading line
bank-column-unknown = Kvorum cannot tell which column is “{ $field }” ({ $headings }). Choose the columns yourself.
bank-line-problem = Line { $line }, column { $column }: { $problem }
bank-pending-skipped = { $count } reserved { $count ->
    [one] line is
   *[other] lines are
} not booked at the bank yet and { $count ->
    [one] was
   *[other] were
} not imported; { $count ->
    [one] it comes
   *[other] they come
} with a later statement.
bank-line-unknown-budget-line = Line { $line }: the budget line “{ $name }” is not in the budget for { $year }.
budget-line-exists = The budget already has a line called “{ $name }”.
budget-line-in-use = The budget line “{ $name }” has { $n ->
    [one] 1 booking
   *[other] { $n } bookings
} and cannot be removed. Move { $n ->
    [one] it
   *[other] them
} to another line under Bookings first.
budget-line-has-fees = The fee line cannot be removed: { $n ->
    [one] 1 fee payment
   *[other] { $n } fee payments
} in the year count on it.
decision-kind-not-in-bylaws = The decision type “{ $kind }” is not in the bylaws. Use one of: { $kinds }.
rules-key-unknown = There is no setting “{ $key }”. See `kvorum bylaws show --json` for the names.
rules-value-bad = “{ $value }” does not fit the setting “{ $key }” ({ $cause }).
pdf-failed = The PDF could not be made: { $cause }
email-failed = The e-mail could not be made: { $cause }
db-location-bad = “{ $location }” is neither a file nor a postgres:// address.
agenda-item-has-decision = The item with the decision “{ $subject }” cannot be deleted. Delete the decision first.
second-assembly-window = The new general assembly must be held after { $after } and by { $latest } ({ $days ->
    [one] 1 day
   *[other] { $days } days
}).
csv-write-failed = The CSV file could not be written: { $cause }
member-no-taken = Member no. { $no } is already used. Choose another, or leave the field empty.
membership-type-exists = The membership type “{ $name }” exists already.
report-no-budget = There is no budget for { $year } yet. Enter the budget first.
settings-save-failed = The settings could not be saved in { $dir }: { $cause }
csv-line-unreadable = Line { $line } of the file cannot be read as CSV ({ $cause }). Check the quotation marks in the line.
proposal-kind-unknown = Choose one of the bylaws' proposal types: { $kinds }.
import-field-twice = The field “{ $field }” is chosen for two columns. Choose it for one column.
rules-majority-bad = The majority for “{ $name }” must be a fraction between 0 and 1.
rules-quorum-bad = The quorum for “{ $name }” must be a fraction between 0 and 1.
rules-decision-missing = The rule for “{ $kind }” is missing.

## The command line
cli-error = Error: { $message }

## A text not yet in the catalogue: shown as it is, in both languages
plain = { $s }
file-not-found = The file does not exist: { $path }
file-folder-not-found = The folder does not exist: { $path }. Choose a folder that exists.
file-permission = Kvorum has no access to { $path }. Choose another file or folder, or grant access to it.
file-is-folder = { $path } is a folder, not a file. Choose a file.
file-disk-full = There is no room on the disk for { $path }. Free some space and try again.
file-read-only = { $path } is on a read-only drive. Save somewhere else.
file-name-invalid = The file name { $path } cannot be used. Choose a shorter name without special characters.
file-too-large = The file { $path } is too large for the drive.
file-over-limit = The file { $path } is too large (over { $mb } MB) to be the file Kvorum expects. Choose the right file.
file-unreadable = The file { $path } could not be read ({ $cause }).
file-unwritable = The file { $path } could not be saved ({ $cause }).
file-not-text = The file { $path } is not a text file. Save the text from Word as “Plain text (.txt)”, or paste it in.
setting-days = { $n } { $n ->
    [one] day
   *[other] days
}
setting-years = { $n } { $n ->
    [one] year
   *[other] years
}
setting-yes = yes
setting-no = no
setting-none = none
setting-second-assembly = a new general assembly within { $days } days adopts by { $majority }
setting-ties-lot = drawing lots
setting-ties-run-off = a run-off
setting-silent = The text says nothing about it. The draft's value is kept – check that it fits.
setting-appointed-unsupported = The template has a board seat someone else appoints, but the text mentions no appointed members. Remove the seat in the settings if the association does not have it.
setting-no-quorum = however many attend
file-chosen-gone = The chosen file is no longer loaded. Choose the file again.
file-busy = The file { $path } is in use by another program. Close it and try again.

## Accounts and fees in the books
account-name-required = Write the account's name, e.g. "Bank account".
account-name-too-long = The account's name is too long (at most 60 characters).
account-reg-invalid = The registration number is 4 digits, e.g. 1234.
account-no-invalid = The account number may only hold digits (at most 20).
fee-due-invalid = Choose a date that exists, e.g. 31 January.
fee-reminder-days-invalid = Write a number of days between 1 and 180.
account-exists = There is already an account called "{ $name }".
account-unknown = The account does not exist (any more). Reload the page.
opening-assets-larger = The opening balance does not balance: the assets are { $amount } more than liabilities and equity together. Correct the equity or one of the balances.
opening-assets-smaller = The opening balance does not balance: liabilities and equity are { $amount } more than the assets. Correct the equity or one of the balances.
booking-already-fee = The booking is already a member's fee. Reverse the payment on the member first.
booking-not-income = Only money coming in can be a fee.
bank-account-unknown = Choose one of the association's bank, cash or MobilePay accounts.
bank-fees-booked = { $count ->
    [one] 1 line is booked as the member's fee.
   *[other] { $count } lines are booked as the members' fees.
}
booking-transfer-and-line = A transfer between the association's own accounts has no budget line. Choose one or the other.
booking-transfer-same-account = Choose another account to transfer from.
booking-is-fee = The booking is a member's fee and stays on the fee line. Reverse the payment on the member to move it.
booking-similar-choose = Choose a budget line or an account.
booking-similar-none = The text has no word other bookings can be recognised by.
cli-account-unknown = There is no account called "{ $name }". The accounts are: { $accounts }.
cli-opening-form = Write the balance as account=amount, e.g. "Bankkonto=50.000,00" (not "{ $given }").
reminder-level-invalid = A reminder is the 1st or the 2nd.
reminder-none-due = Nobody is due a { $level }. reminder for the { $year } fee today.
reminder-sent-meanwhile = One of the reminders was recorded meanwhile (on another computer). Nothing is recorded here; look at the list again.
reminders-saved = { $emails ->
    [one] 1 e-mail draft
   *[other] { $emails } e-mail drafts
} and { $letters ->
    [one] 1 letter
   *[other] { $letters } letters
} were saved, and the reminders are noted on the members.
error-year-closed = The fiscal year is closed and locked, so its bookings cannot change. Correct it in the next year with a reference.
close-check-ended = The fiscal year { $year } has ended.
close-check-not-ended = The fiscal year { $year } ends only on { $end }.
close-check-previous-open = The fiscal year { $year } is not closed yet. Close it first.
close-check-lines-ok = Every booking has a budget line or is a transfer.
close-check-lines = { $count ->
    [one] 1 booking has no budget line.
   *[other] { $count } bookings have no budget line.
}
close-check-opening-ok = The opening balance balances.
close-check-opening = The opening balance does not balance (difference { $amount }).
close-check-bank-ok = { $account } agrees with the statement on { $day }.
close-check-bank = { $account } does not agree with the statement on { $day }: difference { $difference } (booked { $book }, statement { $statement }).
close-check-vouchers = { $count ->
    [one] 1 booking typed by hand has no voucher attached.
   *[other] { $count } bookings typed by hand have no voucher attached.
}
close-already = The fiscal year { $year } is closed already.
close-checks-fail = The fiscal year { $year } cannot be closed yet: { $checks }
reopen-not-closed = The fiscal year { $year } is not closed.
reopen-later-closed = Only the latest closed year can be reopened. Reopen { $later } first.
reopen-reason = Write why the year is reopened. It is kept in the log.
year-closed = The fiscal year { $year } is closed and locked. Correct it in { $next } with a reference to the voucher.
payment-in-closed-year = The payment is booked as voucher { $voucher } in the fiscal year { $year }, which is closed and locked. It stays; a correction is booked in the next year.
annual-nothing = There is neither a budget nor bookings for { $year }, so there are no accounts to make.
voucher-empty = The file is empty.
voucher-too-big = The voucher is too big (at most { $mb } MB). Take a picture at a lower resolution, or save the PDF smaller.
voucher-not-a-voucher = A voucher must be a PDF or a picture (JPEG, PNG, HEIC or WebP).
voucher-year-closed = The fiscal year { $year } is closed and locked, so its vouchers cannot change.
audit-package-failed = The audit package could not be made: { $cause }
audit-package-readme = Audit package for the fiscal year { $year }, made with Kvorum.

    aarsregnskab-{ $year }.pdf: the annual accounts (a draft until the year is closed).
    posteringer-{ $year }.csv: every booking with voucher no., budget line and account (opens in Excel).
    budgetopfoelgning-{ $year }.pdf: budget and actual per line.
    bilag/: { $vouchers } vouchers, named with the voucher no. first.
    kontoudtog/: { $statements } bank statements as they were imported.
close-check-empty = There are neither bookings nor opening balances in { $year }, so there is nothing to close.
subject-access-failed = The data could not be packed: { $cause }
subject-access-readme = Everything { $association } holds about { $name } in Kvorum as of { $date }.

    The PDF file is for reading and printing.
    The JSON file has the same data as it is stored, so another program can read it (GDPR article 20).
    Dates are written YYYY-MM-DD, amounts in øre.
retention-too-long = At most 30 years.
retention-too-short = At least 1 year.
retention-bookkeeping-min = The Danish bookkeeping act requires the books to be kept for at least 5 years after the fiscal year.
cleanup-none-chosen = Choose at least one to anonymise.
cleanup-not-due = One of those chosen is not due to be anonymised yet. Fetch the list again.
cleanup-done = { $n } { $n ->
        [one] former member is anonymised
       *[other] former members are anonymised
    }: { $records } { $records ->
        [one] record is changed
       *[other] records are changed
    }. Payments and bookings stand as they were, without the name.
cleanup-minutes-kept = { $n } { $n ->
        [one] approved minutes still name the person; they are signed and not changed
       *[other] approved minutes still name the people; they are signed and not changed
    }.
field-looks-like-cpr = That looks like a CPR number. Kvorum never stores CPR numbers – do not type it here.
consent-text-too-long = At most 200 characters.
consent-kind-unknown = Choose one of the consents the association asks for.
consent-already-given = The member has already given this consent.
consent-in-future = A consent cannot have been given in the future.
consent-before-joining = The date is more than a year before the member joined. Check it.
consent-how-required = Say how the consent was given, e.g. "In writing on the membership form".
consent-already-withdrawn = The consent has already been withdrawn.
consent-not-found = The consent no longer exists. Reload the page.
consent-kind-name-required = Say what the consent is for, e.g. "Photos on the website".
consent-kind-purpose-required = Say what it is used for.
consent-kind-exists = The association already asks for a consent with that name.
consent-kinds-too-many = At most 20 kinds of consent.
audit-to-before-from = The end date is before the start date.
processing-text-required = Write something here; the record must say it.
processing-text-too-long = At most 2,000 characters.
processing-categories = Each kind of person must be in the record once.
audit-no-such-member = No member has no. { $no }.
cleanup-frikort-done = { $n } { $n ->
        [one] frikort worker's name is removed
       *[other] frikort workers' names are removed
    }; the payments stay in the books without the name.
field-birth-year-future = The year of birth is in the future.
register-birth-year = { $n } { $n ->
        [one] member's birth date is now only the year
       *[other] members' birth dates are now only the year
    }, in the change log too.
register-birth-nothing = { $n } { $n ->
        [one] member's birth date is deleted
       *[other] members' birth dates are deleted
    }, in the change log too.
register-birth-saved = The setting is saved.

## The projector
projector-message-empty = Type the message to show on the projector.
projector-message-long = The message is too long for the projector: at most 500 characters.
projector-countdown-range = A countdown must last between 1 second and 3 hours.
projector-not-in-meeting = What you chose does not belong to this meeting (it may have been removed). Choose again.
projector-window-title = Kvorum – Projector
error-projector-failed = The projector window could not be opened: { $cause }
