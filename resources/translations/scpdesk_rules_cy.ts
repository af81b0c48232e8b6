<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB">
<context>
    <name>Clocks</name>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="597"/>
        <source>Serious incident notification</source>
        <extracomment>Bank holidays given by :func:`use_holiday_tables` (what this version of the ``holidays`` package computed in an earlier run, kept in a file by the app), by (country, subdivision, year): a start&apos;s first page then needs no import of the package (about 0.1 s). Any other year is asked of the package as usual. What a record flag means, for &quot;not applicable&quot; explanations. The nations: ``True`` when the decision (or the review&apos;s type) is the rule set&apos;s own review (a Child Practice Review, a Learning Review, a Case Management Review), ``False`` for any other decision. A referral&apos;s record: its clocks that need a start date (rules 6–8) show START_MISSING without one. On a referral (``ClockRecord.referral``) a missing start date is a gap to fill, not a clock to hide. Defaults for the *(setting)* timeframes; read-only (copy with ``dict(DEFAULT_SETTINGS)`` to edit).</extracomment>
        <translation type="unfinished">Hysbysiad digwyddiad difrifol</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="613"/>
        <source>Tell the local partners</source>
        <translation type="unfinished">Rhoi gwybod i&apos;r partneriaid lleol</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="629"/>
        <source>Rapid review complete</source>
        <translation type="unfinished">Adolygiad cyflym wedi&apos;i gwblhau</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="645"/>
        <source>Rapid review sent to the Panel</source>
        <translation type="unfinished">Adolygiad cyflym wedi&apos;i anfon at y Panel</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="658"/>
        <source>National Panel response</source>
        <translation type="unfinished">Ymateb y Panel Cenedlaethol</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="674"/>
        <source>LCSPR completed and published</source>
        <translation type="unfinished">LCSPR wedi&apos;i gwblhau a&apos;i gyhoeddi</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="690"/>
        <source>Final report to the Panel and Secretary of State</source>
        <translation type="unfinished">Adroddiad terfynol i&apos;r Panel a&apos;r Ysgrifennydd Gwladol</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="706"/>
        <source>Published window</source>
        <translation type="unfinished">Cyfnod cyhoeddi</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="776"/>
        <source>Case review group considers the referral</source>
        <extracomment>Which event starts the rapid review clock (rule 8), an organisation setting: the partners becoming aware (the default; the LA-aware date when it is not recorded) or the notification sent to the National Panel. Wales: Child Practice Reviews under the Safeguarding Boards (Functions and Procedures) (Wales) Regulations 2015 (reg. 3: concise / extended) and Working Together to Safeguard People, Volume 2, now within the Single Unified Safeguarding Review (SUSR). docs/rules.md, &quot;Wales&quot;.</extracomment>
        <translation type="unfinished">Y grŵp adolygu achosion yn ystyried yr atgyfeiriad</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="785"/>
        <source>Board chair decides</source>
        <translation type="unfinished">Cadeirydd y Bwrdd yn penderfynu</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="794"/>
        <source>Welsh Government notified</source>
        <translation type="unfinished">Rhoi gwybod i Lywodraeth Cymru</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="804"/>
        <source>Learning event held</source>
        <translation type="unfinished">Digwyddiad dysgu wedi&apos;i gynnal</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="813"/>
        <source>Report and action plan completed</source>
        <translation type="unfinished">Adroddiad a chynllun gweithredu wedi&apos;u cwblhau</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="823"/>
        <source>Report sent to Welsh Government</source>
        <translation type="unfinished">Adroddiad wedi&apos;i anfon at Lywodraeth Cymru</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="840"/>
        <source>Recommendation to the Child Protection Committee</source>
        <extracomment>Scotland: Learning Reviews under the National Guidance for Child Protection Committees Undertaking Learning Reviews (Scottish Government 2021, revised 2024), section 3 (initiation, the decision, notifying the Care Inspectorate) and the report sent to it. docs/rules.md, &quot;Scotland&quot;.</extracomment>
        <translation type="unfinished">Argymhelliad i&apos;r Pwyllgor Amddiffyn Plant</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="850"/>
        <source>Child Protection Committee decides</source>
        <translation type="unfinished">Y Pwyllgor Amddiffyn Plant yn penderfynu</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="859"/>
        <source>Care Inspectorate notified of the decision</source>
        <translation type="unfinished">Rhoi gwybod i&apos;r Arolygiaeth Gofal am y penderfyniad</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="869"/>
        <source>Learning Review completed</source>
        <translation type="unfinished">Adolygiad Dysgu wedi&apos;i gwblhau</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="878"/>
        <source>Report sent to the Care Inspectorate</source>
        <translation type="unfinished">Adroddiad wedi&apos;i anfon at yr Arolygiaeth Gofal</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="896"/>
        <source>SBNI chair decides</source>
        <extracomment>Northern Ireland: Case Management Reviews by the Safeguarding Board for Northern Ireland (Safeguarding Board Act (Northern Ireland) 2011 s.3(4); SBNI Regulations 2012, reg. 17 and reg. 38; SBNI CMR procedures). docs/rules.md, &quot;Northern Ireland&quot;.</extracomment>
        <translation type="unfinished">Cadeirydd SBNI yn penderfynu</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/timeframes.py" line="905"/>
        <source>CMR report completed</source>
        <translation type="unfinished">Adroddiad CMR wedi&apos;i gwblhau</translation>
    </message>
