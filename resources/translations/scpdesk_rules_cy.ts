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
            <source>Concise Child Practice Review</source>
            <extracomment>Words for a clock's state in a clock table (lower case, as a sentence continues). The short word a list's state column starts with. A referral's decision as the partners say it ("Decision: Undertake an LCSPR").</extracomment>
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
    </context>
</TS>
