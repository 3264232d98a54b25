# Kvorum på dansk. Et budskab er et id og dets parametre; tal vælger ental og flertal
# (CLDR: 1 → one, ellers other). Ret teksten her, ikke i koden.

## Måneder (bruges som { $month } i andre budskaber)
month = { $n ->
    [1] januar
    [2] februar
    [3] marts
    [4] april
    [5] maj
    [6] juni
    [7] juli
    [8] august
    [9] september
    [10] oktober
    [11] november
   *[12] december
}

## Planlægning og frister
days = { $days } { $days ->
    [one] dag
   *[other] dage
}
notice-days = { $days } { $days ->
    [one] dags
   *[other] dages
} varsel
checklist-notice = Indkaldelse sendt
checklist-proposals = Frist for forslag
checklist-final-agenda = Endelig dagsorden sendt
checklist-window = Afholdes i rette tid
checklist-hold-by = Afholdes inden fristen
step-done = Gjort { $on }.
step-done-late = Gjort { $on }, { $days } { $days ->
    [one] dag
   *[other] dage
} for sent (fristen var { $deadline }).
step-overdue = Fristen { $deadline } er overskredet.
step-today = Fristen er i dag.
step-due = Senest { $deadline } ({ $days } { $days ->
    [one] dag
   *[other] dage
}).
step-proposals-closed = Fristen udløb { $deadline }.
window-latest-month = Vedtægterne kræver den ordinære generalforsamling afholdt senest i { $month }.
hold-by = Krævet { $on }; skal afholdes senest { $holdBy } ({ $days } { $days ->
    [one] dag
   *[other] dage
} efter kravet).
hold-by-from = Krævet { $on } af { $by }; skal afholdes senest { $holdBy } ({ $days } { $days ->
    [one] dag
   *[other] dage
} efter kravet).
hold-by-late = Mødet den { $date } er for sent.
deadlines = Indkaldelsen skal sendes senest { $notice } ({ $days } { $days ->
    [one] dags
   *[other] dages
} varsel), forslag skal være modtaget senest { $proposals }.
deadlines-final = Indkaldelsen skal sendes senest { $notice } ({ $days } { $days ->
    [one] dags
   *[other] dages
} varsel), forslag skal være modtaget senest { $proposals }, den endelige dagsorden sendes senest { $final }.
deadlines-window = Advarsel: vedtægterne kræver generalforsamlingen afholdt senest i { $month }.
notice-facts = Indkaldelsen blev sendt { $sent }, { $before } { $before ->
    [one] dag
   *[other] dage
} før generalforsamlingen; vedtægterne kræver mindst { $days } { $days ->
    [one] dags
   *[other] dages
} varsel.
notice-sent = { $facts } Generalforsamlingen er { $lawful ->
    [yes] lovligt indkaldt
   *[no] ikke lovligt indkaldt
}.
notice-missing = Der er ikke registreret nogen indkaldelse; vedtægterne kræver mindst { $days } { $days ->
    [one] dags
   *[other] dages
} varsel. Generalforsamlingen er ikke lovligt indkaldt.
notice-due = Indkaldelsen er ikke sendt endnu. Den skal sendes senest { $deadline } (om { $left } { $left ->
    [one] dag
   *[other] dage
}) for at give de { $days } { $days ->
    [one] dags
   *[other] dages
} varsel, vedtægterne kræver.
final-agenda-late = Den endelige dagsorden blev dog først udsendt { $sent }, { $before } { $before ->
    [one] dag
   *[other] dage
} før; vedtægterne kræver mindst { $days } { $days ->
    [one] dag
   *[other] dage
}.
final-agenda-missing = Det er ikke registreret, at den endelige dagsorden blev udsendt; vedtægterne kræver det senest { $days } { $days ->
    [one] dag
   *[other] dage
} før.
minutes-proposal-withdrawn = Forslaget blev trukket tilbage { $date } og blev ikke behandlet.
minutes-proposal-withdrawn-note = Forslaget blev trukket tilbage { $date } ({ $note }) og blev ikke behandlet.
minutes-lawful = Dirigenten konstaterede, at generalforsamlingen var lovligt indkaldt og beslutningsdygtig. { $facts }
minutes-notice-timely = Dirigenten konstaterede, at indkaldelsen var rettidig. { $facts } { $agenda }
minutes-unlawful = Dirigenten konstaterede, at generalforsamlingen IKKE var lovligt indkaldt. { $facts }