</context>
<context>
    <name>NationSteps</name>
    <message>
        <location filename="../../scpdesk/ui/nation_steps.py" line="34"/>
        <source>Case review group recommended</source>
        <translation type="unfinished">Argymhelliad y grŵp adolygu achosion</translation>
    </message>
    <message>
        <location filename="../../scpdesk/ui/nation_steps.py" line="35"/>
        <source>Welsh Government notified of the decision</source>
        <translation type="unfinished">Rhoi gwybod i Lywodraeth Cymru am y penderfyniad</translation>
    </message>
    <message>
        <location filename="../../scpdesk/ui/nation_steps.py" line="36"/>
        <source>Recommendation to the Child Protection Committee</source>
        <translation type="unfinished">Argymhelliad i&apos;r Pwyllgor Amddiffyn Plant</translation>
    </message>
    <message>
        <location filename="../../scpdesk/ui/nation_steps.py" line="37"/>
        <source>Care Inspectorate notified of the decision</source>
        <translation type="unfinished">Rhoi gwybod i&apos;r Arolygiaeth Gofal am y penderfyniad</translation>
    </message>
    <message>
        <location filename="../../scpdesk/ui/nation_steps.py" line="38"/>
        <source>Local Safeguarding Panel&apos;s recommendation</source>
        <translation type="unfinished">Argymhelliad y Panel Diogelu Lleol</translation>
    </message>
    <message>
        <location filename="../../scpdesk/ui/nation_steps.py" line="41"/>
        <source>Record the Board chair&apos;s decision</source>
        <translation type="unfinished">Cofnodi penderfyniad Cadeirydd y Bwrdd</translation>
    </message>
    <message>
        <location filename="../../scpdesk/ui/nation_steps.py" line="42"/>
        <source>Record the Child Protection Committee&apos;s decision</source>
        <translation type="unfinished">Cofnodi penderfyniad y Pwyllgor Amddiffyn Plant</translation>
    </message>
    <message>
        <location filename="../../scpdesk/ui/nation_steps.py" line="43"/>
        <source>Record the SBNI chair&apos;s decision</source>
        <translation type="unfinished">Cofnodi penderfyniad Cadeirydd SBNI</translation>
    </message>
    <message>
        <location filename="../../scpdesk/ui/nation_steps.py" line="62"/>
        <location filename="../../scpdesk/ui/nation_steps.py" line="130"/>
        <source>not recorded</source>
        <translation type="unfinished">heb ei gofnodi</translation>
    </message>
    <message>
        <location filename="../../scpdesk/ui/nation_steps.py" line="94"/>
        <source>A review decided here creates its record in the Review Library, with its clocks.</source>
        <translation type="unfinished">Mae adolygiad a benderfynir yma yn creu ei gofnod yn y Llyfrgell Adolygiadau, gyda&apos;i glociau.</translation>
    </message>
    <message>
        <location filename="../../scpdesk/ui/nation_steps.py" line="102"/>
        <source>Decision</source>
        <translation type="unfinished">Penderfyniad</translation>
    </message>
    <message>
        <location filename="../../scpdesk/ui/nation_steps.py" line="103"/>
        <source>Decided on</source>
        <translation type="unfinished">Dyddiad y penderfyniad</translation>
    </message>
    <message>
        <location filename="../../scpdesk/ui/nation_steps.py" line="104"/>
        <source>Rationale (the reasons, as the decision records them)</source>
        <translation type="unfinished">Rhesymeg (y rhesymau, fel y mae&apos;r penderfyniad yn eu cofnodi)</translation>
    </message>
    <message>
        <location filename="../../scpdesk/ui/nation_steps.py" line="107"/>
        <source>Record the decision</source>
        <translation type="unfinished">Cofnodi&apos;r penderfyniad</translation>
    </message>
    <message>
        <location filename="../../scpdesk/ui/nation_steps.py" line="121"/>
        <source>Learning event held</source>
        <translation type="unfinished">Digwyddiad dysgu wedi&apos;i gynnal</translation>
    </message>
    <message>
        <location filename="../../scpdesk/ui/nation_steps.py" line="122"/>
        <source>Report and action plan completed</source>
        <translation type="unfinished">Adroddiad a chynllun gweithredu wedi&apos;u cwblhau</translation>
    </message>
    <message>
        <location filename="../../scpdesk/ui/nation_steps.py" line="123"/>
        <source>Learning Review report completed</source>
        <translation type="unfinished">Adroddiad yr Adolygiad Dysgu wedi&apos;i gwblhau</translation>
    </message>
    <message>
        <location filename="../../scpdesk/ui/nation_steps.py" line="124"/>
        <source>CMR report completed</source>
        <translation type="unfinished">Adroddiad CMR wedi&apos;i gwblhau</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../../scpdesk/models/words.py" line="114"/>
        <source>Concise Child Practice Review</source>
        <extracomment>Words for a clock&apos;s state in a clock table (lower case, as a sentence continues). The short word a list&apos;s state column starts with. A referral&apos;s decision as the partners say it (&quot;Decision: Undertake an LCSPR&quot;).</extracomment>
        <translation type="unfinished">Adolygiad Ymarfer Plant Cryno</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/words.py" line="115"/>
        <source>Extended Child Practice Review</source>
        <translation type="unfinished">Adolygiad Ymarfer Plant Estynedig</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/words.py" line="116"/>
        <location filename="../../scpdesk/models/words.py" line="124"/>
        <source>Learning Review</source>
        <translation type="unfinished">Adolygiad Dysgu</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/words.py" line="117"/>
        <location filename="../../scpdesk/models/words.py" line="125"/>
        <source>Case Management Review</source>
        <translation type="unfinished">Adolygiad Rheoli Achos</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/words.py" line="122"/>
        <source>Child Practice Review (concise)</source>
        <extracomment>A review&apos;s type as the library and the documents say it (England&apos;s as they always were: &quot;LCSPR&quot;, &quot;Plr&quot;…).</extracomment>
        <translation type="unfinished">Adolygiad Ymarfer Plant (cryno)</translation>
    </message>
    <message>
        <location filename="../../scpdesk/models/words.py" line="123"/>
        <source>Child Practice Review (extended)</source>
        <translation type="unfinished">Adolygiad Ymarfer Plant (estynedig)</translation>
    </message>
</context>
</TS>
