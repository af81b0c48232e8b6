<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB" sourcelanguage="en_GB">
    <context>
        <name>Enums</name>
        <message>
            <source>Local authority</source>
            <extracomment>The three statutory safeguarding partners; a meeting is quorate when each is represented. Wales: Child Practice Review, concise or extended (the Board chair decides; migration 0012). Scotland: Learning Review (the Child Protection Committee decides). Northern Ireland: Case Management Review (the SBNI chair decides). The nations' reviews (migration 0012): Wales, Scotland, Northern Ireland. A real identity was shown or checked (what was read, never the values). Every word :func:`label` gives, marked for the window's translation (context "Enums"; the window shows them through ``ui.i18n.tr_label``). tests/unit/test_enum_words.py fails when a value's label is missing here.</extracomment>
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
            <translation type="unfinished">Gwasanaeth prawf</translation>
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
            <source>Other</source>
            <translation type="unfinished">Arall</translation>
        </message>
        <message>
            <source>Rapid review</source>
            <translation type="unfinished">Adolygiad cyflym</translation>
        </message>
        <message>
            <source>Learning review</source>
            <translation type="unfinished">Adolygiad dysgu</translation>
        </message>
        <message>
            <source>Unsure</source>
            <translation type="unfinished">Ansicr</translation>
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
            <source>Received</source>
            <translation type="unfinished">Wedi dod i law</translation>
        </message>
        <message>
            <source>Screening</source>
            <translation type="unfinished">Sgrinio</translation>
        </message>
        <message>
            <source>SIN sent</source>
            <translation type="unfinished">SIN wedi&apos;i anfon</translation>
        </message>
        <message>
            <source>RR sent to Panel</source>
            <translation type="unfinished">AC wedi&apos;i anfon at y Panel</translation>
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
            <translation type="unfinished">AYP (cryno)</translation>
        </message>
        <message>
            <source>CPR (extended)</source>
            <translation type="unfinished">AYP (estynedig)</translation>
        </message>
        <message>
            <source>CMR</source>
            <translation type="unfinished">CMR</translation>
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
            <source>Known</source>
            <translation type="unfinished">Hysbys</translation>
        </message>
        <message>
            <source>Suspected</source>
            <translation type="unfinished">Amheuir</translation>
        </message>
        <message>
            <source>Not suspected</source>
            <translation type="unfinished">Nis amheuir</translation>
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
            <source>Subject</source>
            <translation type="unfinished">Gwrthrych</translation>
        </message>
        <message>
            <source>Sibling</source>
            <translation type="unfinished">Brawd neu chwaer</translation>
        </message>
        <message>
            <source>Rapid Review Panel</source>
            <translation type="unfinished">Panel Adolygu Cyflym</translation>
        </message>
        <message>
            <source>QA&amp;S group</source>
            <translation type="unfinished">Grŵp SA&amp;D</translation>
        </message>
        <message>
            <source>Planned</source>
            <translation type="unfinished">Wedi&apos;i gynllunio</translation>
        </message>
        <message>
            <source>Held</source>
            <translation type="unfinished">Wedi&apos;i gynnal</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation type="unfinished">Wedi&apos;i ganslo</translation>
        </message>
        <message>
            <source>Invited</source>
            <translation type="unfinished">Wedi&apos;i wahodd</translation>
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
            <translation type="unfinished">Yn absennol</translation>
        </message>
        <message>
            <source>Case</source>
            <translation type="unfinished">Achos</translation>
        </message>
        <message>
            <source>Standing</source>
            <translation type="unfinished">Sefydlog</translation>
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
            <translation type="unfinished">Terfynol wedi&apos;i gytuno</translation>
        </message>
        <message>
            <source>Sent to panel</source>
            <translation type="unfinished">Wedi&apos;i anfon at y panel</translation>
        </message>
        <message>
            <source>Published</source>
            <translation type="unfinished">Cyhoeddwyd</translation>
        </message>
        <message>
            <source>Deferred</source>
            <translation type="unfinished">Gohiriwyd</translation>
        </message>
        <message>
            <source>Improvements only</source>
            <translation type="unfinished">Gwelliannau yn unig</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation type="unfinished">Cwblhawyd</translation>
        </message>
        <message>
            <source>Leaving soon</source>
            <translation type="unfinished">Yn gadael cyn hir</translation>
        </message>
        <message>
            <source>Archived</source>
            <translation type="unfinished">Archifwyd</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation type="unfinished">Ar y gweill</translation>
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
            <translation type="unfinished">Cyflawn</translation>
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
    </context>
</TS>