## Fejl ved API'ets kant
error-fields = { $count } { $count ->
    [one] felt skal
   *[other] felter skal
} rettes. Se beskederne ved felterne.
error-not-found = { $what } findes ikke (længere).
error-conflict = { $what } er ændret af en anden siden du åbnede det. Dine ændringer er ikke gemt: luk og åbn igen for at se den nye udgave, og ret så igen.
error-locked = Referatet er godkendt og låst og kan ikke ændres. Lav en rettelse: en ny version, der henviser til den godkendte.
error-duplicate = Værdien er allerede brugt af en anden post.
error-database = Databasen svarede med en fejl, og intet er gemt. Prøv igen; sker det igen, så giv den, der passer databasen, besked (fejlen står i Kvorums log).
error-no-association = Databasen har endnu ingen forening. Opret foreningen først.
error-no-database = Ingen forening er åben. Vælg »Åbn anden forening …«.
error-nothing-saved = Der er ikke gemt nogen fil endnu.
error-open-failed = Filen kunne ikke åbnes i et andet program: { $cause }
error-close-failed = Vinduet kunne ikke lukkes: { $cause }
backup-restore-server = En sikkerhedskopi af den fælles server lægges ikke oven i serveren. Åbn kopien som en fil (Åbn forening…), eller flyt den til en ny, tom database på serveren.
backup-damaged = Sikkerhedskopien »{ $name }« er beskadiget og kan ikke lægges tilbage. Vælg en anden.
backup-failed = Sikkerhedskopien { $path } kunne ikke laves eller læses: { $cause }
backup-second-missing = Sikkerhedskopien er taget, men kopien til { $dir } kunne ikke laves: mappen findes ikke (er USB-nøglen sat i?).
error-newer-version = { $where } er gemt af en nyere udgave af Kvorum (databaseversion { $version }). Opdatér Kvorum på denne computer; filen er ikke ændret.
error-open-file = Foreningsfilen { $file } kunne ikke åbnes. Tjek at mappen findes, og at du må skrive i den.
error-not-kvorum = { $file } er en database fra et andet program, ikke en forening fra Kvorum. Kvorum har ikke rørt den. Vælg en anden fil, eller opret en ny forening.
error-file-encrypted = Foreningsfilen { $file } er krypteret. Skriv filens adgangskode for at åbne den.
error-file-passphrase = Adgangskoden passer ikke til foreningsfilen { $file }. Prøv igen – store og små bogstaver tæller.
encrypt-server = En forening på en fælles server krypteres af serveren (TLS og serverens disk); Kvorum krypterer en forening i en fil.
encrypt-already = Foreningens fil er allerede krypteret.
encrypt-too-short = Adgangskoden skal være mindst { $min } tegn – brug gerne et par ord, fx »grøn cykel på perronen«.
encrypt-failed = Foreningsfilen { $file } kunne ikke krypteres. Filen er ikke ændret.
error-nothing-locked = Der er ingen krypteret fil, der venter på sin adgangskode. Vælg filen igen.
handover-failed = Overdragelsen kunne ikke pakkes eller pakkes ud: { $cause }
handover-not-package = { $file } er ikke en overdragelse fra Kvorum. Vælg den .zip-fil, Kvorum lavede ved »Lav en overdragelse«.
handover-encrypted = Overdragelsen { $file } er krypteret. Skriv foreningens adgangskode – den, der lavede overdragelsen, giver dig den (ikke i samme mail som filen).
handover-passphrase = Adgangskoden passer ikke til overdragelsen { $file }. Prøv igen – store og små bogstaver tæller.
handover-folder-exists = Mappen { $folder } findes allerede – overdragelsen er måske pakket ud før. Åbn foreningen i den mappe med »Åbn forening …«, eller flyt mappen.
handover-readme = Overdragelse af { $association }, lavet af { $by } den { $date } i Kvorum.

  Sådan åbner du den: installér Kvorum, vælg »Åbn en overdragelse …« på den første skærm
  (eller under Forening), og vælg denne .zip-fil. Er foreningen krypteret, spørger Kvorum
  om adgangskoden – den, der overdrager, giver dig den ad en anden vej end filen.

  I pakken:
  - { $file }: hele foreningen – medlemmer, møder, referater, bestyrelse og regnskab
  - Vedtægter.pdf: vedtægterne, som de gælder
  - Bestyrelsen.pdf: bestyrelsen med poster og valgperioder
  - Referat …pdf: det seneste godkendte referat
  - Budgetopfølgning …pdf: årets og sidste års budget og regnskab
error-open-server = Databaseserveren { $server } kunne ikke nås. Tjek adressen, brugernavn og adgangskode, og at serveren kører.
error-server-insecure = Serveren { $server } er på netværket, og forbindelsen dertil skal være krypteret (TLS), så adgangskoden og medlemslisten ikke kan læses undervejs. Fjern »sslmode=disable« fra adressen.
error-server-tls = Forbindelsen til { $server } kunne ikke krypteres med et certifikat, Kvorum stoler på. Bruger serveren sit eget certifikat, så vælg certifikatet (den, der driver serveren, kan give dig det). Kvorum har ikke sendt adgangskoden.
error-server-login = Serveren { $server } godkendte ikke brugernavnet eller adgangskoden.
error-server-no-database = Databasen findes ikke på serveren { $server }. Den, der driver serveren, opretter den (se README: »Den fælles server«).
transfer-same = Foreningen er allerede her. Vælg en anden fil eller server at flytte den til.
transfer-file-exists = Filen { $file } findes allerede. Vælg et nyt filnavn; Kvorum skriver ikke oven i en fil.
transfer-not-empty = Databasen { $where } er ikke tom (tabellen »{ $table }« har data). Foreningen flyttes kun til en ny, tom database; intet er ændret.
transfer-failed = Foreningen kunne ikke flyttes til { $where }. Foreningen her er ikke ændret; prøv igen med en ny, tom database, og kontakt den, der driver serveren, hvis det sker igen.
transfer-confirm = Hele foreningen – medlemslisten, møderne, referaterne og regnskabet – kopieres til serveren { $server }. Filen på denne computer bliver, som den er. Vil du flytte foreningen dertil?
transfer-cancelled = Foreningen er ikke flyttet.
error-open-unknown = Kvorum åbner kun foreninger fra listen over seneste. Vælg filen med »Åbn forening…«, eller forbind til serveren.
server-host-missing = Skriv serverens adresse (fx db.perronen.dk).
server-host-bad = Serverens adresse kan ikke bruges. Skriv kun navnet eller IP-adressen, fx db.perronen.dk.
server-database-missing = Skriv databasens navn på serveren.
server-user-missing = Skriv dit brugernavn på serveren.
server-certificate-bad = Filen er ikke et certifikat (PEM, begynder med »-----BEGIN CERTIFICATE-----«). Bed den, der driver serveren, om serverens certifikat.

## Hvad fejlen handler om ({ $what } ovenfor)
what-record = Posten
what-member = Medlemmet
what-meeting = Mødet
what-item = Dagsordenspunktet
what-proposal = Forslaget
what-bylaws = Vedtægterne
what-association = Foreningen
what-grant = Tilskuddet
what-booking = Posteringen
what-budget-line = Budgetposten
what-board-register = Bestyrelsesregistret
what-minutes = Referatet
what-decision = Beslutningen
what-bylaws-draft = Vedtægtsudkastet
what-election = Valget
what-goal = Udviklingsmålet
what-term = Posten i bestyrelsesregistret
what-candidate = Kandidaten
what-proxy = Fuldmagten
what-frikort-worker = Frikort-medarbejderen
what-proposer = Forslagsstilleren
what-attendee = Deltageren
what-budget = Budgettet

## Beslutninger
decision-bylaws-created = Vedtægternes version { $version } er oprettet: »{ $note }«, i kraft fra { $day }.
decision-draft-lacks-change = Der findes et vedtægtsudkast (version { $version }), som ikke indeholder denne ændring. Tjek det under Vedtægter.
decision-check-settings = Tjek om vedtægternes indstillinger (frister, flertal) skal følge den nye tekst.
decision-changed-bylaws = Beslutningen vedtog vedtægternes version { $version } og kan ikke slettes. Ret vedtægterne med en ny vedtægtsændring.
decision-minutes-locked = Mødets referat er godkendt og låst. Beslutninger og fremmøde kan ikke længere ændres; lav en rettelse af referatet i stedet.
decision-unknown-kind = Beslutningstypen »{ $kind }« findes ikke i vedtægterne.
decision-more-votes = Der er talt { $cast } { $cast ->
    [one] stemme
   *[other] stemmer
}, men kun { $room } { $room ->
    [one] stemme
   *[other] stemmer
} i salen (fremmødte med stemmeret og fuldmagter). Tjek optællingen eller fremmødet.

