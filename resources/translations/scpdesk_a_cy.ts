<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB" sourcelanguage="en_GB">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>Component</source>
            <extracomment>The largest the box grows to, so it fits a 1280×720 screen with the taskbar and title bar.</extracomment>
            <translation type="unfinished">Cydran</translation>
        </message>
        <message>
            <source>Version</source>
            <translation type="unfinished">Fersiwn</translation>
        </message>
        <message>
            <source>Licence</source>
            <translation type="unfinished">Trwydded</translation>
        </message>
        <message>
            <source>Where</source>
            <translation type="unfinished">Ble</translation>
        </message>
        <message>
            <source>About scpdesk</source>
            <translation type="unfinished">Ynghylch scpdesk</translation>
        </message>
        <message>
            <source>scpdesk icon</source>
            <translation type="unfinished">Eicon scpdesk</translation>
        </message>
        <message>
            <source>not known</source>
            <translation type="unfinished">anhysbys</translation>
        </message>
        <message>
            <source>{folder} (portable: beside the program)</source>
            <translation type="unfinished">{folder} (cludadwy: wrth ymyl y rhaglen)</translation>
        </message>
        <message>
            <source>scpdesk {version}
Case reviews for Safeguarding Children Partnerships.

Database: {database}
Data folder: {folder}
Python {python}</source>
            <translation type="unfinished">scpdesk {version}
Adolygiadau achos ar gyfer Partneriaethau Diogelu Plant.

