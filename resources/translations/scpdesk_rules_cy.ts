<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB">
    <context>
        <name>Clocks</name>
        <message>
            <source>Serious incident notification</source>
            <extracomment>Bank holidays given by :func:`use_holiday_tables` (what this version of the ``holidays`` package computed in an earlier run, kept in a file by the app), by (country, subdivision, year): a start's first page then needs no import of the package (about 0.1 s). Any other year is asked of the package as usual. What a record flag means, for "not applicable" explanations. The nations: ``True`` when the decision (or the review's type) is the rule set's own review (a Child Practice Review, a Learning Review, a Case Management Review), ``False`` for any other decision. A referral's record: its clocks that need a start date (rules 6–8) show START_MISSING without one. On a referral (``ClockRecord.referral``) a missing start date is a gap to fill, not a clock to hide. Defaults for the *(setting)* timeframes; read-only (copy with ``dict(DEFAULT_SETTINGS)`` to edit).</extracomment>
            <translation type="unfinished">Hysbysiad digwyddiad difrifol</translation>
        </message>
        <message>
            <source>Tell the local partners</source>
            <translation type="unfinished">Rhoi gwybod i'r partneriaid lleol</translation>
        </message>
        <message>
            <source>Rapid review complete</source>
            <translation type="unfinished">Adolygiad cyflym wedi'i gwblhau</translation>
        </message>
        <message>
            <source>Rapid review sent to the Panel</source>
            <translation type="unfinished">Adolygiad cyflym wedi'i anfon at y Panel</translation>
        </message>
        <message>
            <source>National Panel response</source>
            <translation type="unfinished">Ymateb y Panel Cenedlaethol</translation>
        </message>
        <message>
            <source>LCSPR completed and published</source>
            <translation type="unfinished">LCSPR wedi'i gwblhau a'i gyhoeddi</translation>
        </message>
        <message>
            <source>Final report to the Panel and Secretary of State</source>
            <translation type="unfinished">Adroddiad terfynol i'r Panel a'r Ysgrifennydd Gwladol</translation>
        </message>
        <message>
            <source>Published window</source>
            <translation type="unfinished">Cyfnod cyhoeddi</translation>
        </message>
        <message>
            <source>Case review group considers the referral</source>
            <extracomment>Which event starts the rapid review clock (rule 8), an organisation setting: the partners becoming aware (the default; the LA-aware date when it is not recorded) or the notification sent to the National Panel. Wales: Child Practice Reviews under the Safeguarding Boards (Functions and Procedures) (Wales) Regulations 2015 (reg. 3: concise / extended) and Working Together to Safeguard People, Volume 2, now within the Single Unified Safeguarding Review (SUSR). docs/rules.md, "Wales".</extracomment>
            <translation type="unfinished">Y grŵp adolygu achosion yn ystyried yr atgyfeiriad</translation>
        </message>
        <message>
            <source>Board chair decides</source>
            <translation type="unfinished">Cadeirydd y Bwrdd yn penderfynu</translation>
        </message>
        <message>
            <source>Welsh Government notified</source>
            <translation type="unfinished">Rhoi gwybod i Lywodraeth Cymru</translation>
        </message>
        <message>
            <source>Learning event held</source>
            <translation type="unfinished">Digwyddiad dysgu wedi'i gynnal</translation>
        </message>
        <message>
            <source>Report and action plan completed</source>
            <translation type="unfinished">Adroddiad a chynllun gweithredu wedi'u cwblhau</translation>
        </message>
        <message>
            <source>Report sent to Welsh Government</source>
            <translation type="unfinished">Adroddiad wedi'i anfon at Lywodraeth Cymru</translation>
        </message>
        <message>
            <source>Recommendation to the Child Protection Committee</source>
            <extracomment>Scotland: Learning Reviews under the National Guidance for Child Protection Committees Undertaking Learning Reviews (Scottish Government 2021, revised 2024), section 3 (initiation, the decision, notifying the Care Inspectorate) and the report sent to it. docs/rules.md, "Scotland".</extracomment>
            <translation type="unfinished">Argymhelliad i'r Pwyllgor Amddiffyn Plant</translation>
        </message>
        <message>
            <source>Child Protection Committee decides</source>
            <translation type="unfinished">Y Pwyllgor Amddiffyn Plant yn penderfynu</translation>
        </message>
        <message>
            <source>Care Inspectorate notified of the decision</source>
            <translation type="unfinished">Rhoi gwybod i'r Arolygiaeth Gofal am y penderfyniad</translation>
        </message>
        <message>
            <source>Learning Review completed</source>
            <translation type="unfinished">Adolygiad Dysgu wedi'i gwblhau</translation>
        </message>
        <message>
            <source>Report sent to the Care Inspectorate</source>
            <translation type="unfinished">Adroddiad wedi'i anfon at yr Arolygiaeth Gofal</translation>
        </message>
        <message>
            <source>SBNI chair decides</source>
            <extracomment>Northern Ireland: Case Management Reviews by the Safeguarding Board for Northern Ireland (Safeguarding Board Act (Northern Ireland) 2011 s.3(4); SBNI Regulations 2012, reg. 17 and reg. 38; SBNI CMR procedures). docs/rules.md, "Northern Ireland".</extracomment>
            <translation type="unfinished">Cadeirydd SBNI yn penderfynu</translation>
        </message>
        <message>
            <source>CMR report completed</source>
            <translation type="unfinished">Adroddiad CMR wedi'i gwblhau</translation>
        </message>
    </context>
    <context>
        <name>Enums</name>
        <message>
            <source>Known</source>
            <extracomment>Every enum value's words (``enums.label``), marked for translators under the context the window looks them up in (``ui.i18n.tr_label``: "Enums"). A test fails on a label missing here (a new enum value), which Cymraeg would otherwise show in English.</extracomment>
            <translation type="unfinished">Hysbys</translation>
        </message>
        <message>
            <source>Suspected</source>
            <translation type="unfinished">Amheuir</translation>
        </message>
        <message>
            <source>Not suspected</source>
            <translation type="unfinished">Nid amheuir</translation>
        </message>
        <message>
            <source>Death</source>
            <translation type="unfinished">Marwolaeth</translation>
        </message>
        <message>
            <source>Serious harm</source>
            <translation type="unfinished">Niwed difrifol</translation>
        </message>
        <message>
            <source>Other</source>
            <translation type="unfinished">Arall</translation>
        </message>
        <message>
            <source>Not started</source>
            <translation type="unfinished">Heb ddechrau</translation>
        </message>
        <message>
            <source>On track</source>
            <translation type="unfinished">Ar y trywydd iawn</translation>
        </message>
        <message>
            <source>At risk</source>
            <translation type="unfinished">Mewn perygl</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation type="unfinished">Yn hwyr</translation>
        </message>
        <message>
            <source>Complete</source>
            <translation type="unfinished">Wedi'i gwblhau</translation>
        </message>
        <message>
            <source>Local authority</source>
            <translation type="unfinished">Awdurdod lleol</translation>
        </message>
        <message>
            <source>Police</source>
            <translation type="unfinished">Heddlu</translation>
        </message>
        <message>
            <source>Health</source>
            <translation type="unfinished">Iechyd</translation>
        </message>
        <message>
            <source>ICB</source>
            <translation type="unfinished">ICB</translation>
        </message>
        <message>
            <source>Education</source>
            <translation type="unfinished">Addysg</translation>
        </message>
        <message>
            <source>Probation</source>
            <translation type="unfinished">Prawf</translation>
        </message>
        <message>
            <source>Housing</source>
            <translation type="unfinished">Tai</translation>
        </message>
        <message>
            <source>Voluntary</source>
            <translation type="unfinished">Gwirfoddol</translation>
        </message>
        <message>
            <source>Case</source>
            <translation type="unfinished">Achos</translation>
        </message>
        <message>
            <source>Standing</source>
            <translation type="unfinished">Eitem sefydlog</translation>
        </message>
        <message>
            <source>Invited</source>
            <translation type="unfinished">Gwahoddwyd</translation>
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
            <source>Rapid Review Panel</source>
            <translation type="unfinished">Panel Adolygu Cyflym</translation>
        </message>
        <message>
            <source>QA&amp;S group</source>
            <translation type="unfinished">Grŵp QA&amp;S</translation>
        </message>
        <message>
            <source>Planned</source>
            <translation type="unfinished">Wedi'i gynllunio</translation>
        </message>
        <message>
            <source>Held</source>
            <translation type="unfinished">Cynhaliwyd</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation type="unfinished">Canslwyd</translation>
        </message>
        <message>
            <source>Insert</source>
            <translation type="unfinished">Ychwanegu</translation>
        </message>
        <message>
            <source>Update</source>
            <translation type="unfinished">Diweddaru</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished">Dileu</translation>
        </message>
        <message>
            <source>Export</source>
            <translation type="unfinished">Allforio</translation>
        </message>
        <message>
            <source>Print</source>
            <translation type="unfinished">Argraffu</translation>
        </message>
        <message>
            <source>Import</source>
            <translation type="unfinished">Mewnforio</translation>
        </message>
        <message>
            <source>Read</source>
            <translation type="unfinished">Darllen</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation type="unfinished">Gwrthrych</translation>
        </message>
        <message>
            <source>Sibling</source>
            <translation type="unfinished">Brawd neu chwaer</translation>
        </message>
        <message>
            <source>Female</source>
            <translation type="unfinished">Benyw</translation>
        </message>
        <message>
            <source>Male</source>
            <translation type="unfinished">Gwryw</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation type="unfinished">Anhysbys</translation>
        </message>
        <message>
            <source>CP plan</source>
            <translation type="unfinished">Cynllun amddiffyn plant</translation>
        </message>
        <message>
            <source>Child in need</source>
            <translation type="unfinished">Plentyn mewn angen</translation>
        </message>
        <message>
            <source>Looked after</source>
            <translation type="unfinished">Derbyn gofal</translation>
        </message>
        <message>
            <source>Care leaver</source>
            <translation type="unfinished">Ymadawr gofal</translation>
        </message>
        <message>
            <source>None</source>
            <translation type="unfinished">Dim</translation>
        </message>
        <message>
            <source>LCSPR</source>
            <translation type="unfinished">LCSPR</translation>
        </message>
        <message>
            <source>Learning summary</source>
            <translation type="unfinished">Crynodeb dysgu</translation>
        </message>
        <message>
            <source>National review</source>
            <translation type="unfinished">Adolygiad cenedlaethol</translation>
        </message>
        <message>
            <source>PLR</source>
            <translation type="unfinished">PLR</translation>
        </message>
        <message>
            <source>Other learning</source>
            <translation type="unfinished">Dysgu arall</translation>
        </message>
        <message>
            <source>No further review</source>
            <translation type="unfinished">Dim adolygiad pellach</translation>
        </message>
        <message>
            <source>CPR (concise)</source>
            <translation type="unfinished">Adolygiad Ymarfer Plant (cryno)</translation>
        </message>
        <message>
            <source>CPR (extended)</source>
            <translation type="unfinished">Adolygiad Ymarfer Plant (estynedig)</translation>
        </message>
        <message>
            <source>Learning review</source>
            <translation type="unfinished">Adolygiad dysgu</translation>
        </message>
        <message>
            <source>CMR</source>
            <translation type="unfinished">CMR</translation>
        </message>
        <message>
            <source>Thematic</source>
            <translation type="unfinished">Thematig</translation>
        </message>
        <message>
            <source>Joint</source>
            <translation type="unfinished">Ar y cyd</translation>
        </message>
        <message>
            <source>National</source>
            <translation type="unfinished">Cenedlaethol</translation>
        </message>
        <message>
            <source>Published</source>
            <translation type="unfinished">Cyhoeddwyd</translation>
        </message>
        <message>
            <source>Leaving soon</source>
            <translation type="unfinished">Yn gadael cyn bo hir</translation>
        </message>
        <message>
            <source>Archived</source>
            <translation type="unfinished">Wedi'i archifo</translation>
        </message>
        <message>
            <source>Deferred</source>
            <translation type="unfinished">Gohiriwyd</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation type="unfinished">Cwblhawyd</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation type="unfinished">Ar y gweill</translation>
        </message>
        <message>
            <source>Commissioned</source>
            <translation type="unfinished">Comisiynwyd</translation>
        </message>
        <message>
            <source>In review</source>
            <translation type="unfinished">Yn cael ei adolygu</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation type="unfinished">Drafft</translation>
        </message>
        <message>
            <source>Final agreed</source>
            <translation type="unfinished">Fersiwn derfynol wedi'i chytuno</translation>
        </message>
        <message>
            <source>Sent to panel</source>
            <translation type="unfinished">Anfonwyd i'r panel</translation>
        </message>
        <message>
            <source>Improvements only</source>
            <translation type="unfinished">Gwelliannau yn unig</translation>
        </message>
        <message>
            <source>Received</source>
            <translation type="unfinished">Daeth i law</translation>
        </message>
        <message>
            <source>Screening</source>
            <translation type="unfinished">Sgrinio</translation>
        </message>
        <message>
            <source>SIN sent</source>
            <translation type="unfinished">SIN wedi'i anfon</translation>
        </message>
        <message>
            <source>Rapid review</source>
            <translation type="unfinished">Adolygiad cyflym</translation>
        </message>
        <message>
            <source>RR sent to Panel</source>
            <translation type="unfinished">Adolygiad cyflym wedi'i anfon i'r Panel</translation>
        </message>
        <message>
            <source>Panel responded</source>
            <translation type="unfinished">Y Panel wedi ymateb</translation>
        </message>
        <message>
            <source>Decided</source>
            <translation type="unfinished">Penderfynwyd</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation type="unfinished">Ar gau</translation>
        </message>
        <message>
            <source>Single agency audit</source>
            <translation type="unfinished">Archwiliad un asiantaeth</translation>
        </message>
        <message>
            <source>No further action</source>
            <translation type="unfinished">Dim camau pellach</translation>
        </message>
        <message>
            <source>Unsure</source>
            <translation type="unfinished">Ansicr</translation>
        </message>
    </context>
    <context>
        <name>Events</name>
        <message>
            <source>Board chair decided</source>
            <extracomment>The events a clock starts from (``timeframes.EVENT_LABELS`` and each rule set's own ``event_labels``), marked for the window's clock tables (context "Events"). A test fails on an event's words missing here.</extracomment>
            <translation type="unfinished">cadeirydd y Bwrdd wedi penderfynu</translation>
        </message>
        <message>
            <source>CMR report completed</source>
            <translation type="unfinished">adroddiad yr CMR wedi'i gwblhau</translation>
        </message>
        <message>
            <source>Care Inspectorate notified of the decision</source>
            <translation type="unfinished">yr Arolygiaeth Gofal wedi cael gwybod am y penderfyniad</translation>
        </message>
        <message>
            <source>Child Protection Committee decided</source>
            <translation type="unfinished">y Pwyllgor Amddiffyn Plant wedi penderfynu</translation>
        </message>
        <message>
            <source>LA became aware</source>
            <translation type="unfinished">yr ALl yn dod yn ymwybodol</translation>
        </message>
        <message>
            <source>Learning Review report completed</source>
            <translation type="unfinished">adroddiad yr Adolygiad Dysgu wedi'i gwblhau</translation>
        </message>
        <message>
            <source>National Panel response recorded</source>
            <translation type="unfinished">ymateb y Panel Cenedlaethol wedi'i gofnodi</translation>
        </message>
        <message>
            <source>SBNI chair decided</source>
            <translation type="unfinished">cadeirydd SBNI wedi penderfynu</translation>
        </message>
        <message>
            <source>SIN sent to the National Panel</source>
            <translation type="unfinished">SIN wedi'i anfon at y Panel Cenedlaethol</translation>
        </message>
        <message>
            <source>Welsh Government notified of the decision</source>
            <translation type="unfinished">Llywodraeth Cymru wedi cael gwybod am y penderfyniad</translation>
        </message>
        <message>
            <source>case review group recommended</source>
            <translation type="unfinished">y grŵp adolygu achosion wedi argymell</translation>
        </message>
        <message>
            <source>decision made</source>
            <translation type="unfinished">penderfyniad wedi'i wneud</translation>
        </message>
        <message>
            <source>decision notified</source>
            <translation type="unfinished">y penderfyniad wedi'i hysbysu</translation>
        </message>
        <message>
            <source>decision to hold the Case Management Review</source>
            <translation type="unfinished">penderfyniad i gynnal yr Adolygiad Rheoli Achos</translation>
        </message>
        <message>
            <source>decision to proceed to a Learning Review</source>
            <translation type="unfinished">penderfyniad i symud ymlaen i Adolygiad Dysgu</translation>
        </message>
        <message>
            <source>decision to undertake the Child Practice Review</source>
            <translation type="unfinished">penderfyniad i gynnal yr Adolygiad Ymarfer Plant</translation>
        </message>
        <message>
            <source>decision to undertake the LCSPR</source>
            <translation type="unfinished">penderfyniad i gynnal yr LCSPR</translation>
        </message>
        <message>
            <source>decision to undertake the review</source>
            <translation type="unfinished">penderfyniad i gynnal yr adolygiad</translation>
        </message>
        <message>
            <source>final report sent to the National Panel and the Secretary of State</source>
            <translation type="unfinished">adroddiad terfynol wedi'i anfon at y Panel Cenedlaethol a'r Ysgrifennydd Gwladol</translation>
        </message>
        <message>
            <source>learning event held</source>
            <translation type="unfinished">digwyddiad dysgu wedi'i gynnal</translation>
        </message>
        <message>
            <source>local partners told</source>
            <translation type="unfinished">y partneriaid lleol wedi cael gwybod</translation>
        </message>
        <message>
            <source>notification received by the Child Protection Committee</source>
            <translation type="unfinished">hysbysiad wedi dod i law'r Pwyllgor Amddiffyn Plant</translation>
        </message>
        <message>
            <source>partners became aware</source>
            <translation type="unfinished">y partneriaid yn dod yn ymwybodol</translation>
        </message>
        <message>
            <source>planned publication date</source>
            <translation type="unfinished">dyddiad cyhoeddi arfaethedig</translation>
        </message>
        <message>
            <source>published</source>
            <translation type="unfinished">cyhoeddwyd</translation>
        </message>
        <message>
            <source>rapid review completed</source>
            <translation type="unfinished">adolygiad cyflym wedi'i gwblhau</translation>
        </message>
        <message>
            <source>rapid review sent to the National Panel</source>
            <translation type="unfinished">adolygiad cyflym wedi'i anfon at y Panel Cenedlaethol</translation>
        </message>
        <message>
            <source>recommendation made</source>
            <translation type="unfinished">argymhelliad wedi'i wneud</translation>
        </message>
        <message>
            <source>recommendation made to the Child Protection Committee</source>
            <translation type="unfinished">argymhelliad wedi'i wneud i'r Pwyllgor Amddiffyn Plant</translation>
        </message>
        <message>
            <source>referral received</source>
            <translation type="unfinished">atgyfeiriad wedi dod i law</translation>
        </message>
        <message>
            <source>referral received from the Local Safeguarding Panel</source>
            <translation type="unfinished">atgyfeiriad wedi dod i law gan y Panel Diogelu Lleol</translation>
        </message>
        <message>
            <source>report and action plan completed</source>
            <translation type="unfinished">adroddiad a chynllun gweithredu wedi'u cwblhau</translation>
        </message>
        <message>
            <source>report completed</source>
            <translation type="unfinished">adroddiad wedi'i gwblhau</translation>
        </message>
        <message>
            <source>report sent to Welsh Government</source>
            <translation type="unfinished">adroddiad wedi'i anfon at Lywodraeth Cymru</translation>
        </message>
        <message>
            <source>report sent to the Care Inspectorate</source>
            <translation type="unfinished">adroddiad wedi'i anfon at yr Arolygiaeth Gofal</translation>
        </message>
    </context>
    <context>
        <name>NationSteps</name>
        <message>
            <source>Case review group recommended</source>
            <translation type="unfinished">Argymhelliad y grŵp adolygu achosion</translation>
        </message>
        <message>
            <source>Welsh Government notified of the decision</source>
            <translation type="unfinished">Rhoi gwybod i Lywodraeth Cymru am y penderfyniad</translation>
        </message>
        <message>
            <source>Recommendation to the Child Protection Committee</source>
            <translation type="unfinished">Argymhelliad i'r Pwyllgor Amddiffyn Plant</translation>
        </message>
        <message>
            <source>Care Inspectorate notified of the decision</source>
            <translation type="unfinished">Rhoi gwybod i'r Arolygiaeth Gofal am y penderfyniad</translation>
        </message>
        <message>
            <source>Local Safeguarding Panel's recommendation</source>
            <translation type="unfinished">Argymhelliad y Panel Diogelu Lleol</translation>
        </message>
        <message>
            <source>Record the Board chair's decision</source>
            <translation type="unfinished">Cofnodi penderfyniad Cadeirydd y Bwrdd</translation>
        </message>
        <message>
            <source>Record the Child Protection Committee's decision</source>
            <translation type="unfinished">Cofnodi penderfyniad y Pwyllgor Amddiffyn Plant</translation>
        </message>
        <message>
            <source>Record the SBNI chair's decision</source>
            <translation type="unfinished">Cofnodi penderfyniad Cadeirydd SBNI</translation>
        </message>
        <message>
            <source>not recorded</source>
            <translation type="unfinished">heb ei gofnodi</translation>
        </message>
        <message>
            <source>A review decided here creates its record in the Review Library, with its clocks.</source>
            <translation type="unfinished">Mae adolygiad a benderfynir yma yn creu ei gofnod yn y Llyfrgell Adolygiadau, gyda'i glociau.</translation>
        </message>
        <message>
            <source>Choose: concise or extended (no proposal yet)</source>
            <translation type="unfinished">Dewiswch: cryno neu estynedig (dim cynnig eto)</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation type="unfinished">Penderfyniad</translation>
        </message>
        <message>
            <source>Decided on</source>
            <translation type="unfinished">Dyddiad y penderfyniad</translation>
        </message>
        <message>
            <source>Rationale (the reasons, as the decision records them)</source>
            <translation type="unfinished">Rhesymeg (y rhesymau, fel y mae'r penderfyniad yn eu cofnodi)</translation>
        </message>
        <message>
            <source>Record the decision</source>
            <translation type="unfinished">Cofnodi'r penderfyniad</translation>
        </message>
        <message>
            <source>Learning event held</source>
            <translation type="unfinished">Digwyddiad dysgu wedi'i gynnal</translation>
        </message>
        <message>
            <source>Report and action plan completed</source>
            <translation type="unfinished">Adroddiad a chynllun gweithredu wedi'u cwblhau</translation>
        </message>
        <message>
            <source>Learning Review report completed</source>
            <translation type="unfinished">Adroddiad yr Adolygiad Dysgu wedi'i gwblhau</translation>
        </message>
        <message>
            <source>CMR report completed</source>
            <translation type="unfinished">Adroddiad CMR wedi'i gwblhau</translation>
        </message>
    </context>
    <context>
        <name>Words</name>
        <message>
            <source>Undertake an LCSPR</source>
            <extracomment>Words for a clock's state in a clock table (lower case, as a sentence continues). The short word a list's state column starts with. A referral's decision as the partners say it ("Decision: Undertake an LCSPR").</extracomment>
            <translation type="unfinished">Cynnal LCSPR</translation>
        </message>
        <message>
            <source>Learning summary (no full review)</source>
            <translation type="unfinished">Crynodeb dysgu (dim adolygiad llawn)</translation>
        </message>
        <message>
            <source>Refer for a national review</source>
            <translation type="unfinished">Atgyfeirio ar gyfer adolygiad cenedlaethol</translation>
        </message>
        <message>
            <source>Practice learning review</source>
            <translation type="unfinished">Adolygiad dysgu ymarfer</translation>
        </message>
        <message>
            <source>Other learning</source>
            <translation type="unfinished">Dysgu arall</translation>
        </message>
        <message>
            <source>No further review</source>
            <translation type="unfinished">Dim adolygiad pellach</translation>
        </message>
        <message>
            <source>Concise Child Practice Review</source>
            <translation type="unfinished">Adolygiad Ymarfer Plant Cryno</translation>
        </message>
        <message>
            <source>Extended Child Practice Review</source>
            <translation type="unfinished">Adolygiad Ymarfer Plant Estynedig</translation>
        </message>
        <message>
            <source>Learning Review</source>
            <translation type="unfinished">Adolygiad Dysgu</translation>
        </message>
        <message>
            <source>Case Management Review</source>
            <translation type="unfinished">Adolygiad Rheoli Achos</translation>
        </message>
        <message>
            <source>Child Practice Review (concise)</source>
            <extracomment>A review's type as the library and the documents say it (England's as they always were: "LCSPR", "Plr"…).</extracomment>
            <translation type="unfinished">Adolygiad Ymarfer Plant (cryno)</translation>
        </message>
        <message>
            <source>Child Practice Review (extended)</source>
            <translation type="unfinished">Adolygiad Ymarfer Plant (estynedig)</translation>
        </message>
        <message>
            <source>LCSPR</source>
            <translation type="unfinished">LCSPR</translation>
        </message>
        <message>
            <source>Learning summary</source>
            <translation type="unfinished">Crynodeb dysgu</translation>
        </message>
        <message>
            <source>PLR</source>
            <translation type="unfinished">PLR</translation>
        </message>
        <message>
            <source>Thematic</source>
            <translation type="unfinished">Thematig</translation>
        </message>
        <message>
            <source>Joint</source>
            <translation type="unfinished">Ar y cyd</translation>
        </message>
        <message>
            <source>National</source>
            <translation type="unfinished">Cenedlaethol</translation>
        </message>
    </context>
</TS>
