<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB" sourcelanguage="en_GB">
    <context>
        <name>Figures</name>
        <message>
            <source>Referrals received in the period: the route the referrer asked for and the route screening decided (blank where that route is not a choice at that step).</source>
            <extracomment>Inclusive. Why it counts as it does, e.g. "LA aware 1 Apr 2026, SIN due 10 Apr, sent 9 Apr: on time". Whether it counts towards the numerator (on time, published within 6 months …); None for a plain count. Held while a list is worded: the lists of one computation share records (a decision's record is listed by several figures), and the screen and an export may read lists from two threads at once. Read as a tuple of Counted (built on first read when compute_figures listed them compactly). A sentence saying what the chart shows, for screen readers and the PDF's alternative text. The referral clocks measured for timeliness: (clock key, figure key, series name in the quarterly chart). A clock is decided (counted in a rate) once met, met late, or overdue; not yet due, it waits for a later period. How far before the period a referral's or review's start date can lie and its clock still fall due in it. (15 working days is at most about 4 weeks with Christmas or Easter; 60 days leaves a month of closure days.) The clocks whose working days from the LA becoming aware have a median of their own (Publication). An enum value's words, memoised (asked for thousands of times a year). Month abbreviations that do not depend on the machine's locale (as ``format_date``'s). What a figure keeps of a clock to word it later, plain values only: (start event, start date, due date, state's value, met date, working days left, paused reason, deferred reason). The days a period may cover: the records' dates lie well inside, and the clocks count months past a period's end (a date past 9999 does not exist, a financial year before year 1 neither). A record carrying a theme: (kind, id, reference, case pseudonym, what it is). Working days from LA aware to the decision, and the decisions' records. Each timeliness figure's clocks, compact (a record is worded when the figure's list is first read): (referral id, reference, pseudonym, met, working days from LA aware to done or None, the clock's facts). The words of figures the figures window shows verbatim (section names, figure labels, table titles, headings and row names, chart titles and series): marked here for translation, shown with ``tr_data("Figures", …)``. Labels holding a number or a setting (e.g. "SIN sent within 5 working days") are not here: they stay English.</extracomment>
            <translation type="unfinished">Atgyfeiriadau a ddaeth i law yn y cyfnod: y llwybr y gofynnodd yr atgyfeiriwr amdano a'r llwybr y penderfynwyd arno wrth sgrinio (gwag lle nad yw'r llwybr hwnnw'n ddewis ar y cam hwnnw).</translation>
        </message>
        <message>
            <source>Referrals received in the period.</source>
            <translation type="unfinished">Atgyfeiriadau a ddaeth i law yn y cyfnod.</translation>
        </message>
        <message>
            <source>Decisions dated in the period; the share is of the rapid reviews decided in the period.</source>
            <translation type="unfinished">Penderfyniadau a ddyddiwyd yn y cyfnod; mae'r gyfran o'r adolygiadau cyflym y penderfynwyd arnynt yn y cyfnod.</translation>
        </message>
        <message>
            <source>Themes recorded in the period and in an earlier year.</source>
            <translation type="unfinished">Themâu a gofnodwyd yn y cyfnod ac mewn blwyddyn gynharach.</translation>
        </message>
        <message>
            <source>% of rapid reviews decided</source>
            <translation type="unfinished">% o'r adolygiadau cyflym y penderfynwyd arnynt</translation>
        </message>
        <message>
            <source>% on time</source>
            <translation type="unfinished">% mewn pryd</translation>
        </message>
        <message>
            <source>Actions completed on time</source>
            <translation type="unfinished">Camau gweithredu a gwblhawyd mewn pryd</translation>
        </message>
        <message>
            <source>Actions overdue now by agency</source>
            <translation type="unfinished">Camau gweithredu sy'n hwyr nawr, fesul asiantaeth</translation>
        </message>
        <message>
            <source>Actions due in the period by agency</source>
            <translation type="unfinished">Camau gweithredu sy'n ddyledus yn y cyfnod, fesul asiantaeth</translation>
        </message>
        <message>
            <source>Actions overdue now</source>
            <translation type="unfinished">Camau gweithredu sy'n hwyr nawr</translation>
        </message>
        <message>
            <source>Actions</source>
            <translation type="unfinished">Camau gweithredu</translation>
        </message>
        <message>
            <source>After a rapid review</source>
            <translation type="unfinished">Ar ôl adolygiad cyflym</translation>
        </message>
        <message>
            <source>Agency</source>
            <translation type="unfinished">Asiantaeth</translation>
        </message>
        <message>
            <source>Archive requests answered</source>
            <translation type="unfinished">Ceisiadau archif a atebwyd</translation>
        </message>
        <message>
            <source>Archive requests received</source>
            <translation type="unfinished">Ceisiadau archif a ddaeth i law</translation>
        </message>
        <message>
            <source>Archive requests</source>
            <translation type="unfinished">Ceisiadau archif</translation>
        </message>
        <message>
            <source>Cases</source>
            <translation type="unfinished">Achosion</translation>
        </message>
        <message>
            <source>Decided at screening</source>
            <translation type="unfinished">Penderfyniad wrth sgrinio</translation>
        </message>
        <message>
            <source>Decision to publication</source>
            <translation type="unfinished">O'r penderfyniad i'r cyhoeddi</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation type="unfinished">Penderfyniad</translation>
        </message>
        <message>
            <source>Decisions by type</source>
            <translation type="unfinished">Penderfyniadau yn ôl math</translation>
        </message>
        <message>
            <source>Decisions made</source>
            <translation type="unfinished">Penderfyniadau a wnaed</translation>
        </message>
        <message>
            <source>Decisions</source>
            <translation type="unfinished">Penderfyniadau</translation>
        </message>
        <message>
            <source>Incident type</source>
            <translation type="unfinished">Math o ddigwyddiad</translation>
        </message>
        <message>
            <source>LA aware to SIN sent</source>
            <translation type="unfinished">O ymwybyddiaeth yr ALl i anfon yr SIN</translation>
        </message>
        <message>
            <source>LA aware to decision</source>
            <translation type="unfinished">O ymwybyddiaeth yr ALl i'r penderfyniad</translation>
        </message>
        <message>
            <source>LA aware to rapid review complete</source>
            <translation type="unfinished">O ymwybyddiaeth yr ALl i gwblhau'r adolygiad cyflym</translation>
        </message>
        <message>
            <source>LCSPRs published</source>
            <translation type="unfinished">LCSPRs a gyhoeddwyd</translation>
        </message>
        <message>
            <source>Learning review</source>
            <translation type="unfinished">Adolygiad dysgu</translation>
        </message>
        <message>
            <source>National Panel responses received</source>
            <translation type="unfinished">Ymatebion a ddaeth i law gan y Panel Cenedlaethol</translation>
        </message>
        <message>
            <source>No agency named</source>
            <translation type="unfinished">Dim asiantaeth wedi'i henwi</translation>
        </message>
        <message>
            <source>No further action</source>
            <translation type="unfinished">Dim camau pellach</translation>
        </message>
        <message>
            <source>Not recorded</source>
            <translation type="unfinished">Heb ei gofnodi</translation>
        </message>
        <message>
            <source>Not yet screened</source>
            <translation type="unfinished">Heb ei sgrinio eto</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation type="unfinished">Hwyr</translation>
        </message>
        <message>
            <source>Partners told</source>
            <translation type="unfinished">Partneriaid wedi cael gwybod</translation>
        </message>
        <message>
            <source>Publication</source>
            <translation type="unfinished">Cyhoeddi</translation>
        </message>
        <message>
            <source>RR complete</source>
            <translation type="unfinished">AC wedi'i gwblhau</translation>
        </message>
        <message>
            <source>Rapid review</source>
            <translation type="unfinished">Adolygiad cyflym</translation>
        </message>
        <message>
            <source>Rapid reviews sent to the Panel on time</source>
            <translation type="unfinished">Adolygiadau cyflym a anfonwyd at y Panel mewn pryd</translation>
        </message>
        <message>
            <source>Referrals received by incident type</source>
            <translation type="unfinished">Atgyfeiriadau a ddaeth i law yn ôl math o ddigwyddiad</translation>
        </message>
        <message>
            <source>Referrals received by route</source>
            <translation type="unfinished">Atgyfeiriadau a ddaeth i law yn ôl llwybr</translation>
        </message>
        <message>
            <source>Referrals received</source>
            <translation type="unfinished">Atgyfeiriadau a ddaeth i law</translation>
        </message>
        <message>
            <source>Referrals</source>
            <translation type="unfinished">Atgyfeiriadau</translation>
        </message>
        <message>
            <source>Requested</source>
            <translation type="unfinished">Y gofynnwyd amdano</translation>
        </message>
        <message>
            <source>Route</source>
            <translation type="unfinished">Llwybr</translation>
        </message>
        <message>
            <source>SIN sent</source>
            <translation type="unfinished">SIN wedi'i anfon</translation>
        </message>
        <message>
            <source>Sent to Panel</source>
            <translation type="unfinished">Anfonwyd at y Panel</translation>
        </message>
        <message>
            <source>Single-agency audit</source>
            <translation type="unfinished">Archwiliad un asiantaeth</translation>
        </message>
        <message>
            <source>Theme</source>
            <translation type="unfinished">Thema</translation>
        </message>
        <message>
            <source>Themes by year (top 5)</source>
            <translation type="unfinished">Themâu fesul blwyddyn (y 5 uchaf)</translation>
        </message>
        <message>
            <source>Themes by year</source>
            <translation type="unfinished">Themâu fesul blwyddyn</translation>
        </message>
        <message>
            <source>Themes recurring across years</source>
            <translation type="unfinished">Themâu sy'n codi eto dros y blynyddoedd</translation>
        </message>
        <message>
            <source>Themes</source>
            <translation type="unfinished">Themâu</translation>
        </message>
        <message>
            <source>Time to answer an archive request</source>
            <translation type="unfinished">Amser i ateb cais archif</translation>
        </message>
        <message>
            <source>Time to the Panel's response</source>
            <translation type="unfinished">Amser hyd at ymateb y Panel</translation>
        </message>
        <message>
            <source>Timeliness by quarter</source>
            <translation type="unfinished">Prydlondeb fesul chwarter</translation>
        </message>
        <message>
            <source>Timeliness</source>
            <translation type="unfinished">Prydlondeb</translation>
        </message>
        <message>
            <source>Total</source>
            <translation type="unfinished">Cyfanswm</translation>
        </message>
        <message>
            <source>Unsure</source>
            <translation type="unfinished">Ansicr</translation>
        </message>
        <message>
            <source>Years seen</source>
            <translation type="unfinished">Blynyddoedd a welwyd</translation>
        </message>
    </context>
    <context>
        <name>FiguresWindow</name>
        <message>
            <source>Other dates…</source>
            <translation type="unfinished">Dyddiadau eraill…</translation>
        </message>
        <message>
            <source>The figures, tables and charts as a marked PDF report, with the records counted</source>
            <translation type="unfinished">Y ffigurau, y tablau a'r siartiau fel adroddiad PDF wedi'i farcio, gyda'r cofnodion a gyfrifwyd</translation>
        </message>
        <message>
            <source>Financial year {year} — this year</source>
            <translation type="unfinished">Blwyddyn ariannol {year} — eleni</translation>
        </message>
        <message>
            <source>Financial year {year}</source>
            <translation type="unfinished">Blwyddyn ariannol {year}</translation>
        </message>
        <message>
            <source>Calendar year {year}</source>
            <translation type="unfinished">Blwyddyn galendr {year}</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation type="unfinished">Ie</translation>
        </message>
        <message>
            <source>No</source>
            <translation type="unfinished">Na</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation type="unfinished">Cyfeirnod</translation>
        </message>
        <message>
            <source>Case</source>
            <translation type="unfinished">Achos</translation>
        </message>
        <message>
            <source>Detail</source>
            <translation type="unfinished">Manylion</translation>
        </message>
        <message>
            <source>Counts</source>
            <translation type="unfinished">Yn cyfrif</translation>
        </message>
        <message>
            <source>Figures</source>
            <extracomment>A counted record to show in its tab (the main window connects it). The count, run on a worker: (services, period) → Shown. Tests may replace it.</extracomment>
            <translation type="unfinished">Ffigurau</translation>
        </message>
        <message>
            <source>Period:</source>
            <extracomment>The period last asked for (what Recount counts again).</extracomment>
            <translation type="unfinished">Cyfnod:</translation>
        </message>
        <message>
            <source>From:</source>
            <translation type="unfinished">O:</translation>
        </message>
        <message>
            <source>To:</source>
            <translation type="unfinished">I:</translation>
        </message>
        <message>
            <source>Count</source>
            <translation type="unfinished">Cyfrif</translation>
        </message>
        <message>
            <source>Count the figures for the dates typed</source>
            <translation type="unfinished">Cyfrif y ffigurau ar gyfer y dyddiadau a deipiwyd</translation>
        </message>
        <message>
            <source>dd/mm/yyyy</source>
            <translation type="unfinished">dd/mm/bbbb</translation>
        </message>
        <message>
            <source>Recount</source>
            <translation type="unfinished">Ailgyfrif</translation>
        </message>
        <message>
            <source>Count the figures for this period again (after records have changed)</source>
            <translation type="unfinished">Cyfrif y ffigurau ar gyfer y cyfnod hwn eto (ar ôl i gofnodion newid)</translation>
        </message>
        <message>
            <source>Figure</source>
            <translation type="unfinished">Ffigur</translation>
        </message>
        <message>
            <source>Value</source>
            <translation type="unfinished">Gwerth</translation>
        </message>
        <message>
            <source>Choose a figure to see how it is counted and the records it counts.</source>
            <translation type="unfinished">Dewiswch ffigur i weld sut y caiff ei gyfrif a'r cofnodion y mae'n eu cyfrif.</translation>
        </message>
        <message>
            <source>Records counted</source>
            <translation type="unfinished">Cofnodion a gyfrifwyd</translation>
        </message>
        <message>
            <source>Tables</source>
            <translation type="unfinished">Tablau</translation>
        </message>
        <message>
            <source>Charts</source>
            <translation type="unfinished">Siartiau</translation>
        </message>
        <message>
            <source>Save PDF…</source>
            <translation type="unfinished">Cadw PDF…</translation>
        </message>
        <message>
            <source>Save spreadsheet…</source>
            <translation type="unfinished">Cadw taenlen…</translation>
        </message>
        <message>
            <source>An Excel workbook: the figures, one sheet per table, and the records counted</source>
            <translation type="unfinished">Llyfr gwaith Excel: y ffigurau, un ddalen i bob tabl, a'r cofnodion a gyfrifwyd</translation>
        </message>
        <message>
            <source>Save chart as PNG…</source>
            <translation type="unfinished">Cadw'r siart fel PNG…</translation>
        </message>
        <message>
            <source>The chart shown on the Charts page as a picture</source>
            <translation type="unfinished">Y siart a ddangosir ar dudalen y Siartiau, fel llun</translation>
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished">Cau</translation>
        </message>
        <message>
            <source>type the period's first and last days</source>
            <translation type="unfinished">teipiwch ddiwrnod cyntaf a diwrnod olaf y cyfnod</translation>
        </message>
        <message>
            <source>the period starts ({start}) after it ends ({end})</source>
            <translation type="unfinished">mae'r cyfnod yn dechrau ({start}) ar ôl iddo ddod i ben ({end})</translation>
        </message>
        <message>
            <source>Counting the figures for {period}…</source>
            <translation type="unfinished">Yn cyfrif y ffigurau ar gyfer {period}…</translation>
        </message>
        <message>
            <source>{partnership} — figures for {period}, counted on {day}. Records have changed since: Recount to include the changes.</source>
            <translation type="unfinished">{partnership} — ffigurau ar gyfer {period}, a gyfrifwyd ar {day}. Mae cofnodion wedi newid ers hynny: Ailgyfrif i gynnwys y newidiadau.</translation>
        </message>
        <message>
            <source>The figures could not be counted.</source>
            <translation type="unfinished">Nid oedd modd cyfrif y ffigurau.</translation>
        </message>
        <message>
            <source>{partnership} — figures for {period}, counted on {day}. Choose a figure to see its rule and records.</source>
            <translation type="unfinished">{partnership} — ffigurau ar gyfer {period}, a gyfrifwyd ar {day}. Dewiswch ffigur i weld ei reol a'i gofnodion.</translation>
        </message>
        <message numerus="yes">
            <source>%n record counted (double-click or Enter opens one).</source>
            <translation type="unfinished">
                <numerusform>%n cofnod wedi'i gyfrif (mae clicio ddwywaith neu Enter yn agor un).</numerusform>
                <numerusform>%n cofnod wedi'i gyfrif (mae clicio ddwywaith neu Enter yn agor un).</numerusform>
                <numerusform>%n cofnod wedi'i gyfrif (mae clicio ddwywaith neu Enter yn agor un).</numerusform>
                <numerusform>%n cofnod wedi'i gyfrif (mae clicio ddwywaith neu Enter yn agor un).</numerusform>
                <numerusform>%n cofnod wedi'i gyfrif (mae clicio ddwywaith neu Enter yn agor un).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n records counted (double-click or Enter opens one).</source>
            <translation type="unfinished">
                <numerusform>%n cofnod wedi'u cyfrif (mae clicio ddwywaith neu Enter yn agor un).</numerusform>
                <numerusform>%n cofnod wedi'u cyfrif (mae clicio ddwywaith neu Enter yn agor un).</numerusform>
                <numerusform>%n cofnod wedi'u cyfrif (mae clicio ddwywaith neu Enter yn agor un).</numerusform>
                <numerusform>%n cofnod wedi'u cyfrif (mae clicio ddwywaith neu Enter yn agor un).</numerusform>
                <numerusform>%n cofnod wedi'u cyfrif (mae clicio ddwywaith neu Enter yn agor un).</numerusform>
            </translation>
        </message>
        <message>
            <source>No records counted in this period.</source>
            <translation type="unfinished">Dim cofnodion wedi'u cyfrif yn y cyfnod hwn.</translation>
        </message>
        <message>
            <source>{figure}: {value}
How it is counted: {rule}
{counted}</source>
            <translation type="unfinished">{figure}: {value}
Sut y caiff ei gyfrif: {rule}
{counted}</translation>
        </message>
        <message>
            <source>Nothing to count in this period.</source>
            <translation type="unfinished">Dim byd i'w gyfrif yn y cyfnod hwn.</translation>
        </message>
        <message>
            <source>The figures are still being counted.</source>
            <translation type="unfinished">Mae'r ffigurau'n dal i gael eu cyfrif.</translation>
        </message>
        <message>
            <source>The figures could not be counted: Recount tries again.</source>
            <translation type="unfinished">Nid oedd modd cyfrif y ffigurau: mae Ailgyfrif yn rhoi cynnig arall arni.</translation>
        </message>
        <message>
            <source>Save the figures as PDF</source>
            <translation type="unfinished">Cadw'r ffigurau fel PDF</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation type="unfinished">PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Save PDF</source>
            <translation type="unfinished">Cadw PDF</translation>
        </message>
        <message numerus="yes">
            <source>Saved {path} (%n page).</source>
            <translation type="unfinished">
                <numerusform>Wedi cadw {path} (%n tudalen).</numerusform>
                <numerusform>Wedi cadw {path} (%n tudalen).</numerusform>
                <numerusform>Wedi cadw {path} (%n tudalen).</numerusform>
                <numerusform>Wedi cadw {path} (%n tudalen).</numerusform>
                <numerusform>Wedi cadw {path} (%n tudalen).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Saved {path} (%n pages).</source>
            <translation type="unfinished">
                <numerusform>Wedi cadw {path} (%n tudalen).</numerusform>
                <numerusform>Wedi cadw {path} (%n tudalen).</numerusform>
                <numerusform>Wedi cadw {path} (%n tudalen).</numerusform>
                <numerusform>Wedi cadw {path} (%n tudalen).</numerusform>
                <numerusform>Wedi cadw {path} (%n tudalen).</numerusform>
            </translation>
        </message>
        <message>
            <source>Save the figures as a spreadsheet</source>
            <translation type="unfinished">Cadw'r ffigurau fel taenlen</translation>
        </message>
        <message>
            <source>Excel workbook (*.xlsx)</source>
            <translation type="unfinished">Llyfr gwaith Excel (*.xlsx)</translation>
        </message>
        <message>
            <source>Save spreadsheet</source>
            <translation type="unfinished">Cadw taenlen</translation>
        </message>
        <message numerus="yes">
            <source>Saved {path} (%n sheet).</source>
            <translation type="unfinished">
                <numerusform>Wedi cadw {path} (%n dalen).</numerusform>
                <numerusform>Wedi cadw {path} (%n dalen).</numerusform>
                <numerusform>Wedi cadw {path} (%n dalen).</numerusform>
                <numerusform>Wedi cadw {path} (%n dalen).</numerusform>
                <numerusform>Wedi cadw {path} (%n dalen).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Saved {path} (%n sheets).</source>
            <translation type="unfinished">
                <numerusform>Wedi cadw {path} (%n dalen).</numerusform>
                <numerusform>Wedi cadw {path} (%n dalen).</numerusform>
                <numerusform>Wedi cadw {path} (%n dalen).</numerusform>
                <numerusform>Wedi cadw {path} (%n dalen).</numerusform>
                <numerusform>Wedi cadw {path} (%n dalen).</numerusform>
            </translation>
        </message>
        <message>
            <source>Save the chart as a picture</source>
            <translation type="unfinished">Cadw'r siart fel llun</translation>
        </message>
        <message>
            <source>PNG picture (*.png)</source>
            <translation type="unfinished">Llun PNG (*.png)</translation>
        </message>
        <message>
            <source>Save chart</source>
            <translation type="unfinished">Cadw siart</translation>
        </message>
        <message>
            <source>Saved {path}.</source>
            <translation type="unfinished">Wedi cadw {path}.</translation>
        </message>
        <message>
            <source>{value} (see beside)</source>
            <extracomment>A figure's words longer than this (themes with their years) are shown above its rule, not in the list: the value column shows the number (as the PDF does).</extracomment>
            <translation type="unfinished">{value} (gweler wrth ymyl)</translation>
        </message>
    </context>
    <context>
        <name>MeetingDetail</name>
        <message>
            <source>Time</source>
            <translation type="unfinished">Amser</translation>
        </message>
        <message>
            <source>Item</source>
            <translation type="unfinished">Eitem</translation>
        </message>
        <message>
            <source>Minutes</source>
            <translation type="unfinished">Munudau</translation>
        </message>
        <message>
            <source>Presenter</source>
            <translation type="unfinished">Cyflwynydd</translation>
        </message>
        <message>
            <source>Confidential</source>
            <translation type="unfinished">Cyfrinachol</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation type="unfinished">Ie</translation>
        </message>
        <message>
            <source>Papers</source>
            <translation type="unfinished">Papurau</translation>
        </message>
        <message>
            <source>Warning</source>
            <translation type="unfinished">Rhybudd</translation>
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished">Enw</translation>
        </message>
        <message>
            <source>Agency</source>
            <translation type="unfinished">Asiantaeth</translation>
        </message>
        <message>
            <source>Role</source>
            <translation type="unfinished">Rôl</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation type="unfinished">Partner</translation>
        </message>
        <message>
            <source>Attendance</source>
            <translation type="unfinished">Presenoldeb</translation>
        </message>
        <message>
            <source>LA</source>
            <translation type="unfinished">ALl</translation>
        </message>
        <message>
            <source>Police</source>
            <translation type="unfinished">Heddlu</translation>
        </message>
        <message>
            <source>ICB</source>
            <translation type="unfinished">BIG</translation>
        </message>
        <message>
            <source>Choose a meeting above to see its agenda, members and minutes, or create one.</source>
            <extracomment>The key of the panel's background read: a newer choice of meeting makes an older read's result stale. The key of a read a form needs before it opens (the waiting referrals, a case's available decision).
----------
The people the pickers offer, read with the meeting. A meeting this panel just created (copied), for the Panel tab to select once its list reloads.</extracomment>
            <translation type="unfinished">Dewiswch gyfarfod uchod i weld ei agenda, ei aelodau a'i gofnodion, neu crëwch un.</translation>
        </message>
        <message>
            <source>Edit meeting…</source>
            <translation type="unfinished">Golygu'r cyfarfod…</translation>
        </message>
        <message>
            <source>Copy as template…</source>
            <translation type="unfinished">Copïo fel templed…</translation>
        </message>
        <message>
            <source>Meeting pack…</source>
            <translation type="unfinished">Pecyn y cyfarfod…</translation>
        </message>
        <message>
            <source>Calendar file…</source>
            <translation type="unfinished">Ffeil calendr…</translation>
        </message>
        <message>
            <source>Drag an item, or use Ctrl+Up and Ctrl+Down, to change the order.</source>
            <translation type="unfinished">Llusgwch eitem, neu defnyddiwch Ctrl+Up a Ctrl+Down, i newid y drefn.</translation>
        </message>
        <message>
            <source>Add cases…</source>
            <translation type="unfinished">Ychwanegu achosion…</translation>
        </message>
        <message>
            <source>Add standing items</source>
            <translation type="unfinished">Ychwanegu eitemau sefydlog</translation>
        </message>
        <message>
            <source>Add item…</source>
            <translation type="unfinished">Ychwanegu eitem…</translation>
        </message>
        <message>
            <source>Edit item…</source>
            <translation type="unfinished">Golygu eitem…</translation>
        </message>
        <message>
            <source>Up</source>
            <translation type="unfinished">I fyny</translation>
        </message>
        <message>
            <source>Down</source>
            <translation type="unfinished">I lawr</translation>
        </message>
        <message>
            <source>Remove item</source>
            <translation type="unfinished">Tynnu eitem</translation>
        </message>
        <message>
            <source>Attach paper…</source>
            <translation type="unfinished">Atodi papur…</translation>
        </message>
        <message>
            <source>Remove paper…</source>
            <translation type="unfinished">Tynnu papur…</translation>
        </message>
        <message>
            <source>Agenda</source>
            <translation type="unfinished">Agenda</translation>
        </message>
        <message>
            <source>Add members…</source>
            <translation type="unfinished">Ychwanegu aelodau…</translation>
        </message>
        <message>
            <source>Present</source>
            <translation type="unfinished">Yn bresennol</translation>
        </message>
        <message>
            <source>Apologies</source>
            <translation type="unfinished">Ymddiheuriadau</translation>
        </message>
        <message>
            <source>Absent</source>
            <translation type="unfinished">Absennol</translation>
        </message>
        <message>
            <source>Remove member</source>
            <translation type="unfinished">Tynnu aelod</translation>
        </message>
        <message>
            <source>Members</source>
            <translation type="unfinished">Aelodau</translation>
        </message>
        <message>
            <source>Minutes and decision…</source>
            <translation type="unfinished">Cofnodion a phenderfyniad…</translation>
        </message>
        <message>
            <source>Case decision…</source>
            <translation type="unfinished">Penderfyniad achos…</translation>
        </message>
        <message>
            <source>Add action…</source>
            <translation type="unfinished">Ychwanegu cam gweithredu…</translation>
        </message>
        <message>
            <source>Action done…</source>
            <translation type="unfinished">Cam gweithredu wedi'i wneud…</translation>
        </message>
        <message>
            <source>Minutes and decisions</source>
            <translation type="unfinished">Cofnodion a phenderfyniadau</translation>
        </message>
        <message>
            <source>not set</source>
            <translation type="unfinished">heb ei osod</translation>
        </message>
        <message>
            <source>Online</source>
            <translation type="unfinished">Ar-lein</translation>
        </message>
        <message>
            <source>place to be confirmed</source>
            <translation type="unfinished">lleoliad i'w gadarnhau</translation>
        </message>
        <message>
            <source>{reference} — {kind} — {when} — {where} — chair: {chair} — {status}</source>
            <translation type="unfinished">{reference} — {kind} — {when} — {where} — cadeirydd: {chair} — {status}</translation>
        </message>
        <message>
            <source>Quorate: the local authority, police and ICB are represented.</source>
            <translation type="unfinished">Cworwm: mae'r awdurdod lleol, yr heddlu a'r BIG wedi'u cynrychioli.</translation>
        </message>
        <message>
            <source>the three partners</source>
            <translation type="unfinished">y tri phartner</translation>
        </message>
        <message>
            <source>Not quorate: {missing} not represented.</source>
            <translation type="unfinished">Dim cworwm: {missing} heb eu cynrychioli.</translation>
        </message>
        <message>
            <source>Choose an agenda item to see its minutes, decision and actions.</source>
            <translation type="unfinished">Dewiswch eitem ar yr agenda i weld ei chofnodion, ei phenderfyniad a'i chamau gweithredu.</translation>
        </message>
        <message>
            <source>Case {reference} ({pseudonyms}) — {status}</source>
            <translation type="unfinished">Achos {reference} ({pseudonyms}) — {status}</translation>
        </message>
        <message>
            <source> — decision: {decision}</source>
            <translation type="unfinished"> — penderfyniad: {decision}</translation>
        </message>
        <message>
            <source>Minutes:</source>
            <translation type="unfinished">Cofnodion:</translation>
        </message>
        <message>
            <source>Decision:</source>
            <translation type="unfinished">Penderfyniad:</translation>
        </message>
        <message>
            <source>Actions:</source>
            <translation type="unfinished">Camau gweithredu:</translation>
        </message>
        <message>
            <source>  [done {done}] {action} — {owner}, due {due}</source>
            <translation type="unfinished">  [gwnaed {done}] {action} — {owner}, erbyn {due}</translation>
        </message>
        <message>
            <source>  [open] {action} — {owner}, due {due}</source>
            <translation type="unfinished">  [agored] {action} — {owner}, erbyn {due}</translation>
        </message>
        <message>
            <source>no owner</source>
            <translation type="unfinished">dim perchennog</translation>
        </message>
        <message>
            <source>  none</source>
            <translation type="unfinished">  dim</translation>
        </message>
        <message>
            <source>Choose an agenda item first.</source>
            <translation type="unfinished">Dewiswch eitem ar yr agenda yn gyntaf.</translation>
        </message>
        <message>
            <source>Date</source>
            <translation type="unfinished">Dyddiad</translation>
        </message>
        <message>
            <source>Start time (hh:mm)</source>
            <translation type="unfinished">Amser dechrau (hh:mm)</translation>
        </message>
        <message>
            <source>Place</source>
            <translation type="unfinished">Lleoliad</translation>
        </message>
        <message>
            <source>Online link</source>
            <translation type="unfinished">Dolen ar-lein</translation>
        </message>
        <message>
            <source>Chair</source>
            <translation type="unfinished">Cadeirydd</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation type="unfinished">Nodiadau</translation>
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished">Statws</translation>
        </message>
        <message>
            <source>Edit meeting</source>
            <translation type="unfinished">Golygu'r cyfarfod</translation>
        </message>
        <message>
            <source>Copy as a template</source>
            <translation type="unfinished">Copïo fel templed</translation>
        </message>
        <message>
            <source>New date</source>
            <translation type="unfinished">Dyddiad newydd</translation>
        </message>
        <message>
            <source>Copies the kind, place, link, chair, members and standing items; not the cases, minutes or papers.</source>
            <translation type="unfinished">Mae'n copïo'r math, y lleoliad, y ddolen, y cadeirydd, yr aelodau a'r eitemau sefydlog; nid yr achosion, y cofnodion na'r papurau.</translation>
        </message>
        <message>
            <source>Add cases</source>
            <translation type="unfinished">Ychwanegu achosion</translation>
        </message>
        <message>
            <source>No referral is waiting for this kind of meeting.</source>
            <translation type="unfinished">Nid oes unrhyw atgyfeiriad yn aros am y math hwn o gyfarfod.</translation>
        </message>
        <message>
            <source>Add cases to the agenda</source>
            <translation type="unfinished">Ychwanegu achosion at yr agenda</translation>
        </message>
        <message>
            <source>Waiting (soonest clock first)</source>
            <translation type="unfinished">Yn aros (y cloc cynharaf yn gyntaf)</translation>
        </message>
        <message>
            <source>Add an item</source>
            <translation type="unfinished">Ychwanegu eitem</translation>
        </message>
        <message>
            <source>Title</source>
            <translation type="unfinished">Teitl</translation>
        </message>
        <message>
            <source>Edit agenda item</source>
            <translation type="unfinished">Golygu eitem ar yr agenda</translation>
        </message>
        <message>
            <source>Questions for the panel</source>
            <translation type="unfinished">Cwestiynau i'r panel</translation>
        </message>
        <message>
            <source>Confidential (can be left out of the pack)</source>
            <translation type="unfinished">Cyfrinachol (gellir ei gadael allan o'r pecyn)</translation>
        </message>
        <message>
            <source>Attach a paper</source>
            <translation type="unfinished">Atodi papur</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation type="unfinished">Dogfennau PDF (*.pdf)</translation>
        </message>
        <message>
            <source>This item has no papers.</source>
            <translation type="unfinished">Nid oes papurau gan yr eitem hon.</translation>
        </message>
        <message>
            <source>Remove a paper</source>
            <translation type="unfinished">Tynnu papur</translation>
        </message>
        <message>
            <source>Paper</source>
            <translation type="unfinished">Papur</translation>
        </message>
        <message>
            <source>The meeting was cancelled: nobody can be recorded as present.</source>
            <translation type="unfinished">Cafodd y cyfarfod ei ganslo: ni ellir cofnodi bod neb yn bresennol.</translation>
        </message>
        <message>
            <source>The meeting is on {day}: record who was present on or after that day. Apologies can be recorded now.</source>
            <translation type="unfinished">Mae'r cyfarfod ar {day}: cofnodwch pwy oedd yn bresennol ar y diwrnod hwnnw neu wedyn. Gellir cofnodi ymddiheuriadau nawr.</translation>
        </message>
        <message>
            <source>Record the chosen member as present</source>
            <translation type="unfinished">Cofnodi bod yr aelod a ddewiswyd yn bresennol</translation>
        </message>
        <message>
            <source>Add members</source>
            <translation type="unfinished">Ychwanegu aelodau</translation>
        </message>
        <message>
            <source>People</source>
            <translation type="unfinished">Pobl</translation>
        </message>
        <message>
            <source>Choose a member first.</source>
            <translation type="unfinished">Dewiswch aelod yn gyntaf.</translation>
        </message>
        <message>
            <source>Minutes and decision</source>
            <translation type="unfinished">Cofnodion a phenderfyniad</translation>
        </message>
        <message>
            <source>Minutes</source>
            <comment>the meeting record, not a duration</comment>
            <translation type="unfinished">Cofnodion</translation>
        </message>
        <message>
            <source>Decision (as minuted)</source>
            <translation type="unfinished">Penderfyniad (fel y'i cofnodwyd)</translation>
        </message>
        <message>
            <source>Case decision</source>
            <translation type="unfinished">Penderfyniad achos</translation>
        </message>
        <message>
            <source>This item has no case awaiting a decision.</source>
            <translation type="unfinished">Nid oes achos sy'n aros am benderfyniad gan yr eitem hon.</translation>
        </message>
        <message>
            <source>{reference}: no decision can be recorded yet — {reason}.</source>
            <translation type="unfinished">{reference}: ni ellir cofnodi penderfyniad eto — {reason}.</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation type="unfinished">Penderfyniad</translation>
        </message>
        <message>
            <source>Decided on</source>
            <translation type="unfinished">Penderfynwyd ar</translation>
        </message>
        <message>
            <source>Rationale</source>
            <translation type="unfinished">Rhesymeg</translation>
        </message>
        <message>
            <source>Highlights improvements needed</source>
            <translation type="unfinished">Yn tynnu sylw at welliannau sydd eu hangen</translation>
        </message>
        <message>
            <source>Highlights recurrent themes</source>
            <translation type="unfinished">Yn tynnu sylw at themâu sy'n codi dro ar ôl tro</translation>
        </message>
        <message>
            <source>Concerns about two or more agencies working together</source>
            <translation type="unfinished">Pryderon ynghylch dwy asiantaeth neu fwy yn cydweithio</translation>
        </message>
        <message>
            <source>The National Panel suggested a local review</source>
            <translation type="unfinished">Awgrymodd y Panel Cenedlaethol adolygiad lleol</translation>
        </message>
        <message>
            <source>Decision: {reference}</source>
            <translation type="unfinished">Penderfyniad: {reference}</translation>
        </message>
        <message>
            <source>Recorded on the referral through the same workflow as the Referrals tab.</source>
            <translation type="unfinished">Caiff ei gofnodi ar yr atgyfeiriad drwy'r un llif gwaith â'r tab Atgyfeiriadau.</translation>
        </message>
        <message>
            <source>Add an action</source>
            <translation type="unfinished">Ychwanegu cam gweithredu</translation>
        </message>
        <message>
            <source>Action</source>
            <translation type="unfinished">Cam gweithredu</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation type="unfinished">Perchennog</translation>
        </message>
        <message>
            <source>Due</source>
            <translation type="unfinished">Erbyn</translation>
        </message>
        <message>
            <source>Actions</source>
            <translation type="unfinished">Camau gweithredu</translation>
        </message>
        <message>
            <source>This item has no open action.</source>
            <translation type="unfinished">Nid oes cam gweithredu agored gan yr eitem hon.</translation>
        </message>
        <message>
            <source>Action done</source>
            <translation type="unfinished">Cam gweithredu wedi'i wneud</translation>
        </message>
        <message>
            <source>Done on</source>
            <translation type="unfinished">Gwnaed ar</translation>
        </message>
        <message>
            <source>Save the meeting pack</source>
            <translation type="unfinished">Cadw pecyn y cyfarfod</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation type="unfinished">PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Save the calendar file</source>
            <translation type="unfinished">Cadw'r ffeil calendr</translation>
        </message>
        <message>
            <source>Calendar (*.ics)</source>
            <translation type="unfinished">Calendr (*.ics)</translation>
        </message>
        <message>
            <source>Meeting pack</source>
            <translation type="unfinished">Pecyn y cyfarfod</translation>
        </message>
        <message>
            <source>Leave out items marked confidential</source>
            <translation type="unfinished">Gadael allan eitemau a farciwyd yn gyfrinachol</translation>
        </message>
        <message>
            <source>Choose file…</source>
            <translation type="unfinished">Dewis ffeil…</translation>
        </message>
        <message>
            <source>Building the meeting pack…</source>
            <translation type="unfinished">Yn llunio pecyn y cyfarfod…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished">Canslo</translation>
        </message>
        <message>
            <source>The meeting pack was not made</source>
            <translation type="unfinished">Ni luniwyd pecyn y cyfarfod</translation>
        </message>
        <message>
            <source>Something went wrong building the pack ({error}).</source>
            <translation type="unfinished">Aeth rhywbeth o'i le wrth lunio'r pecyn ({error}).</translation>
        </message>
        <message>
            <source>The calendar file was not saved</source>
            <translation type="unfinished">Ni chadwyd y ffeil calendr</translation>
        </message>
        <message>
            <source>'{text}' is not a time; type it as hh:mm, e.g. 10:00</source>
            <translation type="unfinished">Nid yw '{text}' yn amser; teipiwch ef fel hh:mm, e.e. 10:00</translation>
        </message>
        <message>
            <source>enter the number of minutes, e.g. 15</source>
            <translation type="unfinished">rhowch nifer y munudau, e.e. 15</translation>
        </message>
        <message>
            <source>enter between 1 and 480 minutes</source>
            <translation type="unfinished">rhowch rhwng 1 a 480 munud</translation>
        </message>
    </context>
    <context>
        <name>Offline</name>
        <message>
            <source>Needs the shared server: this is an offline copy. Sync it back from File → Sync back to the server…, then do this on the server.</source>
            <extracomment>Why something is disabled in an offline copy (its tooltip).</extracomment>
            <translation type="unfinished">Mae angen y gweinydd a rennir: copi all-lein yw hwn. Cysonwch ef yn ôl o Ffeil → Cysoni yn ôl i'r gweinydd…, yna gwnewch hyn ar y gweinydd.</translation>
        </message>
        <message>
            <source>Offline copy of {server}, taken {day} (by {person}) — other people's records are not here; sync it back from File → Sync back to the server…</source>
            <extracomment>The longest name shown in a line (a name pasted 2,000 characters long would push the window off the screen); the whole of it is in the tooltip. Unicode's explicit direction controls: a name holding one is isolated (FSI … PDI) so that it cannot turn round the words after it.</extracomment>
            <translation type="unfinished">Copi all-lein o {server}, a gymerwyd {day} (gan {person}) — nid yw cofnodion pobl eraill yma; cysonwch ef yn ôl o Ffeil → Cysoni yn ôl i'r gweinydd…</translation>
        </message>
        <message>
            <source>Offline copy</source>
            <translation type="unfinished">Copi all-lein</translation>
        </message>
        <message>
            <source>Taken from {server} by {person}: {scope}</source>
            <translation type="unfinished">Wedi'i gymryd o {server} gan {person}: {scope}</translation>
        </message>
        <message>
            <source>{reference} (provisional: the server gives the real one when you sync)</source>
            <translation type="unfinished">{reference} (dros dro: mae'r gweinydd yn rhoi'r un go iawn pan fyddwch yn cysoni)</translation>
        </message>
        <message>
            <source>Offline with {person} since {day} — their changes will be merged when they sync.</source>
            <translation type="unfinished">All-lein gyda {person} ers {day} — caiff eu newidiadau eu cyfuno pan fyddant yn cysoni.</translation>
        </message>
        <message>
            <source>Offline elsewhere</source>
            <translation type="unfinished">All-lein mewn man arall</translation>
        </message>
        <message>
            <source>This referral is offline elsewhere</source>
            <extracomment>Each kind of record's warning and its title (whole sentences: Welsh words change with the noun's gender).</extracomment>
            <translation type="unfinished">Mae'r atgyfeiriad hwn all-lein mewn man arall</translation>
        </message>
        <message>
            <source>{person} has this referral offline since {day}: their changes will be merged when they sync; a field you both change will be shown to them to choose.</source>
            <translation type="unfinished">Mae'r atgyfeiriad hwn all-lein gan {person} ers {day}: caiff eu newidiadau eu cyfuno pan fyddant yn cysoni; caiff maes y mae'r ddau ohonoch yn ei newid ei ddangos iddynt i ddewis.</translation>
        </message>
        <message>
            <source>This meeting is offline elsewhere</source>
            <translation type="unfinished">Mae'r cyfarfod hwn all-lein mewn man arall</translation>
        </message>
        <message>
            <source>{person} has this meeting offline since {day}: their changes will be merged when they sync; a field you both change will be shown to them to choose.</source>
            <translation type="unfinished">Mae'r cyfarfod hwn all-lein gan {person} ers {day}: caiff eu newidiadau eu cyfuno pan fyddant yn cysoni; caiff maes y mae'r ddau ohonoch yn ei newid ei ddangos iddynt i ddewis.</translation>
        </message>
        <message>
            <source>This review is offline elsewhere</source>
            <translation type="unfinished">Mae'r adolygiad hwn all-lein mewn man arall</translation>
        </message>
        <message>
            <source>{person} has this review offline since {day}: their changes will be merged when they sync; a field you both change will be shown to them to choose.</source>
            <translation type="unfinished">Mae'r adolygiad hwn all-lein gan {person} ers {day}: caiff eu newidiadau eu cyfuno pan fyddant yn cysoni; caiff maes y mae'r ddau ohonoch yn ei newid ei ddangos iddynt i ddewis.</translation>
        </message>
        <message>
            <source>This record is offline elsewhere</source>
            <translation type="unfinished">Mae'r cofnod hwn all-lein mewn man arall</translation>
        </message>
        <message>
            <source>{person} has this record offline since {day}: their changes will be merged when they sync; a field you both change will be shown to them to choose.</source>
            <translation type="unfinished">Mae'r cofnod hwn all-lein gan {person} ers {day}: caiff eu newidiadau eu cyfuno pan fyddant yn cysoni; caiff maes y mae'r ddau ohonoch yn ei newid ei ddangos iddynt i ddewis.</translation>
        </message>
        <message>
            <source>&amp;Continue</source>
            <translation type="unfinished">&amp;Parhau</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished">Canslo</translation>
        </message>
    </context>
    <context>
        <name>OfflineDialogs</name>
        <message>
            <source>Nothing on the server changed; your offline copy is as it was. Sync again when you can.</source>
            <translation type="unfinished">Ni newidiodd dim ar y gweinydd; mae eich copi all-lein fel yr oedd. Cysonwch eto pan allwch chi.</translation>
        </message>
        <message>
            <source>Take offline</source>
            <translation type="unfinished">Mynd â chofnodion all-lein</translation>
        </message>
        <message>
            <source>Copy records into a file on this computer to work on them without the network. Until you sync them back, others see that you have them offline and are warned before changing them; nothing either of you changes is lost.</source>
            <translation type="unfinished">Copïo cofnodion i ffeil ar y cyfrifiadur hwn i weithio arnynt heb y rhwydwaith. Nes i chi eu cysoni yn ôl, mae eraill yn gweld bod gennych chi nhw all-lein ac yn cael rhybudd cyn eu newid; ni chollir dim y mae'r naill na'r llall ohonoch yn ei newid.</translation>
        </message>
        <message>
            <source>A &amp;meeting, with its cases, agenda, papers and members:</source>
            <translation type="unfinished">&amp;Cyfarfod, gyda'i achosion, ei agenda, ei bapurau a'i aelodau:</translation>
        </message>
        <message>
            <source>Meeting</source>
            <translation type="unfinished">Cyfarfod</translation>
        </message>
        <message>
            <source>The cases and reviews &amp;I own ({person})</source>
            <translation type="unfinished">Yr achosion a'r adolygiadau sy'n eiddo i &amp;mi ({person})</translation>
        </message>
        <message>
            <source>The cases and reviews &amp;I own</source>
            <translation type="unfinished">Yr achosion a'r adolygiadau sy'n eiddo i &amp;mi</translation>
        </message>
        <message>
            <source>No one in the directory signs in as your login: ask whoever keeps the directory to add your login to your entry.</source>
            <translation type="unfinished">Nid oes neb yn y cyfeiriadur yn mewngofnodi fel eich enw defnyddiwr chi: gofynnwch i bwy bynnag sy'n cadw'r cyfeiriadur ychwanegu eich enw defnyddiwr at eich cofnod.</translation>
        </message>
        <message>
            <source>&amp;Referrals picked from this list (Space ticks one):</source>
            <translation type="unfinished">&amp;Atgyfeiriadau a ddewiswyd o'r rhestr hon (mae Bylchwr yn ticio un):</translation>
        </message>
        <message>
            <source>Referrals to take offline</source>
            <translation type="unfinished">Atgyfeiriadau i fynd â nhw all-lein</translation>
        </message>
        <message>
            <source>&amp;Save to:</source>
            <translation type="unfinished">&amp;Cadw yn:</translation>
        </message>
        <message>
            <source>C&amp;hoose…</source>
            <translation type="unfinished">&amp;Dewis…</translation>
        </message>
        <message>
            <source>&amp;Encrypt the copy (its key stays in this computer's keyring)</source>
            <translation type="unfinished">&amp;Amgryptio'r copi (mae ei allwedd yn aros yng nghylch allweddi'r cyfrifiadur hwn)</translation>
        </message>
        <message>
            <source>&amp;Take offline</source>
            <translation type="unfinished">Mynd â nhw all-&amp;lein</translation>
        </message>
        <message>
            <source>Your partnership requires local files to be encrypted (setting 'Require encrypted local files'), and {reason}: records cannot be taken offline on this computer.</source>
            <translation type="unfinished">Mae eich partneriaeth yn mynnu bod ffeiliau lleol yn cael eu hamgryptio (y gosodiad 'Mynnu ffeiliau lleol wedi'u hamgryptio'), a {reason}: ni ellir mynd â chofnodion all-lein ar y cyfrifiadur hwn.</translation>
        </message>
        <message>
            <source>Always encrypted: your partnership requires local files to be encrypted (setting 'Require encrypted local files').</source>
            <translation type="unfinished">Wedi'i amgryptio bob amser: mae eich partneriaeth yn mynnu bod ffeiliau lleol yn cael eu hamgryptio (y gosodiad 'Mynnu ffeiliau lleol wedi'u hamgryptio').</translation>
        </message>
        <message>
            <source>Not encrypted: {reason}.</source>
            <translation type="unfinished">Heb ei amgryptio: {reason}.</translation>
        </message>
        <message>
            <source>Recommended on a laptop: the copy holds children's case records.</source>
            <translation type="unfinished">Argymhellir ar liniadur: mae'r copi'n cynnwys cofnodion achos plant.</translation>
        </message>
        <message>
            <source>Save the offline copy</source>
            <translation type="unfinished">Cadw'r copi all-lein</translation>
        </message>
        <message>
            <source>scpdesk database (*.sqlite3)</source>
            <translation type="unfinished">Cronfa ddata scpdesk (*.sqlite3)</translation>
        </message>
        <message>
            <source>There is no meeting to take.</source>
            <translation type="unfinished">Nid oes cyfarfod i fynd ag ef.</translation>
        </message>
        <message>
            <source>Tick at least one referral (Space ticks the one chosen).</source>
            <translation type="unfinished">Ticiwch o leiaf un atgyfeiriad (mae Bylchwr yn ticio'r un a ddewiswyd).</translation>
        </message>
        <message>
            <source>Say where to save the copy.</source>
            <translation type="unfinished">Dywedwch ble i gadw'r copi.</translation>
        </message>
        <message>
            <source>{name} already exists there: choose another name (a copy is never written over).</source>
            <translation type="unfinished">Mae {name} yno eisoes: dewiswch enw arall (nid ysgrifennir dros gopi byth).</translation>
        </message>
        <message>
            <source>The database is still opening.</source>
            <translation type="unfinished">Mae'r gronfa ddata'n dal i agor.</translation>
        </message>
        <message>
            <source>Taking the records offline…</source>
            <translation type="unfinished">Yn mynd â'r cofnodion all-lein…</translation>
        </message>
        <message>
            <source>Not taken offline</source>
            <translation type="unfinished">Heb fynd â nhw all-lein</translation>
        </message>
        <message>
            <source>{reason}

Nothing was taken offline and no file was left behind.</source>
            <translation type="unfinished">{reason}

Ni aethpwyd â dim all-lein ac ni adawyd unrhyw ffeil ar ôl.</translation>
        </message>
        <message>
            <source>{reason}.

Type a passphrase for the encrypted copy (at least 12 characters; you type it each time you open the copy):</source>
            <translation type="unfinished">{reason}.

Teipiwch gyfrinymadrodd ar gyfer y copi wedi'i amgryptio (o leiaf 12 nod; byddwch yn ei deipio bob tro y byddwch yn agor y copi):</translation>
        </message>
        <message>
            <source>The passphrase again:</source>
            <translation type="unfinished">Y cyfrinymadrodd eto:</translation>
        </message>
        <message>
            <source>The two passphrases differ: nothing was taken offline.</source>
            <translation type="unfinished">Mae'r ddau gyfrinymadrodd yn wahanol: ni aethpwyd â dim all-lein.</translation>
        </message>
        <message numerus="yes">
            <source>%n meeting</source>
            <extracomment>The records a person works on, in the order a count names them: each its words for a count of them.</extracomment>
            <translation type="unfinished">
                <numerusform>%n cyfarfod</numerusform>
                <numerusform>%n cyfarfod</numerusform>
                <numerusform>%n cyfarfod</numerusform>
                <numerusform>%n cyfarfod</numerusform>
                <numerusform>%n cyfarfod</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n meetings</source>
            <translation type="unfinished">
                <numerusform>%n cyfarfod</numerusform>
                <numerusform>%n cyfarfod</numerusform>
                <numerusform>%n cyfarfod</numerusform>
                <numerusform>%n cyfarfod</numerusform>
                <numerusform>%n cyfarfod</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n referral</source>
            <translation type="unfinished">
                <numerusform>%n atgyfeiriad</numerusform>
                <numerusform>%n atgyfeiriad</numerusform>
                <numerusform>%n atgyfeiriad</numerusform>
                <numerusform>%n atgyfeiriad</numerusform>
                <numerusform>%n atgyfeiriad</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n referrals</source>
            <translation type="unfinished">
                <numerusform>%n atgyfeiriad</numerusform>
                <numerusform>%n atgyfeiriad</numerusform>
                <numerusform>%n atgyfeiriad</numerusform>
                <numerusform>%n atgyfeiriad</numerusform>
                <numerusform>%n atgyfeiriad</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n review</source>
            <translation type="unfinished">
                <numerusform>%n adolygiad</numerusform>
                <numerusform>%n adolygiad</numerusform>
                <numerusform>%n adolygiad</numerusform>
                <numerusform>%n adolygiad</numerusform>
                <numerusform>%n adolygiad</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n reviews</source>
            <translation type="unfinished">
                <numerusform>%n adolygiad</numerusform>
                <numerusform>%n adolygiad</numerusform>
                <numerusform>%n adolygiad</numerusform>
                <numerusform>%n adolygiad</numerusform>
                <numerusform>%n adolygiad</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n agenda item</source>
            <translation type="unfinished">
                <numerusform>%n eitem agenda</numerusform>
                <numerusform>%n eitem agenda</numerusform>
                <numerusform>%n eitem agenda</numerusform>
                <numerusform>%n eitem agenda</numerusform>
                <numerusform>%n eitem agenda</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n agenda items</source>
            <translation type="unfinished">
                <numerusform>%n eitem agenda</numerusform>
                <numerusform>%n eitem agenda</numerusform>
                <numerusform>%n eitem agenda</numerusform>
                <numerusform>%n eitem agenda</numerusform>
                <numerusform>%n eitem agenda</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n paper</source>
            <translation type="unfinished">
                <numerusform>%n papur</numerusform>
                <numerusform>%n papur</numerusform>
                <numerusform>%n papur</numerusform>
                <numerusform>%n papur</numerusform>
                <numerusform>%n papur</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n papers</source>
            <translation type="unfinished">
                <numerusform>%n papur</numerusform>
                <numerusform>%n papur</numerusform>
                <numerusform>%n papur</numerusform>
                <numerusform>%n papur</numerusform>
                <numerusform>%n papur</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n recommendation</source>
            <translation type="unfinished">
                <numerusform>%n argymhelliad</numerusform>
                <numerusform>%n argymhelliad</numerusform>
                <numerusform>%n argymhelliad</numerusform>
                <numerusform>%n argymhelliad</numerusform>
                <numerusform>%n argymhelliad</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n recommendations</source>
            <translation type="unfinished">
                <numerusform>%n argymhelliad</numerusform>
                <numerusform>%n argymhelliad</numerusform>
                <numerusform>%n argymhelliad</numerusform>
                <numerusform>%n argymhelliad</numerusform>
                <numerusform>%n argymhelliad</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n action</source>
            <translation type="unfinished">
                <numerusform>%n cam gweithredu</numerusform>
                <numerusform>%n cam gweithredu</numerusform>
                <numerusform>%n cam gweithredu</numerusform>
                <numerusform>%n cam gweithredu</numerusform>
                <numerusform>%n cam gweithredu</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n actions</source>
            <translation type="unfinished">
                <numerusform>%n cam gweithredu</numerusform>
                <numerusform>%n cam gweithredu</numerusform>
                <numerusform>%n cam gweithredu</numerusform>
                <numerusform>%n cam gweithredu</numerusform>
                <numerusform>%n cam gweithredu</numerusform>
            </translation>
        </message>
        <message>
            <source>no records</source>
            <translation type="unfinished">dim cofnodion</translation>
        </message>
        <message>
            <source>Taken offline into {path}.</source>
            <translation type="unfinished">Wedi mynd â nhw all-lein i {path}.</translation>
        </message>
        <message>
            <source>Taken offline into {path} (encrypted): {counts}.</source>
            <translation type="unfinished">Wedi mynd â nhw all-lein i {path} (wedi'i amgryptio): {counts}.</translation>
        </message>
        <message>
            <source>Taken offline into {path}: {counts}.</source>
            <translation type="unfinished">Wedi mynd â nhw all-lein i {path}: {counts}.</translation>
        </message>
        <message>
            <source>

Others now see these records as offline with you until you sync them back (File → Sync back to the server…, in the copy).

To open the copy later: {how}

Open the copy now, in a new window?</source>
            <translation type="unfinished">

Mae eraill bellach yn gweld y cofnodion hyn fel rhai all-lein gyda chi nes i chi eu cysoni yn ôl (Ffeil → Cysoni yn ôl i'r gweinydd…, yn y copi).

I agor y copi yn nes ymlaen: {how}

Agor y copi nawr, mewn ffenestr newydd?</translation>
        </message>
        <message>
            <source>Taken offline</source>
            <translation type="unfinished">Wedi mynd â nhw all-lein</translation>
        </message>
        <message>
            <source>(empty)</source>
            <translation type="unfinished">(gwag)</translation>
        </message>
        <message>
            <source>changed offline and on the server</source>
            <translation type="unfinished">newidiwyd all-lein ac ar y gweinydd</translation>
        </message>
        <message>
            <source>changed offline, deleted on the server</source>
            <translation type="unfinished">newidiwyd all-lein, dilëwyd ar y gweinydd</translation>
        </message>
        <message>
            <source>deleted offline, changed on the server</source>
            <translation type="unfinished">dilëwyd all-lein, newidiwyd ar y gweinydd</translation>
        </message>
        <message>
            <source>Syncing back to {server}.</source>
            <translation type="unfinished">Yn cysoni yn ôl i {server}.</translation>
        </message>
        <message>
            <source>This copy was already synced at {time}: syncing again finishes what was left to do on this computer.</source>
            <translation type="unfinished">Cysonwyd y copi hwn eisoes am {time}: mae cysoni eto'n gorffen yr hyn oedd ar ôl i'w wneud ar y cyfrifiadur hwn.</translation>
        </message>
        <message numerus="yes">
            <source>%n field changed offline applied</source>
            <translation type="unfinished">
                <numerusform>%n maes a newidiwyd all-lein wedi'i gymhwyso</numerusform>
                <numerusform>%n maes a newidiwyd all-lein wedi'i gymhwyso</numerusform>
                <numerusform>%n maes a newidiwyd all-lein wedi'i gymhwyso</numerusform>
                <numerusform>%n maes a newidiwyd all-lein wedi'i gymhwyso</numerusform>
                <numerusform>%n maes a newidiwyd all-lein wedi'i gymhwyso</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n fields changed offline applied</source>
            <translation type="unfinished">
                <numerusform>%n maes a newidiwyd all-lein wedi'u cymhwyso</numerusform>
                <numerusform>%n maes a newidiwyd all-lein wedi'u cymhwyso</numerusform>
                <numerusform>%n maes a newidiwyd all-lein wedi'u cymhwyso</numerusform>
                <numerusform>%n maes a newidiwyd all-lein wedi'u cymhwyso</numerusform>
                <numerusform>%n maes a newidiwyd all-lein wedi'u cymhwyso</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new record added</source>
            <translation type="unfinished">
                <numerusform>%n cofnod newydd wedi'i ychwanegu</numerusform>
                <numerusform>%n cofnod newydd wedi'i ychwanegu</numerusform>
                <numerusform>%n cofnod newydd wedi'i ychwanegu</numerusform>
                <numerusform>%n cofnod newydd wedi'i ychwanegu</numerusform>
                <numerusform>%n cofnod newydd wedi'i ychwanegu</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new records added</source>
            <translation type="unfinished">
                <numerusform>%n cofnod newydd wedi'u hychwanegu</numerusform>
                <numerusform>%n cofnod newydd wedi'u hychwanegu</numerusform>
                <numerusform>%n cofnod newydd wedi'u hychwanegu</numerusform>
                <numerusform>%n cofnod newydd wedi'u hychwanegu</numerusform>
                <numerusform>%n cofnod newydd wedi'u hychwanegu</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n record deleted</source>
            <translation type="unfinished">
                <numerusform>%n cofnod wedi'i ddileu</numerusform>
                <numerusform>%n cofnod wedi'i ddileu</numerusform>
                <numerusform>%n cofnod wedi'i ddileu</numerusform>
                <numerusform>%n cofnod wedi'i ddileu</numerusform>
                <numerusform>%n cofnod wedi'i ddileu</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n records deleted</source>
            <translation type="unfinished">
                <numerusform>%n cofnod wedi'u dileu</numerusform>
                <numerusform>%n cofnod wedi'u dileu</numerusform>
                <numerusform>%n cofnod wedi'u dileu</numerusform>
                <numerusform>%n cofnod wedi'u dileu</numerusform>
                <numerusform>%n cofnod wedi'u dileu</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n link (agencies, themes, members) changed</source>
            <translation type="unfinished">
                <numerusform>%n cysylltiad (asiantaethau, themâu, aelodau) wedi'i newid</numerusform>
                <numerusform>%n cysylltiad (asiantaethau, themâu, aelodau) wedi'i newid</numerusform>
                <numerusform>%n cysylltiad (asiantaethau, themâu, aelodau) wedi'i newid</numerusform>
                <numerusform>%n cysylltiad (asiantaethau, themâu, aelodau) wedi'i newid</numerusform>
                <numerusform>%n cysylltiad (asiantaethau, themâu, aelodau) wedi'i newid</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n links (agencies, themes, members) changed</source>
            <translation type="unfinished">
                <numerusform>%n cysylltiad (asiantaethau, themâu, aelodau) wedi'u newid</numerusform>
                <numerusform>%n cysylltiad (asiantaethau, themâu, aelodau) wedi'u newid</numerusform>
                <numerusform>%n cysylltiad (asiantaethau, themâu, aelodau) wedi'u newid</numerusform>
                <numerusform>%n cysylltiad (asiantaethau, themâu, aelodau) wedi'u newid</numerusform>
                <numerusform>%n cysylltiad (asiantaethau, themâu, aelodau) wedi'u newid</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n change made only on the server stays as it is.</source>
            <translation type="unfinished">
                <numerusform>mae %n newid a wnaed ar y gweinydd yn unig yn aros fel y mae.</numerusform>
                <numerusform>mae %n newid a wnaed ar y gweinydd yn unig yn aros fel y mae.</numerusform>
                <numerusform>mae %n newid a wnaed ar y gweinydd yn unig yn aros fel y mae.</numerusform>
                <numerusform>mae %n newid a wnaed ar y gweinydd yn unig yn aros fel y mae.</numerusform>
                <numerusform>mae %n newid a wnaed ar y gweinydd yn unig yn aros fel y mae.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n changes made only on the server stay as they are.</source>
            <translation type="unfinished">
                <numerusform>mae %n newid a wnaed ar y gweinydd yn unig yn aros fel y maent.</numerusform>
                <numerusform>mae %n newid a wnaed ar y gweinydd yn unig yn aros fel y maent.</numerusform>
                <numerusform>mae %n newid a wnaed ar y gweinydd yn unig yn aros fel y maent.</numerusform>
                <numerusform>mae %n newid a wnaed ar y gweinydd yn unig yn aros fel y maent.</numerusform>
                <numerusform>mae %n newid a wnaed ar y gweinydd yn unig yn aros fel y maent.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n field changed both here and on the server: choose which to keep for each. Up and Down move between them; Left keeps yours, Right keeps theirs (Space switches); Enter goes on to the next.</source>
            <translation type="unfinished">
                <numerusform>%n maes wedi'i newid yma ac ar y gweinydd: dewiswch pa un i'w gadw ar gyfer pob un. Mae Up a Down yn symud rhyngddynt; mae Left yn cadw'ch un chi, Right yn cadw'u hun nhw (mae Bylchwr yn newid); mae Enter yn mynd ymlaen i'r nesaf.</numerusform>
                <numerusform>%n maes wedi'i newid yma ac ar y gweinydd: dewiswch pa un i'w gadw ar gyfer pob un. Mae Up a Down yn symud rhyngddynt; mae Left yn cadw'ch un chi, Right yn cadw'u hun nhw (mae Bylchwr yn newid); mae Enter yn mynd ymlaen i'r nesaf.</numerusform>
                <numerusform>%n maes wedi'i newid yma ac ar y gweinydd: dewiswch pa un i'w gadw ar gyfer pob un. Mae Up a Down yn symud rhyngddynt; mae Left yn cadw'ch un chi, Right yn cadw'u hun nhw (mae Bylchwr yn newid); mae Enter yn mynd ymlaen i'r nesaf.</numerusform>
                <numerusform>%n maes wedi'i newid yma ac ar y gweinydd: dewiswch pa un i'w gadw ar gyfer pob un. Mae Up a Down yn symud rhyngddynt; mae Left yn cadw'ch un chi, Right yn cadw'u hun nhw (mae Bylchwr yn newid); mae Enter yn mynd ymlaen i'r nesaf.</numerusform>
                <numerusform>%n maes wedi'i newid yma ac ar y gweinydd: dewiswch pa un i'w gadw ar gyfer pob un. Mae Up a Down yn symud rhyngddynt; mae Left yn cadw'ch un chi, Right yn cadw'u hun nhw (mae Bylchwr yn newid); mae Enter yn mynd ymlaen i'r nesaf.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n fields changed both here and on the server: choose which to keep for each. Up and Down move between them; Left keeps yours, Right keeps theirs (Space switches); Enter goes on to the next.</source>
            <translation type="unfinished">
                <numerusform>%n maes wedi'u newid yma ac ar y gweinydd: dewiswch pa un i'w gadw ar gyfer pob un. Mae Up a Down yn symud rhyngddynt; mae Left yn cadw'ch un chi, Right yn cadw'u hun nhw (mae Bylchwr yn newid); mae Enter yn mynd ymlaen i'r nesaf.</numerusform>
                <numerusform>%n maes wedi'u newid yma ac ar y gweinydd: dewiswch pa un i'w gadw ar gyfer pob un. Mae Up a Down yn symud rhyngddynt; mae Left yn cadw'ch un chi, Right yn cadw'u hun nhw (mae Bylchwr yn newid); mae Enter yn mynd ymlaen i'r nesaf.</numerusform>
                <numerusform>%n maes wedi'u newid yma ac ar y gweinydd: dewiswch pa un i'w gadw ar gyfer pob un. Mae Up a Down yn symud rhyngddynt; mae Left yn cadw'ch un chi, Right yn cadw'u hun nhw (mae Bylchwr yn newid); mae Enter yn mynd ymlaen i'r nesaf.</numerusform>
                <numerusform>%n maes wedi'u newid yma ac ar y gweinydd: dewiswch pa un i'w gadw ar gyfer pob un. Mae Up a Down yn symud rhyngddynt; mae Left yn cadw'ch un chi, Right yn cadw'u hun nhw (mae Bylchwr yn newid); mae Enter yn mynd ymlaen i'r nesaf.</numerusform>
                <numerusform>%n maes wedi'u newid yma ac ar y gweinydd: dewiswch pa un i'w gadw ar gyfer pob un. Mae Up a Down yn symud rhyngddynt; mae Left yn cadw'ch un chi, Right yn cadw'u hun nhw (mae Bylchwr yn newid); mae Enter yn mynd ymlaen i'r nesaf.</numerusform>
            </translation>
        </message>
        <message>
            <source>No field was changed both here and on the server.</source>
            <translation type="unfinished">Ni newidiwyd unrhyw faes yma ac ar y gweinydd.</translation>
        </message>
        <message>
            <source>Sync back to the server</source>
            <translation type="unfinished">Cysoni yn ôl i'r gweinydd</translation>
        </message>
        <message>
            <source>What will be applied</source>
            <extracomment>The choice kept for each conflict (those made before, in an earlier try, are in the copy already).</extracomment>
            <translation type="unfinished">Beth fydd yn cael ei gymhwyso</translation>
        </message>
        <message>
            <source>Conflicts to choose</source>
            <translation type="unfinished">Gwrthdaro i'w dewis</translation>
        </message>
        <message>
            <source>Yours (changed offline)</source>
            <translation type="unfinished">Eich un chi (newidiwyd all-lein)</translation>
        </message>
        <message>
            <source>Theirs (on the server)</source>
            <translation type="unfinished">Eu hun nhw (ar y gweinydd)</translation>
        </message>
        <message>
            <source>The original (when taken offline)</source>
            <translation type="unfinished">Y gwreiddiol (pan aethpwyd ag ef all-lein)</translation>
        </message>
        <message>
            <source>Keep &amp;yours</source>
            <translation type="unfinished">Cadw'ch un &amp;chi</translation>
        </message>
        <message>
            <source>Keep t&amp;heirs</source>
            <translation type="unfinished">Cadw'u hun &amp;nhw</translation>
        </message>
        <message>
            <source>Then &amp;release the copy: it is wiped from this computer and this window closes</source>
            <translation type="unfinished">Yna &amp;rhyddhau'r copi: caiff ei ddileu o'r cyfrifiadur hwn ac mae'r ffenestr hon yn cau</translation>
        </message>
        <message>
            <source>Then re&amp;fresh the copy and keep working offline</source>
            <translation type="unfinished">Yna &amp;adnewyddu'r copi a pharhau i weithio all-lein</translation>
        </message>
        <message>
            <source>&amp;Sync now</source>
            <translation type="unfinished">C&amp;ysoni nawr</translation>
        </message>
        <message>
            <source>New: {record}</source>
            <translation type="unfinished">Newydd: {record}</translation>
        </message>
        <message>
            <source>Deleted: {record}</source>
            <translation type="unfinished">Wedi'i ddileu: {record}</translation>
        </message>
        <message>
            <source>Added: {link}</source>
            <translation type="unfinished">Wedi'i ychwanegu: {link}</translation>
        </message>
        <message>
            <source>Removed: {link}</source>
            <translation type="unfinished">Wedi'i dynnu: {link}</translation>
        </message>
        <message>
            <source>Nothing was changed offline.</source>
            <translation type="unfinished">Ni newidiwyd dim all-lein.</translation>
        </message>
        <message>
            <source>{title}: {kind}. Changed offline by {person} on {time}.</source>
            <translation type="unfinished">{title}: {kind}. Newidiwyd all-lein gan {person} am {time}.</translation>
        </message>
        <message>
            <source>{title}: {kind}. Changed offline by {person}.</source>
            <translation type="unfinished">{title}: {kind}. Newidiwyd all-lein gan {person}.</translation>
        </message>
        <message>
            <source>{title}: {kind}. Changed offline on {time}.</source>
            <translation type="unfinished">{title}: {kind}. Newidiwyd all-lein am {time}.</translation>
        </message>
        <message>
            <source>{title}: {kind}. Changed offline.</source>
            <translation type="unfinished">{title}: {kind}. Newidiwyd all-lein.</translation>
        </message>
        <message>
            <source>keep yours</source>
            <translation type="unfinished">cadw'ch un chi</translation>
        </message>
        <message>
            <source>keep theirs</source>
            <translation type="unfinished">cadw'u hun nhw</translation>
        </message>
        <message>
            <source>to choose</source>
            <translation type="unfinished">i'w ddewis</translation>
        </message>
        <message numerus="yes">
            <source>Choose for each conflict first (%n left).</source>
            <translation type="unfinished">
                <numerusform>Dewiswch ar gyfer pob gwrthdaro yn gyntaf (%n ar ôl).</numerusform>
                <numerusform>Dewiswch ar gyfer pob gwrthdaro yn gyntaf (%n ar ôl).</numerusform>
                <numerusform>Dewiswch ar gyfer pob gwrthdaro yn gyntaf (%n ar ôl).</numerusform>
                <numerusform>Dewiswch ar gyfer pob gwrthdaro yn gyntaf (%n ar ôl).</numerusform>
                <numerusform>Dewiswch ar gyfer pob gwrthdaro yn gyntaf (%n ar ôl).</numerusform>
            </translation>
        </message>
        <message>
            <source>Apply the changes made offline to the server, in one go.</source>
            <translation type="unfinished">Cymhwyso'r newidiadau a wnaed all-lein i'r gweinydd, ar yr un pryd.</translation>
        </message>
        <message>
            <source>This is not an offline copy: there is nothing to sync back. Open the copy (scpdesk --database FILE) and sync it from there.</source>
            <translation type="unfinished">Nid copi all-lein yw hwn: nid oes dim i'w gysoni yn ôl. Agorwch y copi (scpdesk --database FILE) a'i gysoni oddi yno.</translation>
        </message>
        <message>
            <source>Reading what a sync would do from {server}…</source>
            <translation type="unfinished">Yn darllen o {server} beth fyddai cysoni'n ei wneud…</translation>
        </message>
        <message>
            <source>Password for your login on {server}:</source>
            <translation type="unfinished">Cyfrinair eich enw defnyddiwr ar {server}:</translation>
        </message>
        <message>
            <source>Synced, not finished</source>
            <translation type="unfinished">Wedi cysoni, heb orffen</translation>
        </message>
        <message>
            <source>Not synced</source>
            <translation type="unfinished">Heb gysoni</translation>
        </message>
        <message>
            <source>The sync did not happen: {reason}</source>
            <translation type="unfinished">Ni ddigwyddodd y cysoni: {reason}</translation>
        </message>
        <message>
            <source>Syncing back to {server}…</source>
            <translation type="unfinished">Yn cysoni yn ôl i {server}…</translation>
        </message>
        <message>
            <source>{old} is now {new}.</source>
            <translation type="unfinished">Mae {old} bellach yn {new}.</translation>
        </message>
        <message>
            <source>Synced back to {server}: {applied}, {added}, {settled}.</source>
            <translation type="unfinished">Wedi cysoni yn ôl i {server}: {applied}, {added}, {settled}.</translation>
        </message>
        <message numerus="yes">
            <source>%n change applied</source>
            <translation type="unfinished">
                <numerusform>%n newid wedi'i gymhwyso</numerusform>
                <numerusform>%n newid wedi'i gymhwyso</numerusform>
                <numerusform>%n newid wedi'i gymhwyso</numerusform>
                <numerusform>%n newid wedi'i gymhwyso</numerusform>
                <numerusform>%n newid wedi'i gymhwyso</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n changes applied</source>
            <translation type="unfinished">
                <numerusform>%n newid wedi'u cymhwyso</numerusform>
                <numerusform>%n newid wedi'u cymhwyso</numerusform>
                <numerusform>%n newid wedi'u cymhwyso</numerusform>
                <numerusform>%n newid wedi'u cymhwyso</numerusform>
                <numerusform>%n newid wedi'u cymhwyso</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n conflict settled as you chose</source>
            <translation type="unfinished">
                <numerusform>%n gwrthdaro wedi'i ddatrys fel y dewisoch</numerusform>
                <numerusform>%n gwrthdaro wedi'i ddatrys fel y dewisoch</numerusform>
                <numerusform>%n gwrthdaro wedi'i ddatrys fel y dewisoch</numerusform>
                <numerusform>%n gwrthdaro wedi'i ddatrys fel y dewisoch</numerusform>
                <numerusform>%n gwrthdaro wedi'i ddatrys fel y dewisoch</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n conflicts settled as you chose</source>
            <translation type="unfinished">
                <numerusform>%n gwrthdaro wedi'u datrys fel y dewisoch</numerusform>
                <numerusform>%n gwrthdaro wedi'u datrys fel y dewisoch</numerusform>
                <numerusform>%n gwrthdaro wedi'u datrys fel y dewisoch</numerusform>
                <numerusform>%n gwrthdaro wedi'u datrys fel y dewisoch</numerusform>
                <numerusform>%n gwrthdaro wedi'u datrys fel y dewisoch</numerusform>
            </translation>
        </message>
        <message>
            <source>This copy had already been synced to {server} at {time}: what was left to do on this computer is done now.</source>
            <translation type="unfinished">Roedd y copi hwn eisoes wedi'i gysoni i {server} am {time}: mae'r hyn oedd ar ôl i'w wneud ar y cyfrifiadur hwn wedi'i wneud nawr.</translation>
        </message>
        <message>
            <source>Synced</source>
            <translation type="unfinished">Wedi cysoni</translation>
        </message>
        <message>
            <source>The offline copy was released and wiped from this computer; this window closes now.</source>
            <translation type="unfinished">Cafodd y copi all-lein ei ryddhau a'i ddileu o'r cyfrifiadur hwn; mae'r ffenestr hon yn cau nawr.</translation>
        </message>
        <message>
            <source>The copy was refreshed from the server: keep working offline.</source>
            <translation type="unfinished">Cafodd y copi ei adnewyddu o'r gweinydd: daliwch ati i weithio all-lein.</translation>
        </message>
        <message>
            <source>Copy not reopened</source>
            <translation type="unfinished">Ni ailagorwyd y copi</translation>
        </message>
        <message>
            <source>The sync finished, but the refreshed copy could not be opened: {reason}

Close scpdesk and open the copy again.</source>
            <translation type="unfinished">Gorffennodd y cysoni, ond nid oedd modd agor y copi wedi'i adnewyddu: {reason}

Caewch scpdesk ac agorwch y copi eto.</translation>
        </message>
    </context>
    <context>
        <name>ReferralDetail</name>
        <message>
            <source>Local authority</source>
            <extracomment>The key of the panel's background read: a newer selection makes an older read stale (never painted). A referral still loading after this long shows the old one greyed (a quicker read just replaces it).</extracomment>
            <translation type="unfinished">Awdurdod lleol</translation>
        </message>
        <message>
            <source>Police</source>
            <translation type="unfinished">Heddlu</translation>
        </message>
        <message>
            <source>Integrated Care Board</source>
            <translation type="unfinished">Bwrdd Gofal Integredig</translation>
        </message>
        <message>
            <source>Reference</source>
            <extracomment>The rows of the Details tab, in order.</extracomment>
            <translation type="unfinished">Cyfeirnod</translation>
        </message>
        <message>
            <source>Received</source>
            <translation type="unfinished">Daeth i law</translation>
        </message>
        <message>
            <source>Referrer</source>
            <translation type="unfinished">Atgyfeiriwr</translation>
        </message>
        <message>
            <source>Referrer's agency</source>
            <translation type="unfinished">Asiantaeth yr atgyfeiriwr</translation>
        </message>
        <message>
            <source>Safeguarding lead approval</source>
            <translation type="unfinished">Cymeradwyaeth yr arweinydd diogelu</translation>
        </message>
        <message>
            <source>Route requested</source>
            <translation type="unfinished">Llwybr y gofynnwyd amdano</translation>
        </message>
        <message>
            <source>Route</source>
            <translation type="unfinished">Llwybr</translation>
        </message>
        <message>
            <source>Screened</source>
            <translation type="unfinished">Sgriniwyd</translation>
        </message>
        <message>
            <source>Screening notes</source>
            <translation type="unfinished">Nodiadau sgrinio</translation>
        </message>
        <message>
            <source>Incident</source>
            <translation type="unfinished">Digwyddiad</translation>
        </message>
        <message>
            <source>LA became aware</source>
            <translation type="unfinished">Daeth yr ALl yn ymwybodol</translation>
        </message>
        <message>
            <source>Partners became aware</source>
            <translation type="unfinished">Daeth y partneriaid yn ymwybodol</translation>
        </message>
        <message>
            <source>Partners told</source>
            <translation type="unfinished">Partneriaid wedi cael gwybod</translation>
        </message>
        <message>
            <source>SIN</source>
            <translation type="unfinished">SIN</translation>
        </message>
        <message>
            <source>Children</source>
            <translation type="unfinished">Plant</translation>
        </message>
        <message>
            <source>Agencies involved</source>
            <translation type="unfinished">Asiantaethau dan sylw</translation>
        </message>
        <message>
            <source>Reason for referral</source>
            <translation type="unfinished">Rheswm dros atgyfeirio</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation type="unfinished">Crynodeb</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation type="unfinished">Penderfyniad</translation>
        </message>
        <message>
            <source>Rationale</source>
            <translation type="unfinished">Rhesymeg</translation>
        </message>
        <message>
            <source>LCSPR criteria</source>
            <translation type="unfinished">Meini prawf LCSPR</translation>
        </message>
        <message>
            <source>Library record</source>
            <translation type="unfinished">Cofnod yn y llyfrgell</translation>
        </message>
        <message>
            <source>Last changed</source>
            <translation type="unfinished">Newidiwyd ddiwethaf</translation>
        </message>
        <message numerus="yes">
            <source>%n late</source>
            <translation type="unfinished">
                <numerusform>%n yn hwyr</numerusform>
                <numerusform>%n yn hwyr</numerusform>
                <numerusform>%n yn hwyr</numerusform>
                <numerusform>%n yn hwyr</numerusform>
                <numerusform>%n yn hwyr</numerusform>
            </translation>
        </message>
        <message>
            <source>Record the SIN sent</source>
            <translation type="unfinished">Cofnodi bod yr SIN wedi'i anfon</translation>
        </message>
        <message>
            <source>Record the partners told</source>
            <translation type="unfinished">Cofnodi bod y partneriaid wedi cael gwybod</translation>
        </message>
        <message>
            <source>Record a summary returned</source>
            <translation type="unfinished">Cofnodi crynodeb a ddychwelwyd</translation>
        </message>
        <message>
            <source>Record a partner sign-off</source>
            <translation type="unfinished">Cofnodi cymeradwyaeth partner</translation>
        </message>
        <message>
            <source>Mark the rapid review complete</source>
            <translation type="unfinished">Nodi bod yr adolygiad cyflym wedi'i gwblhau</translation>
        </message>
        <message>
            <source>Record it sent to the Panel</source>
            <translation type="unfinished">Cofnodi ei fod wedi'i anfon at y Panel</translation>
        </message>
        <message>
            <source>Record the Panel's response</source>
            <translation type="unfinished">Cofnodi ymateb y Panel</translation>
        </message>
        <message>
            <source>Clock</source>
            <translation type="unfinished">Cloc</translation>
        </message>
        <message>
            <source>Starts from</source>
            <translation type="unfinished">Yn dechrau o</translation>
        </message>
        <message>
            <source>Due</source>
            <translation type="unfinished">Erbyn</translation>
        </message>
        <message>
            <source>State</source>
            <translation type="unfinished">Cyflwr</translation>
        </message>
        <message>
            <source>Days left</source>
            <translation type="unfinished">Diwrnodau ar ôl</translation>
        </message>
        <message>
            <source>Done on</source>
            <translation type="unfinished">Gwnaed ar</translation>
        </message>
        <message>
            <source>Statutory</source>
            <translation type="unfinished">Statudol</translation>
        </message>
        <message>
            <source>Agency</source>
            <translation type="unfinished">Asiantaeth</translation>
        </message>
        <message>
            <source>Requested</source>
            <translation type="unfinished">Gofynnwyd</translation>
        </message>
        <message>
            <source>Returned</source>
            <translation type="unfinished">Dychwelwyd</translation>
        </message>
        <message>
            <source>Meeting</source>
            <translation type="unfinished">Cyfarfod</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished">Math</translation>
        </message>
        <message>
            <source>Item</source>
            <translation type="unfinished">Eitem</translation>
        </message>
        <message>
            <source>Open actions</source>
            <translation type="unfinished">Camau gweithredu agored</translation>
        </message>
        <message>
            <source>Minutes</source>
            <translation type="unfinished">Cofnodion</translation>
        </message>
        <message>
            <source>When</source>
            <translation type="unfinished">Pryd</translation>
        </message>
        <message>
            <source>What happened</source>
            <translation type="unfinished">Beth ddigwyddodd</translation>
        </message>
        <message>
            <source>When (UTC)</source>
            <translation type="unfinished">Pryd (UTC)</translation>
        </message>
        <message>
            <source>Who</source>
            <translation type="unfinished">Pwy</translation>
        </message>
        <message>
            <source>What</source>
            <translation type="unfinished">Beth</translation>
        </message>
        <message>
            <source>Change</source>
            <translation type="unfinished">Newid</translation>
        </message>
        <message>
            <source>Was</source>
            <translation type="unfinished">Roedd</translation>
        </message>
        <message>
            <source>Field</source>
            <translation type="unfinished">Maes</translation>
        </message>
        <message>
            <source>Now</source>
            <translation type="unfinished">Nawr</translation>
        </message>
        <message>
            <source>&amp;More</source>
            <extracomment>The screen on display (its ``editable`` values open the edit form without another read). The referral last asked for (shown, or still loading). True while another referral than the one shown is being read. What waits for a referral's fresh record to be on screen: (referral id, then). The change this panel made last and reloaded itself for (its tab then does not reload it again). The steps the buttons stand for, in order (from the screen on display).</extracomment>
            <translation type="unfinished">&amp;Mwy</translation>
        </message>
        <message>
            <source>More steps</source>
            <translation type="unfinished">Rhagor o gamau</translation>
        </message>
        <message>
            <source>Choose a clock to see why its date is what it is.</source>
            <extracomment>Every step, as an action of the More menu: enabled (and listed) only while the flow allows it. The menu's order: step keys, "-" for a line between groups.</extracomment>
            <translation type="unfinished">Dewiswch gloc i weld pam mai ei ddyddiad yw'r hyn ydyw.</translation>
        </message>
        <message>
            <source>Pause this clock…</source>
            <translation type="unfinished">Oedi'r cloc hwn…</translation>
        </message>
        <message>
            <source>Resume this clock…</source>
            <translation type="unfinished">Ailgychwyn y cloc hwn…</translation>
        </message>
        <message>
            <source>Clocks</source>
            <translation type="unfinished">Clociau</translation>
        </message>
        <message>
            <source>Choose an entry to read more (minutes, a rationale, the Panel's view).</source>
            <translation type="unfinished">Dewiswch gofnod i ddarllen rhagor (cofnodion, rhesymeg, barn y Panel).</translation>
        </message>
        <message>
            <source>Timeline</source>
            <translation type="unfinished">Llinell amser</translation>
        </message>
        <message>
            <source>Edit details…</source>
            <extracomment>The value label of each detail row, by its title (built here: a referral only changes the texts).</extracomment>
            <translation type="unfinished">Golygu'r manylion…</translation>
        </message>
        <message>
            <source>Details</source>
            <translation type="unfinished">Manylion</translation>
        </message>
        <message>
            <source>Summary returned…</source>
            <translation type="unfinished">Crynodeb wedi'i ddychwelyd…</translation>
        </message>
        <message>
            <source>Ask more agencies…</source>
            <translation type="unfinished">Gofyn i ragor o asiantaethau…</translation>
        </message>
        <message>
            <source>Safety action…</source>
            <translation type="unfinished">Cam diogelwch…</translation>
        </message>
        <message>
            <source>Action done…</source>
            <translation type="unfinished">Cam gweithredu wedi'i wneud…</translation>
        </message>
        <message>
            <source>Learning and themes…</source>
            <translation type="unfinished">Dysgu a themâu…</translation>
        </message>
        <message>
            <source>Sign-off by a partner…</source>
            <translation type="unfinished">Cymeradwyaeth gan bartner…</translation>
        </message>
        <message>
            <source>This came up before</source>
            <translation type="unfinished">Cododd hyn o'r blaen</translation>
        </message>
        <message>
            <source>Rapid review</source>
            <translation type="unfinished">Adolygiad cyflym</translation>
        </message>
        <message>
            <source>Choose a meeting item to read its decision and full minutes.</source>
            <translation type="unfinished">Dewiswch eitem cyfarfod i ddarllen ei phenderfyniad a'r cofnodion llawn.</translation>
        </message>
        <message>
            <source>Meetings</source>
            <translation type="unfinished">Cyfarfodydd</translation>
        </message>
        <message>
            <source>History</source>
            <translation type="unfinished">Hanes</translation>
        </message>
        <message>
            <source>Raw audit</source>
            <translation type="unfinished">Archwiliad crai</translation>
        </message>
        <message>
            <source>Show the ra&amp;w audit (exact fields and stored values)</source>
            <translation type="unfinished">Dangos yr archwiliad &amp;crai (yr union feysydd a'r gwerthoedd a gadwyd)</translation>
        </message>
        <message>
            <source>Loading {reference}…</source>
            <translation type="unfinished">Yn llwytho {reference}…</translation>
        </message>
        <message>
            <source>Loading the referral…</source>
            <translation type="unfinished">Yn llwytho'r atgyfeiriad…</translation>
        </message>
        <message>
            <source>This referral could not be shown.</source>
            <translation type="unfinished">Nid oedd modd dangos yr atgyfeiriad hwn.</translation>
        </message>
        <message>
            <source>This referral could not be shown; below is the last one shown, {reference}.</source>
            <translation type="unfinished">Nid oedd modd dangos yr atgyfeiriad hwn; isod mae'r un olaf a ddangoswyd, {reference}.</translation>
        </message>
        <message>
            <source>route: {route}</source>
            <translation type="unfinished">llwybr: {route}</translation>
        </message>
        <message>
            <source>requested: {route}</source>
            <translation type="unfinished">gofynnwyd am: {route}</translation>
        </message>
        <message>
            <source>Meetings ({count})</source>
            <translation type="unfinished">Cyfarfodydd ({count})</translation>
        </message>
        <message>
            <source>{kind} {reference}, {day}: {title}

Decision: {decision}
Open actions: {actions}

Minutes:
{minutes}</source>
            <translation type="unfinished">{kind} {reference}, {day}: {title}

Penderfyniad: {decision}
Camau gweithredu agored: {actions}

Cofnodion:
{minutes}</translation>
        </message>
        <message>
            <source>none recorded</source>
            <translation type="unfinished">dim wedi'i gofnodi</translation>
        </message>
        <message>
            <source>Improvements needed</source>
            <translation type="unfinished">Gwelliannau sydd eu hangen</translation>
        </message>
        <message>
            <source>Recurrent themes</source>
            <translation type="unfinished">Themâu sy'n codi dro ar ôl tro</translation>
        </message>
        <message>
            <source>Two or more agencies working together</source>
            <translation type="unfinished">Dwy asiantaeth neu fwy yn cydweithio</translation>
        </message>
        <message>
            <source>National Panel suggested a local review</source>
            <translation type="unfinished">Awgrymodd y Panel Cenedlaethol adolygiad lleol</translation>
        </message>
        <message>
            <source>yes</source>
            <translation type="unfinished">ie</translation>
        </message>
        <message>
            <source>no</source>
            <translation type="unfinished">na</translation>
        </message>
        <message>
            <source>not screened yet</source>
            <translation type="unfinished">heb ei sgrinio eto</translation>
        </message>
        <message>
            <source>same as the LA</source>
            <translation type="unfinished">yr un fath â'r ALl</translation>
        </message>
        <message>
            <source>{reference}, sent {day}</source>
            <translation type="unfinished">{reference}, anfonwyd {day}</translation>
        </message>
        <message>
            <source>not sent</source>
            <translation type="unfinished">heb ei anfon</translation>
        </message>
        <message>
            <source>not decided</source>
            <translation type="unfinished">heb benderfynu</translation>
        </message>
        <message>
            <source>{time} UTC by {person}</source>
            <translation type="unfinished">{time} UTC gan {person}</translation>
        </message>
        <message numerus="yes">
            <source>%n years</source>
            <translation type="unfinished">
                <numerusform>%n oed</numerusform>
                <numerusform>%n oed</numerusform>
                <numerusform>%n oed</numerusform>
                <numerusform>%n oed</numerusform>
                <numerusform>%n oed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n year</source>
            <translation type="unfinished">
                <numerusform>%n oed</numerusform>
                <numerusform>%n oed</numerusform>
                <numerusform>%n oed</numerusform>
                <numerusform>%n oed</numerusform>
                <numerusform>%n oed</numerusform>
            </translation>
        </message>
        <message>
            <source>{child} ({about}; legal status {status})</source>
            <translation type="unfinished">{child} ({about}; statws cyfreithiol {status})</translation>
        </message>
        <message>
            <source>not recorded</source>
            <translation type="unfinished">heb ei gofnodi</translation>
        </message>
        <message>
            <source>No rapid review yet: it starts once the SIN has been sent.</source>
            <translation type="unfinished">Dim adolygiad cyflym eto: mae'n dechrau pan fydd yr SIN wedi'i anfon.</translation>
        </message>
        <message>
            <source>Started {day}.  Summaries: {returned} of {asked} returned</source>
            <translation type="unfinished">Dechreuwyd {day}.  Crynodebau: {returned} o {asked} wedi'u dychwelyd</translation>
        </message>
        <message>
            <source> — waiting for {agencies}.</source>
            <translation type="unfinished"> — yn aros am {agencies}.</translation>
        </message>
        <message>
            <source>  Sign-off still needed from: {partners}.</source>
            <translation type="unfinished">  Mae angen cymeradwyaeth o hyd gan: {partners}.</translation>
        </message>
        <message>
            <source>  Signed off by all partners.</source>
            <translation type="unfinished">  Wedi'i gymeradwyo gan bob partner.</translation>
        </message>
        <message>
            <source>  Completed {day}.</source>
            <translation type="unfinished">  Cwblhawyd {day}.</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation type="unfinished">Yn hwyr</translation>
        </message>
        <message>
            <source>Outstanding</source>
            <translation type="unfinished">Heb ei gael</translation>
        </message>
        <message>
            <source>Immediate safety actions:</source>
            <translation type="unfinished">Camau diogelwch ar unwaith:</translation>
        </message>
        <message>
            <source>  [done {done}] {action} — {owner}, due {due}</source>
            <translation type="unfinished">  [gwnaed {done}] {action} — {owner}, erbyn {due}</translation>
        </message>
        <message>
            <source>  [open] {action} — {owner}, due {due}</source>
            <translation type="unfinished">  [agored] {action} — {owner}, erbyn {due}</translation>
        </message>
        <message>
            <source>no owner</source>
            <translation type="unfinished">dim perchennog</translation>
        </message>
        <message>
            <source>  none</source>
            <translation type="unfinished">  dim</translation>
        </message>
        <message>
            <source>Strengths:</source>
            <translation type="unfinished">Cryfderau:</translation>
        </message>
        <message>
            <source>Emerging learning:</source>
            <translation type="unfinished">Dysgu sy'n dod i'r amlwg:</translation>
        </message>
        <message>
            <source>Themes: {themes}</source>
            <translation type="unfinished">Themâu: {themes}</translation>
        </message>
        <message>
            <source>Partner sign-offs:</source>
            <translation type="unfinished">Cymeradwyaethau partneriaid:</translation>
        </message>
        <message>
            <source>  none yet</source>
            <translation type="unfinished">  dim eto</translation>
        </message>
        <message>
            <source>Sent to the National Panel {day}.</source>
            <translation type="unfinished">Anfonwyd at y Panel Cenedlaethol {day}.</translation>
        </message>
        <message>
            <source>Panel response {day}: {view}</source>
            <translation type="unfinished">Ymateb y Panel {day}: {view}</translation>
        </message>
        <message>
            <source>&amp;Screen the referral…</source>
            <translation type="unfinished">&amp;Sgrinio'r atgyfeiriad…</translation>
        </message>
        <message>
            <source>Record the SI&amp;N sent…</source>
            <translation type="unfinished">Cofnodi bod yr SI&amp;N wedi'i anfon…</translation>
        </message>
        <message>
            <source>Record the &amp;partners told…</source>
            <translation type="unfinished">Cofnodi bod y &amp;partneriaid wedi cael gwybod…</translation>
        </message>
        <message>
            <source>S&amp;tart the rapid review…</source>
            <translation type="unfinished">Dechrau'r adolygiad &amp;cyflym…</translation>
        </message>
        <message>
            <source>Mark the rapid review comp&amp;lete…</source>
            <translation type="unfinished">Nodi bod yr adolygiad cyflym wedi'i gw&amp;blhau…</translation>
        </message>
        <message>
            <source>Record it sent to the Pa&amp;nel…</source>
            <translation type="unfinished">Cofnodi ei fod wedi'i anfon at y Pa&amp;nel…</translation>
        </message>
        <message>
            <source>Record the Panel's res&amp;ponse…</source>
            <translation type="unfinished">Cofnodi &amp;ymateb y Panel…</translation>
        </message>
        <message>
            <source>Record the dec&amp;ision…</source>
            <translation type="unfinished">Cofnodi'r pende&amp;rfyniad…</translation>
        </message>
        <message>
            <source>Record a s&amp;ummary returned…</source>
            <translation type="unfinished">Cofnodi crynodeb a &amp;ddychwelwyd…</translation>
        </message>
        <message>
            <source>&amp;Ask more agencies for a summary…</source>
            <translation type="unfinished">&amp;Gofyn i ragor o asiantaethau am grynodeb…</translation>
        </message>
        <message>
            <source>Add an immediate safety a&amp;ction…</source>
            <translation type="unfinished">Ychwanegu cam diogelwch ar &amp;unwaith…</translation>
        </message>
        <message>
            <source>Mark a safety action &amp;done…</source>
            <translation type="unfinished">Nodi bod cam diogelwch wedi'i &amp;wneud…</translation>
        </message>
        <message>
            <source>Record strengths, learning and t&amp;hemes…</source>
            <translation type="unfinished">Cofnodi cryfderau, dysgu a t&amp;hemâu…</translation>
        </message>
        <message>
            <source>Record a partner sign-&amp;off…</source>
            <translation type="unfinished">Cofnodi cymeradwyaeth &amp;partner…</translation>
        </message>
        <message>
            <source>Pause a cl&amp;ock…</source>
            <translation type="unfinished">&amp;Oedi cloc…</translation>
        </message>
        <message>
            <source>Resume a clock…</source>
            <translation type="unfinished">Ailgychwyn cloc…</translation>
        </message>
        <message>
            <source>&amp;Edit the details…</source>
            <translation type="unfinished">Go&amp;lygu'r manylion…</translation>
        </message>
        <message>
            <source>not part of this referral's flow</source>
            <extracomment>The More menu's entries that are rapid review work (allowed while ``rapid_review_work`` is). Where each next step's button takes its mnemonic (the first letter of this part of its label): two shown at once never share a letter, nor with More (M) or the menus (File, Go, Help).</extracomment>
            <translation type="unfinished">nid yw'n rhan o lif yr atgyfeiriad hwn</translation>
        </message>
        <message>
            <source>Not available: {reason}</source>
            <translation type="unfinished">Ddim ar gael: {reason}</translation>
        </message>
        <message>
            <source>Summary (pseudonyms only)</source>
            <translation type="unfinished">Crynodeb (ffugenwau yn unig)</translation>
        </message>
        <message>
            <source>Incident date</source>
            <translation type="unfinished">Dyddiad y digwyddiad</translation>
        </message>
        <message>
            <source>Partners became aware (blank: same as LA)</source>
            <translation type="unfinished">Daeth y partneriaid yn ymwybodol (gwag: yr un fath â'r ALl)</translation>
        </message>
        <message>
            <source>Referrer's role</source>
            <translation type="unfinished">Rôl yr atgyfeiriwr</translation>
        </message>
        <message>
            <source>Referrer's contact</source>
            <translation type="unfinished">Manylion cyswllt yr atgyfeiriwr</translation>
        </message>
        <message>
            <source>Edit referral details</source>
            <translation type="unfinished">Golygu manylion yr atgyfeiriad</translation>
        </message>
        <message>
            <source>Rapid review (serious incident: SIN to the National Panel next)</source>
            <translation type="unfinished">Adolygiad cyflym (digwyddiad difrifol: SIN i'r Panel Cenedlaethol nesaf)</translation>
        </message>
        <message>
            <source>Learning review (QA&amp;S group)</source>
            <translation type="unfinished">Adolygiad dysgu (grŵp SA&amp;D)</translation>
        </message>
        <message>
            <source>Single-agency audit (closes the referral)</source>
            <translation type="unfinished">Archwiliad un asiantaeth (yn cau'r atgyfeiriad)</translation>
        </message>
        <message>
            <source>No further action (closes the referral)</source>
            <translation type="unfinished">Dim camau pellach (yn cau'r atgyfeiriad)</translation>
        </message>
        <message>
            <source>Screen the referral</source>
            <extracomment>The next steps' labels as the services give them (``services.referrals.story.STEP_LABELS``), marked here: the buttons show them translated.</extracomment>
            <translation type="unfinished">Sgrinio'r atgyfeiriad</translation>
        </message>
        <message>
            <source>Screened on</source>
            <translation type="unfinished">Sgriniwyd ar</translation>
        </message>
        <message>
            <source>Notes (why)</source>
            <translation type="unfinished">Nodiadau (pam)</translation>
        </message>
        <message>
            <source>A serious child safeguarding incident needs both: abuse or neglect known or suspected, and the child died or was seriously harmed.</source>
            <translation type="unfinished">Mae digwyddiad diogelu plant difrifol angen y ddau: cam-drin neu esgeulustod hysbys neu a amheuir, a bod y plentyn wedi marw neu wedi cael niwed difrifol.</translation>
        </message>
        <message>
            <source>Serious incident notification sent</source>
            <translation type="unfinished">Hysbysiad am ddigwyddiad difrifol wedi'i anfon</translation>
        </message>
        <message>
            <source>Notification reference</source>
            <translation type="unfinished">Cyfeirnod yr hysbysiad</translation>
        </message>
        <message>
            <source>Sent on</source>
            <translation type="unfinished">Anfonwyd ar</translation>
        </message>
        <message>
            <source>Local partners told</source>
            <translation type="unfinished">Partneriaid lleol wedi cael gwybod</translation>
        </message>
        <message>
            <source>Told on</source>
            <translation type="unfinished">Cawsant wybod ar</translation>
        </message>
        <message>
            <source>Start the rapid review</source>
            <translation type="unfinished">Dechrau'r adolygiad cyflym</translation>
        </message>
        <message>
            <source>Started on</source>
            <translation type="unfinished">Dechreuwyd ar</translation>
        </message>
        <message>
            <source>Ask for summaries from</source>
            <translation type="unfinished">Gofyn am grynodebau gan</translation>
        </message>
        <message>
            <source>Summaries due (blank: 5 working days)</source>
            <translation type="unfinished">Crynodebau erbyn (gwag: 5 diwrnod gwaith)</translation>
        </message>
        <message>
            <source>Rapid review complete</source>
            <translation type="unfinished">Adolygiad cyflym wedi'i gwblhau</translation>
        </message>
        <message>
            <source>Completed on</source>
            <translation type="unfinished">Cwblhawyd ar</translation>
        </message>
        <message>
            <source>Completing needs the sign-off of the local authority, police and ICB.</source>
            <translation type="unfinished">Mae angen cymeradwyaeth yr awdurdod lleol, yr heddlu a'r BIG i'w gwblhau.</translation>
        </message>
        <message>
            <source>Rapid review sent to the National Panel</source>
            <translation type="unfinished">Adolygiad cyflym wedi'i anfon at y Panel Cenedlaethol</translation>
        </message>
        <message>
            <source>National Panel response</source>
            <translation type="unfinished">Ymateb y Panel Cenedlaethol</translation>
        </message>
        <message>
            <source>Received on</source>
            <translation type="unfinished">Daeth i law ar</translation>
        </message>
        <message>
            <source>What the Panel said</source>
            <translation type="unfinished">Beth ddywedodd y Panel</translation>
        </message>
        <message>
            <source>Decided on</source>
            <translation type="unfinished">Penderfynwyd ar</translation>
        </message>
        <message>
            <source>Highlights improvements needed</source>
            <translation type="unfinished">Yn tynnu sylw at welliannau sydd eu hangen</translation>
        </message>
        <message>
            <source>Highlights recurrent themes</source>
            <translation type="unfinished">Yn tynnu sylw at themâu sy'n codi dro ar ôl tro</translation>
        </message>
        <message>
            <source>Concerns about two or more agencies working together</source>
            <translation type="unfinished">Pryderon ynghylch dwy asiantaeth neu fwy yn cydweithio</translation>
        </message>
        <message>
            <source>The National Panel suggested a local review</source>
            <translation type="unfinished">Awgrymodd y Panel Cenedlaethol adolygiad lleol</translation>
        </message>
        <message>
            <source>Record the decision</source>
            <translation type="unfinished">Cofnodi'r penderfyniad</translation>
        </message>
        <message>
            <source>An LCSPR, learning summary or PLR decision creates its record in the Review Library.</source>
            <translation type="unfinished">Mae penderfyniad LCSPR, crynodeb dysgu neu PLR yn creu ei gofnod yn y Llyfrgell Adolygiadau.</translation>
        </message>
        <message>
            <source>Pause a clock</source>
            <translation type="unfinished">Oedi cloc</translation>
        </message>
        <message>
            <source>Reason (shown with the clock)</source>
            <translation type="unfinished">Rheswm (a ddangosir gyda'r cloc)</translation>
        </message>
        <message>
            <source>Paused from</source>
            <translation type="unfinished">Wedi'i oedi o</translation>
        </message>
        <message>
            <source>The due date stays visible while the clock is paused.</source>
            <translation type="unfinished">Mae'r dyddiad erbyn yn aros yn y golwg tra bo'r cloc wedi'i oedi.</translation>
        </message>
        <message>
            <source>Resume a clock</source>
            <translation type="unfinished">Ailgychwyn cloc</translation>
        </message>
        <message>
            <source>No clock of this referral is paused.</source>
            <translation type="unfinished">Nid oes cloc yn yr atgyfeiriad hwn wedi'i oedi.</translation>
        </message>
        <message>
            <source>{clock} (paused {day})</source>
            <translation type="unfinished">{clock} (oedwyd {day})</translation>
        </message>
        <message>
            <source>Running again from</source>
            <translation type="unfinished">Yn rhedeg eto o</translation>
        </message>
        <message>
            <source>Start the rapid review first (after the SIN has been sent).</source>
            <translation type="unfinished">Dechreuwch yr adolygiad cyflym yn gyntaf (ar ôl i'r SIN gael ei anfon).</translation>
        </message>
        <message>
            <source>{agency} (returned {day})</source>
            <translation type="unfinished">{agency} (dychwelwyd {day})</translation>
        </message>
        <message>
            <source>Agency summary returned</source>
            <translation type="unfinished">Crynodeb asiantaeth wedi'i ddychwelyd</translation>
        </message>
        <message>
            <source>Returned on</source>
            <translation type="unfinished">Dychwelwyd ar</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation type="unfinished">Nodiadau</translation>
        </message>
        <message>
            <source>Ask more agencies for a summary</source>
            <translation type="unfinished">Gofyn i ragor o asiantaethau am grynodeb</translation>
        </message>
        <message>
            <source>Agencies</source>
            <translation type="unfinished">Asiantaethau</translation>
        </message>
        <message>
            <source>Or named people (their agency is asked)</source>
            <translation type="unfinished">Neu bobl a enwir (gofynnir i'w hasiantaeth)</translation>
        </message>
        <message>
            <source>Asked on</source>
            <translation type="unfinished">Gofynnwyd ar</translation>
        </message>
        <message>
            <source>Immediate safety action</source>
            <translation type="unfinished">Cam diogelwch ar unwaith</translation>
        </message>
        <message>
            <source>Action</source>
            <translation type="unfinished">Cam gweithredu</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation type="unfinished">Perchennog</translation>
        </message>
        <message>
            <source>Owner agency</source>
            <translation type="unfinished">Asiantaeth berchen</translation>
        </message>
        <message>
            <source>Immediate safety actions</source>
            <translation type="unfinished">Camau diogelwch ar unwaith</translation>
        </message>
        <message>
            <source>There is no open safety action.</source>
            <translation type="unfinished">Nid oes cam diogelwch agored.</translation>
        </message>
        <message>
            <source>Safety action done</source>
            <translation type="unfinished">Cam diogelwch wedi'i wneud</translation>
        </message>
        <message>
            <source>Strengths, emerging learning and themes</source>
            <translation type="unfinished">Cryfderau, dysgu sy'n dod i'r amlwg a themâu</translation>
        </message>
        <message>
            <source>Strengths</source>
            <translation type="unfinished">Cryfderau</translation>
        </message>
        <message>
            <source>Emerging learning</source>
            <translation type="unfinished">Dysgu sy'n dod i'r amlwg</translation>
        </message>
        <message>
            <source>Themes</source>
            <translation type="unfinished">Themâu</translation>
        </message>
        <message>
            <source>Partner sign-off</source>
            <translation type="unfinished">Cymeradwyaeth partner</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation type="unfinished">Partner</translation>
        </message>
        <message>
            <source>Signed by</source>
            <translation type="unfinished">Llofnodwyd gan</translation>
        </message>
        <message>
            <source>Or a name (not in the directory)</source>
            <translation type="unfinished">Neu enw (nad yw yn y cyfeiriadur)</translation>
        </message>
        <message>
            <source>Signed on</source>
            <translation type="unfinished">Llofnodwyd ar</translation>
        </message>
    </context>
    <context>
        <name>ReviewDetail</name>
        <message>
            <source>Clock</source>
            <extracomment>The key of a read a form needs before it opens (agencies, themes, the open pauses).</extracomment>
            <translation type="unfinished">Cloc</translation>
        </message>
        <message>
            <source>Starts from</source>
            <translation type="unfinished">Yn dechrau o</translation>
        </message>
        <message>
            <source>Due</source>
            <translation type="unfinished">Erbyn</translation>
        </message>
        <message>
            <source>State</source>
            <translation type="unfinished">Cyflwr</translation>
        </message>
        <message>
            <source>Recommendation</source>
            <translation type="unfinished">Argymhelliad</translation>
        </message>
        <message>
            <source>Action</source>
            <translation type="unfinished">Cam gweithredu</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation type="unfinished">Perchennog</translation>
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished">Statws</translation>
        </message>
        <message>
            <source>Requested by</source>
            <translation type="unfinished">Gofynnwyd gan</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation type="unfinished">Sefydliad</translation>
        </message>
        <message>
            <source>Received</source>
            <translation type="unfinished">Daeth i law</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation type="unfinished">Anfonwyd</translation>
        </message>
        <message>
            <source>About this review</source>
            <translation type="unfinished">Am yr adolygiad hwn</translation>
        </message>
        <message>
            <source>The child (pseudonymised, minimal)</source>
            <translation type="unfinished">Y plentyn (ffugenw, cyn lleied â phosibl)</translation>
        </message>
        <message>
            <source>What happened</source>
            <translation type="unfinished">Beth ddigwyddodd</translation>
        </message>
        <message>
            <source>What went well</source>
            <translation type="unfinished">Beth aeth yn dda</translation>
        </message>
        <message>
            <source>Key learning (one point per line; printed numbered)</source>
            <translation type="unfinished">Dysgu allweddol (un pwynt i bob llinell; wedi'u rhifo wrth argraffu)</translation>
        </message>
        <message>
            <source>What this means for practice</source>
            <translation type="unfinished">Beth mae hyn yn ei olygu i ymarfer</translation>
        </message>
        <message>
            <source>Reflective questions (one per line)</source>
            <translation type="unfinished">Cwestiynau myfyriol (un i bob llinell)</translation>
        </message>
        <message>
            <source>Further resources</source>
            <translation type="unfinished">Adnoddau pellach</translation>
        </message>
        <message>
            <source>Contacts</source>
            <translation type="unfinished">Cysylltiadau</translation>
        </message>
        <message>
            <source>Saving…</source>
            <extracomment>Lines each learning-summary box shows at rest (the long sections more).</extracomment>
            <translation type="unfinished">Yn cadw…</translation>
        </message>
        <message>
            <source>&amp;Start the review…</source>
            <extracomment>The review's status steps as the More menu lists them, in the order of the flow, each letter written in.</extracomment>
            <translation type="unfinished">&amp;Dechrau'r adolygiad…</translation>
        </message>
        <message>
            <source>Record the &amp;draft report…</source>
            <translation type="unfinished">Cofnodi'r adroddiad &amp;drafft…</translation>
        </message>
        <message>
            <source>Record the final report &amp;agreed…</source>
            <translation type="unfinished">Cofnodi bod yr adroddiad terfynol wedi'i &amp;gytuno…</translation>
        </message>
        <message>
            <source>Send to the &amp;Panel and Secretary of State…</source>
            <translation type="unfinished">Anfon at y &amp;Panel a'r Ysgrifennydd Gwladol…</translation>
        </message>
        <message>
            <source>De&amp;fer publication…</source>
            <translation type="unfinished">&amp;Gohirio cyhoeddi…</translation>
        </message>
        <message>
            <source>Record it p&amp;ublished…</source>
            <translation type="unfinished">Cofnodi ei fod wedi'i &amp;gyhoeddi…</translation>
        </message>
        <message>
            <source>Publish &amp;improvements only…</source>
            <translation type="unfinished">Cyhoeddi'r &amp;gwelliannau yn unig…</translation>
        </message>
        <message>
            <source>Mark &amp;completed…</source>
            <translation type="unfinished">Nodi ei fod wedi'i &amp;gwblhau…</translation>
        </message>
        <message>
            <source>Start the review</source>
            <extracomment>Where each next step's button takes its mnemonic (the first letter of this part of its label): two shown at once never share a letter, nor with More (M) or the menus (File, Go, Help). The next steps' labels as the services give them (``services.library.steps.STEP_LABELS``), marked here: the buttons show them translated.</extracomment>
            <translation type="unfinished">Dechrau'r adolygiad</translation>
        </message>
        <message>
            <source>Record the draft report</source>
            <translation type="unfinished">Cofnodi'r adroddiad drafft</translation>
        </message>
        <message>
            <source>Record the final report agreed</source>
            <translation type="unfinished">Cofnodi bod yr adroddiad terfynol wedi'i gytuno</translation>
        </message>
        <message>
            <source>Send to the Panel and Secretary of State</source>
            <translation type="unfinished">Anfon at y Panel a'r Ysgrifennydd Gwladol</translation>
        </message>
        <message>
            <source>Defer publication</source>
            <translation type="unfinished">Gohirio cyhoeddi</translation>
        </message>
        <message>
            <source>Record it published</source>
            <translation type="unfinished">Cofnodi ei fod wedi'i gyhoeddi</translation>
        </message>
        <message>
            <source>Publish improvements only</source>
            <translation type="unfinished">Cyhoeddi'r gwelliannau yn unig</translation>
        </message>
        <message>
            <source>Mark completed</source>
            <translation type="unfinished">Nodi ei fod wedi'i gwblhau</translation>
        </message>
        <message>
            <source>Choose a review above to see its clocks, action plan and archive requests.</source>
            <extracomment>The action plan shown (read with the review).</extracomment>
            <translation type="unfinished">Dewiswch adolygiad uchod i weld ei glociau, ei gynllun gweithredu a'i geisiadau archif.</translation>
        </message>
        <message>
            <source>&amp;More</source>
            <extracomment>The sections as last loaded (what the user's typing started from). The review the summary sections were filled from. The steps the buttons stand for, in order (from the review on display).</extracomment>
            <translation type="unfinished">&amp;Mwy</translation>
        </message>
        <message>
            <source>More steps</source>
            <translation type="unfinished">Rhagor o gamau</translation>
        </message>
        <message>
            <source>Edit record…</source>
            <extracomment>The review's open clocks in a line, most urgent first (red while one is overdue: never hidden). Every status step, as an action of the More menu: enabled (and listed) only while the status allows it. The record's value labels, built with the first review shown and then only given new text (rebuilding the form on every choice was most of the GUI thread's time opening a review).</extracomment>
            <translation type="unfinished">Golygu'r cofnod…</translation>
        </message>
        <message>
            <source>Themes…</source>
            <translation type="unfinished">Themâu…</translation>
        </message>
        <message>
            <source>Record</source>
            <translation type="unfinished">Cofnod</translation>
        </message>
        <message>
            <source>Pause this clock…</source>
            <translation type="unfinished">Oedi'r cloc hwn…</translation>
        </message>
        <message>
            <source>Resume a clock…</source>
            <translation type="unfinished">Ailgychwyn cloc…</translation>
        </message>
        <message>
            <source>A pause needs a reason; the due date stays visible and an overdue clock stays overdue (rule 14).</source>
            <translation type="unfinished">Mae angen rheswm dros oedi; mae'r dyddiad erbyn yn aros yn y golwg ac mae cloc hwyr yn aros yn hwyr (rheol 14).</translation>
        </message>
        <message>
            <source>Clocks</source>
            <translation type="unfinished">Clociau</translation>
        </message>
        <message>
            <source>Recommendation…</source>
            <translation type="unfinished">Argymhelliad…</translation>
        </message>
        <message>
            <source>Action…</source>
            <translation type="unfinished">Cam gweithredu…</translation>
        </message>
        <message>
            <source>Update action…</source>
            <translation type="unfinished">Diweddaru cam gweithredu…</translation>
        </message>
        <message>
            <source>Progress note…</source>
            <translation type="unfinished">Nodyn cynnydd…</translation>
        </message>
        <message>
            <source>Export plan…</source>
            <translation type="unfinished">Allforio'r cynllun…</translation>
        </message>
        <message>
            <source>Action plan</source>
            <translation type="unfinished">Cynllun gweithredu</translation>
        </message>
        <message>
            <source>Pseudonyms only: this text is published. Save, then export the PDF, the one-page 7-minute briefing or the HTML page for the website.</source>
            <translation type="unfinished">Ffugenwau yn unig: caiff y testun hwn ei gyhoeddi. Cadwch, yna allforiwch y PDF, y briff 7 munud ar un dudalen neu'r dudalen HTML ar gyfer y wefan.</translation>
        </message>
        <message>
            <source>Save learning summary</source>
            <translation type="unfinished">Cadw'r crynodeb dysgu</translation>
        </message>
        <message>
            <source>PDF…</source>
            <translation type="unfinished">PDF…</translation>
        </message>
        <message>
            <source>7-minute briefing…</source>
            <translation type="unfinished">Briff 7 munud…</translation>
        </message>
        <message>
            <source>Web page (HTML)…</source>
            <translation type="unfinished">Tudalen we (HTML)…</translation>
        </message>
        <message>
            <source>Learning summary</source>
            <translation type="unfinished">Crynodeb dysgu</translation>
        </message>
        <message>
            <source>This came up before</source>
            <translation type="unfinished">Cododd hyn o'r blaen</translation>
        </message>
        <message>
            <source>Log a request…</source>
            <translation type="unfinished">Cofnodi cais…</translation>
        </message>
        <message>
            <source>Mark sent…</source>
            <translation type="unfinished">Nodi wedi'i anfon…</translation>
        </message>
        <message>
            <source>Archive requests</source>
            <translation type="unfinished">Ceisiadau archif</translation>
        </message>
        <message>
            <source>Leaves the website on {day}: take it down then and mark it 'available on request'.</source>
            <translation type="unfinished">Yn gadael y wefan ar {day}: tynnwch ef i lawr bryd hynny a'i nodi 'ar gael ar gais'.</translation>
        </message>
        <message>
            <source>Archived — available on request.</source>
            <translation type="unfinished">Wedi'i archifo — ar gael ar gais.</translation>
        </message>
        <message>
            <source>Answered</source>
            <translation type="unfinished">Atebwyd</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation type="unfinished">Yn aros</translation>
        </message>
        <message>
            <source>Not available: {reason}</source>
            <translation type="unfinished">Ddim ar gael: {reason}</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation type="unfinished">Cyfeirnod</translation>
        </message>
        <message>
            <source>Title</source>
            <translation type="unfinished">Teitl</translation>
        </message>
        <message>
            <source>Pseudonym</source>
            <translation type="unfinished">Ffugenw</translation>
        </message>
        <message>
            <source>Type</source>
            <translation type="unfinished">Math</translation>
        </message>
        <message>
            <source>Partnership(s)</source>
            <translation type="unfinished">Partneriaeth(au)</translation>
        </message>
        <message>
            <source>Referral</source>
            <translation type="unfinished">Atgyfeiriad</translation>
        </message>
        <message>
            <source>Reviewer</source>
            <translation type="unfinished">Adolygydd</translation>
        </message>
        <message>
            <source>Chair</source>
            <translation type="unfinished">Cadeirydd</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation type="unfinished">Penderfyniad</translation>
        </message>
        <message>
            <source>Commissioned</source>
            <translation type="unfinished">Comisiynwyd</translation>
        </message>
        <message>
            <source>Planned publication</source>
            <translation type="unfinished">Cyhoeddi arfaethedig</translation>
        </message>
        <message>
            <source>Final report to the Panel and Secretary of State</source>
            <translation type="unfinished">Adroddiad terfynol i'r Panel a'r Ysgrifennydd Gwladol</translation>
        </message>
        <message>
            <source>Published</source>
            <translation type="unfinished">Cyhoeddwyd</translation>
        </message>
        <message>
            <source>On the website until</source>
            <translation type="unfinished">Ar y wefan tan</translation>
        </message>
        <message>
            <source>Deferred</source>
            <translation type="unfinished">Gohiriwyd</translation>
        </message>
        <message>
            <source>{reason} (review {review}, expected end {end})</source>
            <translation type="unfinished">{reason} (adolygu {review}, diwedd disgwyliedig {end})</translation>
        </message>
        <message>
            <source>Themes</source>
            <translation type="unfinished">Themâu</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation type="unfinished">Crynodeb</translation>
        </message>
        <message>
            <source>Learning points</source>
            <translation type="unfinished">Pwyntiau dysgu</translation>
        </message>
        <message>
            <source>Report</source>
            <translation type="unfinished">Adroddiad</translation>
        </message>
        <message>
            <source>NSPCC repository</source>
            <translation type="unfinished">Storfa'r NSPCC</translation>
        </message>
        <message>
            <source>Last changed</source>
            <translation type="unfinished">Newidiwyd ddiwethaf</translation>
        </message>
        <message>
            <source>{time} UTC by {person}</source>
            <translation type="unfinished">{time} UTC gan {person}</translation>
        </message>
        <message>
            <source>(no action yet)</source>
            <translation type="unfinished">(dim cam gweithredu eto)</translation>
        </message>
        <message numerus="yes">
            <source>(%n day)</source>
            <translation type="unfinished">
                <numerusform>(%n diwrnod)</numerusform>
                <numerusform>(%n diwrnod)</numerusform>
                <numerusform>(%n diwrnod)</numerusform>
                <numerusform>(%n diwrnod)</numerusform>
                <numerusform>(%n diwrnod)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>(%n days)</source>
            <translation type="unfinished">
                <numerusform>(%n diwrnod)</numerusform>
                <numerusform>(%n diwrnod)</numerusform>
                <numerusform>(%n diwrnod)</numerusform>
                <numerusform>(%n diwrnod)</numerusform>
                <numerusform>(%n diwrnod)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n recommendation</source>
            <translation type="unfinished">
                <numerusform>%n argymhelliad</numerusform>
                <numerusform>%n argymhelliad</numerusform>
                <numerusform>%n argymhelliad</numerusform>
                <numerusform>%n argymhelliad</numerusform>
                <numerusform>%n argymhelliad</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n recommendations</source>
            <translation type="unfinished">
                <numerusform>%n argymhelliad</numerusform>
                <numerusform>%n argymhelliad</numerusform>
                <numerusform>%n argymhelliad</numerusform>
                <numerusform>%n argymhelliad</numerusform>
                <numerusform>%n argymhelliad</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n action</source>
            <translation type="unfinished">
                <numerusform>%n cam gweithredu</numerusform>
                <numerusform>%n cam gweithredu</numerusform>
                <numerusform>%n cam gweithredu</numerusform>
                <numerusform>%n cam gweithredu</numerusform>
                <numerusform>%n cam gweithredu</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n actions</source>
            <translation type="unfinished">
                <numerusform>%n cam gweithredu</numerusform>
                <numerusform>%n cam gweithredu</numerusform>
                <numerusform>%n cam gweithredu</numerusform>
                <numerusform>%n cam gweithredu</numerusform>
                <numerusform>%n cam gweithredu</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source> — %n overdue</source>
            <translation type="unfinished">
                <numerusform> — %n yn hwyr</numerusform>
                <numerusform> — %n yn hwyr</numerusform>
                <numerusform> — %n yn hwyr</numerusform>
                <numerusform> — %n yn hwyr</numerusform>
                <numerusform> — %n yn hwyr</numerusform>
            </translation>
        </message>
        <message>
            <source>the learning summary of {reference}</source>
            <translation type="unfinished">crynodeb dysgu {reference}</translation>
        </message>
        <message>
            <source>Commissioned on</source>
            <translation type="unfinished">Comisiynwyd ar</translation>
        </message>
        <message>
            <source>Sent on</source>
            <translation type="unfinished">Anfonwyd ar</translation>
        </message>
        <message>
            <source>Reason (e.g. criminal trial)</source>
            <translation type="unfinished">Rheswm (e.e. treial troseddol)</translation>
        </message>
        <message>
            <source>Review the deferral on</source>
            <translation type="unfinished">Adolygu'r gohirio ar</translation>
        </message>
        <message>
            <source>Expected end</source>
            <translation type="unfinished">Diwedd disgwyliedig</translation>
        </message>
        <message>
            <source>Published on</source>
            <translation type="unfinished">Cyhoeddwyd ar</translation>
        </message>
        <message>
            <source>Link</source>
            <translation type="unfinished">Dolen</translation>
        </message>
        <message>
            <source>Summary (pseudonyms only)</source>
            <translation type="unfinished">Crynodeb (ffugenwau yn unig)</translation>
        </message>
        <message>
            <source>Report link</source>
            <translation type="unfinished">Dolen i'r adroddiad</translation>
        </message>
        <message>
            <source>NSPCC repository deposit</source>
            <translation type="unfinished">Adneuo yn storfa'r NSPCC</translation>
        </message>
        <message>
            <source>Edit review</source>
            <translation type="unfinished">Golygu'r adolygiad</translation>
        </message>
        <message>
            <source>Pause a clock</source>
            <translation type="unfinished">Oedi cloc</translation>
        </message>
        <message>
            <source>Reason (shown with the clock)</source>
            <translation type="unfinished">Rheswm (a ddangosir gyda'r cloc)</translation>
        </message>
        <message>
            <source>Paused from</source>
            <translation type="unfinished">Wedi'i oedi o</translation>
        </message>
        <message>
            <source>Resume a clock</source>
            <translation type="unfinished">Ailgychwyn cloc</translation>
        </message>
        <message>
            <source>No clock of this review is paused.</source>
            <translation type="unfinished">Nid oes cloc yn yr adolygiad hwn wedi'i oedi.</translation>
        </message>
        <message>
            <source>Running again from</source>
            <translation type="unfinished">Yn rhedeg eto o</translation>
        </message>
        <message>
            <source>Add a recommendation</source>
            <translation type="unfinished">Ychwanegu argymhelliad</translation>
        </message>
        <message>
            <source>Owner agency</source>
            <translation type="unfinished">Asiantaeth berchen</translation>
        </message>
        <message>
            <source>Expected change</source>
            <translation type="unfinished">Newid disgwyliedig</translation>
        </message>
        <message>
            <source>Evidence</source>
            <translation type="unfinished">Tystiolaeth</translation>
        </message>
        <message>
            <source>Impact check</source>
            <translation type="unfinished">Gwirio'r effaith</translation>
        </message>
        <message>
            <source>Completed on (when complete)</source>
            <translation type="unfinished">Cwblhawyd ar (pan fydd wedi'i gwblhau)</translation>
        </message>
        <message>
            <source>Choose the recommendation the action belongs to.</source>
            <translation type="unfinished">Dewiswch yr argymhelliad y mae'r cam gweithredu'n perthyn iddo.</translation>
        </message>
        <message>
            <source>Add an action</source>
            <translation type="unfinished">Ychwanegu cam gweithredu</translation>
        </message>
        <message>
            <source>Choose an action first.</source>
            <translation type="unfinished">Dewiswch gam gweithredu yn gyntaf.</translation>
        </message>
        <message>
            <source>Update the action</source>
            <translation type="unfinished">Diweddaru'r cam gweithredu</translation>
        </message>
        <message>
            <source>Progress note</source>
            <translation type="unfinished">Nodyn cynnydd</translation>
        </message>
        <message>
            <source>Note (dated and signed automatically)</source>
            <translation type="unfinished">Nodyn (wedi'i ddyddio a'i lofnodi'n awtomatig)</translation>
        </message>
        <message>
            <source>Export the action plan</source>
            <translation type="unfinished">Allforio'r cynllun gweithredu</translation>
        </message>
        <message>
            <source>Excel workbook (*.xlsx);;PDF (*.pdf)</source>
            <translation type="unfinished">Llyfr gwaith Excel (*.xlsx);;PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Export failed</source>
            <translation type="unfinished">Methodd yr allforio</translation>
        </message>
        <message>
            <source>Not saved: something went wrong inside scpdesk. What you typed is still here.</source>
            <translation type="unfinished">Heb ei gadw: aeth rhywbeth o'i le y tu mewn i scpdesk. Mae'r hyn a deipiwyd gennych yma o hyd.</translation>
        </message>
        <message>
            <source>--- saved by {person} ---</source>
            <translation type="unfinished">--- cadwyd gan {person} ---</translation>
        </message>
        <message>
            <source>someone else</source>
            <translation type="unfinished">rhywun arall</translation>
        </message>
        <message>
            <source> Both of you changed: {sections} — their text is shown below yours; keep what is right, then save.</source>
            <translation type="unfinished"> Newidiodd y ddau ohonoch: {sections} — dangosir eu testun nhw o dan eich un chi; cadwch yr hyn sy'n gywir, yna cadwch.</translation>
        </message>
        <message>
            <source> Their other changes are shown; save to add yours.</source>
            <translation type="unfinished"> Dangosir eu newidiadau eraill; cadwch i ychwanegu'ch rhai chi.</translation>
        </message>
        <message>
            <source>Export the 7-minute briefing</source>
            <translation type="unfinished">Allforio'r briff 7 munud</translation>
        </message>
        <message>
            <source>Export the learning summary</source>
            <translation type="unfinished">Allforio'r crynodeb dysgu</translation>
        </message>
        <message>
            <source>Web page (*.html)</source>
            <translation type="unfinished">Tudalen we (*.html)</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation type="unfinished">PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Request for an archived review</source>
            <translation type="unfinished">Cais am adolygiad wedi'i archifo</translation>
        </message>
        <message>
            <source>Received on</source>
            <translation type="unfinished">Daeth i law ar</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation type="unfinished">Nodiadau</translation>
        </message>
        <message>
            <source>Every request for this review has been answered.</source>
            <translation type="unfinished">Atebwyd pob cais am yr adolygiad hwn.</translation>
        </message>
        <message>
            <source>Request answered</source>
            <translation type="unfinished">Cais wedi'i ateb</translation>
        </message>
        <message>
            <source>Request</source>
            <translation type="unfinished">Cais</translation>
        </message>
    </context>
    <context>
        <name>Settings</name>
        <message>
            <source>Partnership</source>
            <extracomment>Settings pages: the title and the setting groups (scpdesk.services.settings.SETTING_KEYS) each shows.</extracomment>
            <translation type="unfinished">Partneriaeth</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation type="unfinished">Dogfennau</translation>
        </message>
        <message>
            <source>Timeframes</source>
            <translation type="unfinished">Amserlenni</translation>
        </message>
        <message>
            <source>Nations</source>
            <translation type="unfinished">Cenhedloedd</translation>
        </message>
        <message>
            <source>Retention</source>
            <translation type="unfinished">Cadw cofnodion</translation>
        </message>
        <message>
            <source>Security</source>
            <translation type="unfinished">Diogelwch</translation>
        </message>
        <message>
            <source>Saving…</source>
            <extracomment>What a Save button says while its write is on the write thread.</extracomment>
            <translation type="unfinished">Yn cadw…</translation>
        </message>
        <message>
            <source>Save</source>
            <translation type="unfinished">Cadw</translation>
        </message>
        <message>
            <source>Choose…</source>
            <extracomment>The read that fills this page (each page its own: a newer read drops an older one's result).</extracomment>
            <translation type="unfinished">Dewis…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished">Tynnu</translation>
        </message>
        <message>
            <source>No logo</source>
            <translation type="unfinished">Dim logo</translation>
        </message>
        <message>
            <source>Choose the partnership's logo</source>
            <translation type="unfinished">Dewis logo'r bartneriaeth</translation>
        </message>
        <message>
            <source>Images (*.png *.jpg *.jpeg)</source>
            <translation type="unfinished">Delweddau (*.png *.jpg *.jpeg)</translation>
        </message>
        <message>
            <source>Logo</source>
            <translation type="unfinished">Logo</translation>
        </message>
        <message>
            <source>The file could not be read: {reason}</source>
            <translation type="unfinished">Nid oedd modd darllen y ffeil: {reason}</translation>
        </message>
        <message>
            <source>Local closure days are not working days for any clock. Adding or removing one moves open clocks at once; you are told which.</source>
            <extracomment>The version of the list of closure days this row was shown from (passed back on removal).</extracomment>
            <translation type="unfinished">Nid yw diwrnodau cau lleol yn ddiwrnodau gwaith i unrhyw gloc. Mae ychwanegu neu dynnu un yn symud clociau agored ar unwaith; fe gewch wybod pa rai.</translation>
        </message>
        <message>
            <source>Day</source>
            <translation type="unfinished">Diwrnod</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation type="unfinished">Rheswm</translation>
        </message>
        <message>
            <source>Added by</source>
            <translation type="unfinished">Ychwanegwyd gan</translation>
        </message>
        <message>
            <source>Clocks moved by your last change appear here.</source>
            <translation type="unfinished">Mae'r clociau a symudwyd gan eich newid diwethaf yn ymddangos yma.</translation>
        </message>
        <message>
            <source>Add…</source>
            <extracomment>The choices a directory form offers (e.g. the agencies a person may belong to), read with the list.</extracomment>
            <translation type="unfinished">Ychwanegu…</translation>
        </message>
        <message>
            <source>Import…</source>
            <translation type="unfinished">Mewnforio…</translation>
        </message>
        <message>
            <source>{reference}: {clock} moved from {old} to {new}</source>
            <translation type="unfinished">{reference}: symudwyd {clock} o {old} i {new}</translation>
        </message>
        <message>
            <source>No open clock moved.</source>
            <translation type="unfinished">Ni symudodd unrhyw gloc agored.</translation>
        </message>
        <message>
            <source>Add a closure day</source>
            <translation type="unfinished">Ychwanegu diwrnod cau</translation>
        </message>
        <message>
            <source>Closure days</source>
            <translation type="unfinished">Diwrnodau cau</translation>
        </message>
        <message>
            <source>Choose a day first.</source>
            <translation type="unfinished">Dewiswch ddiwrnod yn gyntaf.</translation>
        </message>
        <message>
            <source>Import closure days</source>
            <translation type="unfinished">Mewnforio diwrnodau cau</translation>
        </message>
        <message>
            <source>Spreadsheets (*.csv *.xlsx)</source>
            <translation type="unfinished">Taenlenni (*.csv *.xlsx)</translation>
        </message>
        <message>
            <source>Nothing was imported</source>
            <translation type="unfinished">Ni fewnforiwyd dim</translation>
        </message>
        <message>
            <source>{reason}

Nothing was imported.</source>
            <translation type="unfinished">{reason}

Ni fewnforiwyd dim.</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation type="unfinished">Golygu…</translation>
        </message>
        <message>
            <source>Retire</source>
            <translation type="unfinished">Ymddeol</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation type="unfinished">Adfer</translation>
        </message>
        <message>
            <source>Add</source>
            <translation type="unfinished">Ychwanegu</translation>
        </message>
        <message>
            <source>Directory</source>
            <translation type="unfinished">Cyfeiriadur</translation>
        </message>
        <message>
            <source>Choose one first.</source>
            <translation type="unfinished">Dewiswch un yn gyntaf.</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation type="unfinished">Golygu</translation>
        </message>
        <message>
            <source>Agency</source>
            <translation type="unfinished">Asiantaeth</translation>
        </message>
        <message>
            <source>Type</source>
            <translation type="unfinished">Math</translation>
        </message>
        <message>
            <source>Retired</source>
            <translation type="unfinished">Wedi ymddeol</translation>
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished">Enw</translation>
        </message>
        <message>
            <source>Agencies involved in referrals, own actions and send people to meetings. The local authority, police and ICB types decide a meeting's quorum. Retiring keeps every record that names the agency.</source>
            <translation type="unfinished">Asiantaethau sy'n rhan o atgyfeiriadau, sy'n berchen ar gamau gweithredu ac sy'n anfon pobl i gyfarfodydd. Mae mathau'r awdurdod lleol, yr heddlu a'r BIG yn pennu cworwm cyfarfod. Mae ymddeol yn cadw pob cofnod sy'n enwi'r asiantaeth.</translation>
        </message>
        <message>
            <source>Role</source>
            <translation type="unfinished">Rôl</translation>
        </message>
        <message>
            <source>Email</source>
            <translation type="unfinished">E-bost</translation>
        </message>
        <message>
            <source>Signs in as</source>
            <translation type="unfinished">Yn mewngofnodi fel</translation>
        </message>
        <message>
            <source>Panel</source>
            <translation type="unfinished">Panel</translation>
        </message>
        <message>
            <source>QA&amp;S</source>
            <translation type="unfinished">SA&amp;D</translation>
        </message>
        <message>
            <source>The account they sign in to scpdesk with (e.g. NORTHSHIRE\akhan): the Today view's "Mine" shows what they or their agency own.</source>
            <translation type="unfinished">Y cyfrif y maent yn mewngofnodi i scpdesk ag ef (e.e. NORTHSHIRE\akhan): mae "Fy eitemau" yng ngolwg Heddiw yn dangos yr hyn sy'n eiddo iddynt hwy neu eu hasiantaeth.</translation>
        </message>
        <message>
            <source>Rapid Review Panel member</source>
            <translation type="unfinished">Aelod o'r Panel Adolygu Cyflym</translation>
        </message>
        <message>
            <source>QA&amp;S group member</source>
            <translation type="unfinished">Aelod o'r grŵp SA&amp;D</translation>
        </message>
        <message>
            <source>People who chair, attend or present at meetings and own actions. Retiring keeps past meetings intact.</source>
            <translation type="unfinished">Pobl sy'n cadeirio, yn mynychu neu'n cyflwyno mewn cyfarfodydd ac sy'n berchen ar gamau gweithredu. Mae ymddeol yn cadw cyfarfodydd y gorffennol yn gyfan.</translation>
        </message>
        <message>
            <source>Remind me of items newly overdue or due tomorrow</source>
            <translation type="unfinished">Fy atgoffa am eitemau sydd newydd fynd yn hwyr neu sy'n ddyledus yfory</translation>
        </message>
        <message>
            <source>At start, every hour and each new day, a desktop notification (or a line in the status bar when the desktop has none) says how many Today items are newly overdue or due on the next working day. Snooze an item from the Today view (right-click, or Snooze until…). This is your own setting on this computer; nothing is sent anywhere.</source>
            <translation type="unfinished">Wrth gychwyn, bob awr a phob diwrnod newydd, mae hysbysiad bwrdd gwaith (neu linell yn y bar statws pan nad oes gan y bwrdd gwaith rai) yn dweud faint o eitemau Heddiw sydd newydd fynd yn hwyr neu sy'n ddyledus ar y diwrnod gwaith nesaf. Gohiriwch eitem o olwg Heddiw (de-glicio, neu Gohirio tan…). Eich gosodiad chi ar y cyfrifiadur hwn yw hwn; nid anfonir dim i unman.</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation type="unfinished">Gosodiadau</translation>
        </message>
        <message>
            <source>Agencies</source>
            <translation type="unfinished">Asiantaethau</translation>
        </message>
        <message>
            <source>People</source>
            <translation type="unfinished">Pobl</translation>
        </message>
        <message>
            <source>Reminders</source>
            <translation type="unfinished">Nodiadau atgoffa</translation>
        </message>
        <message>
            <source>Set up scpdesk for your partnership</source>
            <translation type="unfinished">Gosod scpdesk ar gyfer eich partneriaeth</translation>
        </message>
        <message>
            <source>Welcome. Tell scpdesk which partnership it works for; documents carry this name and markings. Everything else can be set later under Settings.</source>
            <translation type="unfinished">Croeso. Dywedwch wrth scpdesk ar gyfer pa bartneriaeth y mae'n gweithio; mae dogfennau'n dangos yr enw a'r marciau hyn. Gellir gosod popeth arall yn nes ymlaen o dan Gosodiadau.</translation>
        </message>
        <message>
            <source>Save and start</source>
            <translation type="unfinished">Cadw a dechrau</translation>
        </message>
        <message>
            <source>Skip for now</source>
            <translation type="unfinished">Hepgor am nawr</translation>
        </message>
    </context>
    <context>
        <name>SettingsValues</name>
        <message>
            <source>none (no marking printed)</source>
            <extracomment>The record types with a retention period, in the order the settings screen lists them. Control characters (all but tab, newline and carriage return) refused in any text a user saves here. The partnership's name in Welsh, printed on Welsh and bilingual documents ("" until given: those are refused). Which language a bilingual document prints first: "auto" (Welsh first under the wales rule set, as Welsh public bodies publish; English first elsewhere), "cy" or "en". Which event starts the rapid review clock (rule 8): "partners_aware" (default) or "sin_sent". "" means no marking is printed. Working days the partnership gives itself to answer an archive request (the Today view's due date). Where archive requests go (printed with "available on request"). While set, no record may be destroyed whatever its retention period. Local database files must be encrypted (SQLCipher): an unencrypted one is refused at start. Minutes without mouse or keyboard before the window hides every record behind the lock screen. True once a partnership name has been saved (the first-run screen asks for the profile until then). "text", "multiline", "email", "choice", "int", "bool" or "logo". (value, label) pairs for "choice" settings; values are what ``OrganisationSettings`` holds.</extracomment>
            <translation type="unfinished">dim (dim marc wedi'i argraffu)</translation>
        </message>
        <message>
            <source>Keep referrals</source>
            <extracomment>Each retention setting's label and help (whole phrases, so that a translation can word each its own way).</extracomment>
            <translation type="unfinished">Cadw atgyfeiriadau</translation>
        </message>
        <message>
            <source>Years to keep referrals after the record is closed.</source>
            <translation type="unfinished">Nifer y blynyddoedd i gadw atgyfeiriadau ar ôl i'r cofnod gael ei gau.</translation>
        </message>
        <message>
            <source>Keep rapid reviews</source>
            <translation type="unfinished">Cadw adolygiadau cyflym</translation>
        </message>
        <message>
            <source>Years to keep rapid reviews after the record is closed.</source>
            <translation type="unfinished">Nifer y blynyddoedd i gadw adolygiadau cyflym ar ôl i'r cofnod gael ei gau.</translation>
        </message>
        <message>
            <source>Keep meetings</source>
            <translation type="unfinished">Cadw cyfarfodydd</translation>
        </message>
        <message>
            <source>Years to keep meetings after the record is closed.</source>
            <translation type="unfinished">Nifer y blynyddoedd i gadw cyfarfodydd ar ôl i'r cofnod gael ei gau.</translation>
        </message>
        <message>
            <source>Keep reviews (library)</source>
            <translation type="unfinished">Cadw adolygiadau (llyfrgell)</translation>
        </message>
        <message>
            <source>Years to keep reviews (library) after the record is closed.</source>
            <translation type="unfinished">Nifer y blynyddoedd i gadw adolygiadau (llyfrgell) ar ôl i'r cofnod gael ei gau.</translation>
        </message>
        <message>
            <source>Keep the audit trail</source>
            <translation type="unfinished">Cadw'r llwybr archwilio</translation>
        </message>
        <message>
            <source>Years to keep the audit trail after the record is closed.</source>
            <translation type="unfinished">Nifer y blynyddoedd i gadw'r llwybr archwilio ar ôl i'r cofnod gael ei gau.</translation>
        </message>
        <message>
            <source>Partnership name</source>
            <extracomment>Every setting, in the order a settings screen shows them. Keys are OrganisationSettings field names (the logo's is "logo"; it is saved with ``set_logo``).</extracomment>
            <translation type="unfinished">Enw'r bartneriaeth</translation>
        </message>
        <message>
            <source>The partnership's full name, printed on every document (e.g. Northshire Safeguarding Children Partnership).</source>
            <translation type="unfinished">Enw llawn y bartneriaeth, wedi'i argraffu ar bob dogfen (e.e. Partneriaeth Diogelu Plant Northshire).</translation>
        </message>
        <message>
            <source>Short name</source>
            <translation type="unfinished">Enw byr</translation>
        </message>
        <message>
            <source>The short name used in lists and file names (e.g. NSCP).</source>
            <translation type="unfinished">Yr enw byr a ddefnyddir mewn rhestrau ac enwau ffeiliau (e.e. NSCP).</translation>
        </message>
        <message>
            <source>Logo</source>
            <translation type="unfinished">Logo</translation>
        </message>
        <message>
            <source>A PNG or JPEG image of at most 1 MB and 2000 × 2000 pixels, printed on meeting packs and learning summaries.</source>
            <translation type="unfinished">Delwedd PNG neu JPEG o 1 MB a 2000 × 2000 picsel ar y mwyaf, wedi'i hargraffu ar becynnau cyfarfod a chrynodebau dysgu.</translation>
        </message>
        <message>
            <source>Contact email for archive requests</source>
            <translation type="unfinished">E-bost cyswllt ar gyfer ceisiadau archif</translation>
        </message>
        <message>
            <source>Where requests for archived reviews are sent, e.g. scp@northshire.gov.uk.</source>
            <translation type="unfinished">Lle anfonir ceisiadau am adolygiadau wedi'u harchifo, e.e. scp@northshire.gov.uk.</translation>
        </message>
        <message>
            <source>Postal address for archive requests</source>
            <translation type="unfinished">Cyfeiriad post ar gyfer ceisiadau archif</translation>
        </message>
        <message>
            <source>The business unit's postal address (several lines).</source>
            <translation type="unfinished">Cyfeiriad post yr uned fusnes (sawl llinell).</translation>
        </message>
        <message>
            <source>Rapid review clock starts from</source>
            <translation type="unfinished">Mae cloc yr adolygiad cyflym yn dechrau o</translation>
        </message>
        <message>
            <source>The event the 15 working days of the rapid review (rule 8) count from: the partners becoming aware (the default) or the notification sent to the National Panel. "Why this date" names the one used; changing it recomputes every rapid review clock.</source>
            <translation type="unfinished">Y digwyddiad y mae 15 diwrnod gwaith yr adolygiad cyflym (rheol 8) yn cyfrif ohono: y partneriaid yn dod yn ymwybodol (y rhagosodiad) neu'r hysbysiad a anfonwyd at y Panel Cenedlaethol. Mae "Pam y dyddiad hwn" yn enwi'r un a ddefnyddir; mae ei newid yn ailgyfrifo pob cloc adolygiad cyflym.</translation>
        </message>
        <message>
            <source>Marking of packs and rapid review material</source>
            <translation type="unfinished">Marc ar becynnau a deunydd adolygiad cyflym</translation>
        </message>
        <message>
            <source>The protective marking printed on meeting packs and rapid review documents.</source>
            <translation type="unfinished">Y marc diogelu a argreffir ar becynnau cyfarfod a dogfennau adolygiad cyflym.</translation>
        </message>
        <message>
            <source>Marking of learning summaries and published reports</source>
            <translation type="unfinished">Marc ar grynodebau dysgu ac adroddiadau cyhoeddedig</translation>
        </message>
        <message>
            <source>The protective marking printed on learning summaries, action plans and published reports.</source>
            <translation type="unfinished">Y marc diogelu a argreffir ar grynodebau dysgu, cynlluniau gweithredu ac adroddiadau cyhoeddedig.</translation>
        </message>
        <message>
            <source>Published window</source>
            <translation type="unfinished">Cyfnod cyhoeddi</translation>
        </message>
        <message>
            <source>How long a published review stays on the website before it shows "Archived — available on request" (rule 13; some partnerships use 24).</source>
            <translation type="unfinished">Am ba hyd y mae adolygiad cyhoeddedig yn aros ar y wefan cyn iddo ddangos "Wedi'i archifo — ar gael ar gais" (rheol 13; mae rhai partneriaethau'n defnyddio 24).</translation>
        </message>
        <message>
            <source>LCSPR target</source>
            <translation type="unfinished">Targed LCSPR</translation>
        </message>
        <message>
            <source>From the decision to undertake an LCSPR to its publication (rule 11).</source>
            <translation type="unfinished">O'r penderfyniad i gynnal LCSPR hyd at ei gyhoeddi (rheol 11).</translation>
        </message>
        <message>
            <source>Pre-publication notice</source>
            <translation type="unfinished">Rhybudd cyn cyhoeddi</translation>
        </message>
        <message>
            <source>The final report goes to the National Panel and the Secretary of State at least this many working days before publication (rule 12).</source>
            <translation type="unfinished">Mae'r adroddiad terfynol yn mynd i'r Panel Cenedlaethol a'r Ysgrifennydd Gwladol o leiaf y nifer hwn o ddiwrnodau gwaith cyn cyhoeddi (rheol 12).</translation>
        </message>
        <message>
            <source>working days</source>
            <translation type="unfinished">diwrnod gwaith</translation>
        </message>
        <message>
            <source>Wales: case review group</source>
            <extracomment>The storage key of the logo (its SETTING_KEYS entry is "logo"). The markings a partnership may choose; "" is "none" (no marking printed). Rule sets listed as coming; choosing one is refused with a clear message (none since issue 17: every nation's rule set is here). The nations' clock settings (issue 17; defaults in models.timeframes.DEFAULT_SETTINGS, reasons in docs/rules.md): key → (label, help, low, high, unit).</extracomment>
            <translation type="unfinished">Cymru: grŵp adolygu achosion</translation>
        </message>
        <message>
            <source>From receiving a referral to the case review group's recommendation to the Board chair (rule 21).</source>
            <translation type="unfinished">O gael atgyfeiriad i argymhelliad y grŵp adolygu achosion i gadeirydd y Bwrdd (rheol 21).</translation>
        </message>
        <message>
            <source>Wales: Board chair decides</source>
            <translation type="unfinished">Cymru: cadeirydd y Bwrdd yn penderfynu</translation>
        </message>
        <message>
            <source>From the case review group's recommendation to the Board chair's decision: concise or extended Child Practice Review, or none (rule 22).</source>
            <translation type="unfinished">O argymhelliad y grŵp adolygu achosion i benderfyniad cadeirydd y Bwrdd: Adolygiad Ymarfer Plant cryno neu estynedig, neu ddim (rheol 22).</translation>
        </message>
        <message>
            <source>Wales: Welsh Government told</source>
            <translation type="unfinished">Cymru: Llywodraeth Cymru wedi cael gwybod</translation>
        </message>
        <message>
            <source>From the decision to undertake a Child Practice Review to notifying Welsh Government (rule 23).</source>
            <translation type="unfinished">O'r penderfyniad i gynnal Adolygiad Ymarfer Plant i hysbysu Llywodraeth Cymru (rheol 23).</translation>
        </message>
        <message>
            <source>Wales: learning event</source>
            <translation type="unfinished">Cymru: digwyddiad dysgu</translation>
        </message>
        <message>
            <source>From the decision to the learning event with the practitioners (rule 24).</source>
            <translation type="unfinished">O'r penderfyniad i'r digwyddiad dysgu gyda'r ymarferwyr (rheol 24).</translation>
        </message>
        <message>
            <source>months</source>
            <translation type="unfinished">mis</translation>
        </message>
        <message>
            <source>Wales: report and action plan</source>
            <translation type="unfinished">Cymru: adroddiad a chynllun gweithredu</translation>
        </message>
        <message>
            <source>From the decision to the completed report and action plan, concise and extended alike (rule 25).</source>
            <translation type="unfinished">O'r penderfyniad i'r adroddiad a'r cynllun gweithredu gorffenedig, yn gryno ac yn estynedig fel ei gilydd (rheol 25).</translation>
        </message>
        <message>
            <source>Wales: report sent on</source>
            <translation type="unfinished">Cymru: anfon yr adroddiad ymlaen</translation>
        </message>
        <message>
            <source>From the report's completion to sending it and the action plan to Welsh Government (rule 26).</source>
            <translation type="unfinished">O gwblhau'r adroddiad i'w anfon ef a'r cynllun gweithredu at Lywodraeth Cymru (rheol 26).</translation>
        </message>
        <message>
            <source>Scotland: recommendation</source>
            <translation type="unfinished">Yr Alban: argymhelliad</translation>
        </message>
        <message>
            <source>From a notification to the nominated person or group's recommendation to the Child Protection Committee (rule 31).</source>
            <translation type="unfinished">O hysbysiad i argymhelliad y person neu'r grŵp enwebedig i'r Pwyllgor Amddiffyn Plant (rheol 31).</translation>
        </message>
        <message>
            <source>Scotland: CPC decides</source>
            <translation type="unfinished">Yr Alban: y PAP yn penderfynu</translation>
        </message>
        <message>
            <source>From the recommendation to the CPC's decision on a Learning Review, with its reasons (rule 32).</source>
            <translation type="unfinished">O'r argymhelliad i benderfyniad y PAP ar Adolygiad Dysgu, gyda'i resymau (rheol 32).</translation>
        </message>
        <message>
            <source>Scotland: Care Inspectorate told</source>
            <translation type="unfinished">Yr Alban: yr Arolygiaeth Gofal wedi cael gwybod</translation>
        </message>
        <message>
            <source>From the CPC's decision (to proceed or not) to notifying the Care Inspectorate (rule 33).</source>
            <translation type="unfinished">O benderfyniad y PAP (i fwrw ymlaen neu beidio) i hysbysu'r Arolygiaeth Gofal (rheol 33).</translation>
        </message>
        <message>
            <source>Scotland: Learning Review</source>
            <translation type="unfinished">Yr Alban: Adolygiad Dysgu</translation>
        </message>
        <message>
            <source>From the decision to proceed to the completed Learning Review report (rule 34).</source>
            <translation type="unfinished">O'r penderfyniad i fwrw ymlaen i adroddiad gorffenedig yr Adolygiad Dysgu (rheol 34).</translation>
        </message>
        <message>
            <source>Scotland: report sent on</source>
            <translation type="unfinished">Yr Alban: anfon yr adroddiad ymlaen</translation>
        </message>
        <message>
            <source>From the report's completion to sending it to the Care Inspectorate (rule 35).</source>
            <translation type="unfinished">O gwblhau'r adroddiad i'w anfon at yr Arolygiaeth Gofal (rheol 35).</translation>
        </message>
        <message>
            <source>N. Ireland: SBNI chair decides</source>
            <translation type="unfinished">G. Iwerddon: cadeirydd SBNI yn penderfynu</translation>
        </message>
        <message>
            <source>From the Local Safeguarding Panel's referral to the SBNI chair's decision on a Case Management Review (rule 41).</source>
            <translation type="unfinished">O atgyfeiriad y Panel Diogelu Lleol i benderfyniad cadeirydd SBNI ar Adolygiad Rheoli Achos (rheol 41).</translation>
        </message>
        <message>
            <source>N. Ireland: CMR report</source>
            <translation type="unfinished">G. Iwerddon: adroddiad CMR</translation>
        </message>
        <message>
            <source>From the chair's decision to the CMR Panel's completed report (rule 42).</source>
            <translation type="unfinished">O benderfyniad y cadeirydd i adroddiad gorffenedig Panel y CMR (rheol 42).</translation>
        </message>
        <message>
            <source>England</source>
            <extracomment>The nations' names as the rule set choice shows them (``RuleSet.label``), marked for the settings window.</extracomment>
            <translation type="unfinished">Lloegr</translation>
        </message>
        <message>
            <source>Wales</source>
            <translation type="unfinished">Cymru</translation>
        </message>
        <message>
            <source>Scotland</source>
            <translation type="unfinished">Yr Alban</translation>
        </message>
        <message>
            <source>Northern Ireland</source>
            <translation type="unfinished">Gogledd Iwerddon</translation>
        </message>
        <message>
            <source>Partners became aware</source>
            <translation type="unfinished">Daeth y partneriaid yn ymwybodol</translation>
        </message>
        <message>
            <source>Notification sent to the National Panel</source>
            <translation type="unfinished">Hysbysiad wedi'i anfon i'r Panel Cenedlaethol</translation>
        </message>
        <message>
            <source>Nation (rule set)</source>
            <translation type="unfinished">Cenedl (set o reolau)</translation>
        </message>
        <message>
            <source>The nation whose statutory guidance, review types and bank holidays the clocks follow. Changing it recomputes every open clock and lists what moved.</source>
            <translation type="unfinished">Y genedl y mae'r clociau'n dilyn ei chanllawiau statudol, ei mathau o adolygiad a'i gwyliau banc. Mae ei newid yn ailgyfrifo pob cloc agored ac yn rhestru'r hyn a symudodd.</translation>
        </message>
        <message>
            <source>Panel response expected</source>
            <translation type="unfinished">Disgwylir ymateb y Panel</translation>
        </message>
        <message>
            <source>When a reply from the National Panel is expected after the rapid review was sent (rule 10).</source>
            <translation type="unfinished">Pryd y disgwylir ateb gan y Panel Cenedlaethol ar ôl anfon yr adolygiad cyflym (rheol 10).</translation>
        </message>
        <message>
            <source>Archive requests answered within</source>
            <translation type="unfinished">Ceisiadau archif yn cael eu hateb o fewn</translation>
        </message>
        <message>
            <source>Working days from receiving a request for an archived review to sending it (the Today view lists each unanswered request as due then).</source>
            <translation type="unfinished">Diwrnodau gwaith o gael cais am adolygiad wedi'i archifo i'w anfon (mae golwg Heddiw yn rhestru pob cais heb ei ateb fel un sy'n ddyledus bryd hynny).</translation>
        </message>
        <message>
            <source>years</source>
            <translation type="unfinished">mlynedd</translation>
        </message>
        <message>
            <source>Legal hold</source>
            <translation type="unfinished">Cadw cyfreithiol</translation>
        </message>
        <message>
            <source>While on (an inquiry, litigation or police investigation), nothing is destroyed whatever the retention periods say.</source>
            <translation type="unfinished">Tra bo hyn ymlaen (ymchwiliad, ymgyfreitha neu ymchwiliad gan yr heddlu), ni chaiff dim ei ddinistrio beth bynnag a ddywed y cyfnodau cadw.</translation>
        </message>
        <message>
            <source>Require encrypted local files</source>
            <translation type="unfinished">Mynnu ffeiliau lleol wedi'u hamgryptio</translation>
        </message>
        <message>
            <source>When on, scpdesk refuses to open a local database file that is not encrypted (each user runs 'scpdesk db encrypt' once). A shared server is protected by IT instead.</source>
            <translation type="unfinished">Pan fydd ymlaen, mae scpdesk yn gwrthod agor ffeil cronfa ddata leol nad yw wedi'i hamgryptio (mae pob defnyddiwr yn rhedeg 'scpdesk db encrypt' unwaith). TG sy'n diogelu gweinydd a rennir yn lle hynny.</translation>
        </message>
        <message>
            <source>Lock after idle time</source>
            <translation type="unfinished">Cloi ar ôl cyfnod segur</translation>
        </message>
        <message>
            <source>Minutes without mouse or keyboard before the window hides every record until the user unlocks it.</source>
            <translation type="unfinished">Munudau heb lygoden na bysellfwrdd cyn i'r ffenestr guddio pob cofnod nes i'r defnyddiwr ei datgloi.</translation>
        </message>
        <message>
            <source>minutes</source>
            <translation type="unfinished">munud</translation>
        </message>
    </context>
    <context>
        <name>SettingsWindow</name>
        <message>
            <source>Open clocks changed: {count}</source>
            <translation type="unfinished">Clociau agored a newidiwyd: {count}</translation>
        </message>
        <message>
            <source>… and {count} more (scpdesk deadlines lists every clock)</source>
            <translation type="unfinished">… a {count} arall (mae scpdesk deadlines yn rhestru pob cloc)</translation>
        </message>
    </context>
    <context>
        <name>Today</name>
        <message>
            <source>What</source>
            <translation type="unfinished">Beth</translation>
        </message>
        <message>
            <source>Case</source>
            <translation type="unfinished">Achos</translation>
        </message>
        <message>
            <source>Due</source>
            <translation type="unfinished">Erbyn</translation>
        </message>
        <message>
            <source>Working days</source>
            <translation type="unfinished">Diwrnodau gwaith</translation>
        </message>
        <message>
            <source>Whose</source>
            <translation type="unfinished">Eiddo pwy</translation>
        </message>
        <message>
            <source>Note</source>
            <translation type="unfinished">Nodyn</translation>
        </message>
        <message>
            <source>Nothing due in the next 4 weeks</source>
            <translation type="unfinished">Dim byd yn ddyledus yn ystod y 4 wythnos nesaf</translation>
        </message>
        <message>
            <source>No person is linked to your login, so scpdesk cannot tell which items are yours. Link one under Settings → People → Signs in as.</source>
            <translation type="unfinished">Nid oes unrhyw berson wedi'i gysylltu â'ch enw defnyddiwr, felly ni all scpdesk ddweud pa eitemau sy'n eiddo i chi. Cysylltwch un o dan Gosodiadau → Pobl → Yn mewngofnodi fel.</translation>
        </message>
        <message>
            <source>paused: {reason}</source>
            <extracomment>Unicode's explicit direction controls (embeddings, overrides, isolates): typed into a pseudonym, one would run on over the reference shown after it.</extracomment>
            <translation type="unfinished">wedi'i oedi: {reason}</translation>
        </message>
        <message>
            <source>deferred: {reason}</source>
            <translation type="unfinished">wedi'i ohirio: {reason}</translation>
        </message>
        <message>
            <source>Due today</source>
            <translation type="unfinished">Dyledus heddiw</translation>
        </message>
        <message>
            <source>Due tomorrow</source>
            <translation type="unfinished">Dyledus yfory</translation>
        </message>
        <message numerus="yes">
            <source>%n working day late</source>
            <translation type="unfinished">
                <numerusform>%n diwrnod gwaith yn hwyr</numerusform>
                <numerusform>%n diwrnod gwaith yn hwyr</numerusform>
                <numerusform>%n diwrnod gwaith yn hwyr</numerusform>
                <numerusform>%n diwrnod gwaith yn hwyr</numerusform>
                <numerusform>%n diwrnod gwaith yn hwyr</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n working days late</source>
            <translation type="unfinished">
                <numerusform>%n diwrnod gwaith yn hwyr</numerusform>
                <numerusform>%n diwrnod gwaith yn hwyr</numerusform>
                <numerusform>%n diwrnod gwaith yn hwyr</numerusform>
                <numerusform>%n diwrnod gwaith yn hwyr</numerusform>
                <numerusform>%n diwrnod gwaith yn hwyr</numerusform>
            </translation>
        </message>
        <message>
            <source>Overdue (due {day})</source>
            <translation type="unfinished">Hwyr (dyledus {day})</translation>
        </message>
        <message numerus="yes">
            <source>%n working day left</source>
            <translation type="unfinished">
                <numerusform>%n diwrnod gwaith ar ôl</numerusform>
                <numerusform>%n diwrnod gwaith ar ôl</numerusform>
                <numerusform>%n diwrnod gwaith ar ôl</numerusform>
                <numerusform>%n diwrnod gwaith ar ôl</numerusform>
                <numerusform>%n diwrnod gwaith ar ôl</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n working days left</source>
            <translation type="unfinished">
                <numerusform>%n diwrnod gwaith ar ôl</numerusform>
                <numerusform>%n diwrnod gwaith ar ôl</numerusform>
                <numerusform>%n diwrnod gwaith ar ôl</numerusform>
                <numerusform>%n diwrnod gwaith ar ôl</numerusform>
                <numerusform>%n diwrnod gwaith ar ôl</numerusform>
            </translation>
        </message>
        <message>
            <source>Due {day}</source>
            <translation type="unfinished">Dyledus {day}</translation>
        </message>
        <message>
            <source>{group} ({count} so far)</source>
            <extracomment>The snoozes shown ("snoozed until 5 Dec"). False: only the list's first items (a start's first screen): the last group's count is "so far".</extracomment>
            <translation type="unfinished">{group} ({count} hyd yma)</translation>
        </message>
        <message>
            <source>{group} ({count})</source>
            <translation type="unfinished">{group} ({count})</translation>
        </message>
        <message>
            <source>No date yet</source>
            <translation type="unfinished">Dim dyddiad eto</translation>
        </message>
        <message>
            <source>Nobody named</source>
            <translation type="unfinished">Neb wedi'i enwi</translation>
        </message>
        <message>
            <source>Snooze reminders</source>
            <translation type="unfinished">Gohirio nodiadau atgoffa</translation>
        </message>
        <message>
            <source>No reminders of “{what}” ({case}) until the day chosen. It stays on the Today view, marked as snoozed.</source>
            <translation type="unfinished">Dim nodiadau atgoffa am “{what}” ({case}) tan y diwrnod a ddewiswyd. Mae'n aros yng ngolwg Heddiw, wedi'i nodi fel un wedi'i ohirio.</translation>
        </message>
        <message>
            <source>Snooze &amp;until</source>
            <translation type="unfinished">Gohirio &amp;tan</translation>
        </message>
        <message>
            <source>Loading what is due…</source>
            <extracomment>A row was opened (Enter, double-click): the window shows its record (a ``RecordLink``). "Figures…": the window opens the Figures screen. Every list shown (the reminders check it). The injected clock's date moved on (the list is read again for it). How often the date is compared with the one the list was read for (ms). True while a read runs in the background. Why the last read failed ("" when it did not).</extracomment>
            <translation type="unfinished">Yn llwytho'r hyn sy'n ddyledus…</translation>
        </message>
        <message>
            <source>Mine</source>
            <translation type="unfinished">Fy eitemau</translation>
        </message>
        <message>
            <source>Kind of item</source>
            <translation type="unfinished">Math o eitem</translation>
        </message>
        <message>
            <source>All kinds</source>
            <translation type="unfinished">Pob math</translation>
        </message>
        <message>
            <source>Kind:</source>
            <translation type="unfinished">Math:</translation>
        </message>
        <message>
            <source>Snooze until…</source>
            <translation type="unfinished">Gohirio tan…</translation>
        </message>
        <message>
            <source>Save deadlines to calendar (.ics)…</source>
            <translation type="unfinished">Cadw terfynau amser i galendr (.ics)…</translation>
        </message>
        <message>
            <source>Figures…</source>
            <translation type="unfinished">Ffigurau…</translation>
        </message>
        <message>
            <source>Today: what is due</source>
            <translation type="unfinished">Heddiw: yr hyn sy'n ddyledus</translation>
        </message>
        <message>
            <source> or </source>
            <translation type="unfinished"> neu </translation>
        </message>
        <message>
            <source>Only the items of {whose}.</source>
            <translation type="unfinished">Eitemau {whose} yn unig.</translation>
        </message>
        <message>
            <source>Only your items.</source>
            <translation type="unfinished">Eich eitemau chi yn unig.</translation>
        </message>
        <message>
            <source>The Today list could not be loaded: {reason}</source>
            <translation type="unfinished">Nid oedd modd llwytho rhestr Heddiw: {reason}</translation>
        </message>
        <message>
            <source>The Today list could not be loaded; see the log. File → Refresh tries again.</source>
            <translation type="unfinished">Nid oedd modd llwytho rhestr Heddiw; gweler y log. Mae Ffeil → Adnewyddu yn rhoi cynnig arall arni.</translation>
        </message>
        <message>
            <source>Not loaded</source>
            <translation type="unfinished">Heb ei lwytho</translation>
        </message>
        <message numerus="yes">
            <source>Nothing matches the filters (%n item hidden by them).</source>
            <translation type="unfinished">
                <numerusform>Does dim yn cyfateb i'r hidlwyr (%n eitem wedi'i chuddio ganddynt).</numerusform>
                <numerusform>Does dim yn cyfateb i'r hidlwyr (%n eitem wedi'i chuddio ganddynt).</numerusform>
                <numerusform>Does dim yn cyfateb i'r hidlwyr (%n eitem wedi'i chuddio ganddynt).</numerusform>
                <numerusform>Does dim yn cyfateb i'r hidlwyr (%n eitem wedi'i chuddio ganddynt).</numerusform>
                <numerusform>Does dim yn cyfateb i'r hidlwyr (%n eitem wedi'i chuddio ganddynt).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Nothing matches the filters (%n items hidden by them).</source>
            <translation type="unfinished">
                <numerusform>Does dim yn cyfateb i'r hidlwyr (%n eitem wedi'u cuddio ganddynt).</numerusform>
                <numerusform>Does dim yn cyfateb i'r hidlwyr (%n eitem wedi'u cuddio ganddynt).</numerusform>
                <numerusform>Does dim yn cyfateb i'r hidlwyr (%n eitem wedi'u cuddio ganddynt).</numerusform>
                <numerusform>Does dim yn cyfateb i'r hidlwyr (%n eitem wedi'u cuddio ganddynt).</numerusform>
                <numerusform>Does dim yn cyfateb i'r hidlwyr (%n eitem wedi'u cuddio ganddynt).</numerusform>
            </translation>
        </message>
        <message>
            <source> The rest of the list is loading…</source>
            <translation type="unfinished"> Mae gweddill y rhestr yn llwytho…</translation>
        </message>
        <message numerus="yes">
            <source>Today, {day}: the first %n item; the rest are loading…</source>
            <translation type="unfinished">
                <numerusform>Heddiw, {day}: yr %n eitem gyntaf; mae'r gweddill yn llwytho…</numerusform>
                <numerusform>Heddiw, {day}: yr %n eitem gyntaf; mae'r gweddill yn llwytho…</numerusform>
                <numerusform>Heddiw, {day}: yr %n eitem gyntaf; mae'r gweddill yn llwytho…</numerusform>
                <numerusform>Heddiw, {day}: yr %n eitem gyntaf; mae'r gweddill yn llwytho…</numerusform>
                <numerusform>Heddiw, {day}: yr %n eitem gyntaf; mae'r gweddill yn llwytho…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Today, {day}: the first %n items; the rest are loading…</source>
            <translation type="unfinished">
                <numerusform>Heddiw, {day}: y %n eitem gyntaf; mae'r gweddill yn llwytho…</numerusform>
                <numerusform>Heddiw, {day}: y %n eitem gyntaf; mae'r gweddill yn llwytho…</numerusform>
                <numerusform>Heddiw, {day}: y %n eitem gyntaf; mae'r gweddill yn llwytho…</numerusform>
                <numerusform>Heddiw, {day}: y %n eitem gyntaf; mae'r gweddill yn llwytho…</numerusform>
                <numerusform>Heddiw, {day}: y %n eitem gyntaf; mae'r gweddill yn llwytho…</numerusform>
            </translation>
        </message>
        <message>
            <source>Today, {day}</source>
            <translation type="unfinished">Heddiw, {day}</translation>
        </message>
        <message numerus="yes">
            <source>%n overdue</source>
            <translation type="unfinished">
                <numerusform>%n yn hwyr</numerusform>
                <numerusform>%n yn hwyr</numerusform>
                <numerusform>%n yn hwyr</numerusform>
                <numerusform>%n yn hwyr</numerusform>
                <numerusform>%n yn hwyr</numerusform>
            </translation>
        </message>
        <message>
            <source>nothing overdue</source>
            <translation type="unfinished">dim byd yn hwyr</translation>
        </message>
        <message numerus="yes">
            <source>%n item in all</source>
            <translation type="unfinished">
                <numerusform>%n eitem i gyd</numerusform>
                <numerusform>%n eitem i gyd</numerusform>
                <numerusform>%n eitem i gyd</numerusform>
                <numerusform>%n eitem i gyd</numerusform>
                <numerusform>%n eitem i gyd</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n items in all</source>
            <translation type="unfinished">
                <numerusform>%n eitem i gyd</numerusform>
                <numerusform>%n eitem i gyd</numerusform>
                <numerusform>%n eitem i gyd</numerusform>
                <numerusform>%n eitem i gyd</numerusform>
                <numerusform>%n eitem i gyd</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n shown</source>
            <translation type="unfinished">
                <numerusform>%n yn y golwg</numerusform>
                <numerusform>%n yn y golwg</numerusform>
                <numerusform>%n yn y golwg</numerusform>
                <numerusform>%n yn y golwg</numerusform>
                <numerusform>%n yn y golwg</numerusform>
            </translation>
        </message>
        <message>
            <source>Today, {day}: {parts}</source>
            <translation type="unfinished">Heddiw, {day}: {parts}</translation>
        </message>
        <message>
            <source>Open</source>
            <translation type="unfinished">Agor</translation>
        </message>
        <message>
            <source>Stop snoozing</source>
            <translation type="unfinished">Peidio â gohirio</translation>
        </message>
        <message>
            <source>Save deadlines to calendar</source>
            <translation type="unfinished">Cadw terfynau amser i galendr</translation>
        </message>
        <message>
            <source>Calendar (*.ics)</source>
            <translation type="unfinished">Calendr (*.ics)</translation>
        </message>
        <message>
            <source>Deadlines saved to {path}: subscribe to it in Outlook or your calendar.</source>
            <translation type="unfinished">Cadwyd terfynau amser yn {path}: tanysgrifiwch iddo yn Outlook neu yn eich calendr.</translation>
        </message>
        <message>
            <source>The calendar file was not saved</source>
            <translation type="unfinished">Ni chadwyd y ffeil calendr</translation>
        </message>
    </context>
    <context>
        <name>TodayList</name>
        <message>
            <source>Referral clocks</source>
            <extracomment>What the kind filter shows for each kind (plural, in the partners' words).</extracomment>
            <translation type="unfinished">Clociau atgyfeirio</translation>
        </message>
        <message>
            <source>Agency summaries awaited</source>
            <translation type="unfinished">Crynodebau asiantaethau a ddisgwylir</translation>
        </message>
        <message>
            <source>Safety actions</source>
            <translation type="unfinished">Camau diogelwch</translation>
        </message>
        <message>
            <source>Meetings</source>
            <translation type="unfinished">Cyfarfodydd</translation>
        </message>
        <message>
            <source>Meeting actions</source>
            <translation type="unfinished">Camau gweithredu cyfarfodydd</translation>
        </message>
        <message>
            <source>Review clocks</source>
            <translation type="unfinished">Clociau adolygu</translation>
        </message>
        <message>
            <source>Recommendation actions</source>
            <translation type="unfinished">Camau gweithredu argymhellion</translation>
        </message>
        <message>
            <source>Archive requests</source>
            <translation type="unfinished">Ceisiadau archif</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation type="unfinished">Yn hwyr</translation>
        </message>
        <message>
            <source>Waiting for a start date</source>
            <translation type="unfinished">Yn aros am ddyddiad dechrau</translation>
        </message>
        <message>
            <source>Due this week</source>
            <translation type="unfinished">Yn ddyledus yr wythnos hon</translation>
        </message>
        <message>
            <source>Next 4 weeks</source>
            <translation type="unfinished">Y 4 wythnos nesaf</translation>
        </message>
        <message>
            <source>Later</source>
            <translation type="unfinished">Yn nes ymlaen</translation>
        </message>
    </context>
</TS>