## Felter: medlemmer og forening
field-member-no = Medlemsnummeret skal være et tal fra 1 til 9.999.999.
field-member-name = Skriv medlemmets navn.
field-name-too-long = Navnet er for langt (højst 200 tegn).
field-email = »{ $value }« er ikke en gyldig e-mailadresse. Skriv fx navn@eksempel.dk
field-postal-code = Postnummeret »{ $value }« skal være fire cifre, fx 4800.
field-phone = Telefonnummeret »{ $value }« skal have mindst 8 cifre, fx 12 34 56 78.
field-birth-future = Fødselsdatoen ligger i fremtiden.
field-birth-1900 = Fødselsdatoen er før 1900. Tjek årstallet.
field-joined-required = Skriv datoen for indmeldelse.
field-joined-before-birth = Indmeldelsesdatoen ligger før fødselsdatoen.
field-left-before-joined = Udmeldelsesdatoen ligger før indmeldelsesdatoen.
field-left-required = Skriv udmeldelsesdatoen, når der er angivet en årsag til udmeldelse.
field-left-reason-long = Årsagen er for lang (højst 200 tegn). Skriv kun det nødvendige.
field-type-required = Vælg en medlemstype.
field-type-unknown = Medlemstypen »{ $type }« findes ikke. Vælg en af foreningens medlemstyper.
field-association-name = Skriv foreningens navn.
field-cvr = Et CVR-nummer har 8 cifre. Lad feltet stå tomt, hvis foreningen ikke har et.
field-fiscal-month = Regnskabsåret skal starte i en måned fra 1 til 12.

## Valg
election-places = { $title }: { $seats } { $seats ->
    [one] plads
   *[other] pladser
}{ $alternates ->
    [0] {""}
    [one] { " " }+ 1 suppleant fra samme afstemning
   *[other] { " " }+ { $alternates } suppleanter fra samme afstemning
}
term-ended-expired = valgperioden udløb
term-ended-new-alternates = nye suppleanter valgt
term-ended-left = udtrådt
term-ended-stepped-in = indtrådt i bestyrelsen for { $name }
election-ballots-full = { $entered ->
    [one] Der er allerede tastet 1 stemmeseddel
   *[other] Der er allerede tastet { $entered } stemmesedler
}, og der var { $room ->
    [one] 1 stemme
   *[other] { $room } stemmer
} i salen. Tjek optællingen.
election-too-few-valid = { $valid ->
    [one] 1 gyldig stemmeseddel
   *[other] { $valid } gyldige stemmesedler
} kan ikke give de stemmer: med højst { $marks ->
    [one] 1 kryds
   *[other] { $marks } kryds
} pr. seddel kræver de mindst { $least }. Tjek optællingen.
election-more-than-room = Tallene kræver mindst { $needed ->
    [one] 1 stemmeseddel
   *[other] { $needed } stemmesedler
}, men der var kun { $room ->
    [one] 1 stemme
   *[other] { $room } stemmer
} i salen.
election-no-random = Computeren kunne ikke levere et sikkert tilfældigt tal ({ $cause }). Træk lod i hånden.
candidate-name-missing = Vælg et medlem, eller skriv kandidatens navn.
board-already-left = { $name } er allerede fratrådt.
board-no-alternate = Der er ingen suppleant, der kan indtræde.
board-not-on-board = { $name } sidder ikke i bestyrelsen den { $day }.
appoint-name-missing = Vælg et medlem, eller skriv navnet.
appoint-by-missing = Skriv hvem der har udpeget, fx »Guldborgsund Kommune«.
appoint-expiry-missing = Skriv året for den generalforsamling, hvor valgperioden udløber.
seat-kind = { $kind ->
    [board] Bestyrelsesmedlem
    [alternate] Suppleant
    [appointed] Udpeget medlem
    [auditor] Revisor
   *[auditorAlternate] Revisorsuppleant
}
position = { $position ->
    [chair] Formand
    [viceChair] Næstformand
    [treasurer] Kasserer
    [secretary] Sekretær
   *[member] Bestyrelsesmedlem
}
term-alternate-rank = { $rank }. suppleant
term-appointed-by = udpeget af { $by }
term-until-assembly = { $start } – generalforsamlingen { $year }
term-from = fra { $start }
term-ended = { $period }; fratrådt { $day } ({ $reason })
term-ended-plain = { $period }; sluttede { $day }
candidate-up-for-election = På valg
candidate-not-eligible = Kan ikke vælges: { $reasons }
candidate-members-only = Kun medlemmer kan vælges til bestyrelsen.

## Datoer og beløb
date-missing = Datoen mangler.
date-bad = »{ $value }« er ikke en dato. Skriv fx 22.11.2026
date-impossible = »{ $value }« findes ikke i kalenderen.
amount-missing = Beløbet mangler.
amount-bad = »{ $value }« er ikke et beløb. Skriv fx 1.234,50

## Møder
weekday = { $n ->
    [1] mandag
    [2] tirsdag
    [3] onsdag
    [4] torsdag
    [5] fredag
    [6] lørdag
   *[7] søndag
}
long-date = { $weekday } den { $day }. { $month } { $year }
at-time = kl. { $time }
meeting-kind = { $kind ->
    [ordinary] Ordinær generalforsamling
    [extraordinary] Ekstraordinær generalforsamling
    [board] Bestyrelsesmøde
   *[other] Møde
}
meeting-participant = Deltager
meeting-dirigent-missing = Der er ikke valgt en dirigent endnu.
meeting-dirigent-on-board = { $name } sidder i bestyrelsen. Dirigenten bør ikke være medlem af bestyrelsen.

minutes-empty = Referatet er tomt. Skriv referatet, eller lav udkastet igen fra mødets data.
minutes-election-undecided = { $title } er ikke afgjort (en stemmelighed eller et omvalg mangler). Afgør valget, før referatet godkendes.
minutes-correction-note-missing = Skriv kort, hvad rettelsen retter.