Cronfa ddata: {database}
Ffolder data: {folder}
Python {python}</translation>
        </message>
        <message>
            <source>&amp;Licences of the components included in scpdesk:</source>
            <translation type="unfinished">&amp;Trwyddedau'r cydrannau sydd yn scpdesk:</translation>
        </message>
        <message>
            <source>Licences of the components included in scpdesk</source>
            <translation type="unfinished">Trwyddedau'r cydrannau sydd yn scpdesk</translation>
        </message>
        <message>
            <source>About &amp;Qt</source>
            <translation type="unfinished">Ynghylch &amp;Qt</translation>
        </message>
        <message>
            <source>About Qt</source>
            <translation type="unfinished">Ynghylch Qt</translation>
        </message>
    </context>
    <context>
        <name>AgencyKinds</name>
        <message>
            <source>Local authority</source>
            <extracomment>Set when the agency was retired: kept on the records that name it, no longer offered in pick lists. The kinds an agency can be, with their labels, in the order pick lists show them. Marked for the window, which shows them translated (``tr_data("AgencyKinds", …)``).</extracomment>
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
            <source>Integrated Care Board (ICB)</source>
            <translation type="unfinished">Bwrdd Gofal Integredig (ICB)</translation>
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
            <source>Voluntary sector</source>
            <translation type="unfinished">Sector gwirfoddol</translation>
        </message>
        <message>
            <source>Other</source>
            <translation type="unfinished">Arall</translation>
        </message>
    </context>
    <context>
        <name>CameUpBefore</name>
        <message>
            <source>Reference</source>
            <translation type="unfinished">Cyfeirnod</translation>
        </message>
        <message>
            <source>Title / pseudonym</source>
            <translation type="unfinished">Teitl / ffugenw</translation>
        </message>
        <message>
            <source>Type</source>
            <translation type="unfinished">Math</translation>
        </message>
        <message>
            <source>Decided / published</source>
            <translation type="unfinished">Penderfynwyd / cyhoeddwyd</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation type="unfinished">Canlyniad</translation>
        </message>
        <message>
            <source>Why it is listed</source>
            <translation type="unfinished">Pam mae wedi'i restru</translation>
        </message>
        <message>
            <source>Earlier reviews that share these themes or whose learning reads alike are listed here.</source>
            <extracomment>What the list says before anything is read, and while it is.</extracomment>
            <translation type="unfinished">Rhestrir yma adolygiadau cynharach sy'n rhannu'r themâu hyn neu y mae eu dysgu'n debyg.</translation>
        </message>
        <message>
            <source>Looking for earlier reviews…</source>
            <translation type="unfinished">Yn chwilio am adolygiadau cynharach…</translation>
        </message>
        <message>
            <source>This came up before</source>
            <extracomment>What is shown (None: nothing read yet) and what it was read for: (kind, id, what its text and themes were).</extracomment>
            <translation type="unfinished">Daeth hyn i'r amlwg o'r blaen</translation>
        </message>
        <message>
            <source>Double-click or press Enter to open the review in the Library.</source>
            <translation type="unfinished">Cliciwch ddwywaith neu pwyswch Enter i agor yr adolygiad yn y Llyfrgell.</translation>
        </message>
        <message>
            <source> Double-click or press Enter to open one in the Library.</source>
            <translation type="unfinished"> Cliciwch ddwywaith neu pwyswch Enter i agor un yn y Llyfrgell.</translation>
        </message>
        <message>
            <source>Earlier reviews could not be read.</source>
            <translation type="unfinished">Methu darllen adolygiadau cynharach.</translation>
        </message>
    </context>
    <context>
        <name>ClockWords</name>
        <message>
            <source>not started</source>
            <extracomment>Colour keys (``table_model.RAG_COLOURS``): red overdue, amber needs attention, green on track. ``models.words.WORDS`` and ``SHORT`` (a test keeps them the same), marked for translators.</extracomment>
            <translation type="unfinished">heb ddechrau</translation>
        </message>
        <message>
            <source>running</source>
            <translation type="unfinished">yn rhedeg</translation>
        </message>
        <message>
            <source>due soon</source>
            <translation type="unfinished">yn ddyledus cyn bo hir</translation>
        </message>
        <message>
            <source>overdue</source>
            <translation type="unfinished">yn hwyr</translation>
        </message>
        <message>
            <source>met</source>
            <translation type="unfinished">wedi'i gyflawni</translation>
        </message>
        <message>
            <source>met late</source>
            <translation type="unfinished">wedi'i gyflawni'n hwyr</translation>
        </message>
        <message>
            <source>paused</source>
            <translation type="unfinished">wedi'i oedi</translation>
        </message>
        <message>
            <source>not applicable</source>
            <translation type="unfinished">amherthnasol</translation>
        </message>
        <message>
            <source>ended</source>
            <translation type="unfinished">wedi dod i ben</translation>
        </message>
        <message>
            <source>clocks not started</source>
            <translation type="unfinished">clociau heb ddechrau</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation type="unfinished">Hwyr</translation>
        </message>
        <message>
            <source>Due soon</source>
            <translation type="unfinished">Dyledus cyn bo hir</translation>
        </message>
        <message>
            <source>On track</source>
            <translation type="unfinished">Ar y trywydd iawn</translation>
        </message>
        <message>
            <source>Paused</source>
            <translation type="unfinished">Wedi'i oedi</translation>
        </message>
        <message>
            <source>Clocks not started</source>
            <translation type="unfinished">Clociau heb ddechrau</translation>
        </message>
        <message>
            <source>Met</source>
            <translation type="unfinished">Wedi'i gyflawni</translation>
        </message>
        <message>
            <source>Met late</source>
            <translation type="unfinished">Wedi'i gyflawni'n hwyr</translation>
        </message>
        <message>
            <source>Ended</source>
            <translation type="unfinished">Wedi dod i ben</translation>
        </message>
        <message>
            <source>LA-aware date missing</source>
            <extracomment>The details a state carries (the start date missing, a window's end), marked for translators.</extracomment>
            <translation type="unfinished">dyddiad ymwybyddiaeth yr ALl ar goll</translation>
        </message>
        <message>
            <source>start date missing</source>
            <translation type="unfinished">dyddiad dechrau ar goll</translation>
        </message>
        <message>
            <source>archived — available on request</source>
            <translation type="unfinished">wedi'i archifo — ar gael ar gais</translation>
        </message>
        <message>
            <source>{state}: {detail}</source>
            <translation type="unfinished">{state}: {detail}</translation>
        </message>
        <message>
            <source>{state}: {reason}</source>
            <translation type="unfinished">{state}: {reason}</translation>
        </message>
        <message>
            <source>{state} — paused: {reason}</source>
            <translation type="unfinished">{state} — wedi'i oedi: {reason}</translation>
        </message>
        <message>
            <source>{state} — deferred ({reason})</source>
            <translation type="unfinished">{state} — wedi'i ohirio ({reason})</translation>
        </message>
        <message>
            <source>{route} (requested)</source>
            <translation type="unfinished">{route} (gofynnwyd amdano)</translation>
        </message>
        <message>
            <source>Published — online until {day}</source>
            <translation type="unfinished">Cyhoeddwyd — ar-lein tan {day}</translation>
        </message>
        <message>
            <source>Published</source>
            <translation type="unfinished">Cyhoeddwyd</translation>
        </message>
        <message>
            <source> (leaves the website soon)</source>
            <translation type="unfinished"> (yn gadael y wefan cyn bo hir)</translation>
        </message>
        <message>
            <source>Archived — available on request</source>
            <translation type="unfinished">Wedi'i archifo — ar gael ar gais</translation>
        </message>
        <message>
            <source>Publication deferred ({reason})</source>
            <translation type="unfinished">Cyhoeddi wedi'i ohirio ({reason})</translation>
        </message>
        <message>
            <source>Publication deferred</source>
            <translation type="unfinished">Cyhoeddi wedi'i ohirio</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation type="unfinished">Wedi'i gwblhau</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation type="unfinished">Ar y gweill</translation>
        </message>
    </context>
    <context>
        <name>Clocks</name>
        <message>
            <source>Clocks from LA awareness</source>
            <translation type="unfinished">Clociau o ymwybyddiaeth yr ALl</translation>
        </message>
    </context>
    <context>
        <name>Discard</name>
        <message>
            <source>Discard changes?</source>
            <translation type="unfinished">Gwaredu'r newidiadau?</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation type="unfinished">Gwaredu</translation>
        </message>
        <message>
            <source>Keep editing</source>
            <translation type="unfinished">Parhau i olygu</translation>
        </message>
        <message>
            <source>You changed this form and have not saved it.</source>
            <extracomment>A widget with this property set to True is not compared (it holds nothing the user typed for this form).</extracomment>
            <translation type="unfinished">Rydych wedi newid y ffurflen hon heb ei chadw.</translation>
        </message>
        <message>
            <source>You have changed “{title}” and not saved it.</source>
            <extracomment>True while the dialog's save is being written: Cancel, Escape and the close button do nothing (closing could not stop the write, and would hide whether it worked).</extracomment>
            <translation type="unfinished">Rydych wedi newid “{title}” heb ei gadw.</translation>
        </message>
    </context>
    <context>
        <name>FormDialog</name>
        <message>
            <source>Nothing was saved; your text is kept here. Try again.</source>
            <extracomment>Said under a storage fault in a form: nothing reached the database, and nothing typed is lost.</extracomment>
            <translation type="unfinished">Ni chadwyd dim; mae eich testun wedi'i gadw yma. Rhowch gynnig arall arni.</translation>
        </message>
        <message>
            <source>dd/mm/yyyy</source>
            <extracomment>The key a FormDialog adds (True) to the values it submits again after the user confirmed a risky step.</extracomment>
            <translation type="unfinished">dd/mm/bbbb</translation>
        </message>
        <message>
            <source>'{text}' is not a date; type it as dd/mm/yyyy, e.g. 19/12/2025</source>
            <translation type="unfinished">Nid yw '{text}' yn ddyddiad; teipiwch ef fel dd/mm/bbbb, e.e. 19/12/2025</translation>
        </message>
        <message>
            <source>{field}: {problem}</source>
            <translation type="unfinished">{field}: {problem}</translation>
        </message>
        <message>
            <source>Save</source>
            <extracomment>True from Save until the write has answered. Each field's own message, shown just under it when a save names that field.</extracomment>
            <translation type="unfinished">Cadw</translation>
        </message>
        <message>
            <source>Not saved: nothing has changed. Correct the form, or Save again and answer Yes to go ahead.</source>
            <translation type="unfinished">Heb ei gadw: does dim wedi newid. Cywirwch y ffurflen, neu Cadw eto ac ateb Iawn i fwrw ymlaen.</translation>
        </message>
        <message>
            <source>Not saved: something went wrong inside scpdesk. What you typed is still here; copy it somewhere safe if the problem repeats.</source>
            <translation type="unfinished">Heb ei gadw: aeth rhywbeth o'i le y tu mewn i scpdesk. Mae'r hyn a deipiwyd gennych yma o hyd; copïwch ef i rywle diogel os bydd y broblem yn digwydd eto.</translation>
        </message>
        <message>
            <source>{action}: are you sure?

{reasons}

Yes saves it and records in the audit that you confirmed it. No goes back to the form with nothing saved.</source>
            <translation type="unfinished">{action}: ydych chi'n siŵr?

{reasons}

Mae Ie yn ei gadw ac yn cofnodi yn yr archwiliad eich bod wedi'i gadarnhau. Mae Na yn mynd yn ôl i'r ffurflen heb gadw dim.</translation>
        </message>
    </context>
    <context>
        <name>GettingStarted</name>
        <message>
            <source>Agencies</source>
            <extracomment>Each step: its key, its words, what it is, and the Settings page that does it (its name there, and its words).</extracomment>
            <translation type="unfinished">Asiantaethau</translation>
        </message>
        <message>
            <source>the partnership's agencies, picked in referrals and meetings</source>
            <translation type="unfinished">asiantaethau'r bartneriaeth, a ddewisir mewn atgyfeiriadau a chyfarfodydd</translation>
        </message>
        <message>
            <source>People</source>
            <translation type="unfinished">Pobl</translation>
        </message>
        <message>
            <source>who chairs, attends and owns actions</source>
            <translation type="unfinished">pwy sy'n cadeirio, yn mynychu ac yn gyfrifol am gamau gweithredu</translation>
        </message>
        <message>
            <source>Closure days</source>
            <translation type="unfinished">Diwrnodau cau</translation>
        </message>
        <message>
            <source>the council's own closure days (every clock skips them)</source>
            <translation type="unfinished">diwrnodau cau'r cyngor ei hun (mae pob cloc yn eu hepgor)</translation>
        </message>
        <message>
            <source>Logo</source>
            <translation type="unfinished">Logo</translation>
        </message>
        <message>
            <source>the logo printed on packs and summaries</source>
            <translation type="unfinished">y logo a argraffir ar becynnau a chrynodebau</translation>
        </message>
        <message>
            <source>Partnership</source>
            <translation type="unfinished">Partneriaeth</translation>
        </message>
        <message>
            <source>Getting started</source>
            <extracomment>The kinds of change after which the checklist is read again. What the last read found (None until then).</extracomment>
            <translation type="unfinished">Dechrau arni</translation>
        </message>
        <message>
            <source>This database has no agencies or people yet, so intake and meeting forms have nothing to pick. Load a starter set: the partnership's three statutory partners (local authority, police, ICB) and one agency of each usual type — you check the names first.</source>
            <translation type="unfinished">Does dim asiantaethau na phobl yn y gronfa ddata hon eto, felly does dim i'w ddewis yn y ffurflenni derbyn a chyfarfod. Llwythwch set gychwynnol: tri phartner statudol y bartneriaeth (awdurdod lleol, heddlu, ICB) ac un asiantaeth o bob math arferol — rydych chi'n gwirio'r enwau yn gyntaf.</translation>
        </message>
        <message>
            <source>Load starter set…</source>
            <translation type="unfinished">Llwytho set gychwynnol…</translation>
        </message>
        <message>
            <source>Not now</source>
            <translation type="unfinished">Nid nawr</translation>
        </message>
        <message>
            <source>Set up:</source>
            <translation type="unfinished">Gosod:</translation>
        </message>
        <message>
            <source>Hide checklist</source>
            <translation type="unfinished">Cuddio'r rhestr wirio</translation>
        </message>
        <message>
            <source>✓ {step}</source>
            <translation type="unfinished">✓ {step}</translation>
        </message>
        <message>
            <source>○ {step}…</source>
            <translation type="unfinished">○ {step}…</translation>
        </message>
        <message>
            <source>{step}: done</source>
            <translation type="unfinished">{step}: wedi'i wneud</translation>
        </message>
        <message>
            <source>{step}: to do</source>
            <translation type="unfinished">{step}: i'w wneud</translation>
        </message>
        <message>
            <source>Done: {what}. Opens Settings → {page}.</source>
            <translation type="unfinished">Wedi'i wneud: {what}. Yn agor Gosodiadau → {page}.</translation>
        </message>
        <message>
            <source>To do: add {what}. Opens Settings → {page}.</source>
            <translation type="unfinished">I'w wneud: ychwanegu {what}. Yn agor Gosodiadau → {page}.</translation>
        </message>
        <message>
            <source>Load the starter set of agencies</source>
            <translation type="unfinished">Llwytho'r set gychwynnol o asiantaethau</translation>
        </message>
        <message>
            <source>Load</source>
            <translation type="unfinished">Llwytho</translation>
        </message>
        <message>
            <source>Check the names: the first three are the statutory partners. Clear a name to leave that agency out. Agencies can be renamed, added or retired later under Settings → Agencies.</source>
            <translation type="unfinished">Gwiriwch yr enwau: y tri cyntaf yw'r partneriaid statudol. Cliriwch enw i adael yr asiantaeth honno allan. Gellir ailenwi, ychwanegu neu ymddeol asiantaethau yn nes ymlaen o dan Gosodiadau → Asiantaethau.</translation>
        </message>
        <message numerus="yes">
            <source>Added %n agency</source>
            <translation type="unfinished">
                <numerusform>Ychwanegwyd %n asiantaeth</numerusform>
                <numerusform>Ychwanegwyd %n asiantaeth</numerusform>
                <numerusform>Ychwanegwyd %n asiantaeth</numerusform>
                <numerusform>Ychwanegwyd %n asiantaeth</numerusform>
                <numerusform>Ychwanegwyd %n asiantaeth</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Added %n agencies</source>
            <translation type="unfinished">
                <numerusform>Ychwanegwyd %n asiantaeth</numerusform>
                <numerusform>Ychwanegwyd %n asiantaeth</numerusform>
                <numerusform>Ychwanegwyd %n asiantaeth</numerusform>
                <numerusform>Ychwanegwyd %n asiantaeth</numerusform>
                <numerusform>Ychwanegwyd %n asiantaeth</numerusform>
            </translation>
        </message>
        <message>
            <source>No agency added</source>
            <translation type="unfinished">Ni ychwanegwyd asiantaeth</translation>
        </message>
        <message>
            <source>; already there: {agencies}</source>
            <translation type="unfinished">; yno eisoes: {agencies}</translation>
        </message>
        <message>
            <source>{said}.</source>
            <translation type="unfinished">{said}.</translation>
        </message>
    </context>
    <context>
        <name>Keyboard</name>
        <message>
            <source>{place} list</source>
            <extracomment>A mnemonic in a text: an ampersand before anything but another ampersand ("&amp;&amp;" is a literal "&amp;"). Set (True) on a tab widget whose tabs are reached by shortcuts of their own (the main window's Ctrl+1 to 4): its tabs take no letters from the buttons and fields on screen with them. Where a widget sits among pages of tabs and stacks: pairs of (stack, page index). The texts (one a line) a widget was given a mnemonic for by this module: such a mnemonic may move to another letter when one written into a text, or an enabled button, needs it.</extracomment>
            <translation type="unfinished">Rhestr {place}</translation>
        </message>
        <message>
            <source>{place} details</source>
            <translation type="unfinished">Manylion {place}</translation>
        </message>
        <message>
            <source>Saving…</source>
            <translation type="unfinished">Yn cadw…</translation>
        </message>
    </context>
    <context>
        <name>LibraryTab</name>
        <message>
            <source>All reviews</source>
            <translation type="unfinished">Pob adolygiad</translation>
        </message>
        <message>
            <source>Published (on the website)</source>
            <translation type="unfinished">Wedi'u cyhoeddi (ar y wefan)</translation>
        </message>
        <message>
            <source>Archived — available on request</source>
            <translation type="unfinished">Wedi'u harchifo — ar gael ar gais</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation type="unfinished">Ar y gweill</translation>
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
            <source>Type</source>
            <translation type="unfinished">Math</translation>
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished">Statws</translation>
        </message>
        <message>
            <source>Published</source>
            <translation type="unfinished">Cyhoeddwyd</translation>
        </message>
        <message>
            <source>On the website</source>
            <translation type="unfinished">Ar y wefan</translation>
        </message>
        <message>
            <source>Next clock due</source>
            <translation type="unfinished">Y cloc nesaf yn ddyledus</translation>
        </message>
        <message>
            <source>Overdue actions</source>
            <translation type="unfinished">Camau hwyr</translation>
        </message>
        <message>
            <source>Themes</source>
            <translation type="unfinished">Themâu</translation>
        </message>
        <message>
            <source>Search titles, summaries, learning, recommendations and themes…</source>
            <extracomment>A search shows its best matches this many at first, while the full ranked list is fetched.</extracomment>
            <translation type="unfinished">Chwilio teitlau, crynodebau, dysgu, argymhellion a themâu…</translation>
        </message>
        <message>
            <source>Search the library</source>
            <translation type="unfinished">Chwilio'r llyfrgell</translation>
        </message>
        <message>
            <source>New review…</source>
            <translation type="unfinished">Adolygiad newydd…</translation>
        </message>
        <message>
            <source>Import…</source>
            <translation type="unfinished">Mewnforio…</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation type="unfinished">Allforio…</translation>
        </message>
        <message>
            <source>Open actions…</source>
            <translation type="unfinished">Camau agored…</translation>
        </message>
        <message>
            <source>Themes…</source>
            <translation type="unfinished">Themâu…</translation>
        </message>
        <message>
            <source>Could not search the library: {error}</source>
            <translation type="unfinished">Methu chwilio'r llyfrgell: {error}</translation>
        </message>
        <message>
            <source>Could not load the library; see the log.</source>
            <translation type="unfinished">Methu llwytho'r llyfrgell; gweler y log.</translation>
        </message>
        <message>
            <source>{count} review</source>
            <translation type="unfinished">{count} adolygiad</translation>
        </message>
        <message>
            <source>{count}+ reviews</source>
            <translation type="unfinished">{count}+ adolygiad</translation>
        </message>
        <message>
            <source>{count} reviews</source>
            <translation type="unfinished">{count} adolygiad</translation>
        </message>
        <message>
            <source>{shown} of {total}</source>
            <translation type="unfinished">{shown} o {total}</translation>
        </message>
        <message>
            <source>No reviews yet — New review… records the first; Import… brings in a spreadsheet.</source>
            <translation type="unfinished">Dim adolygiadau eto — mae Adolygiad newydd… yn cofnodi'r cyntaf; mae Mewnforio… yn dod â thaenlen i mewn.</translation>
        </message>
        <message>
            <source>  ·  matching “{words}”, best match first</source>
            <translation type="unfinished">  ·  yn cyfateb i “{words}”, y cyfatebiad gorau yn gyntaf</translation>
        </message>
        <message>
            <source>All themes</source>
            <translation type="unfinished">Pob thema</translation>
        </message>
        <message>
            <source>{theme} ({count})</source>
            <translation type="unfinished">{theme} ({count})</translation>
        </message>
        <message>
            <source>Choosing another review loses what you typed in {form}.</source>
            <translation type="unfinished">Bydd dewis adolygiad arall yn colli'r hyn a deipiwyd gennych yn {form}.</translation>
        </message>
        <message>
            <source>Pseudonym (e.g. Child N)</source>
            <translation type="unfinished">Ffugenw (e.e. Child N)</translation>
        </message>
        <message>
            <source>Partnership(s)</source>
            <translation type="unfinished">Partneriaeth(au)</translation>
        </message>
        <message>
            <source>Reviewer</source>
            <translation type="unfinished">Adolygydd</translation>
        </message>
        <message>
            <source>Decision date</source>
            <translation type="unfinished">Dyddiad y penderfyniad</translation>
        </message>
        <message>
            <source>Summary (pseudonyms only)</source>
            <translation type="unfinished">Crynodeb (ffugenwau yn unig)</translation>
        </message>
        <message>
            <source>New review</source>
            <translation type="unfinished">Adolygiad newydd</translation>
        </message>
        <message>
            <source>Import reviews</source>
            <translation type="unfinished">Mewnforio adolygiadau</translation>
        </message>
        <message>
            <source>Spreadsheets (*.csv *.xlsx)</source>
            <translation type="unfinished">Taenlenni (*.csv *.xlsx)</translation>
        </message>
        <message>
            <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv);;PDF (*.pdf)</source>
            <translation type="unfinished">Llyfr gwaith Excel (*.xlsx);;CSV, UTF-8 (*.csv);;PDF (*.pdf)</translation>
        </message>
        <message numerus="yes">
            <source>Imported %n review from {file}.</source>
            <translation type="unfinished">
                <numerusform>Mewnforiwyd %n adolygiad o {file}.</numerusform>
                <numerusform>Mewnforiwyd %n adolygiad o {file}.</numerusform>
                <numerusform>Mewnforiwyd %n adolygiad o {file}.</numerusform>
                <numerusform>Mewnforiwyd %n adolygiad o {file}.</numerusform>
                <numerusform>Mewnforiwyd %n adolygiad o {file}.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Imported %n reviews from {file}.</source>
            <translation type="unfinished">
                <numerusform>Mewnforiwyd %n adolygiad o {file}.</numerusform>
                <numerusform>Mewnforiwyd %n adolygiad o {file}.</numerusform>
                <numerusform>Mewnforiwyd %n adolygiad o {file}.</numerusform>
                <numerusform>Mewnforiwyd %n adolygiad o {file}.</numerusform>
                <numerusform>Mewnforiwyd %n adolygiad o {file}.</numerusform>
            </translation>
        </message>
        <message>
            <source>Export reviews</source>
            <translation type="unfinished">Allforio adolygiadau</translation>
        </message>
        <message numerus="yes">
            <source>Exported %n review to {file}.</source>
            <translation type="unfinished">
                <numerusform>Allforiwyd %n adolygiad i {file}.</numerusform>
                <numerusform>Allforiwyd %n adolygiad i {file}.</numerusform>
                <numerusform>Allforiwyd %n adolygiad i {file}.</numerusform>
                <numerusform>Allforiwyd %n adolygiad i {file}.</numerusform>
                <numerusform>Allforiwyd %n adolygiad i {file}.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Exported %n reviews to {file}.</source>
            <translation type="unfinished">
                <numerusform>Allforiwyd %n adolygiad i {file}.</numerusform>
                <numerusform>Allforiwyd %n adolygiad i {file}.</numerusform>
                <numerusform>Allforiwyd %n adolygiad i {file}.</numerusform>
                <numerusform>Allforiwyd %n adolygiad i {file}.</numerusform>
                <numerusform>Allforiwyd %n adolygiad i {file}.</numerusform>
            </translation>
        </message>
        <message>
            <source>Export open actions</source>
            <translation type="unfinished">Allforio camau agored</translation>
        </message>
        <message numerus="yes">
            <source>Exported %n open action to {file}.</source>
            <translation type="unfinished">
                <numerusform>Allforiwyd %n cam agored i {file}.</numerusform>
                <numerusform>Allforiwyd %n cam agored i {file}.</numerusform>
                <numerusform>Allforiwyd %n cam agored i {file}.</numerusform>
                <numerusform>Allforiwyd %n cam agored i {file}.</numerusform>
                <numerusform>Allforiwyd %n cam agored i {file}.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Exported %n open actions to {file}.</source>
            <translation type="unfinished">
                <numerusform>Allforiwyd %n cam agored i {file}.</numerusform>
                <numerusform>Allforiwyd %n cam agored i {file}.</numerusform>
                <numerusform>Allforiwyd %n cam agored i {file}.</numerusform>
                <numerusform>Allforiwyd %n cam agored i {file}.</numerusform>
                <numerusform>Allforiwyd %n cam agored i {file}.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ListTab</name>
        <message>
            <source>Search…</source>
            <extracomment>True when a change concerned this tab while it was not on screen: it reloads when shown. Kinds of change (see ``Changes``) after which this tab reloads.</extracomment>
            <translation type="unfinished">Chwilio…</translation>
        </message>
        <message>
            <source>Search this list</source>
            <extracomment>The translation context of ``search_placeholder`` (the subclass's module's). Column key and order used until the user picks another (then the saved layout wins). True while a reload runs in the background. A record to select once the next reload shows it (e.g. the one just created).</extracomment>
            <translation type="unfinished">Chwilio'r rhestr hon</translation>
        </message>
        <message numerus="yes">
            <source>%n record</source>
            <extracomment>Buttons a subclass adds (New, Import, Export…) sit left of the search box. Filter widgets a subclass adds sit on their own row under the summary.</extracomment>
            <translation type="unfinished">
                <numerusform>%n cofnod</numerusform>
                <numerusform>%n cofnod</numerusform>
                <numerusform>%n cofnod</numerusform>
                <numerusform>%n cofnod</numerusform>
                <numerusform>%n cofnod</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n records</source>
            <translation type="unfinished">
                <numerusform>%n cofnod</numerusform>
                <numerusform>%n cofnod</numerusform>
                <numerusform>%n cofnod</numerusform>
                <numerusform>%n cofnod</numerusform>
                <numerusform>%n cofnod</numerusform>
            </translation>
        </message>
        <message>
            <source>Could not reload: {error}</source>
            <translation type="unfinished">Methu ail-lwytho: {error}</translation>
        </message>
        <message>
            <source>Could not reload the list; see the log.</source>
            <translation type="unfinished">Methu ail-lwytho'r rhestr; gweler y log.</translation>
        </message>
    </context>
    <context>
        <name>LoadingPanel</name>
        <message>
            <source>The record could not be shown: {error}</source>
            <extracomment>What a panel says when its record could not be read, by its ``noun`` (with the reason, and without).</extracomment>
            <translation type="unfinished">Methu dangos y cofnod: {error}</translation>
        </message>
        <message>
            <source>The record could not be shown.</source>
            <translation type="unfinished">Methu dangos y cofnod.</translation>
        </message>
        <message>
            <source>The meeting could not be shown: {error}</source>
            <translation type="unfinished">Methu dangos y cyfarfod: {error}</translation>
        </message>
        <message>
            <source>The meeting could not be shown.</source>
            <translation type="unfinished">Methu dangos y cyfarfod.</translation>
        </message>
        <message>
            <source>The review could not be shown: {error}</source>
            <translation type="unfinished">Methu dangos yr adolygiad: {error}</translation>
        </message>
        <message>
            <source>The review could not be shown.</source>
            <translation type="unfinished">Methu dangos yr adolygiad.</translation>
        </message>
        <message>
            <source>Loading…</source>
            <extracomment>The key of the panel's read (one per panel: a newer choice drops an older read's result). What the panel shows, for messages ("meeting", "review"). The record last asked for (on screen once its read arrives; ``shown_id`` is the one on screen). True from a choice until its screen is shown (or its read failed).</extracomment>
            <translation type="unfinished">Yn llwytho…</translation>
        </message>
    </context>
    <context>
        <name>LockScreen</name>
        <message>
            <source>scpdesk is locked</source>
            <extracomment>Input a locked window must not pass to what is behind the lock screen.</extracomment>
            <translation type="unfinished">Mae scpdesk wedi'i gloi</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation type="unfinished">Datgloi</translation>
        </message>
        <message>
            <source>Lock the computer</source>
            <translation type="unfinished">Cloi'r cyfrifiadur</translation>
        </message>
        <message>
            <source>Close scpdesk</source>
            <translation type="unfinished">Cau scpdesk</translation>
        </message>
        <message numerus="yes">
            <source>Records are hidden after %n minute without use, or when you lock scpdesk. Forms you had open keep what you typed.</source>
            <translation type="unfinished">
                <numerusform>Caiff cofnodion eu cuddio ar ôl %n munud heb ddefnydd, neu pan fyddwch yn cloi scpdesk. Mae ffurflenni a oedd ar agor yn cadw'r hyn a deipiwyd gennych.</numerusform>
                <numerusform>Caiff cofnodion eu cuddio ar ôl %n munud heb ddefnydd, neu pan fyddwch yn cloi scpdesk. Mae ffurflenni a oedd ar agor yn cadw'r hyn a deipiwyd gennych.</numerusform>
                <numerusform>Caiff cofnodion eu cuddio ar ôl %n munud heb ddefnydd, neu pan fyddwch yn cloi scpdesk. Mae ffurflenni a oedd ar agor yn cadw'r hyn a deipiwyd gennych.</numerusform>
                <numerusform>Caiff cofnodion eu cuddio ar ôl %n munud heb ddefnydd, neu pan fyddwch yn cloi scpdesk. Mae ffurflenni a oedd ar agor yn cadw'r hyn a deipiwyd gennych.</numerusform>
                <numerusform>Caiff cofnodion eu cuddio ar ôl %n munud heb ddefnydd, neu pan fyddwch yn cloi scpdesk. Mae ffurflenni a oedd ar agor yn cadw'r hyn a deipiwyd gennych.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Records are hidden after %n minutes without use, or when you lock scpdesk. Forms you had open keep what you typed.</source>
            <translation type="unfinished">
                <numerusform>Caiff cofnodion eu cuddio ar ôl %n munud heb ddefnydd, neu pan fyddwch yn cloi scpdesk. Mae ffurflenni a oedd ar agor yn cadw'r hyn a deipiwyd gennych.</numerusform>
                <numerusform>Caiff cofnodion eu cuddio ar ôl %n munud heb ddefnydd, neu pan fyddwch yn cloi scpdesk. Mae ffurflenni a oedd ar agor yn cadw'r hyn a deipiwyd gennych.</numerusform>
                <numerusform>Caiff cofnodion eu cuddio ar ôl %n munud heb ddefnydd, neu pan fyddwch yn cloi scpdesk. Mae ffurflenni a oedd ar agor yn cadw'r hyn a deipiwyd gennych.</numerusform>
                <numerusform>Caiff cofnodion eu cuddio ar ôl %n munud heb ddefnydd, neu pan fyddwch yn cloi scpdesk. Mae ffurflenni a oedd ar agor yn cadw'r hyn a deipiwyd gennych.</numerusform>
                <numerusform>Caiff cofnodion eu cuddio ar ôl %n munud heb ddefnydd, neu pan fyddwch yn cloi scpdesk. Mae ffurflenni a oedd ar agor yn cadw'r hyn a deipiwyd gennych.</numerusform>
            </translation>
        </message>
        <message>
            <source>No unlock passphrase is set on this PC, so scpdesk cannot check who is back. Lock the computer, or close scpdesk (unsaved typing is lost). Set one with File → Set unlock passphrase… to unlock here next time.</source>
            <translation type="unfinished">Does dim cyfrinymadrodd datgloi wedi'i osod ar y cyfrifiadur hwn, felly ni all scpdesk wirio pwy sydd yn ôl. Cloi'r cyfrifiadur, neu gau scpdesk (collir teipio heb ei gadw). Gosodwch un gyda Ffeil → Gosod cyfrinymadrodd datgloi… i ddatgloi yma y tro nesaf.</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation type="unfinished">Yn gwirio…</translation>
        </message>
        <message>
            <source>Not right {failures} times: next try in {seconds} s.</source>
            <translation type="unfinished">Anghywir {failures} gwaith: y cynnig nesaf ymhen {seconds} e.</translation>
        </message>
        <message>
            <source>That is not right. Try again.</source>
            <translation type="unfinished">Nid yw hynny'n gywir. Rhowch gynnig arall arni.</translation>
        </message>
        <message>
            <source>This computer cannot be locked from scpdesk: lock it from its own menu.</source>
            <extracomment>A typed secret was checked (True: it unlocked). The user chose translate("LockScreen", "Close scpdesk") on the lock screen. Where a typed secret is checked (a server login or a key derivation takes long): the window's runner. True while a typed secret is being checked (another try waits for its answer).</extracomment>
            <translation type="unfinished">Ni ellir cloi'r cyfrifiadur hwn o scpdesk: clowch ef o'i ddewislen ei hun.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Today</source>
            <translation type="unfinished">Heddiw</translation>
        </message>
        <message>
            <source>Referrals</source>
            <translation type="unfinished">Atgyfeiriadau</translation>
        </message>
        <message>
            <source>Rapid Review Panel</source>
            <translation type="unfinished">Panel Adolygu Cyflym</translation>
        </message>
        <message>
            <source>Review Library</source>
            <translation type="unfinished">Llyfrgell Adolygiadau</translation>
        </message>
        <message>
            <source>User: {user}</source>
            <extracomment>Where a ``RecordLink.tab`` is (its index in TAB_TITLES). The window's language in the user's settings (this computer's settings file: one user's preference). The library's first view as ids (rows are fetched as they are shown), its theme counts and total. Only the referral list's first page was read (:meth:`first_page`): how many referrals there are in all; the rest of them, the meetings and the library are loaded in the background once it shows. The partnership's idle-lock minutes (None: not readable, the default applies). Rows read for the first screen (the same as a start's early read: ``first_page.FIRST_PAGE_ROWS``). Emitted once, after the window's first paint: heavy start-up work waits for it so that the window appears at once (a worker importing the database layer would otherwise hold up the first paint). Emitted once, after the referral list has first been painted with rows from :meth:`show_first_page` (the database is opened after it, so that its imports never hold up that paint). The shared server became unreachable (False) or reachable again (True); emitted from any thread. How often the window tries the server again while it is unreachable (ms). How long closing waits for the saves under way (ms) before it stays open and says so. How often who has which records offline is read again (ms). The window built in this one's place (a change of language); None while this one is the window. Where the local file's backups are (File → Restore…); None: no restore from this window. A runner given may already be at work (a start reads its first page while the window is built). What is due across everything: the first screen. "Offline copy of SERVER, taken DATE (by WHO)…" over everything, while the database is an offline copy. The first start's offer and checklist, above the tabs while something is still to set up.
