<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB" sourcelanguage="en_GB">
    <context>
        <name>SettingsValues</name>
        <message>
            <source>Partnership name in Welsh</source>
            <translation type="unfinished">Enw'r bartneriaeth yn Gymraeg</translation>
        </message>
        <message>
            <source>The partnership's full name in Welsh, printed on Welsh and bilingual learning summaries and briefings (e.g. Partneriaeth Diogelu Plant Gogledd-sir). Those are refused until it is given.</source>
            <translation type="unfinished">Enw llawn y bartneriaeth yn Gymraeg, a argraffir ar grynodebau dysgu a sesiynau briffio Cymraeg a dwyieithog (e.e. Partneriaeth Diogelu Plant Gogledd-sir). Caiff y rheini eu gwrthod nes iddo gael ei roi.</translation>
        </message>
        <message>
            <source>Language printed first in bilingual documents</source>
            <translation type="unfinished">Yr iaith a argraffir gyntaf mewn dogfennau dwyieithog</translation>
        </message>
        <message>
            <source>Which language comes first (on the left, or before the other) in a bilingual learning summary or briefing. By nation: Welsh first under the Wales rule set, as Welsh public bodies publish.</source>
            <translation type="unfinished">Pa iaith sy'n dod gyntaf (ar y chwith, neu cyn y llall) mewn crynodeb dysgu neu sesiwn friffio ddwyieithog. Yn ôl y genedl: y Gymraeg yn gyntaf o dan reolau Cymru, fel y mae cyrff cyhoeddus Cymru yn cyhoeddi.</translation>
        </message>
        <message>
            <source>By nation (Welsh first in Wales)</source>
            <extracomment>The choices of ``bilingual_first``: stored value and what the settings screen shows.</extracomment>
            <translation type="unfinished">Yn ôl y genedl (Cymraeg yn gyntaf yng Nghymru)</translation>
        </message>
        <message>
            <source>Welsh first</source>
            <translation type="unfinished">Cymraeg yn gyntaf</translation>
        </message>
        <message>
            <source>English first</source>
            <translation type="unfinished">Saesneg yn gyntaf</translation>
        </message>
    </context>
    <context>
        <name>WelshSummaryDialog</name>
        <message>
            <source>Title</source>
            <extracomment>Each field of the Welsh text, with its title (in the order the documents print them).</extracomment>
            <translation type="unfinished">Teitl</translation>
        </message>
        <message>
            <source>About this review</source>
            <translation type="unfinished">Ynglŷn â'r adolygiad hwn</translation>
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
            <source>Key learning (one point per line)</source>
            <translation type="unfinished">Dysgu allweddol (un pwynt ar bob llinell)</translation>
        </message>
        <message>
            <source>What this means for practice</source>
            <translation type="unfinished">Beth mae hyn yn ei olygu i ymarfer</translation>
        </message>
        <message>
            <source>Reflective questions (one per line)</source>
            <translation type="unfinished">Cwestiynau i fyfyrio arnynt (un ar bob llinell)</translation>
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
            <source>Actions of the plan (one per line, in the same order)</source>
            <translation type="unfinished">Camau gweithredu'r cynllun (un ar bob llinell, yn yr un drefn)</translation>
        </message>
        <message>
            <source>Themes (one per line, in the same order)</source>
            <translation type="unfinished">Themâu (un ar bob llinell, yn yr un drefn)</translation>
        </message>
        <message>
            <source>English</source>
            <extracomment>Lines each box shows at rest. The export languages as the bar offers them: (value, words).</extracomment>
            <translation type="unfinished">Saesneg</translation>
        </message>
        <message>
            <source>Cymraeg (Welsh)</source>
            <translation type="unfinished">Cymraeg</translation>
        </message>
        <message>
            <source>Bilingual: Welsh and English</source>
            <translation type="unfinished">Dwyieithog: Cymraeg a Saesneg</translation>
        </message>
        <message>
            <source>Side by side</source>
            <translation type="unfinished">Ochr yn ochr</translation>
        </message>
        <message>
            <source>One after the other</source>
            <translation type="unfinished">Y naill ar ôl y llall</translation>
        </message>
        <message>
            <source>Welsh text…</source>
            <extracomment>What an exported file's suggested name gets for each language.</extracomment>
            <translation type="unfinished">Testun Cymraeg…</translation>
        </message>
        <message>
            <source>Type the Welsh of each section beside its English</source>
            <translation type="unfinished">Teipiwch Gymraeg pob adran wrth ymyl ei Saesneg</translation>
        </message>
        <message>
            <source>Docum&amp;ent language</source>
            <translation type="unfinished">Iaith y dogf&amp;en</translation>
        </message>
        <message>
            <source>La&amp;yout</source>
            <translation type="unfinished">C&amp;ynllun</translation>
        </message>
        <message>
            <source>Welsh text of the learning summary: {reference}</source>
            <translation type="unfinished">Testun Cymraeg y crynodeb dysgu: {reference}</translation>
        </message>
        <message>
            <source>Type the Welsh of each section in the right-hand box. The English is edited on the review's Learning summary tab. A Welsh or bilingual document is refused while a section has English but no Welsh. The pseudonym, agencies and dates are printed as they are.</source>
            <translation type="unfinished">Teipiwch Gymraeg pob adran yn y blwch ar y dde. Caiff y Saesneg ei golygu ar dab Crynodeb dysgu yr adolygiad. Caiff dogfen Gymraeg neu ddwyieithog ei gwrthod tra bo gan adran Saesneg ond dim Cymraeg. Caiff y ffugenw, yr asiantaethau a'r dyddiadau eu hargraffu fel y maent.</translation>
        </message>
        <message>
            <source>The partnership's name in Welsh is not set: Welsh and bilingual documents are refused until it is entered in Settings (Partnership).</source>
            <translation type="unfinished">Nid yw enw'r bartneriaeth yn Gymraeg wedi'i osod: caiff dogfennau Cymraeg a dwyieithog eu gwrthod nes iddo gael ei nodi yn y Gosodiadau (Partneriaeth).</translation>
        </message>
        <message>
            <source>The English of these sections changed after their Welsh was written; check that the Welsh still says the same: {sections}.</source>
            <translation type="unfinished">Newidiodd Saesneg yr adrannau hyn ar ôl ysgrifennu eu Cymraeg; gwiriwch fod y Gymraeg yn dal i ddweud yr un peth: {sections}.</translation>
        </message>
        <message>
            <source>{section}, English</source>
            <translation type="unfinished">{section}, Saesneg</translation>
        </message>
        <message>
            <source>{section}, Welsh</source>
            <translation type="unfinished">{section}, Cymraeg</translation>
        </message>
        <message>
            <source>Save Welsh text</source>
            <translation type="unfinished">Cadw'r testun Cymraeg</translation>
        </message>
        <message>
            <source>{section} — no Welsh yet</source>
            <translation type="unfinished">{section} — dim Cymraeg eto</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation type="unfinished">Wedi'i gadw.</translation>
        </message>
        <message>
            <source>Still without Welsh: {sections}.</source>
            <translation type="unfinished">Dal heb Gymraeg: {sections}.</translation>
        </message>
        <message>
            <source>Not saved: something went wrong inside scpdesk. What you typed is still here.</source>
            <translation type="unfinished">Heb ei gadw: aeth rhywbeth o'i le y tu mewn i scpdesk. Mae'r hyn a deipiwyd gennych yma o hyd.</translation>
        </message>
        <message>
            <source>Saving…</source>
            <translation type="unfinished">Wrthi'n cadw…</translation>
        </message>
        <message>
            <source>{mine}

--- saved by {who} ---
{theirs}</source>
            <translation type="unfinished">{mine}

--- cadwyd gan {who} ---
{theirs}</translation>
        </message>
        <message>
            <source>someone else</source>
            <translation type="unfinished">rhywun arall</translation>
        </message>
        <message>
            <source>Both of you changed: {sections} — their text is shown below yours; keep what is right, then save.</source>
            <translation type="unfinished">Newidiodd y ddau ohonoch: {sections} — mae eu testun nhw i'w weld o dan eich un chi; dewiswch yr hyn sy'n gywir, yna cadwch.</translation>
        </message>
        <message>
            <source>Their other changes are shown; save to add yours.</source>
            <translation type="unfinished">Mae eu newidiadau eraill i'w gweld; cadwch i ychwanegu eich rhai chi.</translation>
        </message>
    </context>
</TS>