fraction = { $num ->
    [1] { $den ->
        [2] halvdelen
       *[other] { $num }/{ $den }
    }
   *[other] { $num }/{ $den }
}
board-quorum = { $present } af bestyrelsens { $size } medlemmer til stede; vedtægterne kræver { $strict ->
    [strict] mere end
   *[atLeast] mindst
} { $share } ({ $required }). Bestyrelsen var { $quorate ->
    [yes] beslutningsdygtig
   *[no] ikke beslutningsdygtig
}.
proposal-withdrawn-no-vote = Forslaget er trukket tilbage og kan ikke sættes til afstemning. Fortryd tilbagetrækningen først, hvis det skal behandles.
proposal-withdraw-decided = Der er allerede truffet beslutning om forslaget. Fjern beslutningen først, hvis forslaget blev trukket tilbage før afstemningen.
proposal-late = Modtaget { $received }, efter fristen { $deadline }.
minutes-attendance = Fremmøde: { $present ->
    [one] 1 medlem
   *[other] { $present } medlemmer
} til stede, heraf { $withVote } med stemmeret{ $guests ->
    [0] {""}
    [one] , og 1 gæst uden stemmeret
   *[other] , og { $guests } gæster uden stemmeret
}. { $proxies ->
    [0] Ingen fuldmagter
    [one] 1 fuldmagt
   *[other] { $proxies } fuldmagter
}, { $votes ->
    [one] 1 stemme
   *[other] { $votes } stemmer
} i alt. Foreningen havde { $members ->
    [one] 1 stemmeberettiget medlem
   *[other] { $members } stemmeberettigede medlemmer
} på dagen.

## Fremmøde
attendee-guest = Gæst uden stemmeret
attendance-not-a-member = Personen er ikke medlem på mødedagen. Tjek indmeldelses- og udmeldelsesdato, eller tjek ind som gæst.
attendance-who = Vælg et medlem, eller skriv gæstens navn.
attendance-twice = { $name } er allerede tjekket ind.
door-payment-assemblies-only = Kontingent betales ved døren kun til generalforsamlinger.
proxy-assemblies-only = Fuldmagter bruges kun på generalforsamlinger.

## Fuldmagter
proxy-not-allowed = Vedtægterne tillader ikke stemmeafgivning ved fuldmagt.
proxy-self = Et medlem kan ikke give fuldmagt til sig selv.
proxy-giver-no-vote = Fuldmagtsgiveren har ikke stemmeret: { $reason }.
proxy-giver-present = Fuldmagtsgiveren er selv til stede og stemmer selv. Tjek medlemmet ud først, hvis det er gået.
proxy-holder-absent = Fuldmagtshaveren er ikke tjekket ind. Tjek vedkommende ind først.
proxy-holder-no-vote = Fuldmagtshaveren har ikke selv stemmeret ({ $reason }).
proxy-holder-no-vote-reason = se medlemmet
proxy-not-a-member = ikke medlem på mødedagen
proxy-already-given = Medlemmet har allerede givet en fuldmagt til dette møde.
proxy-no-passing-on = Medlemmet har selv fuldmagt fra en anden og kan ikke give fuldmagt videre.
proxy-cap = { $holder } har allerede { $held } { $held ->
    [one] fuldmagt
   *[other] fuldmagter
}; vedtægterne tillader højst { $max } pr. fremmødt medlem.

## Økonomi
booking-text-required = Skriv hvad posteringen er, fx »Husleje marts«.
frikort-over-cap = Beløbet kan ikke udbetales skattefrit: med { $amount } bliver årets indtjening { $earned }, og frikortets grænse er { $cap }. Der er { $left } tilbage.
frikort-warning = Over 80 % af frikortets grænse er brugt: { $earned } af { $cap }.

bank-unreadable = { $count } { $count ->
    [one] linje kan
   *[other] linjer kan
} ikke læses, og intet er importeret: { $lines }{ $more ->
    [0] {""}
   *[other] {" "}og { $more } flere
}. Ret filen eller kolonnevalget.
bank-imported = { $count } { $count ->
    [one] postering er
   *[other] posteringer er
} importeret; { $skipped } var importeret før og er sprunget over.
budget-copy-has-lines = Budgettet for { $year } har allerede poster. Ret dem i stedet for at kopiere.
budget-copy-nothing = Der er intet budget for { $year } at kopiere.
year-does-not-exist = Året { $year } findes ikke.

booking-line-not-in-year = Budgetposten hører ikke til regnskabsåret { $year }.
booking-voucher-taken = Bilag nr. { $voucher } er allerede brugt i { $year }. Vælg et andet nummer, eller lad feltet stå tomt.

frikort-cap-missing = Skriv årets skattefri grænse, fx 42.766,00 kr. for 2025.

## Vedtægter
bylaws-in-force-before-adopted = Vedtægterne kan ikke træde i kraft, før de er vedtaget.
bylaws-adopted-note = Vedtaget på generalforsamlingen den { $day }
bylaws-check-section = Tjek teksten i § { $number }: den nævner ikke den ændrede værdi på en måde, Kvorum kan rette selv.
bylaws-text-too-large = Teksten er for lang til at være vedtægter (over 1 MB). Tjek at det er den rigtige fil.
bylaws-no-sections = Teksten har ingen paragraffer. Hver paragraf skal begynde på en linje med »§ 1«, »§ 2« osv.
fraction-bad = »{ $value }« er ikke en brøk. Skriv fx 2/3.
fraction-range = »{ $value }« skal være en brøk mellem 0 og 1, fx 2/3.

## Import af medlemmer
import-consent-bad = »{ $value }« skal være ja eller nej.
import-type-unknown = Medlemstypen »{ $value }« findes ikke. Brug en af: { $types }.
import-summary-empty = Filen har en overskriftslinje, men ingen medlemmer.
import-summary-ready = { $count ->
    [one] 1 medlem er klar til import.
   *[other] { $count } medlemmer er klar til import.
}
import-summary-all-excluded = Alle rækker er udeladt: der er intet at importere.
import-rows-with-errors = { $count ->
    [one] 1 række har fejl
   *[other] { $count } rækker har fejl
}
import-rows-duplicates = { $count ->
    [one] 1 række ligner et medlem, der allerede findes
   *[other] { $count } rækker ligner medlemmer, der allerede findes
}
import-summary-fix = { $parts }. Ret filen, eller udelad rækkerne. Intet importeres, før alle rækker er i orden.
import-summary-fix-duplicates = { $parts }. Ret filen, eller udelad rækkerne eller vælg at importere dubletterne alligevel. Intet importeres, før alle rækker er i orden.
import-no-name-column = Ingen kolonne er valgt som »Navn« (eller »Fornavn«/»Efternavn«). Vælg hvilken kolonne der rummer navnet.
delimiter = { $d ->
    [semicolon] semikolon
    [comma] komma
    [tab] tabulator
   *[other] { $d }
}
and = { $a }, og { $b }
import-at-line = Linje { $line }
import-at-line-column = Linje { $line }, kolonne »{ $column }«
import-refused-row = Intet er importeret. { $at }: { $problem } Ret filen, eller udelad linjen.
import-refused-rows = Intet er importeret. { $count ->
    [one] 1 linje skal
   *[other] { $count } linjer skal
} rettes: linje { $lines }{ $more ->
    [0] {""}
   *[other] {" "}og { $more } flere
}. Ret filen, eller udelad linjerne.
import-refused = Intet er importeret. { $reason }
import-done = { $count ->
    [one] 1 medlem er importeret.
   *[other] { $count } medlemmer er importeret.
}