----------
Who has which records offline is read again this often (a record's line and warning use the last read). Reminders of items newly overdue or due tomorrow (tray, or the status bar): owed once the database is open (see attach), then hourly and each new day.</extracomment>
            <translation type="unfinished">Defnyddiwr: {user}</translation>
        </message>
        <message>
            <source>Server unreachable — retrying</source>
            <translation type="unfinished">Methu cyrraedd y gweinydd — yn ceisio eto</translation>
        </message>
        <message>
            <source>User: {user} ({role})</source>
            <translation type="unfinished">Defnyddiwr: {user} ({role})</translation>
        </message>
        <message>
            <source>Your account may do everything in scpdesk.</source>
            <translation type="unfinished">Caiff eich cyfrif wneud popeth yn scpdesk.</translation>
        </message>
        <message>
            <source>Could not load: {error}</source>
            <translation type="unfinished">Methu llwytho: {error}</translation>
        </message>
        <message>
            <source>Could not load the list; see the log.</source>
            <translation type="unfinished">Methu llwytho'r rhestr; gweler y log.</translation>
        </message>
        <message>
            <source>Only an offline copy is synced back: open the copy (scpdesk --database FILE) and sync it from there.</source>
            <translation type="unfinished">Dim ond copi all-lein sy'n cael ei gysoni'n ôl: agorwch y copi (scpdesk --database FFEIL) a'i gysoni oddi yno.</translation>
        </message>
        <message>
            <source>Copy a meeting, your cases or chosen referrals to this computer, to work on them without the network.</source>
            <translation type="unfinished">Copïo cyfarfod, eich achosion neu atgyfeiriadau dewisol i'r cyfrifiadur hwn, i weithio arnynt heb y rhwydwaith.</translation>
        </message>
        <message>
            <source>Apply what you changed here to {server}, conflicts chosen by you.</source>
            <translation type="unfinished">Rhoi'r hyn a newidiwyd gennych yma ar {server}, gyda chi'n dewis mewn gwrthdaro.</translation>
        </message>
        <message>
            <source>Unlock passphrase</source>
            <translation type="unfinished">Cyfrinymadrodd datgloi</translation>
        </message>
        <message>
            <source>Current unlock passphrase:</source>
            <translation type="unfinished">Y cyfrinymadrodd datgloi presennol:</translation>
        </message>
        <message>
            <source>That is not right.</source>
            <translation type="unfinished">Nid yw hynny'n gywir.</translation>
        </message>
        <message>
            <source>New unlock passphrase (at least 8 characters):</source>
            <translation type="unfinished">Cyfrinymadrodd datgloi newydd (o leiaf 8 nod):</translation>
        </message>
        <message>
            <source>Type it again:</source>
            <translation type="unfinished">Teipiwch ef eto:</translation>
        </message>
        <message>
            <source>The two differ; nothing changed.</source>
            <translation type="unfinished">Mae'r ddau'n wahanol; ni newidiwyd dim.</translation>
        </message>
        <message>
            <source>Unlock passphrase set.</source>
            <translation type="unfinished">Gosodwyd y cyfrinymadrodd datgloi.</translation>
        </message>
        <message>
            <source>Database — {database} (opening…)</source>
            <translation type="unfinished">Cronfa ddata — {database} (yn agor…)</translation>
        </message>
        <message>
            <source>Database — {database}</source>
            <translation type="unfinished">Cronfa ddata — {database}</translation>
        </message>
        <message>
            <source>scpdesk — {database}</source>
            <translation type="unfinished">scpdesk — {database}</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation type="unfinished">&amp;Ffeil</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation type="unfinished">A&amp;dnewyddu</translation>
        </message>
        <message>
            <source>E&amp;xit</source>
            <translation type="unfinished">Gada&amp;el</translation>
        </message>
        <message>
            <source>&amp;Settings…</source>
            <translation type="unfinished">&amp;Gosodiadau…</translation>
        </message>
        <message>
            <source>&amp;Take offline…</source>
            <translation type="unfinished">C&amp;ymryd all-lein…</translation>
        </message>
        <message>
            <source>S&amp;ync back to the server…</source>
            <translation type="unfinished">Cy&amp;soni'n ôl â'r gweinydd…</translation>
        </message>
        <message>
            <source>Restore from a &amp;backup…</source>
            <translation type="unfinished">Adfer o gopi &amp;wrth gefn…</translation>
        </message>
        <message>
            <source>&amp;Lock now</source>
            <translation type="unfinished">&amp;Cloi nawr</translation>
        </message>
        <message>
            <source>Set &amp;unlock passphrase…</source>
            <translation type="unfinished">Gosod cyfrinymadrodd da&amp;tgloi…</translation>
        </message>
        <message>
            <source>&amp;Go</source>
            <translation type="unfinished">&amp;Mynd</translation>
        </message>
        <message>
            <source>&amp;Find in this list</source>
            <translation type="unfinished">&amp;Chwilio yn y rhestr hon</translation>
        </message>
        <message>
            <source>&amp;Export this list…</source>
            <translation type="unfinished">&amp;Allforio'r rhestr hon…</translation>
        </message>
        <message>
            <source>&amp;New referral…</source>
            <translation type="unfinished">Atgyfeiriad &amp;newydd…</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation type="unfinished">&amp;Cymorth</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation type="unfinished">&amp;Llwybrau byr y bysellfwrdd</translation>
        </message>
        <message>
            <source>&amp;About scpdesk</source>
            <translation type="unfinished">&amp;Ynghylch scpdesk</translation>
        </message>
        <message>
            <source>Lan&amp;guage / Iaith</source>
            <translation type="unfinished">&amp;Iaith / Language</translation>
        </message>
        <message>
            <source>Changing the language builds the window again: that loses what you changed in {forms}.</source>
            <translation type="unfinished">Mae newid yr iaith yn adeiladu'r ffenestr eto: bydd hynny'n colli'r hyn a newidiwyd gennych yn {forms}.</translation>
        </message>
        <message>
            <source>A change is still being saved: choose the language again in a moment.</source>
            <translation type="unfinished">Mae newid yn dal i gael ei gadw: dewiswch yr iaith eto mewn munud.</translation>
        </message>
        <message>
            <source>Could not load the lists; File → Refresh tries again.</source>
            <translation type="unfinished">Methu llwytho'r rhestrau; mae Ffeil → Adnewyddu yn ceisio eto.</translation>
        </message>
        <message>
            <source>The partnership's fi&amp;gures…</source>
            <translation type="unfinished">&amp;Ffigurau'r bartneriaeth…</translation>
        </message>
        <message>
            <source>The database is still opening.</source>
            <translation type="unfinished">Mae'r gronfa ddata'n dal i agor.</translation>
        </message>
        <message>
            <source>Nothing to export on this tab.</source>
            <translation type="unfinished">Dim i'w allforio ar y tab hwn.</translation>
        </message>
        <message>
            <source>Export</source>
            <translation type="unfinished">Allforio</translation>
        </message>
        <message>
            <source>&amp;Print or build pack…</source>
            <translation type="unfinished">&amp;Argraffu neu baratoi pecyn…</translation>
        </message>
        <message>
            <source>Choose a meeting first: Ctrl+P builds its meeting pack.</source>
            <translation type="unfinished">Dewiswch gyfarfod yn gyntaf: mae Ctrl+P yn paratoi pecyn y cyfarfod.</translation>
        </message>
        <message>
            <source>Build the chosen meeting's pack (PDF).</source>
            <translation type="unfinished">Paratoi pecyn y cyfarfod a ddewiswyd (PDF).</translation>
        </message>
        <message>
            <source>Choose a review first: Ctrl+P writes its learning summary (PDF).</source>
            <translation type="unfinished">Dewiswch adolygiad yn gyntaf: mae Ctrl+P yn ysgrifennu ei grynodeb dysgu (PDF).</translation>
        </message>
        <message>
            <source>Write the chosen review's learning summary (PDF).</source>
            <translation type="unfinished">Ysgrifennu crynodeb dysgu'r adolygiad a ddewiswyd (PDF).</translation>
        </message>
        <message>
            <source>No referrals are shown: nothing to print.</source>
            <translation type="unfinished">Does dim atgyfeiriadau i'w gweld: dim i'w argraffu.</translation>
        </message>
        <message>
            <source>Print the referral list as shown (PDF, pseudonyms only).</source>
            <translation type="unfinished">Argraffu'r rhestr atgyfeiriadau fel y'i dangosir (PDF, ffugenwau yn unig).</translation>
        </message>
        <message>
            <source>Nothing to print here.</source>
            <translation type="unfinished">Dim i'w argraffu yma.</translation>
        </message>
        <message>
            <source>The meeting is still loading: press Ctrl+P again in a moment.</source>
            <translation type="unfinished">Mae'r cyfarfod yn dal i lwytho: pwyswch Ctrl+P eto mewn munud.</translation>
        </message>
        <message>
            <source>The review is still loading: press Ctrl+P again in a moment.</source>
            <translation type="unfinished">Mae'r adolygiad yn dal i lwytho: pwyswch Ctrl+P eto mewn munud.</translation>
        </message>
        <message>
            <source>Ctrl+Enter — Save the form</source>
            <translation type="unfinished">Ctrl+Enter — Cadw'r ffurflen</translation>
        </message>
        <message>
            <source>Tab / Shift+Tab — Next / previous field</source>
            <translation type="unfinished">Tab / Shift+Tab — Y maes nesaf / blaenorol</translation>
        </message>
        <message>
            <source>Arrow keys — Move within a list</source>
            <translation type="unfinished">Bysellau saeth — Symud o fewn rhestr</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation type="unfinished">Llwybrau byr y bysellfwrdd</translation>
        </message>
        <message>
            <source>New referral</source>
            <translation type="unfinished">Atgyfeiriad newydd</translation>
        </message>
        <message>
            <source>{what} is not available now.</source>
            <translation type="unfinished">Nid yw {what} ar gael nawr.</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation type="unfinished">Adfer</translation>
        </message>
        <message>
            <source>A shared server is restored by IT staff with pg_restore (see the README, 'Shared server'), with everyone's scpdesk closed.</source>
            <translation type="unfinished">Staff TG sy'n adfer gweinydd a rennir gyda pg_restore (gweler y README, 'Shared server'), gyda scpdesk pawb ar gau.</translation>
        </message>
        <message>
            <source>Restore failed</source>
            <translation type="unfinished">Methodd yr adfer</translation>
        </message>
        <message>
            <source>{error}

The database was not replaced.</source>
            <translation type="unfinished">{error}

Ni ddisodlwyd y gronfa ddata.</translation>
        </message>
        <message>
            <source>Restored from {backup}. The replaced file was kept as {previous}.</source>
            <translation type="unfinished">Adferwyd o {backup}. Cadwyd y ffeil a ddisodlwyd fel {previous}.</translation>
        </message>
        <message>
            <source>Restored from {backup}.</source>
            <translation type="unfinished">Adferwyd o {backup}.</translation>
        </message>
        <message>
            <source>That item has no page to open.</source>
            <translation type="unfinished">Does gan yr eitem honno ddim tudalen i'w hagor.</translation>
        </message>
        <message>
            <source>The list's filters were cleared to show the record.</source>
            <translation type="unfinished">Cliriwyd hidlwyr y rhestr i ddangos y cofnod.</translation>
        </message>
        <message>
            <source>That record is not in the list shown (closed or removed since?): File → Refresh reloads the list.</source>
            <translation type="unfinished">Nid yw'r cofnod hwnnw yn y rhestr a ddangosir (wedi'i gau neu ei ddileu ers hynny?): mae Ffeil → Adnewyddu yn ail-lwytho'r rhestr.</translation>
        </message>
        <message>
            <source>not connected</source>
            <translation type="unfinished">heb gysylltu</translation>
        </message>
        <message>
            <source>“{title}”</source>
            <translation type="unfinished">“{title}”</translation>
        </message>
        <message>
            <source>Closing scpdesk loses what you changed in {forms}.</source>
            <translation type="unfinished">Bydd cau scpdesk yn colli'r hyn a newidiwyd gennych yn {forms}.</translation>
        </message>
        <message>
            <source>A change is still being saved to the database. scpdesk stays open until it has finished: close it again in a moment.</source>
            <translation type="unfinished">Mae newid yn dal i gael ei gadw yn y gronfa ddata. Bydd scpdesk yn aros ar agor nes iddo orffen: caewch ef eto mewn munud.</translation>
        </message>
    </context>
    <context>
        <name>NextSteps</name>
        <message>
            <source>&amp;More</source>
            <translation type="unfinished">&amp;Rhagor</translation>
        </message>
        <message>
            <source>More steps</source>
            <translation type="unfinished">Rhagor o gamau</translation>
        </message>
    </context>
    <context>
        <name>Ops</name>
        <message>
            <source>The file was not written: {error}</source>
            <translation type="unfinished">Ni ysgrifennwyd y ffeil: {error}</translation>
        </message>
    </context>
    <context>
        <name>People</name>
        <message>
            <source>— none —</source>
            <extracomment>The picker's first option: nobody named (the agency alone owns it, as before people could be named).</extracomment>
            <translation type="unfinished">— neb —</translation>
        </message>
        <message>
            <source>{name} (left)</source>
            <translation type="unfinished">{name} (wedi gadael)</translation>
        </message>
        <message>
            <source>Type part of a name to find the person; their agency follows. — none — names nobody.</source>
            <translation type="unfinished">Teipiwch ran o enw i ddod o hyd i'r person; daw ei asiantaeth gydag ef. Nid yw — neb — yn enwi neb.</translation>
        </message>
        <message>
            <source>'{text}' is not in the directory list; choose a person from it (more than one matches), or — none —</source>
            <translation type="unfinished">Nid yw '{text}' yn rhestr y cyfeiriadur; dewiswch berson ohoni (mae mwy nag un yn cyfateb), neu — neb —</translation>
        </message>
        <message>
            <source>'{text}' is not in the directory list; choose a person from it, or — none —</source>
            <translation type="unfinished">Nid yw '{text}' yn rhestr y cyfeiriadur; dewiswch berson ohoni, neu — neb —</translation>
        </message>
    </context>
    <context>
        <name>Printing</name>
        <message>
            <source>matching “{words}”</source>
            <translation type="unfinished">yn cyfateb i “{words}”</translation>
        </message>
        <message>
            <source>Sorted by {column}, ascending.</source>
            <translation type="unfinished">Wedi'u trefnu yn ôl {column}, yn esgynnol.</translation>
        </message>
        <message>
            <source>Sorted by {column}, descending.</source>
            <translation type="unfinished">Wedi'u trefnu yn ôl {column}, yn ddisgynnol.</translation>
        </message>
        <message>
            <source>Shown: {filters}.</source>
            <translation type="unfinished">Yn cael eu dangos: {filters}.</translation>
        </message>
        <message>
            <source>Every referral.</source>
            <translation type="unfinished">Pob atgyfeiriad.</translation>
        </message>
        <message>
            <source>Print the referral list</source>
            <translation type="unfinished">Argraffu'r rhestr atgyfeiriadau</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation type="unfinished">PDF (*.pdf)</translation>
        </message>
        <message>
            <source>The list was not printed</source>
            <translation type="unfinished">Ni argraffwyd y rhestr</translation>
        </message>
    </context>
    <context>
        <name>ReferralDialog</name>
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
            <source>Known</source>
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
            <source>Female</source>
            <translation type="unfinished">Benyw</translation>
        </message>
        <message>
            <source>Male</source>
            <translation type="unfinished">Gwryw</translation>
        </message>
        <message>
            <source>Not known</source>
            <translation type="unfinished">Anhysbys</translation>
        </message>
        <message>
            <source>None</source>
            <translation type="unfinished">Dim</translation>
        </message>
        <message>
            <source>Child in need</source>
            <translation type="unfinished">Plentyn mewn angen</translation>
        </message>
        <message>
            <source>CP plan</source>
            <translation type="unfinished">Cynllun amddiffyn plant</translation>
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
            <source>Subject</source>
            <translation type="unfinished">Gwrthrych</translation>
        </message>
        <message>
            <source>Sibling</source>
            <translation type="unfinished">Brawd neu chwaer</translation>
        </message>
        <message>
            <source>Other child</source>
            <translation type="unfinished">Plentyn arall</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation type="unfinished">Cyfeirnod</translation>
        </message>
        <message>
            <source>Received</source>
            <translation type="unfinished">Derbyniwyd</translation>
        </message>
        <message>
            <source>Incident date</source>
            <translation type="unfinished">Dyddiad y digwyddiad</translation>
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
            <source>Safeguarding lead approval date</source>
            <translation type="unfinished">Dyddiad cymeradwyo'r arweinydd diogelu</translation>
        </message>
        <message>
            <source>Child {number} pseudonym</source>
            <translation type="unfinished">Ffugenw plentyn {number}</translation>
        </message>
        <message>
            <source>Agencies involved</source>
            <translation type="unfinished">Asiantaethau dan sylw</translation>
        </message>
        <message>
            <source>Children</source>
            <translation type="unfinished">Plant</translation>
        </message>
        <message>
            <source>Child {number} date of birth</source>
            <translation type="unfinished">Dyddiad geni plentyn {number}</translation>
        </message>
        <message>
            <source>Child {number} age</source>
            <translation type="unfinished">Oedran plentyn {number}</translation>
        </message>
        <message>
            <source>e.g. Child N</source>
            <translation type="unfinished">e.e. Child N</translation>
        </message>
        <message>
            <source>e.g. Child N{number}</source>
            <translation type="unfinished">e.e. Child N{number}</translation>
        </message>
        <message>
            <source>e.g. under 1</source>
            <translation type="unfinished">e.e. dan 1</translation>
        </message>
        <message>
            <source>Remove child &amp;{number}</source>
            <translation type="unfinished">Tynnu plentyn &amp;{number}</translation>
        </message>
        <message>
            <source>Remove child {number}</source>
            <translation type="unfinished">Tynnu plentyn {number}</translation>
        </message>
        <message>
            <source>Remove child {number} from the form (Alt+{number}, or Delete on this button); the children after it move up with what was typed for them.</source>
            <translation type="unfinished">Tynnu plentyn {number} o'r ffurflen (Alt+{number}, neu Delete ar y botwm hwn); mae'r plant ar ei ôl yn symud i fyny gyda'r hyn a deipiwyd ar eu cyfer.</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation type="unfinished">Dyddiad geni</translation>
        </message>
        <message>
            <source>NHS no.</source>
            <translation type="unfinished">Rhif GIG</translation>
        </message>
        <message>
            <source>Child {number}</source>
            <translation type="unfinished">Plentyn {number}</translation>
        </message>
        <message>
            <source>Address</source>
            <translation type="unfinished">Cyfeiriad</translation>
        </message>
        <message>
            <source>New referral</source>
            <extracomment>The child's inputs, in the order ``state`` gives their values.</extracomment>
            <translation type="unfinished">Atgyfeiriad newydd</translation>
        </message>
        <message>
            <source>Referral</source>
            <extracomment>True from Save until the write has answered (DiscardGuard then refuses Cancel and Escape). The messages shown beside the date fields (by field name). Each date field and the cell it sits in with its message (its label is the date's buddy).</extracomment>
            <translation type="unfinished">Atgyfeiriad</translation>
        </message>
        <message>
            <source>e.g. NSCP-2026-019</source>
            <translation type="unfinished">e.e. NSCP-2026-019</translation>
        </message>
        <message>
            <source>Reference *</source>
            <translation type="unfinished">Cyfeirnod *</translation>
        </message>
        <message>
            <source>Received *</source>
            <translation type="unfinished">Derbyniwyd *</translation>
        </message>
        <message>
            <source>Route requested</source>
            <translation type="unfinished">Y llwybr y gofynnwyd amdano</translation>
        </message>
        <message>
            <source>Reason for referral</source>
            <translation type="unfinished">Rheswm dros atgyfeirio</translation>
        </message>
        <message>
            <source>Summary (pseudonyms only)</source>
            <translation type="unfinished">Crynodeb (ffugenwau yn unig)</translation>
        </message>
        <message>
            <source>Referrer and approval</source>
            <translation type="unfinished">Atgyfeiriwr a chymeradwyaeth</translation>
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished">Enw</translation>
        </message>
        <message>
            <source>Role</source>
            <translation type="unfinished">Rôl</translation>
        </message>
        <message>
            <source>Agency</source>
            <translation type="unfinished">Asiantaeth</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation type="unfinished">Cyswllt</translation>
        </message>
        <message>
            <source>on</source>
            <translation type="unfinished">ar</translation>
        </message>
        <message>
            <source>Safeguarding lead approval</source>
            <translation type="unfinished">Cymeradwyaeth yr arweinydd diogelu</translation>
        </message>
        <message>
            <source>Incident and awareness (these dates start the statutory clocks)</source>
            <translation type="unfinished">Digwyddiad ac ymwybyddiaeth (mae'r dyddiadau hyn yn cychwyn y clociau statudol)</translation>
        </message>
        <message>
            <source>same as LA</source>
            <translation type="unfinished">yr un fath â'r ALl</translation>
        </message>
        <message>
            <source>Type</source>
            <translation type="unfinished">Math</translation>
        </message>
        <message>
            <source>Abuse or neglect</source>
            <translation type="unfinished">Cam-drin neu esgeulustod</translation>
        </message>
        <message>
            <source>Children (pseudonyms only: up to four per notification)</source>
            <translation type="unfinished">Plant (ffugenwau yn unig: hyd at bedwar ym mhob hysbysiad)</translation>
        </message>
        <message>
            <source>Pseudonym *</source>
            <translation type="unfinished">Ffugenw *</translation>
        </message>
        <message>
            <source>Age</source>
            <translation type="unfinished">Oedran</translation>
        </message>
        <message>
            <source>Age band</source>
            <translation type="unfinished">Band oedran</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation type="unfinished">Rhyw</translation>
        </message>
        <message>
            <source>Legal status now</source>
            <translation type="unfinished">Statws cyfreithiol nawr</translation>
        </message>
        <message>
            <source>In last 6 months</source>
            <translation type="unfinished">Yn y 6 mis diwethaf</translation>
        </message>
        <message>
            <source>RESTRICTED — real identity. Never shown in lists, exports or published outputs.</source>
            <translation type="unfinished">CYFYNGEDIG — hunaniaeth go iawn. Ni chaiff ei dangos byth mewn rhestrau, allforion na chyhoeddiadau.</translation>
        </message>
        <message>
            <source>&amp;Add a child</source>
            <translation type="unfinished">&amp;Ychwanegu plentyn</translation>
        </message>
        <message>
            <source>RESTRICTED — real identity. {reason}</source>
            <translation type="unfinished">CYFYNGEDIG — hunaniaeth go iawn. {reason}</translation>
        </message>
        <message>
            <source>Is this a pseudonym?</source>
            <translation type="unfinished">Ai ffugenw yw hwn?</translation>
        </message>
        <message>
            <source>'{pseudonym}' looks like a real name. Lists, exports and published outputs show the pseudonym. Is it the agreed pseudonym?

Choose No to change it (the real name belongs in the restricted section).</source>
            <translation type="unfinished">Mae '{pseudonym}' yn edrych fel enw go iawn. Mae rhestrau, allforion a chyhoeddiadau yn dangos y ffugenw. Ai hwn yw'r ffugenw a gytunwyd?

Dewiswch Na i'w newid (mae'r enw go iawn yn perthyn yn yr adran gyfyngedig).</translation>
        </message>
    </context>
    <context>
        <name>ReferralsTab</name>
        <message>
            <source>Choose a referral above to see its clocks and next steps.</source>
            <extracomment>What the referral's detail says, on one line, while no referral is chosen.</extracomment>
            <translation type="unfinished">Dewiswch atgyfeiriad uchod i weld ei glociau a'r camau nesaf.</translation>
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
        <message>
            <source>{days} late</source>
            <translation type="unfinished">{days} yn hwyr</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation type="unfinished">Cyfeirnod</translation>
        </message>
        <message>
            <source>Child (pseudonym)</source>
            <translation type="unfinished">Plentyn (ffugenw)</translation>
        </message>
        <message>
            <source>State</source>
            <translation type="unfinished">Cyflwr</translation>
        </message>
        <message>
            <source>Due</source>
            <translation type="unfinished">Erbyn</translation>
        </message>
        <message>
            <source>Working days left</source>
            <translation type="unfinished">Diwrnodau gwaith ar ôl</translation>
        </message>
        <message>
            <source>Next clock</source>
            <translation type="unfinished">Y cloc nesaf</translation>
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished">Statws</translation>
        </message>
        <message>
            <source>Route</source>
            <translation type="unfinished">Llwybr</translation>
        </message>
        <message>
            <source>Received</source>
            <translation type="unfinished">Derbyniwyd</translation>
        </message>
        <message>
            <source>Search reference, pseudonym, status, agency…</source>
            <extracomment>agenda_item: minutes and decisions recorded at a meeting show in the open case's Meetings and history.</extracomment>
            <translation type="unfinished">Chwilio cyfeirnod, ffugenw, statws, asiantaeth…</translation>
        </message>
        <message>
            <source>New referral…</source>
            <translation type="unfinished">Atgyfeiriad newydd…</translation>
        </message>
        <message>
            <source>Import…</source>
            <translation type="unfinished">Mewnforio…</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation type="unfinished">Allforio…</translation>
        </message>
        <message>
            <source>Show statuses</source>
            <translation type="unfinished">Dangos statwsau</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation type="unfinished">Pob statws</translation>
        </message>
        <message>
            <source>Show routes</source>
            <translation type="unfinished">Dangos llwybrau</translation>
        </message>
        <message>
            <source>All routes</source>
            <translation type="unfinished">Pob llwybr</translation>
        </message>
        <message>
            <source>Not screened</source>
            <translation type="unfinished">Heb ei sgrinio</translation>
        </message>
        <message>
            <source>Show agencies</source>
            <translation type="unfinished">Dangos asiantaethau</translation>
        </message>
        <message>
            <source>All agencies</source>
            <extracomment>The chosen referral's panel, built when first wanted (a start shows the list before it: see ``detail``). The list reloads for a change the panel made and has already reloaded itself for (see show_rows).</extracomment>
            <translation type="unfinished">Pob asiantaeth</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation type="unfinished">Hwyr</translation>
        </message>
        <message>
            <source>Due this week</source>
            <translation type="unfinished">Erbyn yr wythnos hon</translation>
        </message>
        <message numerus="yes">
            <source>The %n most urgent referrals of {total}  ·  opening the database…</source>
            <extracomment>Changes to these alone are to referrals whose rows the write returned (``ReferralScreen.list_row``).</extracomment>
            <translation type="unfinished">
                <numerusform>Y %n atgyfeiriad mwyaf brys o {total}  ·  yn agor y gronfa ddata…</numerusform>
                <numerusform>Y %n atgyfeiriad mwyaf brys o {total}  ·  yn agor y gronfa ddata…</numerusform>
                <numerusform>Y %n atgyfeiriad mwyaf brys o {total}  ·  yn agor y gronfa ddata…</numerusform>
                <numerusform>Y %n atgyfeiriad mwyaf brys o {total}  ·  yn agor y gronfa ddata…</numerusform>
                <numerusform>Y %n atgyfeiriad mwyaf brys o {total}  ·  yn agor y gronfa ddata…</numerusform>
            </translation>
        </message>
        <message>
            <source>{referrals}  ·  opening the database…</source>
            <translation type="unfinished">{referrals}  ·  yn agor y gronfa ddata…</translation>
        </message>
        <message numerus="yes">
            <source>The %n most urgent referrals of {total}  ·  loading the rest…</source>
            <translation type="unfinished">
                <numerusform>Y %n atgyfeiriad mwyaf brys o {total}  ·  yn llwytho'r gweddill…</numerusform>
                <numerusform>Y %n atgyfeiriad mwyaf brys o {total}  ·  yn llwytho'r gweddill…</numerusform>
                <numerusform>Y %n atgyfeiriad mwyaf brys o {total}  ·  yn llwytho'r gweddill…</numerusform>
                <numerusform>Y %n atgyfeiriad mwyaf brys o {total}  ·  yn llwytho'r gweddill…</numerusform>
                <numerusform>Y %n atgyfeiriad mwyaf brys o {total}  ·  yn llwytho'r gweddill…</numerusform>
            </translation>
        </message>
        <message>
            <source>No referrals yet — Ctrl+N records the first one (or Import… brings in a spreadsheet).</source>
            <translation type="unfinished">Dim atgyfeiriadau eto — mae Ctrl+N yn cofnodi'r cyntaf (neu mae Mewnforio… yn dod â thaenlen i mewn).</translation>
        </message>
        <message>
            <source>{referrals}  ·  {overdue} overdue  ·  {this_week} due this week  (by each referral's next clock)</source>
            <translation type="unfinished">{referrals}  ·  {overdue} yn hwyr  ·  {this_week} erbyn yr wythnos hon  (yn ôl cloc nesaf pob atgyfeiriad)</translation>
        </message>
        <message>
            <source>  ·  {missing} without the LA-aware date</source>
            <translation type="unfinished">  ·  {missing} heb ddyddiad ymwybyddiaeth yr ALl</translation>
        </message>
        <message>
            <source>Import referrals</source>
            <translation type="unfinished">Mewnforio atgyfeiriadau</translation>
        </message>
        <message>
            <source>Spreadsheets (*.csv *.xlsx)</source>
            <translation type="unfinished">Taenlenni (*.csv *.xlsx)</translation>
        </message>
        <message>
            <source>Export referrals</source>
            <translation type="unfinished">Allforio atgyfeiriadau</translation>
        </message>
        <message>
            <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
            <translation type="unfinished">Llyfr gwaith Excel (*.xlsx);;CSV, UTF-8 (*.csv)</translation>
        </message>
        <message numerus="yes">
            <source>Imported %n referral from {file}.</source>
            <translation type="unfinished">
                <numerusform>Mewnforiwyd %n atgyfeiriad o {file}.</numerusform>
                <numerusform>Mewnforiwyd %n atgyfeiriad o {file}.</numerusform>
                <numerusform>Mewnforiwyd %n atgyfeiriad o {file}.</numerusform>
                <numerusform>Mewnforiwyd %n atgyfeiriad o {file}.</numerusform>
                <numerusform>Mewnforiwyd %n atgyfeiriad o {file}.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Imported %n referrals from {file}.</source>
            <translation type="unfinished">
                <numerusform>Mewnforiwyd %n atgyfeiriad o {file}.</numerusform>
                <numerusform>Mewnforiwyd %n atgyfeiriad o {file}.</numerusform>
                <numerusform>Mewnforiwyd %n atgyfeiriad o {file}.</numerusform>
                <numerusform>Mewnforiwyd %n atgyfeiriad o {file}.</numerusform>
                <numerusform>Mewnforiwyd %n atgyfeiriad o {file}.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Exported %n referral to {file} (pseudonyms only).</source>
            <translation type="unfinished">
                <numerusform>Allforiwyd %n atgyfeiriad i {file} (ffugenwau yn unig).</numerusform>
                <numerusform>Allforiwyd %n atgyfeiriad i {file} (ffugenwau yn unig).</numerusform>
                <numerusform>Allforiwyd %n atgyfeiriad i {file} (ffugenwau yn unig).</numerusform>
                <numerusform>Allforiwyd %n atgyfeiriad i {file} (ffugenwau yn unig).</numerusform>
                <numerusform>Allforiwyd %n atgyfeiriad i {file} (ffugenwau yn unig).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Exported %n referrals to {file} (pseudonyms only).</source>
            <translation type="unfinished">
                <numerusform>Allforiwyd %n atgyfeiriad i {file} (ffugenwau yn unig).</numerusform>
                <numerusform>Allforiwyd %n atgyfeiriad i {file} (ffugenwau yn unig).</numerusform>
                <numerusform>Allforiwyd %n atgyfeiriad i {file} (ffugenwau yn unig).</numerusform>
                <numerusform>Allforiwyd %n atgyfeiriad i {file} (ffugenwau yn unig).</numerusform>
                <numerusform>Allforiwyd %n atgyfeiriad i {file} (ffugenwau yn unig).</numerusform>
            </translation>
        </message>
        <message>
            <source>Meeting</source>
            <extracomment>Changes that move the meeting list (the rest can only move the open meeting's case items).</extracomment>
            <translation type="unfinished">Cyfarfod</translation>
        </message>
        <message>
            <source>Date</source>
            <translation type="unfinished">Dyddiad</translation>
        </message>
        <message>
            <source>Time</source>
            <translation type="unfinished">Amser</translation>
        </message>
        <message>
            <source>Place</source>
            <translation type="unfinished">Lleoliad</translation>
        </message>
        <message>
            <source>Chair</source>
            <translation type="unfinished">Cadeirydd</translation>
        </message>
        <message>
            <source>Agenda items</source>
            <translation type="unfinished">Eitemau agenda</translation>
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
            <source>Quorate</source>
            <translation type="unfinished">Cworwm</translation>
        </message>
        <message>
            <source>The local authority, police and ICB must each be represented</source>
            <translation type="unfinished">Rhaid i'r awdurdod lleol, yr heddlu a'r ICB i gyd gael eu cynrychioli</translation>
        </message>
        <message>
            <source>Search meetings…</source>
            <translation type="unfinished">Chwilio cyfarfodydd…</translation>
        </message>
        <message>
            <source>New meeting…</source>
            <translation type="unfinished">Cyfarfod newydd…</translation>
        </message>
        <message>
            <source>No meetings yet — New meeting… plans the first Rapid Review Panel or QA&amp;S group.</source>
            <extracomment>A change moved the meeting list while the tab was hidden (else only the open meeting is owed).</extracomment>
            <translation type="unfinished">Dim cyfarfodydd eto — mae Cyfarfod newydd… yn cynllunio'r Panel Adolygu Cyflym neu'r grŵp SA&amp;D cyntaf.</translation>
        </message>
        <message numerus="yes">
            <source>%n meeting</source>
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
        <message>
            <source>{meetings}  ·  {upcoming} upcoming</source>
            <translation type="unfinished">{meetings}  ·  {upcoming} i ddod</translation>
        </message>
        <message>
            <source>  ·  next: {kind}, {date}</source>
            <translation type="unfinished">  ·  nesaf: {kind}, {date}</translation>
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
            <source>Members</source>
            <translation type="unfinished">Aelodau</translation>
        </message>
        <message>
            <source>New meeting</source>
            <translation type="unfinished">Cyfarfod newydd</translation>
        </message>
    </context>
    <context>
        <name>Reminders</name>
        <message>
            <source>scpdesk: {reminder}</source>
            <extracomment>The user clicked the notification: show the Today view. The text of each reminder shown (for tests and the log's count). How long a reminder stays in the status bar (the database's name is under it). A check is owed by the next list shown (the first, the hourly one, the new day's).</extracomment>
            <translation type="unfinished">scpdesk: {reminder}</translation>
        </message>
        <message>
            <source>Click to see them on the Today view.</source>
            <translation type="unfinished">Cliciwch i'w gweld ar y golwg Heddiw.</translation>
        </message>
        <message>
            <source>Reminder: {reminder} — Ctrl+1 shows them on the Today view.</source>
            <translation type="unfinished">Nodyn atgoffa: {reminder} — mae Ctrl+1 yn eu dangos ar y golwg Heddiw.</translation>
        </message>
    </context>
    <context>
        <name>RestoreDialog</name>
        <message>
            <source>Restore from a backup</source>
            <extracomment>How many of the newest backups are listed (older ones are reached with translate("RestoreDialog", "Other file…")).</extracomment>
            <translation type="unfinished">Adfer o gopi wrth gefn</translation>
        </message>
        <message>
            <source>The database file {file} is missing. scpdesk has not created an empty one in its place.

Choose a backup to restore (newest first):</source>
            <translation type="unfinished">Mae ffeil y gronfa ddata {file} ar goll. Nid yw scpdesk wedi creu un wag yn ei lle.

Dewiswch gopi wrth gefn i'w adfer (y mwyaf diweddar yn gyntaf):</translation>
        </message>
        <message>
            <source>Choose a backup to restore (newest first). The current database is backed up first, then replaced: changes made after the backup will not be in the restored database (they stay in the backup of the current file).</source>
            <translation type="unfinished">Dewiswch gopi wrth gefn i'w adfer (y mwyaf diweddar yn gyntaf). Caiff y gronfa ddata bresennol ei chadw wrth gefn yn gyntaf, yna ei disodli: ni fydd newidiadau a wnaed ar ôl y copi wrth gefn yn y gronfa ddata a adferir (maent yn aros yn y copi wrth gefn o'r ffeil bresennol).</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation type="unfinished">Adfer</translation>
        </message>
        <message>
            <source>Other file…</source>
            <translation type="unfinished">Ffeil arall…</translation>
        </message>
        <message>
            <source>Start an empty database</source>
            <translation type="unfinished">Dechrau cronfa ddata wag</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation type="unfinished">Gadael</translation>
        </message>
        <message>
            <source>Choose a backup</source>
            <translation type="unfinished">Dewis copi wrth gefn</translation>
        </message>
        <message>
            <source>scpdesk backups (*.sqlite3);;All files (*)</source>
            <translation type="unfinished">Copïau wrth gefn scpdesk (*.sqlite3);;Pob ffeil (*)</translation>
        </message>
    </context>
    <context>
        <name>TableModel</name>
        <message>
            <source>Yes</source>
            <extracomment>(ui.i18n's alias: that module imports this one)</extracomment>
            <translation type="unfinished">Ie</translation>
        </message>
        <message>
            <source>No</source>
            <translation type="unfinished">Na</translation>
        </message>
    </context>
    <context>
        <name>ThemesDialog</name>
        <message>
            <source>Themes</source>
            <translation type="unfinished">Themâu</translation>
        </message>
        <message>
            <source>Theme</source>
            <translation type="unfinished">Thema</translation>
        </message>
        <message>
            <source>Reviews</source>
            <translation type="unfinished">Adolygiadau</translation>
        </message>
        <message>
            <source>Retired</source>
            <translation type="unfinished">Wedi ymddeol</translation>
        </message>
        <message>
            <source>Add…</source>
            <translation type="unfinished">Ychwanegu…</translation>
        </message>
        <message>
            <source>Rename…</source>
            <translation type="unfinished">Ailenwi…</translation>
        </message>
        <message>
            <source>Merge into…</source>
            <translation type="unfinished">Cyfuno â…</translation>
        </message>
        <message>
            <source>Retire</source>
            <translation type="unfinished">Ymddeol</translation>
        </message>
        <message>
            <source>Add a theme</source>
            <translation type="unfinished">Ychwanegu thema</translation>
        </message>
        <message>
            <source>Choose a theme first.</source>
            <translation type="unfinished">Dewiswch thema yn gyntaf.</translation>
        </message>
        <message>
            <source>Rename the theme</source>
            <translation type="unfinished">Ailenwi'r thema</translation>
        </message>
        <message>
            <source>New name</source>
            <translation type="unfinished">Enw newydd</translation>
        </message>
        <message>
            <source>Choose the theme to merge away first.</source>
            <translation type="unfinished">Dewiswch y thema i'w chyfuno yn gyntaf.</translation>
        </message>
        <message>
            <source>Merge “{theme}”</source>
            <translation type="unfinished">Cyfuno “{theme}”</translation>
        </message>
        <message>
            <source>Into</source>
            <translation type="unfinished">I mewn i</translation>
        </message>
        <message>
            <source>Every review and rapid review with this theme gets the chosen theme instead; this theme is then retired (its history is kept).</source>
            <translation type="unfinished">Mae pob adolygiad ac adolygiad cyflym sydd â'r thema hon yn cael y thema a ddewiswyd yn ei lle; yna caiff y thema hon ei hymddeol (cedwir ei hanes).</translation>
        </message>
    </context>
    <context>
        <name>Widgets</name>
        <message>
            <source>Import</source>
            <extracomment>The kind of record shown, as offline check-outs name it ("referral", "meeting", "review"): someone holding the record shown offline is said under its header, and warned of before any change (None: not checked). True when a record is chosen (the detail opens), False when none is (one hint line): the list's splitter (:func:`list_over_detail`) gives the list the space. Only the header's hint line shows (nothing chosen). Who has the record shown offline, and since when (None: nobody, or not known yet); see check_hold. "Offline with NAME since DATE" (placed under the header by each panel; hidden while nobody has it). Marks the widgets the hint line hid (shown again when a record is chosen; each keeps its own mark, so a widget deleted meanwhile is simply gone).</extracomment>
            <translation type="unfinished">Mewnforio</translation>
        </message>
        <message>
            <source>Nothing was imported</source>
            <translation type="unfinished">Ni fewnforiwyd dim</translation>
        </message>
        <message>
            <source>{error}

Nothing was imported. Correct the file and import it again.</source>
            <translation type="unfinished">{error}

Ni fewnforiwyd dim. Cywirwch y ffeil a'i mewnforio eto.</translation>
        </message>
        <message>
            <source>Export</source>
            <translation type="unfinished">Allforio</translation>
        </message>
        <message>
            <source>Export failed</source>
            <translation type="unfinished">Methodd yr allforio</translation>
        </message>
    </context>
</TS>