## Fejl i brugen
association-exists = Denne database har allerede en forening. Én database rummer én forening: opret en ny fil til en anden forening.
bylaws-adopted-locked = En vedtaget version kan ikke ændres. Ret i et nyt udkast.
election-start-first = Start den skriftlige afstemning, før stemmesedlerne tastes ind.
election-votes-for-stranger = Der er stemmer til en, der ikke er kandidat.
election-no-tie = Der er ingen stemmelighed at afgøre.
election-needs-second-round = Ingen fik absolut flertal: der skal stemmes igen mellem de to med flest stemmer (omvalg), ikke trækkes lod.
election-ties-by-runoff = Vedtægterne afgør stemmelighed ved omvalg mellem de lige: start et omvalg.
election-draw-order = Lodtrækningens rækkefølge skal nævne netop de kandidater, der står lige.
election-nothing-to-rerun = Der er intet at stemme om igen.
election-ties-by-lot = Vedtægterne afgør stemmelighed ved lodtrækning, ikke omvalg.
election-undecided = Valget er ikke afgjort endnu (afstemning eller lodtrækning mangler).
election-terms-undecided = Vælg først, hvem af de valgte der sidder den lange periode: ved lodtrækning eller efter aftale.
election-terms-not-needed = Alle de valgte får samme valgperiode: der er intet at fordele.
election-terms-count = Vælg { $n ->
    [one] 1 af de valgte
   *[other] { $n } af de valgte
}, der sidder { $years } år.
election-nobody-elected = Ingen er valgt endnu.
election-closed-to-candidates = Afstemningen er begyndt; der kan ikke komme flere kandidater.
election-already-candidate = Medlemmet er allerede kandidat.
election-begun = Afstemningen er begyndt.
election-contested = Der er flere kandidater end pladser: valget skal afgøres ved skriftlig afstemning (kampvalg).
election-no-ballot-on-request = Vedtægterne giver ikke mulighed for skriftlig afstemning ved fredsvalg.
election-minutes-locked = Mødets referat er godkendt og låst; valget kan ikke længere ændres.
election-applied = Valget er afsluttet og skrevet i bestyrelsesregistret.
minutes-locked = Referatet er godkendt og låst. Vælg »Lav rettelse« for at lave en ny version.
minutes-correction-exists = Der er allerede et udkast til en rettelse. Ret i det.
minutes-nothing-to-correct = Der er intet godkendt referat at rette. Ret i udkastet.
meeting-no-second-assembly = Beslutningen kalder ikke på en ny generalforsamling.
member-no-taken-meanwhile = Et af medlemsnumrene er lige blevet brugt af en anden. Intet er gemt: prøv igen.
meeting-time-missing-dst = Mødets tidspunkt findes ikke i dansk tid (sommertidsskift).
notice-no-recipients = Ingen medlemmer har en e-mailadresse. Udskriv indkaldelsen som breve til medlemmerne i stedet.
notice-email-not-allowed = Vedtægterne giver ikke mulighed for at indkalde pr. e-mail. Udskriv indkaldelsen som breve til medlemmerne (eller ret vedtægternes indstilling, hvis de tillader e-mail).
notice-no-letters = Alle medlemmer får indkaldelsen pr. e-mail: der er ingen breve at udskrive.
ballots-no-candidates = Der er ingen kandidater, der har sagt ja. Tilføj kandidaterne først.

## Felter: økonomi, møder, vedtægter, tilskud, filer
minutes-approved-future = Godkendelsesdatoen ligger i fremtiden.
minutes-approved-before-meeting = Referatet kan ikke godkendes før mødet er holdt.
meeting-notice-after = Indkaldelsen kan ikke være sendt efter mødet.
meeting-ends-before-start = Mødet kan ikke slutte, før det begynder.
agenda-item-title-missing = Hvert dagsordenspunkt skal have en overskrift.
agenda-too-long = En dagsorden kan højst have 60 punkter.
membership-type-name-missing = Skriv navnet på medlemstypen, fx »Familiemedlem«.
date-out-of-range = Datoen skal ligge mellem 1900 og 2100. Tjek årstallet.
amount-over-limit = Beløbet er for stort. Kvorum tager beløb op til 1.000.000.000 kr.
booking-amount-missing = Beløbet mangler. Indtægter er positive, udgifter negative, fx -1.250,00.
booking-voucher-too-long = Bilagsnummeret må højst have 20 tegn.
budget-line-name-missing = Giv budgetposten et navn, fx »Husleje«.
budget-line-amount-negative = Skriv budgettet som et positivt beløb; vælg indtægt eller udgift.
bylaws-text-empty = Vedtægterne skal have mindst én paragraf.
csv-mixed-encoding = Filen er skrevet i UTF-8, men linje { $line } har et tegn, der ikke er UTF-8. Gem filen igen som »CSV UTF-8« i regnearket, eller ret linjen.
csv-open-quote = Linje { $line } har et anførselstegn (") uden et afsluttende, så to linjer ville blive til én. Ret linjen i filen.
csv-too-large = Filen er for stor (over 20 MB) til at være en CSV-fil herfra. Vælg den rigtige fil.
csv-empty = Filen er tom. Vælg en CSV-fil med en overskriftslinje og én linje pr. post.
csv-no-heading = Filen har ingen overskriftslinje.
csv-binary = Filen er ikke en CSV-fil (den indeholder binære data). Gem regnearket som »CSV (semikolonsepareret)« og prøv igen.
fee-year-invalid = Kontingentåret er ikke gyldigt.
payment-reverse-reason = Skriv, hvorfor betalingen tilbageføres, fx »Registreret på det forkerte medlem«.
payment-date-missing = Skriv betalingsdatoen.
payment-date-future = Betalingsdatoen ligger i fremtiden.
payment-amount-not-positive = Beløbet skal være større end 0 kr.
payment-voucher-too-long = Bilagsnummeret er for langt (højst 40 tegn).
fee-type-unknown = Vælg en af foreningens medlemstyper.
fee-rate-year-invalid = Året er ikke gyldigt.
fee-rate-negative = Kontingentet kan ikke være negativt.
grant-name-missing = Giv tilskuddet et navn, fx »Driftstilskud 2026–27«.
grant-grantor-missing = Skriv hvem der giver tilskuddet, fx »Guldborgsund Kommune«.
grant-period-backwards = Perioden slutter før den begynder. Ret slutdatoen.
grant-amount-negative = Beløbet pr. år kan ikke være negativt.
grant-amount-missing = Skriv beløbet pr. år, eller vælg »Tilskud i naturalier«.
grant-instalment-not-positive = Hver rate skal have et positivt beløb.
grant-deadline-what-missing = Skriv hvad der skal afleveres ved hver frist, fx »Årsrapport«.
grant-renegotiation-missing = Skriv hvor ofte aftalen genforhandles, fx hvert 2. år.
grant-goal-text-missing = Hvert udviklingsmål skal have en beskrivelse.
grant-in-kind-text-missing = Beskriv hvert naturalietilskud, fx »Lokaler i Stationsbygningen«.
grantor-required = Skriv hvem der giver tilskuddet.
grantor-too-long = Tilskudsgiverens navn må højst være 120 tegn.
grantor-threshold-negative = Beløbsgrænsen kan ikke være negativ.
grantor-thresholds-order = Grænsen for revision ved registreret eller statsautoriseret revisor skal være mindst grænsen for, hvornår bestyrelsens underskrift er nok.
grantor-declaration-required = Skriv den erklæring, tilskudsgiveren beder om (eller brug standardteksten).
grantor-declaration-too-long = Erklæringen må højst være 4.000 tegn.
audit-form-invalid = Vælg »revideret« eller »gennemgået«.
audit-reviewed-not-enough = { $grantor } kræver revision af tilskuddet ({ $level }); en gennemgang er ikke nok.
visits-future = Besøgstal kan kun skrives for dage, der er gået. Ret datoen.
visits-too-many = Over 10.000 besøg på én dag eller måned? Tjek tallet.
frikort-worker-name = Skriv navnet, som det står på lønindberetningen (højst 80 tegn).
frikort-job-amount-missing = Skriv det udbetalte beløb, fx 250,00.
frikort-job-description-missing = Skriv hvad jobbet var, fx »Opvask i caféen«.
goal-status-note-missing = Skriv kort hvor målet står, fx »30 af 40 frivillige har fået kursus«.
meeting-body-missing = Skriv hvilket organ der holder mødet, fx »Husmøde« eller »Aktivitetsgruppen«.
meeting-place-too-long = Stedet må højst fylde 200 tegn.
meeting-demand-after = Kravet om en ekstraordinær generalforsamling skal være modtaget før mødet.
proposal-title-missing = Giv forslaget en kort overskrift.
proposal-text-missing = Skriv forslagets tekst.
proposal-amendment-missing = En vedtægtsændring skal have den foreslåede nye tekst til paragraffen.
proposal-amendment-empty = Skriv den foreslåede nye tekst til paragraffen.
proposal-amendment-title-missing = Paragraffen skal have en overskrift.
signatory-name-missing = Skriv navnet på hver, der underskriver.
signatory-dirigent-missing = Referatet af en generalforsamling skal underskrives af dirigenten.
signatory-none = Mindst én skal underskrive referatet.
signatory-role-twice = Hver rolle skal kun stå én gang.
rules-notice-days = Varslet skal være mellem 1 og 120 dage.
rules-proposal-days = Fristen for forslag kan højst være 120 dage før generalforsamlingen.
rules-month = Måneden skal være fra 1 til 12.
rules-final-agenda-before-notice = Den endelige dagsorden kan ikke sendes før indkaldelsen.
rules-share = Andelen skal være en brøk mellem 0 og 1, fx 1/4.
rules-proxies-zero = Når fuldmagter er tilladt, skal et medlem kunne have mindst én.
rules-board-seats = Antallet af bestyrelsesmedlemmer skal ligge mellem mindste og største antal.
rules-term-years = Valgperioden skal være fra 1 til 6 år.
rules-even-years = Der kan ikke vælges flere i lige år end der er pladser.
rules-fiscal-month = Regnskabsåret skal starte i en måned fra 1 til 12.

bank-field-date = Dato
bank-field-text = Tekst
bank-field-amount = Beløb
bank-field-balance = Saldo
bank-no-headings = filen har ingen overskriftslinje
bank-column-unknown = Kvorum kan ikke se, hvilken kolonne der er »{ $field }« ({ $headings }). Vælg kolonnerne selv.
bank-line-problem = Linje { $line }, kolonne { $column }: { $problem }
bank-pending-skipped = { $count } { $count ->
    [one] reserveret linje er
   *[other] reserverede linjer er
} ikke bogført i banken endnu og er ikke importeret; { $count ->
    [one] den kommer
   *[other] de kommer
} med i et senere kontoudtog.
bank-line-unknown-budget-line = Linje { $line }: budgetposten »{ $name }« findes ikke i budgettet for { $year }.
budget-line-exists = Budgettet har allerede en post, der hedder »{ $name }«.
budget-line-in-use = Budgetposten »{ $name }« har { $n ->
    [one] 1 postering
   *[other] { $n } posteringer
} og kan ikke fjernes. Flyt { $n ->
    [one] den
   *[other] dem
} til en anden post under Posteringer først.
budget-line-has-fees = Kontingentposten kan ikke fjernes: { $n ->
    [one] 1 kontingentbetaling
   *[other] { $n } kontingentbetalinger
} i året tælles på den.
decision-kind-not-in-bylaws = Beslutningstypen »{ $kind }« findes ikke i vedtægterne. Brug en af: { $kinds }.
rules-key-unknown = Indstillingen »{ $key }« findes ikke. Se `kvorum bylaws show --json` for navnene.
rules-value-bad = »{ $value }« passer ikke til indstillingen »{ $key }« ({ $cause }).
pdf-failed = PDF'en kunne ikke laves: { $cause }
email-failed = E-mailen kunne ikke laves: { $cause }
db-location-bad = »{ $location }« er hverken en fil eller en postgres://-adresse.
agenda-item-has-decision = Punktet med beslutningen »{ $subject }« kan ikke slettes. Slet beslutningen først.
second-assembly-window = Den nye generalforsamling skal holdes efter { $after } og senest { $latest } ({ $days ->
    [one] 1 dag
   *[other] { $days } dage
}).
csv-write-failed = CSV-filen kunne ikke skrives: { $cause }
member-no-taken = Medlemsnummer { $no } er allerede brugt. Vælg et andet, eller lad feltet stå tomt.
membership-type-exists = Medlemstypen »{ $name }« findes allerede.
report-no-budget = Der er intet budget for { $year } endnu. Læg budgettet ind først.
settings-save-failed = Indstillingerne kunne ikke gemmes i { $dir }: { $cause }
csv-line-unreadable = Linje { $line } i filen kan ikke læses som CSV ({ $cause }). Tjek anførselstegn i linjen.
proposal-kind-unknown = Vælg en af vedtægternes forslagstyper: { $kinds }.
import-field-twice = Feltet »{ $field }« er valgt for to kolonner. Vælg det for én kolonne.
rules-majority-bad = Flertallet for »{ $name }« skal være en brøk mellem 0 og 1.
rules-quorum-bad = Kvorum for »{ $name }« skal være en brøk mellem 0 og 1.
rules-decision-missing = Reglen for »{ $kind }« mangler.

## Kommandolinjen
cli-error = Fejl: { $message }

## En tekst, der endnu ikke står i kataloget: vises som den er, på begge sprog
plain = { $s }
file-not-found = Filen findes ikke: { $path }
file-folder-not-found = Mappen findes ikke: { $path }. Vælg en mappe, der findes.
file-permission = Kvorum har ikke adgang til { $path }. Vælg en anden fil eller mappe, eller giv adgang til den.
file-is-folder = { $path } er en mappe, ikke en fil. Vælg en fil.
file-disk-full = Der er ikke plads på disken til { $path }. Frigør plads, og prøv igen.
file-read-only = { $path } ligger på et drev, der kun kan læses. Gem et andet sted.
file-name-invalid = Filnavnet { $path } kan ikke bruges. Vælg et kortere navn uden specialtegn.
file-too-large = Filen { $path } er for stor til drevet.
file-over-limit = Filen { $path } er for stor (over { $mb } MB) til at være den fil, Kvorum venter. Vælg den rigtige fil.
file-unreadable = Filen { $path } kunne ikke læses ({ $cause }).
file-unwritable = Filen { $path } kunne ikke gemmes ({ $cause }).
file-not-text = Filen { $path } er ikke en tekstfil. Gem teksten fra Word som »Almindelig tekst (.txt)«, eller kopiér den ind.
setting-days = { $n } { $n ->
    [one] dag
   *[other] dage
}
setting-years = { $n } år
setting-yes = ja
setting-no = nej
setting-none = ingen
setting-second-assembly = en ny generalforsamling inden { $days } dage vedtager med { $majority }
setting-ties-lot = lodtrækning
setting-ties-run-off = omvalg
setting-silent = Teksten siger ikke noget om det. Udkastets værdi beholdes – tjek, at den passer.
setting-appointed-unsupported = Skabelonen har en bestyrelsesplads, som en anden udpeger, men teksten nævner ingen udpegede medlemmer. Fjern pladsen i indstillingerne, hvis foreningen ikke har den.
setting-no-quorum = uanset antallet af fremmødte
file-chosen-gone = Den valgte fil er ikke længere indlæst. Vælg filen igen.
file-busy = Filen { $path } er i brug af et andet program. Luk det, og prøv igen.

## Accounts and fees in the books
account-name-required = Skriv kontoens navn, fx »Bankkonto«.
account-name-too-long = Kontoens navn er for langt (højst 60 tegn).
account-reg-invalid = Registreringsnummeret er 4 cifre, fx 1234.
account-no-invalid = Kontonummeret må kun have cifre (højst 20).
fee-due-invalid = Vælg en dato, der findes, fx 31. januar.
fee-reminder-days-invalid = Skriv et antal dage mellem 1 og 180.
account-exists = Der er allerede en konto, der hedder »{ $name }«.
account-unknown = Kontoen findes ikke (længere). Hent siden igen.
opening-assets-larger = Primobalancen balancerer ikke: aktiverne er { $amount } større end gæld og egenkapital tilsammen. Ret egenkapitalen eller en af saldiene.
opening-assets-smaller = Primobalancen balancerer ikke: gæld og egenkapital er { $amount } større end aktiverne. Ret egenkapitalen eller en af saldiene.
booking-already-fee = Posteringen er allerede et medlems kontingent. Tilbagefør betalingen på medlemmet først.
booking-not-income = Kun en indbetaling kan være et kontingent.
bank-account-unknown = Vælg en af foreningens bank-, kasse- eller MobilePay-konti.
bank-fees-booked = { $count ->
    [one] 1 linje er bogført som kontingent på medlemmet.
   *[other] { $count } linjer er bogført som kontingent på medlemmerne.
}
booking-transfer-and-line = En overførsel mellem foreningens egne konti har ingen budgetpost. Vælg det ene eller det andet.
booking-transfer-same-account = Vælg en anden konto at overføre fra.
booking-is-fee = Posteringen er et medlems kontingent og bliver på kontingentposten. Tilbagefør betalingen på medlemmet for at flytte den.
booking-similar-choose = Vælg en budgetpost eller en konto.
booking-similar-none = Teksten har intet ord, som andre posteringer kan kendes på.
cli-account-unknown = Der er ingen konto, der hedder »{ $name }«. Kontiene er: { $accounts }.
cli-opening-form = Skriv saldoen som konto=beløb, fx »Bankkonto=50.000,00« (ikke »{ $given }«).
reminder-level-invalid = En rykker er 1. eller 2. rykker.
reminder-none-due = Ingen skal have { $level }. rykker for kontingent { $year } i dag.
reminder-sent-meanwhile = En af rykkerne er registreret i mellemtiden (på en anden computer). Intet er registreret her; se listen igen.
reminders-saved = { $emails ->
    [one] 1 e-mail-kladde
   *[other] { $emails } e-mail-kladder
} og { $letters ->
    [one] 1 brev
   *[other] { $letters } breve
} er gemt, og rykkerne er noteret på medlemmerne.
error-year-closed = Regnskabsåret er afsluttet og låst, så posteringerne kan ikke ændres. Ret i det næste år med en henvisning.
close-check-ended = Regnskabsåret { $year } er slut.
close-check-not-ended = Regnskabsåret { $year } slutter først { $end }.
close-check-previous-open = Regnskabsåret { $year } er ikke afsluttet endnu. Afslut det først.
close-check-lines-ok = Alle posteringer har en budgetpost eller er overførsler.
close-check-lines = { $count ->
    [one] 1 postering mangler en budgetpost.
   *[other] { $count } posteringer mangler en budgetpost.
}
close-check-opening-ok = Primobalancen balancerer.
close-check-opening = Primobalancen balancerer ikke (forskel { $amount }).
close-check-bank-ok = { $account } stemmer med kontoudtoget den { $day }.
close-check-bank = { $account } stemmer ikke med kontoudtoget den { $day }: forskel { $difference } (bogført { $book }, kontoudtog { $statement }).
close-check-vouchers = { $count ->
    [one] 1 postering tastet i hånden har intet bilag vedhæftet.
   *[other] { $count } posteringer tastet i hånden har intet bilag vedhæftet.
}
close-already = Regnskabsåret { $year } er allerede afsluttet.
close-checks-fail = Regnskabsåret { $year } kan ikke afsluttes endnu: { $checks }
reopen-not-closed = Regnskabsåret { $year } er ikke afsluttet.
reopen-later-closed = Kun det senest afsluttede år kan genåbnes. Genåbn { $later } først.
reopen-reason = Skriv, hvorfor året genåbnes. Det gemmes i loggen.
year-closed = Regnskabsåret { $year } er afsluttet og låst. Ret i { $next } med en henvisning til bilaget.
payment-in-closed-year = Betalingen er bogført som bilag { $voucher } i regnskabsåret { $year }, som er afsluttet og låst. Den bliver stående; en rettelse bogføres i det næste år.
annual-nothing = Der er hverken budget eller posteringer for { $year }, så der er intet regnskab at lave.
voucher-empty = Filen er tom.
voucher-too-big = Bilaget er for stort (højst { $mb } MB). Tag et billede i lavere opløsning, eller gem PDF'en mindre.
voucher-not-a-voucher = Et bilag skal være en PDF eller et billede (JPEG, PNG, HEIC eller WebP).
voucher-year-closed = Regnskabsåret { $year } er afsluttet og låst, så dets bilag kan ikke ændres.
audit-package-failed = Revisionspakken kunne ikke laves: { $cause }
audit-package-readme = Revisionspakke for regnskabsåret { $year }, lavet med Kvorum.

    aarsregnskab-{ $year }.pdf: årsregnskabet (et udkast, indtil året er afsluttet).
    posteringer-{ $year }.csv: alle posteringer med bilagsnummer, budgetpost og konto (åbnes i Excel).
    budgetopfoelgning-{ $year }.pdf: budget og faktisk pr. post.
    bilag/: { $vouchers } bilag, navngivet med bilagsnummeret først.
    kontoudtog/: { $statements } kontoudtog, som de blev importeret.
close-check-empty = Der er hverken posteringer eller primosaldi i { $year }, så der er intet at afslutte.
subject-access-failed = Oplysningerne kunne ikke pakkes: { $cause }
subject-access-readme = Alt, hvad { $association } har registreret om { $name } i Kvorum pr. { $date }.

    Den ene PDF-fil er til at læse og printe.
    JSON-filen har de samme oplysninger, som de er gemt, så et andet program kan læse dem (databeskyttelsesforordningens artikel 20).
    Datoer står som ÅÅÅÅ-MM-DD, beløb i øre.
retention-too-long = Højst 30 år.
retention-too-short = Mindst 1 år.
retention-bookkeeping-min = Bogføringsloven kræver, at regnskabet gemmes i mindst 5 år efter regnskabsårets udløb.
cleanup-none-chosen = Vælg mindst én, der skal anonymiseres.
cleanup-not-due = En af de valgte skal ikke anonymiseres endnu. Hent listen igen.
cleanup-done = { $n } { $n ->
        [one] tidligere medlem er anonymiseret
       *[other] tidligere medlemmer er anonymiseret
    }: { $records } { $records ->
        [one] registrering er rettet
       *[other] registreringer er rettet
    }. Betalinger og posteringer står, som de var, uden navn.
cleanup-minutes-kept = { $n } { $n ->
        [one] godkendt referat nævner stadig navnet; det er underskrevet og ændres ikke
       *[other] godkendte referater nævner stadig navnet; de er underskrevet og ændres ikke
    }.
field-looks-like-cpr = Det ligner et CPR-nummer. Kvorum gemmer aldrig CPR-numre – skriv det ikke her.
consent-text-too-long = Højst 200 tegn.
consent-kind-unknown = Vælg et af de samtykker, foreningen beder om.
consent-already-given = Medlemmet har allerede givet dette samtykke.
consent-in-future = Et samtykke kan ikke være givet i fremtiden.
consent-before-joining = Datoen ligger mere end et år før indmeldelsen. Tjek den.
consent-how-required = Skriv hvordan samtykket blev givet, fx »Skriftligt på indmeldelsesblanketten«.
consent-already-withdrawn = Samtykket er allerede trukket tilbage.
consent-not-found = Samtykket findes ikke længere. Hent siden igen.
consent-kind-name-required = Skriv hvad samtykket gælder, fx »Billeder på hjemmesiden«.
consent-kind-purpose-required = Skriv hvad det bruges til.
consent-kind-exists = Foreningen beder allerede om et samtykke med det navn.
consent-kinds-too-many = Højst 20 slags samtykke.
audit-to-before-from = Slutdatoen ligger før startdatoen.
processing-text-required = Skriv noget her; fortegnelsen skal sige det.
processing-text-too-long = Højst 2.000 tegn.
processing-categories = Hver slags person skal stå én gang i fortegnelsen.
audit-no-such-member = Intet medlem har nr. { $no }.
cleanup-frikort-done = { $n } { $n ->
        [one] frikortmodtagers navn er fjernet
       *[other] frikortmodtageres navne er fjernet
    }; udbetalingerne står i regnskabet uden navn.
field-birth-year-future = Fødselsåret ligger i fremtiden.
register-birth-year = { $n } { $n ->
        [one] medlems fødselsdato er nu kun fødselsåret
       *[other] medlemmers fødselsdatoer er nu kun fødselsåret
    }, også i ændringsloggen.
register-birth-nothing = { $n } { $n ->
        [one] medlems fødselsdato er slettet
       *[other] medlemmers fødselsdatoer er slettet
    }, også i ændringsloggen.
register-birth-saved = Indstillingen er gemt.

## The projector
projector-message-empty = Skriv den besked, der skal vises på projektoren.
projector-message-long = Beskeden er for lang til projektoren: højst 500 tegn.
projector-countdown-range = En nedtælling skal vare mellem 1 sekund og 3 timer.
projector-not-in-meeting = Det valgte hører ikke til dette møde (det kan være fjernet). Vælg igen.
projector-window-title = Kvorum – Projektor
error-projector-failed = Projektorvinduet kunne ikke åbnes: { $cause }
